//! Typo tolerance: a misspelt verb, noun or asset symbol ("sedn", "balanse", "stkae")
//! is read as the lexicon word it is closest to, within a bounded Damerau-Levenshtein
//! distance (optimal string alignment): one edit for words of 4 to 6 letters, two from
//! 7, none below. A word written without vowels is read by its consonants ("snd",
//! "trnsfr"). Only a unique closest word is taken.
//!
//! Never read as a misspelling: amounts, addresses, hashes, paths and quotations (not
//! words), contact names, names and titles after "called" or "as", capitalised words
//! inside a sentence (names), real words (the lexicon's and [`COMMON_WORDS`]), and a
//! money verb where the sentence is not shaped like an order (see [`order_shaped`]).
//!
//! The lexicon is bucketed by length once, so a word is compared only with targets whose
//! length is within the bound.

use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

use crate::{
    lexicon::{
        multiplier_word, number_word, CLAUSE_OPENERS, COMMON_WORDS, LEXICON_LISTS, LEXICON_PHRASES, NAMING_MARKERS,
        ORDINALS, PERIODICALS, SHORTHAND, SUBJECT_FOLLOWERS, TYPO_ORDER_GROUPS, TYPO_TARGETS,
    },
    msg::Msg,
    tokens::Kind,
    Contacts,
};

/// The words the reader knows and the targets it corrects towards.
struct Index {
    /// Real words: never corrected.
    known: HashSet<&'static str>,
    /// Targets by length.
    by_len: Vec<Vec<&'static str>>,
    /// Targets by their consonants (for words written without vowels).
    skeletons: HashMap<String, Vec<&'static str>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut known: HashSet<&'static str> = COMMON_WORDS.iter().copied().collect();
        known.extend(LEXICON_LISTS.iter().flat_map(|l| l.iter().copied()));
        known.extend(LEXICON_PHRASES.iter().flat_map(|p| p.iter().flat_map(|s| s.iter().copied())));
        known.extend(SHORTHAND.iter().flat_map(|(k, v)| std::iter::once(*k).chain(v.split(' '))));
        known.extend(ORDINALS.iter().map(|(w, _)| *w));
        known.extend(PERIODICALS.iter().map(|(w, _)| *w));
        let mut by_len: Vec<Vec<&'static str>> = Vec::new();
        let mut skeletons: HashMap<String, Vec<&'static str>> = HashMap::new();
        for &t in TYPO_TARGETS.iter().flat_map(|g| g.iter()) {
            known.insert(t);
            if t.len() < 3 || !t.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if by_len.len() <= t.len() {
                by_len.resize(t.len() + 1, Vec::new());
            }
            if !by_len[t.len()].contains(&t) {
                by_len[t.len()].push(t);
            }
            let s = skeleton(t);
            let list = skeletons.entry(s).or_default();
            if !list.contains(&t) {
                list.push(t);
            }
        }
        Index { known, by_len, skeletons }
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The consonants of a word ("transfer" -> "trnsfr").
fn skeleton(w: &str) -> String {
    w.chars().filter(|c| !is_vowel(*c)).collect()
}

/// The edit bound for a word of `len` letters.
fn bound(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Optimal string alignment distance (Damerau-Levenshtein where a transposed pair is
/// one edit), or `None` when it exceeds `max`.
fn osa(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut rows = vec![0usize; 3 * w];
    for (j, cell) in rows[2 * w..].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        // Rotate: rows[0..w] = two rows back, rows[w..2w] = previous, rows[2w..] = current.
        rows.copy_within(w.., 0);
        rows[2 * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[w + j] + 1).min(rows[2 * w + j - 1] + 1).min(rows[w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[j - 2] + 1);
            }
            rows[2 * w + j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    Some(rows[3 * w - 1]).filter(|&d| d <= max)
}

/// The lexicon word a misspelt `word` stands for, if exactly one is closest. A key
/// pressed twice ("sendd", "savve") is tried first: it is one edit from the word and
/// from its inflections alike ("sends"), and the doubled letter says which was meant.
fn closest(word: &str) -> Option<&'static str> {
    let ix = index();
    let b = word.as_bytes();
    let undoubled: Vec<&'static str> = (1..b.len())
        .filter(|&i| b[i] == b[i - 1])
        .filter_map(|i| {
            let shorter = format!("{}{}", &word[..i], &word[i + 1..]);
            ix.by_len.get(shorter.len()).and_then(|bucket| bucket.iter().find(|t| **t == shorter).copied())
        })
        .collect();
    if let [only] = undoubled.as_slice() {
        return Some(only);
    }
    if !word.chars().any(is_vowel) && word.len() >= 3 {
        if let Some([only]) = ix.skeletons.get(word).map(Vec::as_slice) {
            return Some(only);
        }
    }
    let max = bound(word.len());
    if max == 0 {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    let lo = word.len().saturating_sub(max);
    for bucket in ix.by_len.iter().take(word.len() + max + 1).skip(lo) {
        for &t in bucket {
            let limit = best.map_or(max, |(d, _)| d);
            if let Some(d) = osa(word.as_bytes(), t.as_bytes(), limit) {
                match best {
                    Some((bd, _)) if d == bd => tied = true,
                    _ => {
                        best = Some((d, t));
                        tied = false;
                    }
                }
            }
        }
    }
    best.filter(|_| !tied).map(|(_, t)| t)
}

/// One word read as another.
#[derive(Debug, Clone)]
pub(crate) struct Fix {
    /// Token position.
    pub(crate) at: usize,
    /// As typed (lowercase).
    pub(crate) typed: String,
    /// As read.
    pub(crate) read: &'static str,
}

/// Whether the token at `i` may be read as a misspelling at all.
fn correctable(m: &Msg, i: usize, contacts: &Contacts, shouting: bool) -> bool {
    let t = &m.toks[i];
    let low = t.low.as_str();
    let capitalised_name = i > 0 && !shouting && t.raw.starts_with(|c: char| c.is_uppercase());
    t.kind == Kind::Word
        && !t.possessive
        && !t.dollar
        && low.len() >= 3
        && low.chars().all(|c| c.is_ascii_lowercase())
        && !index().known.contains(low)
        && number_word(low).is_none()
        && multiplier_word(low).is_none()
        && contacts.get(low).is_none()
        && !NAMING_MARKERS.contains(&m.prev(i))
        && !capitalised_name
}

/// Reads misspelt words in `m` as the lexicon words they stand for; returns what it
/// changed.
pub(crate) fn correct(m: &mut Msg, contacts: &Contacts) -> Vec<Fix> {
    let shouting = !m.toks.iter().any(|t| t.is_word() && t.raw.chars().any(|c| c.is_lowercase()));
    let mut fixes = Vec::new();
    for i in 0..m.len() {
        if !correctable(m, i, contacts, shouting) {
            continue;
        }
        if let Some(read) = closest(&m.toks[i].low) {
            fixes.push(Fix { at: i, typed: m.toks[i].low.clone(), read });
        }
    }
    for f in &fixes {
        m.toks[f.at].low = f.read.to_string();
    }
    fixes
}

/// Whether the corrected word at `i` stands where an order's verb stands: first in its
/// clause, after nothing but openers ("ok now", "please", "I want to"), with something
/// after it to act on. A money verb read into any other place ("my sedn phrase") would
/// make an order the sentence does not give.
pub(crate) fn order_shaped(m: &Msg, i: usize) -> bool {
    let start = m.clause_start(i);
    i + 1 < m.len()
        && !SUBJECT_FOLLOWERS.contains(&m.word(i + 1))
        && (start..i).all(|k| CLAUSE_OPENERS.contains(&m.word(k)))
}

/// Whether the fix read a verb of an order (sending, swapping, staking, contacts, a
/// purchase, a mint).
pub(crate) fn reads_order_verb(f: &Fix) -> bool {
    TYPO_ORDER_GROUPS.iter().any(|g| g.contains(&f.read))
}

/// Puts the typed word back.
pub(crate) fn undo(m: &mut Msg, f: &Fix) {
    if let Some(t) = m.toks.get_mut(f.at) {
        t.low = f.typed.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(w: &str) -> Option<&'static str> {
        closest(w)
    }

    #[test]
    fn distance_is_bounded_osa() {
        let d = |a: &str, b: &str| osa(a.as_bytes(), b.as_bytes(), 3);
        assert_eq!(d("sedn", "send"), Some(1));
        assert_eq!(d("blanace", "balance"), Some(2));
        assert_eq!(d("send", "send"), Some(0));
        assert_eq!(d("abc", "xyz"), Some(3));
        assert_eq!(osa(b"abcdef", b"uvwxyz", 2), None);
    }

    #[test]
    fn misspellings_are_read_within_the_bound() {
        for (typed, want) in [
            ("sedn", "send"),
            ("semd", "send"),
            ("trasnfer", "transfer"),
            ("tranfer", "transfer"),
            ("balanse", "balance"),
            ("blanace", "balance"),
            ("histroy", "history"),
            ("stkae", "stake"),
            ("recieve", "receive"),
            ("snd", "send"),
            ("trnsfr", "transfer"),
            ("swp", "swap"),
            ("sendd", "send"),
            ("savve", "save"),
        ] {
            assert_eq!(read(typed), Some(want), "{typed}");
        }
        // Three letters, a second edit under seven letters, or a tie: no reading.
        for typed in ["sen", "pya", "sennd0", "snedd", "lnd"] {
            assert_eq!(read(typed), None, "{typed}");
        }
    }

    #[test]
    fn real_words_and_names_are_never_corrected() {
        let c = Contacts::default();
        for text in ["my wife", "seed phrase", "save it as dave", "change my mind", "mint an nft called Dawn"] {
            let mut m = Msg::new(text);
            let fixes = correct(&mut m, &c);
            assert!(fixes.is_empty(), "{text}: {fixes:?}");
        }
    }

    #[test]
    fn every_lexicon_word_is_known() {
        // The registry of lists in lexicon.rs must hold every word written there, so
        // that no lexicon word is ever read as a misspelling of another.
        let source = include_str!("lexicon.rs");
        let code = source.lines().filter(|l| !l.trim_start().starts_with("//"));
        for lit in code.flat_map(|l| l.split('"').skip(1).step_by(2)) {
            if lit.len() >= 3 && lit.chars().all(|c| c.is_ascii_lowercase()) {
                let number = number_word(lit).is_some() || multiplier_word(lit).is_some();
                assert!(
                    number || index().known.contains(lit),
                    "{lit} is missing from LEXICON_LISTS or LEXICON_PHRASES"
                );
            }
        }
    }
}
