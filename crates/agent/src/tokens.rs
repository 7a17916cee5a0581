//! Stage 2: tokens. Words (lowercased), numbers in canonical decimal form, addresses,
//! hashes, file paths and quoted strings, each keeping its original text.

/// A number as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Num {
    /// A canonical plain decimal (`"1500"`, `"0.5"`), possibly zero or negative.
    Value(String),
    /// A percentage (`"50"` for 50%).
    Percent(String),
    /// Could be read two ways (`1,5`), or is not a plain decimal (`1e18`, `1.2.3`).
    Ambiguous,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word.
    Word,
    /// A number.
    Num(Num),
    /// `0x` + 40 hex digits (checksum not checked yet).
    Address,
    /// `0x` + something that is neither 40 nor 64 hex digits.
    BadHex,
    /// `0x` + 64 hex digits.
    Hash,
    /// A file path.
    Path,
    /// Text between quotes.
    Quoted,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Original text (quotes removed for `Quoted`).
    pub(crate) raw: String,
    /// Lowercase text.
    pub(crate) low: String,
    /// Kind.
    pub(crate) kind: Kind,
    /// Written with a possessive `'s`.
    pub(crate) possessive: bool,
    /// Written with a leading `$`.
    pub(crate) dollar: bool,
    /// The punctuation written right after it (`,` `;` `:` `.` `!` `?`): a clause
    /// boundary, or a colon that introduces what follows ("new nft: Dawn").
    pub(crate) after: Option<char>,
}

impl Tok {
    fn new(raw: &str, kind: Kind) -> Self {
        Self { raw: raw.to_string(), low: raw.to_lowercase(), kind, possessive: false, dollar: false, after: None }
    }
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub(crate) fn num(&self) -> Option<&Num> {
        match &self.kind {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }
    pub(crate) fn w(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.low == word
    }
    pub(crate) fn any(&self, words: &[&str]) -> bool {
        self.kind == Kind::Word && words.contains(&self.low.as_str())
    }
}

const IMAGE_EXT: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "tif", "tiff", "avif", "heic"];

fn looks_like_path(s: &str) -> bool {
    if s.starts_with("0x") || s.starts_with("http") {
        return false;
    }
    if s.contains('/') || s.contains('\\') || s.starts_with('~') {
        return s.chars().any(|c| c.is_alphanumeric());
    }
    match s.rsplit_once('.') {
        Some((stem, ext)) => !stem.is_empty() && IMAGE_EXT.contains(&ext.to_lowercase().as_str()),
        None => false,
    }
}

/// Canonical decimal of integer and fraction digit strings, shifted left by `shift`
/// decimal places (for "k" and "m" suffixes).
pub(crate) fn canonical(int: &str, frac: &str, shift: usize) -> String {
    let mut digits = format!("{int}{frac}");
    let point = int.len() + shift;
    if digits.len() < point {
        digits.push_str(&"0".repeat(point - digits.len()));
    }
    let (i, f) = digits.split_at(point);
    let i = i.trim_start_matches('0');
    let f = f.trim_end_matches('0');
    match (i.is_empty(), f.is_empty()) {
        (true, true) => "0".into(),
        (true, false) => format!("0.{f}"),
        (false, true) => i.to_string(),
        (false, false) => format!("{i}.{f}"),
    }
}

/// Parses the numeric prefix of `s`; returns the number and the unparsed rest.
pub(crate) fn parse_number(s: &str) -> Option<(Num, &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    let body = &s[..end];
    let body = body.trim_end_matches(',');
    let rest = &s[body.len()..];
    if !body.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest_low = rest.to_lowercase();
    if rest_low.starts_with('e') && rest_low[1..].starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
        return Some((Num::Ambiguous, ""));
    }
    let body_no_commas = if body.contains(',') {
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
            && !frac.contains(',');
        if !ok {
            return Some((Num::Ambiguous, rest));
        }
        body.replace(',', "")
    } else {
        body.to_string()
    };
    if body_no_commas.matches('.').count() > 1 {
        return Some((Num::Ambiguous, rest));
    }
    let (int, frac) = body_no_commas.split_once('.').unwrap_or((&body_no_commas, ""));
    let (shift, rest) = match rest_low.as_str() {
        "k" => (3, ""),
        "m" | "mm" => (6, ""),
        _ => (0, rest),
    };
    if let Some(r) = rest.strip_prefix('%') {
        return Some((Num::Percent(canonical(int, frac, 0)), r));
    }
    Some((Num::Value(canonical(int, frac, shift)), rest))
}

/// Strips brackets and trailing punctuation; returns the core, whether a `?` was
/// written, and the first punctuation mark that followed the core.
fn strip_edges(piece: &str) -> (&str, bool, Option<char>) {
    let mut question = false;
    let mut s = piece.trim_start_matches(['(', '[', '{', '<']);
    loop {
        let before = s.len();
        if s.ends_with('?') {
            question = true;
        }
        s = s.trim_end_matches(['?', '!', ',', ';', ':', ')', ']', '}', '>']);
        // A full stop ends a sentence, also after an address or a hash ("… is 0xab…9955.").
        // Full stops after 0x and hex digits only ("0xab…9955..") are punctuation too.
        let core = s.trim_end_matches('.');
        if s.ends_with('.')
            && (!s.starts_with("0x") || core.len() >= 2 && core[2..].chars().all(|c| c.is_ascii_hexdigit()))
        {
            s = if s.starts_with("0x") { core } else { &s[..s.len() - 1] };
        }
        if s.len() == before {
            break;
        }
    }
    let after = piece[piece.find(s).map_or(piece.len(), |p| p + s.len())..]
        .chars()
        .find(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?'));
    (s, question, after)
}

fn push_piece(out: &mut Vec<Tok>, piece: &str) {
    let mut s = piece;
    if looks_like_path(s) {
        out.push(Tok::new(s, Kind::Path));
        return;
    }
    if s.len() >= 2 && (s.starts_with("0x") || s.starts_with("0X")) {
        let hex = &s[2..];
        let all_hex = hex.chars().all(|c| c.is_ascii_hexdigit());
        let kind = match (all_hex, hex.len()) {
            (true, 40) => Kind::Address,
            (true, 64) => Kind::Hash,
            _ => Kind::BadHex,
        };
        out.push(Tok {
            low: s.to_lowercase(),
            raw: s.to_string(),
            kind,
            possessive: false,
            dollar: false,
            after: None,
        });
        return;
    }
    if let Some(r) = s.strip_prefix('#') {
        if r.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(Tok::new("#", Kind::Word));
            s = r;
        }
    }
    let mut dollar = false;
    if let Some(r) = s.strip_prefix('$') {
        dollar = true;
        s = r;
    }
    let mut negative = false;
    if let Some(r) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        if r.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            negative = true;
            s = r;
        }
    }
    let mut possessive = false;
    for suffix in ["'s", "'"] {
        if s.len() > suffix.len() + 1
            && s.ends_with(suffix)
            && s[..s.len() - suffix.len()].chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            s = &s[..s.len() - suffix.len()];
            possessive = true;
            break;
        }
    }
    if let Some((num, rest)) = parse_number(s) {
        let num = match (negative, num) {
            (true, Num::Value(v)) => Num::Value(format!("-{v}")),
            (_, n) => n,
        };
        let numeric = &s[..s.len() - rest.len()];
        out.push(Tok {
            raw: numeric.to_string(),
            low: numeric.to_lowercase(),
            kind: Kind::Num(num),
            possessive: false,
            dollar,
            after: None,
        });
        if !rest.is_empty() {
            let rest = rest.trim_start_matches('-');
            if !rest.is_empty() {
                out.push(Tok {
                    raw: rest.to_string(),
                    low: rest.to_lowercase(),
                    kind: Kind::Word,
                    possessive,
                    dollar: false,
                    after: None,
                });
            }
        }
        return;
    }
    // Hyphenated words ("twenty-five", "e-mail") split; other punctuation inside stays.
    if s.contains('-') && s.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphabetic())) {
        for p in s.split('-') {
            out.push(Tok::new(p, Kind::Word));
        }
        return;
    }
    if s.is_empty() {
        return;
    }
    let mut t = Tok::new(s, Kind::Word);
    t.possessive = possessive;
    t.dollar = dollar;
    out.push(t);
}

/// Splits a normalised message into tokens; the flag says whether it asks a question
/// (a `?` anywhere).
pub(crate) fn tokenise(text: &str) -> (Vec<Tok>, bool) {
    let mut out = Vec::new();
    let mut question = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut piece = String::new();
    let flush = |piece: &mut String, out: &mut Vec<Tok>, question: &mut bool| {
        if !piece.is_empty() {
            let (s, q, after) = strip_edges(piece);
            *question |= q;
            let first_new = out.len();
            push_piece(out, s);
            if out.len() > first_new {
                if let Some(last) = out.last_mut() {
                    last.after = after;
                }
            }
            piece.clear();
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let at_word_start = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(';
        if c == '"' || (c == '\'' && at_word_start) {
            if let Some(len) = chars[i + 1..].iter().position(|&d| d == c) {
                let close = i + 1 + len;
                let after_ok = close + 1 == chars.len() || !chars[close + 1].is_alphanumeric();
                if after_ok && len > 0 {
                    flush(&mut piece, &mut out, &mut question);
                    let inner: String = chars[i + 1..close].iter().collect();
                    let inner = inner.trim();
                    if !inner.is_empty() {
                        out.push(Tok::new(inner, Kind::Quoted));
                    }
                    i = close + 1;
                    continue;
                }
            }
            if c == '"' {
                i += 1;
                continue;
            }
        }
        if c.is_whitespace() {
            flush(&mut piece, &mut out, &mut question);
        } else {
            piece.push(c);
        }
        i += 1;
    }
    flush(&mut piece, &mut out, &mut question);
    (out, question)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<Num> {
        parse_number(s).map(|(n, _)| n)
    }

    #[test]
    fn numbers() {
        let v = |s: &str| Some(Num::Value(s.to_string()));
        assert_eq!(num("1,000"), v("1000"));
        assert_eq!(num("1,500.25"), v("1500.25"));
        assert_eq!(num("1.000"), v("1"));
        assert_eq!(num("0.50"), v("0.5"));
        assert_eq!(num(".5"), v("0.5"));
        assert_eq!(num("1.5k"), v("1500"));
        assert_eq!(num("2.25m"), v("2250000"));
        assert_eq!(num("007"), v("7"));
        assert_eq!(num("0"), v("0"));
        assert_eq!(num("1,5"), Some(Num::Ambiguous));
        assert_eq!(num("2,25"), Some(Num::Ambiguous));
        assert_eq!(num("1,0000"), Some(Num::Ambiguous));
        assert_eq!(num("1e18"), Some(Num::Ambiguous));
        assert_eq!(num("1.2.3"), Some(Num::Ambiguous));
        assert_eq!(num("50%"), Some(Num::Percent("50".into())));
        assert_eq!(num("abc"), None);
    }

    #[test]
    fn tokens_keep_kinds() {
        let (t, q) = tokenise("send 5S to bob's 0x70997970C51812dc3A010C7d01b50e0d17dc79C8?");
        assert!(q);
        assert_eq!(t[1].kind, Kind::Num(Num::Value("5".into())));
        assert_eq!(t[2].low, "s");
        assert!(t[4].possessive && t[4].low == "bob");
        assert_eq!(t[5].kind, Kind::Address);
        let (t, _) = tokenise("mint \"Sunset Cat\" from ~/art/cat.png.");
        assert_eq!(t[1].kind, Kind::Quoted);
        assert_eq!(t[1].raw, "Sunset Cat");
        assert_eq!(t[3].kind, Kind::Path);
        assert_eq!(t[3].raw, "~/art/cat.png");
        let (t, _) = tokenise("send -3 S and $5");
        assert_eq!(t[1].kind, Kind::Num(Num::Value("-3".into())));
        assert!(t[4].dollar);
    }
}
