//! Diagnostics: the app's health for a bug report. RPC latency and errors per
//! endpoint, chain head, watcher cursor and lag, cache ages, versions, data directory;
//! "Copy report" copies it as text (scrubbed: endpoints are scheme and host only).

use sonic_types::{dto::DiagnosticsReport, ipc::DiagnosticsArgs, redact::scrub};
use yew::prelude::*;

use crate::{
    components::{copy::CopyButton, ErrorLine},
    hooks::use_command,
};

/// A number of seconds as a short age: `12 s`, `3 min`, `2 h`, `4 d`.
pub(crate) fn age(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min", secs / 60),
        3600..=86_399 => format!("{} h", secs / 3600),
        _ => format!("{} d", secs / 86_400),
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "unknown".into(), |v| v.to_string())
}

/// Microseconds as milliseconds with one decimal: `0.4 ms`, `120.0 ms`.
fn ms(v: Option<u64>) -> String {
    v.map_or_else(|| "-".into(), |us| format!("{}.{} ms", us / 1000, us % 1000 / 100))
}

/// The report as text, for "Copy report"; passed through `scrub` once more.
pub(crate) fn report_text(r: &DiagnosticsReport) -> String {
    let mut out = format!(
        "Smart Sonic {} (engine {})\nNetwork: {} (chain {})\nData directory: {}\nHead: {}{}\nWatcher cursor: {}\nHead lag: {}\nBalances cache age: {}\nPrice cache age: {}\nEndpoints:\n",
        r.app_version,
        r.engine_version,
        r.network,
        r.chain_id,
        r.data_dir,
        opt(r.head),
        r.head_error.as_ref().map(|e| format!(" ({e})")).unwrap_or_default(),
        opt(r.cursor),
        r.head_lag.map_or_else(|| "unknown".into(), |l| format!("{l} blocks")),
        r.balances_age_secs.map_or_else(|| "none".into(), age),
        r.price_age_secs.map_or_else(|| "none".into(), age),
    );
    for e in &r.endpoints {
        out.push_str(&format!(
            "  {}: last {}, avg {}, {} calls, {} errors\n",
            e.url,
            ms(e.last_us),
            ms(e.avg_us),
            e.calls,
            e.errors
        ));
    }
    scrub(&out)
}

/// The Diagnostics page.
#[function_component(Diagnostics)]
pub(crate) fn diagnostics() -> Html {
    let report = use_command::<DiagnosticsArgs>();
    {
        let report = report.clone();
        use_effect_with((), move |_| report.start(DiagnosticsArgs {}));
    }
    let refresh = {
        let report = report.clone();
        Callback::from(move |_: MouseEvent| report.start(DiagnosticsArgs {}))
    };
    let error = report.error().map(|e| e.message.clone());
    html! {
        <div class="diagnostics">
            <h2>{ "Diagnostics" }</h2>
            <p>
                <button id="diag-refresh" type="button" onclick={refresh} disabled={report.loading()}>
                    { if report.loading() { "Reading…" } else { "Refresh" } }
                </button>
                if let Some(r) = report.data() {
                    { " " }<CopyButton id="diag-copy" label="Copy report" text={report_text(r)} />
                }
            </p>
            <ErrorLine {error} />
            if let Some(r) = report.data() {
                <dl class="diag">
                    <dt>{ "Network" }</dt><dd id="diag-network">{ format!("{} (chain {})", r.network, r.chain_id) }</dd>
                    <dt>{ "Chain head" }</dt>
                    <dd id="diag-head">
                        { opt(r.head) }
                        if let Some(e) = &r.head_error { <span class="error">{ " " }{ e }</span> }
                    </dd>
                    <dt>{ "Watcher cursor" }</dt><dd id="diag-cursor">{ opt(r.cursor) }</dd>
                    <dt>{ "Head lag" }</dt>
                    <dd id="diag-lag">{ r.head_lag.map_or_else(|| "unknown".into(), |l| format!("{l} blocks")) }</dd>
                    <dt>{ "Balances cache age" }</dt>
                    <dd id="diag-balances-age">{ r.balances_age_secs.map_or_else(|| "none".into(), age) }</dd>
                    <dt>{ "Price cache age" }</dt>
                    <dd id="diag-price-age">{ r.price_age_secs.map_or_else(|| "none".into(), age) }</dd>
                    <dt>{ "Versions" }</dt>
                    <dd id="diag-versions">{ format!("app {}, engine {}", r.app_version, r.engine_version) }</dd>
                    <dt>{ "Data directory" }</dt><dd id="diag-data-dir">{ r.data_dir.clone() }</dd>
                </dl>
                <table id="diag-endpoints" class="diag-endpoints">
                    <thead>
                        <tr><th>{ "Endpoint" }</th><th>{ "Last" }</th><th>{ "Average" }</th><th>{ "Calls" }</th><th>{ "Errors" }</th></tr>
                    </thead>
                    <tbody>
                        { for r.endpoints.iter().map(|e| html! {
                            <tr class="diag-endpoint">
                                <td class="diag-url">{ e.url.clone() }</td>
                                <td class="diag-latency">{ ms(e.last_us) }</td>
                                <td>{ ms(e.avg_us) }</td>
                                <td>{ e.calls }</td>
                                <td class="diag-errors">{ e.errors }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_short() {
        assert_eq!(age(5), "5 s");
        assert_eq!(age(125), "2 min");
        assert_eq!(age(7200), "2 h");
        assert_eq!(age(200_000), "2 d");
    }
}
