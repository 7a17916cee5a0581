//! The message as the rules see it: tokens with number words merged, and small
//! queries over them (has a word, position of a phrase, question form).

use crate::{
    lexicon::{
        is_money_verb, multiplier_word, number_word, ADDRESS, CLAUSE_CONJUNCTIONS, DESIRE_VERBS, FIRST_PERSON,
        INFINITIVE_MARKERS, LEADING_MULTIPLIERS, NEGATIONS_AFTER, ONE, PASSIVE_PARTICIPLES, PASSIVE_WISH_VERBS,
        PERCENT_WORDS, QUESTION_OPENERS, SUFFIX_MULTIPLIERS, TO,
    },
    tokens::{canonical, tokenise, Kind, Num, Tok},
    Contacts,
};

/// The base form of a money verb written with "-ing" ("sending", "paying",
/// "swapping", "staking"), if it is one.
fn ing_base(w: &str) -> Option<String> {
    let stem = w.strip_suffix("ing")?;
    let mut doubled = stem.chars().rev();
    let undoubled = match (doubled.next(), doubled.next()) {
        (Some(a), Some(b)) if a == b => Some(&stem[..stem.len() - a.len_utf8()]),
        _ => None,
    };
    let with_e = format!("{stem}e");
    let found = [Some(stem), undoubled, Some(with_e.as_str())].into_iter().flatten().find(|b| is_money_verb(b));
    found.map(str::to_string)
}

/// A learner's verb after a wish reads as the base form: "i want to sending 5 S",
/// "i want sending 10 S" are "want to send", "want send". Allocates only on a match.
fn base_forms(toks: &mut [Tok]) {
    for i in 1..toks.len() {
        if toks[i].kind != Kind::Word || !toks[i].low.ends_with("ing") {
            continue;
        }
        let prev = toks[i - 1].low.as_str();
        let infinitive = prev == "to" && i >= 2 && INFINITIVE_MARKERS.contains(&toks[i - 2].low.as_str());
        if infinitive || DESIRE_VERBS.contains(&prev) {
            if let Some(b) = ing_base(&toks[i].low) {
                toks[i].low = b;
            }
        }
    }
}

/// A wished-for passive order reads as the order itself: "I would like half of my S
/// sent to carol" is "… send to carol". Only when the user wishes it ("i … like"), an
/// amount stands between the wish and the participle, and a recipient's "to" follows;
/// "was sent", "I sent" and questions keep the past tense.
fn passive_orders(toks: &mut [Tok]) {
    for i in 2..toks.len() {
        let Some(&(_, base)) = PASSIVE_PARTICIPLES.iter().find(|(p, _)| toks[i].w(p)) else { continue };
        if !toks.get(i + 1).is_some_and(|t| t.any(TO)) || toks[i - 1].after.is_some() {
            continue;
        }
        let Some(wish) = (0..i).rev().find(|&k| toks[k].any(PASSIVE_WISH_VERBS)) else { continue };
        let own = (0..wish).rev().take(3).any(|k| toks[k].any(FIRST_PERSON));
        let amount = (wish + 1..i).any(|k| toks[k].num().is_some());
        let one_clause = (wish..i).all(|k| toks[k].after.is_none());
        if own && amount && one_clause {
            toks[i].low = base.to_string();
        }
    }
}

/// A tokenised message.
#[derive(Debug)]
pub(crate) struct Msg {
    pub(crate) toks: Vec<Tok>,
    /// A `?` was written.
    pub(crate) qmark: bool,
}

fn value_tok(raw: String, value: u128, after: Option<char>) -> Tok {
    Tok {
        low: raw.to_lowercase(),
        raw,
        kind: Kind::Num(Num::Value(value.to_string())),
        possessive: false,
        dollar: false,
        after,
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
        if t.w("half") || (t.w("quarter") && out.last().is_some_and(|p| p.any(ONE))) {
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
                after: t.after,
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
                        after: next.after,
                    });
                    i += 2;
                    continue;
                }
            }
        }
        // Runs of number words.
        let starts = t.is_word()
            && (number_word(&t.low).is_some()
                || (t.any(ONE) && toks.get(i + 1).is_some_and(|n| n.any(LEADING_MULTIPLIERS))));
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
                } else if toks[j].any(ONE) && number_word(w).is_none() {
                    if any {
                        break;
                    }
                    current = current.max(1);
                } else if w == "and"
                    && any
                    && toks.get(j + 1).is_some_and(|n| n.is_word() && number_word(&n.low).is_some())
                {
                    // "one hundred and five"
                } else if let Some(z) = multiplier_word(w).filter(|_| !SUFFIX_MULTIPLIERS.contains(&w)) {
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
                out.push(value_tok(raw.join(" "), total + current, toks[j - 1].after));
                i = j;
                continue;
            }
        }
        // "50 percent".
        if let (Some(Num::Value(v)), Some(next)) = (t.num(), toks.get(i + 1)) {
            if next.any(PERCENT_WORDS) {
                out.push(Tok {
                    raw: t.raw.clone(),
                    low: t.low.clone(),
                    kind: Kind::Num(Num::Percent(v.clone())),
                    possessive: false,
                    dollar: false,
                    after: next.after,
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
        let mut toks = merge_numbers(toks);
        base_forms(&mut toks);
        if !qmark {
            passive_orders(&mut toks);
        }
        Self { toks, qmark }
    }

    /// The tokens from `a` to `b` as a message of their own (same question mark).
    pub(crate) fn slice(&self, a: usize, b: usize) -> Msg {
        Msg { toks: self.toks[a..b].to_vec(), qmark: self.qmark }
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

    /// Whether any of the phrases occurs.
    pub(crate) fn has_any_seq(&self, phrases: &[&[&str]]) -> bool {
        phrases.iter().any(|p| self.has_seq(p))
    }

    /// Position of the first occurrence of any of the phrases, with its length.
    pub(crate) fn seq_any(&self, phrases: &[&[&str]]) -> Option<(usize, usize)> {
        phrases.iter().filter_map(|p| self.seq(p).map(|i| (i, p.len()))).min()
    }

    /// The word before `i` ("" at the start).
    pub(crate) fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.word(i - 1)
        }
    }

    /// Whether a clause ends after the token at `i` (a punctuation mark, or a
    /// conjunction like "but" next).
    pub(crate) fn clause_ends_after(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.after.is_some()) || CLAUSE_CONJUNCTIONS.contains(&self.word(i + 1))
    }

    /// First position of the clause that holds `i`.
    pub(crate) fn clause_start(&self, i: usize) -> usize {
        (0..i).rev().find(|&k| self.clause_ends_after(k)).map_or(0, |k| k + 1)
    }

    /// Position after the clause that holds `i`.
    pub(crate) fn clause_end(&self, i: usize) -> usize {
        (i..self.len()).find(|&k| self.clause_ends_after(k)).map_or(self.len(), |k| k + 1)
    }

    /// Reads a contact's name written with a possessive "s" and no apostrophe ("bobs
    /// bal") as the possessive of that contact. Only names in the address book.
    pub(crate) fn mark_bare_possessives(&mut self, contacts: &Contacts) {
        // A learner's "bob address": a contact's name right before an address noun.
        for i in 1..self.toks.len() {
            let owner = &self.toks[i - 1];
            if self.toks[i].any(ADDRESS) && owner.kind == Kind::Word && contacts.get(&owner.low).is_some() {
                self.toks[i - 1].possessive = true;
            }
        }
        for t in self.toks.iter_mut().filter(|t| t.kind == Kind::Word && !t.possessive && t.low.len() > 2) {
            if let Some(stem) = t.low.strip_suffix('s') {
                if contacts.get(stem).is_some() && contacts.get(&t.low).is_none() {
                    t.low = stem.to_string();
                    t.possessive = true;
                }
            }
        }
    }

    /// Whether the message is phrased as a question.
    /// A negated opener ("do not buy", "don't renew") is an order not to, not a question.
    pub(crate) fn is_question(&self) -> bool {
        self.qmark || (QUESTION_OPENERS.contains(&self.word(0)) && !NEGATIONS_AFTER.contains(&self.word(1)))
    }
}
