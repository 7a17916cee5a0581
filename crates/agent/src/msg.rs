//! The message as the rules see it: tokens with number words merged, and small
//! queries over them (has a word, position of a phrase, question form).

use crate::{
    lexicon::{multiplier_word, number_word, QUESTION_OPENERS},
    tokens::{canonical, tokenise, Kind, Num, Tok},
};

/// A tokenised message.
#[derive(Debug)]
pub(crate) struct Msg {
    pub(crate) toks: Vec<Tok>,
    /// A `?` was written.
    pub(crate) qmark: bool,
}

fn value_tok(raw: String, value: u128) -> Tok {
    Tok {
        low: raw.to_lowercase(),
        raw,
        kind: Kind::Num(Num::Value(value.to_string())),
        possessive: false,
        dollar: false,
    }
}

/// Merges number words ("twenty five", "a hundred", "5 thousand", "half") into number
/// tokens.
fn merge_numbers(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // "half" and "a quarter" are shares of a balance.
        if t.w("half") || (t.w("quarter") && out.last().is_some_and(|p| p.any(&["a", "one"]))) {
            if t.w("quarter") {
                out.pop();
            }
            let pct = if t.w("half") { "50" } else { "25" };
            out.push(Tok {
                raw: t.raw.clone(),
                low: t.low.clone(),
                kind: Kind::Num(Num::Percent(pct.into())),
                possessive: false,
                dollar: false,
            });
            i += 1;
            continue;
        }
        // Digits followed by a multiplier word: "5 thousand", "2 million".
        if let (Some(Num::Value(v)), Some(next)) = (t.num(), toks.get(i + 1)) {
            if let Some(zeros) = next.is_word().then(|| multiplier_word(&next.low)).flatten() {
                if !v.starts_with('-') {
                    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
                    let shifted = canonical(int, frac, zeros as usize);
                    out.push(Tok {
                        raw: format!("{} {}", t.raw, next.raw),
                        low: format!("{} {}", t.low, next.low),
                        kind: Kind::Num(Num::Value(shifted)),
                        possessive: false,
                        dollar: t.dollar,
                    });
                    i += 2;
                    continue;
                }
            }
        }
        // Runs of number words.
        let starts = t.is_word()
            && (number_word(&t.low).is_some()
                || (t.any(&["a", "an"])
                    && toks
                        .get(i + 1)
                        .is_some_and(|n| n.is_word() && matches!(n.low.as_str(), "hundred" | "thousand" | "million"))));
        if starts {
            let mut total: u128 = 0;
            let mut current: u128 = 0;
            let mut j = i;
            let mut raw = Vec::new();
            let mut any = false;
            while j < toks.len() && toks[j].is_word() {
                let w = toks[j].low.as_str();
                if let Some(n) = number_word(w) {
                    current += u128::from(n);
                    any = true;
                } else if w == "a" || w == "an" {
                    if any {
                        break;
                    }
                    current = current.max(1);
                } else if w == "and"
                    && any
                    && toks.get(j + 1).is_some_and(|n| n.is_word() && number_word(&n.low).is_some())
                {
                    // "one hundred and five"
                } else if let Some(z) = multiplier_word(w).filter(|_| w != "k" && w != "mm") {
                    let m = 10u128.pow(z);
                    if z == 2 {
                        current = current.max(1) * m;
                    } else {
                        total += current.max(1) * m;
                        current = 0;
                    }
                    any = true;
                } else {
                    break;
                }
                raw.push(toks[j].raw.clone());
                j += 1;
            }
            if any && j > i {
                out.push(value_tok(raw.join(" "), total + current));
                i = j;
                continue;
            }
        }
        // "50 percent".
        if let (Some(Num::Value(v)), Some(next)) = (t.num(), toks.get(i + 1)) {
            if next.any(&["percent", "pct", "%"]) {
                out.push(Tok {
                    raw: t.raw.clone(),
                    low: t.low.clone(),
                    kind: Kind::Num(Num::Percent(v.clone())),
                    possessive: false,
                    dollar: false,
                });
                i += 2;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

impl Msg {
    /// Tokenises a normalised message.
    pub(crate) fn new(text: &str) -> Self {
        let (toks, qmark) = tokenise(text);
        Self { toks: merge_numbers(toks), qmark }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether the word occurs.
    pub(crate) fn has(&self, w: &str) -> bool {
        self.toks.iter().any(|t| t.w(w))
    }

    /// Whether any of the words occurs.
    pub(crate) fn has_any(&self, ws: &[&str]) -> bool {
        self.toks.iter().any(|t| t.any(ws))
    }

    /// Position of the first of the words.
    pub(crate) fn pos_any(&self, ws: &[&str]) -> Option<usize> {
        self.toks.iter().position(|t| t.any(ws))
    }

    /// Position of the first occurrence of consecutive words.
    pub(crate) fn seq(&self, ws: &[&str]) -> Option<usize> {
        if ws.is_empty() || self.toks.len() < ws.len() {
            return None;
        }
        (0..=self.toks.len() - ws.len()).find(|&i| ws.iter().enumerate().all(|(k, w)| self.toks[i + k].w(w)))
    }

    /// Whether the consecutive words occur.
    pub(crate) fn has_seq(&self, ws: &[&str]) -> bool {
        self.seq(ws).is_some()
    }

    /// The word at `i`, lowercase ("" when not a word).
    pub(crate) fn word(&self, i: usize) -> &str {
        self.toks.get(i).filter(|t| t.is_word()).map(|t| t.low.as_str()).unwrap_or("")
    }

    /// Whether the message is phrased as a question.
    pub(crate) fn is_question(&self) -> bool {
        self.qmark || QUESTION_OPENERS.contains(&self.word(0))
    }
}
