//! Stage 7 (the parts that need no data): clarifying questions that name what is
//! missing, the help text, and the answer for intents that are understood but not
//! available yet. Replies that need balances or history are written by the engine.

use sonic_types::action::{Action, Intent};

fn amount_phrase(a: &Action) -> String {
    match (a.slot("amount"), a.slot("asset")) {
        (Some("max"), Some(asset)) => format!("all your {asset}"),
        (Some(p), Some(asset)) if p.ends_with('%') => format!("{p} of your {asset}"),
        (Some(v), Some(asset)) => format!("{v} {asset}"),
        (Some(v), None) => v.to_string(),
        (None, Some(asset)) => asset.to_string(),
        (None, None) => "S".to_string(),
    }
}

/// How the note of an action that corrected misspellings starts.
const READ_AS_PREFIX: &str = "I read '";

/// What the parser read misspelt words as ("I read 'sedn' as 'send'"), when it
/// corrected any: a reply says it first, so the user sees the guess before anything
/// else.
pub fn read_as(a: &Action) -> Option<&str> {
    let n = a.note.as_deref()?;
    n.starts_with(READ_AS_PREFIX).then(|| n.split_once("; ").map_or(n, |(r, _)| r))
}

/// The note without what [`read_as`] returns: why something is missing or refused.
pub fn note(a: &Action) -> Option<&str> {
    let n = a.note.as_deref()?;
    match n.strip_prefix(READ_AS_PREFIX) {
        Some(_) => n.split_once("; ").map(|(_, rest)| rest),
        None => Some(n),
    }
}

/// Records the corrections (typed word, word read) at the head of the action's note.
pub(crate) fn add_read_as(a: &mut Action, fixes: &[(String, String)]) {
    if fixes.is_empty() {
        return;
    }
    let parts: Vec<String> = fixes.iter().map(|(typed, read)| format!("'{typed}' as '{read}'")).collect();
    let read = format!("I read {}", parts.join(", "));
    a.note = Some(match a.note.take() {
        Some(n) => format!("{read}; {n}"),
        None => read,
    });
}

/// The question to ask for an action that needs clarification, followed by its note
/// when it has one (the values that conflict, or what a language model proposed and
/// why it was not used). What was read as a correction is left to [`read_as`].
pub fn clarification(a: &Action) -> String {
    match note(a) {
        Some(note) => format!("{} ({note}.)", question(a)),
        None => question(a),
    }
}

fn question(a: &Action) -> String {
    let missing = |k: &str| a.missing.iter().any(|m| m == k);
    match a.intent {
        Intent::Send if missing("asset") => "Which asset should I send? You mentioned more than one.".into(),
        Intent::Send if missing("amount") && missing("to") => "How much should I send, and to whom?".into(),
        Intent::Send if missing("amount") => format!(
            "How much {} should I send{}? (An exact amount like 2.5, \"all\", or a percentage; amounts like \"1,5\" are ambiguous, write 1.5 or 15.)",
            a.slot("asset").unwrap_or("S"),
            a.slot("to").map(|t| format!(" to {t}")).unwrap_or_default()
        ),
        Intent::Send => format!(
            "Who should receive {}? Give a contact's name or a full address (0x followed by 40 hex digits, checksum intact).",
            amount_phrase(a)
        ),
        Intent::Swap if missing("amount") => "How much do you want to swap? Give the amount of the asset you are selling.".into(),
        Intent::Swap if missing("to_asset") => format!("What should I swap {} for?", amount_phrase(&with_asset(a, "from_asset"))),
        Intent::Swap => "Which asset do you want to swap from?".into(),
        Intent::Stake if missing("asset") => "Staking on Sonic is in S only. How much S should I stake?".into(),
        Intent::Stake => "How much S should I stake?".into(),
        Intent::TxStatus => "Which transaction? Paste its hash (0x followed by 64 hex digits).".into(),
        Intent::NftMint => "What should the NFT be called?".into(),
        Intent::AddContact if missing("name") && missing("address") => "Which name and address should I save?".into(),
        Intent::AddContact if missing("name") => "What name should I save this address under?".into(),
        Intent::AddContact => format!(
            "What is {}'s full address? (0x followed by 40 hex digits)",
            a.slot("name").unwrap_or("the contact")
        ),
        Intent::PaymentRequest => "How much should the request be for? (A positive amount, or leave it open.)".into(),
        _ => "Could you say that differently?".into(),
    }
}

fn with_asset(a: &Action, key: &str) -> Action {
    let mut b = a.clone();
    if let Some(v) = a.slot(key) {
        b.slots.insert("asset".into(), v.into());
    }
    b
}

/// The help text, with examples.
pub fn help() -> String {
    [
        "I can help with your Sonic wallet. Try:",
        "  • \"what's my balance?\" or \"how much USDC do I have\"",
        "  • \"send 5 S to alice\" (I show the plan with the fee; nothing moves until you confirm)",
        "  • \"what did I spend last week?\" or \"last 5 transactions\"",
        "  • \"status of 0x…\" for a transaction",
        "  • \"save 0x… as dave\" to add a contact",
        "  • \"request 20 S\" or \"show my address\" to get paid",
        "  • \"am I subscribed?\", \"renew my premium\", \"mint an NFT called Dawn from ~/dawn.png\" (Premium)",
        "  • \"what's the price of S?\" or \"best yield for USDC\" (live from DefiLlama, with its age)",
        "  • \"swap 10 S for USDC\" or \"wrap 5 S\" (a quote and a plan; nothing moves until you confirm)",
        "  • \"stake 100 S with validator 1\" (a plan on the SFC, confirmed like a send) or \"how much have I staked?\"",
    ]
    .join("\n")
}

/// The answer for intents this version understands but does not execute yet. It never
/// invents an address, a price or a rate.
pub fn not_available(a: &Action) -> Option<String> {
    Some(match a.intent {
        Intent::Swap => format!(
            "I understood: swap {} for {}. Swaps are not available in this version yet, so nothing was done.",
            amount_phrase(&with_asset(a, "from_asset")),
            a.slot("to_asset").unwrap_or("?")
        ),
        Intent::Stake => format!(
            "I understood: stake {} S{}. Staking is not available in this version yet, so nothing was done.",
            a.slot("amount").unwrap_or("?"),
            a.slot("validator").map(|v| format!(" with validator {v}")).unwrap_or_default()
        ),
        Intent::DefiQuery => format!(
            "I understood a question about {}{}. I have no live {} data source yet, and I won't guess a number.",
            a.slot("topic").unwrap_or("DeFi"),
            a.slot("asset").map(|x| format!(" for {x}")).unwrap_or_default(),
            a.slot("topic").unwrap_or("market")
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, Contacts};

    #[test]
    fn questions_name_what_is_missing() {
        let c = Contacts::default();
        assert!(clarification(&parse("send 5 S", &c)).starts_with("Who should receive 5 S?"));
        assert!(clarification(&parse("send S to bob", &c)).starts_with("How much S should I send to bob?"));
        assert!(clarification(&parse("is my tx confirmed", &c)).contains("hash"));
        assert!(clarification(&parse("swap 10 S", &c)).starts_with("What should I swap 10 S for?"));
    }

    #[test]
    fn corrections_lead_the_note_and_stay_out_of_the_question() {
        let c = Contacts::default();
        let a = parse("sedn 5 S", &c);
        assert_eq!(read_as(&a), Some("I read 'sedn' as 'send'"));
        assert!(!clarification(&a).contains("sedn"), "{}", clarification(&a));
        let a = parse("dont sedn 5 S to bob", &c);
        assert_eq!(read_as(&a), Some("I read 'sedn' as 'send'"));
        assert!(crate::intent::is_refusal(&a), "{a:?}");
        assert_eq!(read_as(&parse("send 5 S to bob", &c)), None);
    }

    #[test]
    fn unavailable_features_never_invent_numbers() {
        let c = Contacts::default();
        let text = not_available(&parse("what's the APR on S", &c)).expect("defi");
        assert!(!text.chars().any(|ch| ch.is_ascii_digit()), "{text}");
        assert!(not_available(&parse("swap 10 S for USDC", &c)).expect("swap").contains("nothing was done"));
        assert!(not_available(&parse("send 5 S to bob", &c)).is_none());
    }
}
