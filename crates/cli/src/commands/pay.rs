//! `sonic pay`: payment links (EIP-681) read, made (with a QR code) and paid.

use serde_json::json;
use sonic_types::{
    checksum, format_units,
    host::LinkResolveArgs,
    parse_units,
    payreq::{LinkAmount, LinkToken},
    NATIVE_DECIMALS, U256,
};

use super::{plan::confirm_plan, remote::Backend, Ctx, RECEIPT_WAIT};
use crate::{args::PayCmd, Fail};

/// Runs one `sonic pay` command.
pub(crate) async fn run(cx: &Ctx, cmd: PayCmd) -> Result<(), Fail> {
    // Reading a link needs no wallet: it works beside a host, or with none.
    if let PayCmd::Parse { uri, resolve: false } = &cmd {
        return parse(cx, Resolve::No, uri).await;
    }
    let engine = cx.engine()?;
    match cmd {
        PayCmd::Parse { uri, .. } => parse(cx, Resolve::Engine(&engine), &uri).await,
        PayCmd::Request { amount, token, qr } => {
            let uri = engine.payment_request_uri(amount.as_deref(), token.as_deref()).await?;
            if let Some(path) = &qr {
                write_qr_png(&uri, path)?;
            }
            cx.print(json!({"uri": uri, "qr": qr}), || uri.clone())
        }
        PayCmd::Open { uri, yes } => {
            let plan = engine.plan_link(&uri).await?;
            let r = confirm_plan(cx, &engine, &plan, yes, Some(RECEIPT_WAIT)).await?;
            // The same line as a send's ("confirmed in block 7: 0x…"; was `"confirmed": 0x…`).
            super::chain::print_sent(cx, &r)
        }
    }
}

/// Prints a link as written (no network); with an engine to resolve it, also its
/// asset's symbol and decimals and the amount in base units, or why they could not be
/// found.
/// Who resolves a link's asset and amount, if anyone.
pub(super) enum Resolve<'a> {
    /// Nobody: the link as written.
    No,
    /// This process's engine.
    Engine(&'a sonic_engine::Engine),
    /// The wallet's host (the same engine call).
    Host(&'a Backend),
}

pub(super) async fn parse(cx: &Ctx, resolve: Resolve<'_>, uri: &str) -> Result<(), Fail> {
    let link = sonic_types::payreq::parse_link(uri).map_err(|e| sonic_engine::Error::Invalid(e.to_string()))?;
    let (token, token_symbol) = match &link.token {
        LinkToken::Native => (None, None),
        LinkToken::Address(a) => (Some(checksum(a)), None),
        LinkToken::Symbol(s) => (None, Some(s.clone())),
    };
    // Base units as given, or from a decimal amount of S (whose decimals are known).
    let (raw, amount) = match &link.amount {
        None => (None, None),
        Some(LinkAmount::Raw(v)) => (Some(*v), None),
        Some(LinkAmount::Decimal(d)) => {
            let native = matches!(link.token, LinkToken::Native);
            (native.then(|| parse_units(d, NATIVE_DECIMALS).ok()).flatten(), Some(d.clone()))
        }
    };
    let mut v = json!({"chain_id": link.chain_id, "to": checksum(&link.to), "token": token,
                       "raw": raw.map(|r| r.to_string())});
    if let Some(s) = &token_symbol {
        v["token_symbol"] = json!(s);
    }
    if let Some(a) = &amount {
        v["amount"] = json!(a);
    }
    let asset = token.clone().or(token_symbol.clone()).map(|t| format!("token {t}")).unwrap_or_else(|| "S".into());
    let given = match (&amount, raw) {
        (Some(a), _) => a.clone(),
        (None, Some(r)) if token.is_none() && token_symbol.is_none() => format_units(r, NATIVE_DECIMALS),
        (None, Some(r)) => format!("{r} base units of"),
        (None, None) => "(amount not given)".into(),
    };
    let mut text = format!(
        "pay {given} {asset} to {}{}",
        checksum(&link.to),
        link.chain_id.map(|c| format!(" on chain {c}")).unwrap_or_default()
    );
    let resolved = match resolve {
        Resolve::No => None,
        Resolve::Engine(engine) => Some(
            engine
                .resolve_link(uri)
                .await
                .map(|r| (r.token, r.raw, r.symbol, r.decimals))
                .map_err(|e| sonic_types::IpcError::from(e).message),
        ),
        Resolve::Host(b) => {
            Some(b.call(&LinkResolveArgs { uri: uri.to_string() }).await.map_err(|e| e.message).and_then(|r| {
                let raw = r.raw.map(|x| x.parse::<U256>().map_err(|e| e.to_string())).transpose()?;
                Ok((r.token, raw, r.symbol, r.decimals))
            }))
        }
    };
    match resolved {
        None => {}
        Some(Ok((token, raw, symbol, decimals))) => {
            v["resolved"] = json!(true);
            v["token"] = json!(token.map(|t| checksum(&t)));
            v["symbol"] = json!(symbol);
            v["decimals"] = json!(decimals);
            v["raw"] = json!(raw.map(|x| x.to_string()));
            v["amount"] = json!(raw.map(|x| format_units(x, decimals)));
            text.push_str(&format!(
                "\nresolved: {} {}",
                raw.map(|x| format_units(x, decimals)).unwrap_or_else(|| "(amount not given)".into()),
                symbol
            ));
        }
        Some(Err(reason)) => {
            v["resolved"] = json!(false);
            v["reason"] = json!(reason);
            text.push_str(&format!("\nnot resolved: {reason}"));
        }
    }
    cx.print(v, || text)
}

/// Writes a QR code PNG (8 pixels per module, black on white).
pub(super) fn write_qr_png(text: &str, path: &std::path::Path) -> Result<(), Fail> {
    let (width, modules) =
        sonic_types::qr::qr_modules(text).ok_or_else(|| Fail::op("the link is too long for a QR code".into()))?;
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
            }
        }
    }
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| Fail::op(e.to_string()))?;
        w.write_image_data(&pixels).map_err(|e| Fail::op(e.to_string()))?;
    }
    sonic_engine::fsutil::atomic_write(path, &bytes).map_err(|e| Fail::op(e.to_string()))
}
