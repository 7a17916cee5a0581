//! `sonic pay`: payment links (EIP-681) read, made (with a QR code) and paid.

use serde_json::json;
use sonic_types::checksum;

use super::{plan::confirm_plan, Ctx, RECEIPT_WAIT};
use crate::{args::PayCmd, Fail};

/// Runs one `sonic pay` command.
pub(crate) async fn run(cx: &Ctx, cmd: PayCmd) -> Result<(), Fail> {
    let engine = cx.engine()?;
    match cmd {
        PayCmd::Parse { uri } => {
            let r = engine.resolve_link(&uri).await?;
            cx.print(
                json!({"chain_id": r.chain_id, "to": r.to, "token": r.token.map(|t| checksum(&t)), "raw": r.raw.map(|v| v.to_string())}),
                || {
                    format!(
                        "pay {} {} to {}{}",
                        r.raw.map(|v| v.to_string()).unwrap_or_else(|| "(amount not given)".into()),
                        r.token
                            .map(|t| format!("base units of token {}", checksum(&t)))
                            .unwrap_or_else(|| "wei of S".into()),
                        r.to,
                        r.chain_id.map(|c| format!(" on chain {c}")).unwrap_or_default()
                    )
                },
            )
        }
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
            let status = serde_json::to_value(r.status).unwrap_or_default();
            cx.print(json!({"hash": r.hash, "status": status, "block": r.block}), || format!("{status}: {}", r.hash))
        }
    }
}

/// Writes a QR code PNG (8 pixels per module, black on white).
fn write_qr_png(text: &str, path: &std::path::Path) -> Result<(), Fail> {
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
