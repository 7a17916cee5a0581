//! Stage 1: normalise the text. Unicode punctuation becomes ASCII, emoji and control
//! characters go, whitespace collapses, contractions and chat shorthand expand. Case is kept (addresses
//! and NFT names need it); later stages compare lowercase.

use crate::lexicon::SHORTHAND;

/// Longest message the rules engine reads; anything longer is not a wallet command.
pub(crate) const MAX_LEN: usize = 2_000;

fn map_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '`' | '\u{00B4}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => Some('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Some(' '),
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
        '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' => None,
        c if c.is_control() => Some(' '),
        // Emoji and pictographs carry no wallet meaning.
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{E0000}'..='\u{E007F}' => {
            Some(' ')
        }
        c => Some(c),
    }
}

/// Normalises a message; `None` when it is too long to be a command.
pub(crate) fn normalise(input: &str) -> Option<String> {
    if input.len() > MAX_LEN * 4 {
        return None;
    }
    let mapped: String = input.chars().filter_map(map_char).collect();
    // Arrows mean "to" ("100 usdc -> S").
    let mapped = mapped.replace("->", " to ").replace("=>", " to ").replace('\u{2192}', " to ");
    if mapped.chars().count() > MAX_LEN {
        return None;
    }
    let mut out = Vec::new();
    for word in mapped.split_whitespace() {
        let lower = word.to_lowercase();
        // Keep trailing punctuation attached to the expansion.
        let core = lower.trim_end_matches(['?', '!', '.', ',', ';', ':']);
        let tail = &lower[core.len()..];
        match SHORTHAND.iter().find(|(k, _)| *k == core) {
            Some((_, v)) => out.push(format!("{v}{tail}")),
            None => out.push(word.to_string()),
        }
    }
    Some(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_unicode_and_contractions() {
        assert_eq!(normalise("What\u{2019}s my balance? \u{1F680}").as_deref(), Some("what is my balance?"));
        assert_eq!(normalise("don\u{2019}t\tsend\u{0007}").as_deref(), Some("do not send"));
        assert_eq!(normalise("send \u{FF15} S").as_deref(), Some("send 5 S"));
        assert_eq!(normalise("  ").as_deref(), Some(""));
        assert!(normalise(&"x".repeat(100_000)).is_none());
    }
}
