//! Word lists the rules read. Grouped by role (verbs, nouns, markers), not by example
//! sentence: a rule asks "is there a money verb in the imperative", never "is the text
//! X".

/// Verbs that order a transfer.
pub(crate) const SEND_VERBS: &[&str] =
    &["send", "transfer", "pay", "give", "tip", "wire", "remit", "move", "forward", "gift", "donate"];
/// Past forms of money verbs (history).
pub(crate) const SENT_PAST: &[&str] =
    &["sent", "transferred", "paid", "gave", "given", "tipped", "wired", "spent", "moved", "donated", "gifted"];
/// Receiving, past.
pub(crate) const RECEIVED_PAST: &[&str] = &["received", "earned"];
/// Swap verbs.
pub(crate) const SWAP_VERBS: &[&str] = &["swap", "exchange", "convert", "trade"];
/// Stake verbs (imperative).
pub(crate) const STAKE_VERBS: &[&str] = &["stake", "delegate", "restake"];
/// Every verb that moves funds when used as an order.
pub(crate) const MONEY_VERBS: &[&str] = &[
    "send", "transfer", "pay", "give", "tip", "wire", "remit", "move", "forward", "gift", "donate", "swap", "exchange",
    "convert", "trade", "stake", "delegate", "restake", "buy", "sell", "approve", "withdraw", "deposit", "bridge",
];
/// Verbs that order a contact saved or changed (present tense, imperative).
pub(crate) const CONTACT_VERBS: &[&str] = &[
    "save",
    "add",
    "store",
    "remember",
    "record",
    "label",
    "create",
    "register",
    "put",
    "update",
    "change",
    "set",
    "new",
    "replace",
    "rename",
    "edit",
    "overwrite",
];
/// Past forms of contact verbs: they tell or ask what happened, they order nothing.
pub(crate) const CONTACT_VERBS_PAST: &[&str] = &[
    "saved",
    "added",
    "stored",
    "remembered",
    "recorded",
    "labelled",
    "labeled",
    "registered",
    "updated",
    "changed",
    "replaced",
    "renamed",
    "edited",
    "overwritten",
];
/// Verbs that name an address ("call 0x… frank"), when an address follows.
pub(crate) const NAMING_VERBS: &[&str] = &["call", "name"];
/// Nouns for the address book.
pub(crate) const CONTACT_NOUNS: &[&str] = &["contact", "contacts", "addressbook"];
/// Nouns a contact change is never about (a token, a network).
pub(crate) const NOT_CONTACT_NOUNS: &[&str] = &["token", "tokens", "network", "rpc", "coin"];
/// Words between a recipient "to" and the recipient ("to my friend bob").
pub(crate) const RECIPIENT_FILLERS: &[&str] =
    &["the", "my", "friend", "address", "account", "wallet", "contact", "buddy", "pal"];
/// Words before an address that make it a token, not a party ("of token 0x…").
pub(crate) const ADDRESS_AS_TOKEN: &[&str] = &["of", "token", "tokens", "contract", "asset", "coin"];
/// Negations.
pub(crate) const NEGATIONS: &[&str] =
    &["not", "never", "nothing", "stop", "cancel", "avoid", "refuse", "shouldnt", "mustnt"];
/// Verbs of speech or demand: before the order, said by anyone but the user ("bob
/// wants …", "they tell you to …"), they make it someone else's words.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "ask",
    "want",
    "demand",
    "demands",
    "insist",
    "insists",
    "instruct",
    "order",
    "orders",
    "urge",
    "urges",
    "suggest",
    "suggests",
    "recommend",
    "recommends",
    "advise",
    "advises",
];
/// Markers of someone else's words or of a lure.
pub(crate) const REPORTED: &[&str] = &[
    "says",
    "said",
    "saying",
    "told",
    "tells",
    "asked",
    "asks",
    "wants",
    "instructed",
    "instructs",
    "texted",
    "texts",
    "messaged",
    "emailed",
    "wrote",
    "writes",
    "mentioned",
    "informed",
    "notified",
    "reckons",
    "heard",
    "rumour",
    "rumor",
    "according",
    "claims",
    "claim",
    "claiming",
    "prize",
    "airdrop",
    "giveaway",
    "won",
    "winner",
    "lottery",
    "someone",
    "somebody",
    "stranger",
    "website",
    "site",
    "email",
    "dm",
    "popup",
    "tweet",
    "support",
    "admin",
    "scammer",
    "scam",
    "supposedly",
    "apparently",
    "promised",
    "guaranteed",
    "double",
    "doubled",
    "unlock",
    "verify",
    "verification",
];
/// Conditions the wallet cannot wait for.
pub(crate) const CONDITIONALS: &[&str] = &["if", "unless", "whenever", "once", "after", "before", "until"];
/// Phrases that open a condition at the start of a message ("in case bob asks, …").
pub(crate) const CONDITIONAL_OPENERS: &[&[&str]] =
    &[&["in", "case"], &["as", "soon", "as"], &["provided"], &["providing"], &["assuming"], &["in", "the", "event"]];
/// Prepositions and fillers that are never names or assets.
pub(crate) const STOP: &[&str] = &[
    "to",
    "for",
    "from",
    "with",
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "my",
    "me",
    "i",
    "it",
    "this",
    "that",
    "these",
    "those",
    "on",
    "in",
    "into",
    "at",
    "by",
    "as",
    "is",
    "are",
    "be",
    "was",
    "were",
    "please",
    "now",
    "some",
    "any",
    "all",
    "every",
    "each",
    "more",
    "less",
    "than",
    "then",
    "via",
    "using",
    "over",
    "per",
    "up",
    "out",
    "back",
    "again",
    "too",
    "also",
    "just",
    "only",
    "right",
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
    "asap",
    "them",
    "him",
    "her",
    "us",
    "you",
    "your",
    "his",
    "their",
    "our",
    "its",
    "what",
    "how",
    "much",
    "many",
    "who",
    "whom",
    "which",
    "when",
    "where",
    "why",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "can",
    "could",
    "would",
    "should",
    "will",
    "shall",
    "may",
    "might",
    "must",
    "not",
    "no",
    "yes",
    "here",
    "there",
    "so",
    "but",
    "if",
    "about",
    "address",
    "account",
    "wallet",
    "amount",
    "money",
    "funds",
    "fund",
    "balance",
    "tokens",
    "token",
    "coins",
    "coin",
    "units",
    "each",
    "it",
    "same",
    "again",
    "new",
    "old",
    "contact",
    "contacts",
    "friend",
    "someone",
    "somebody",
    "person",
    "bit",
    "little",
    "lot",
    "bunch",
    "few",
];
/// Words that mean all of a balance ("send everything").
pub(crate) const MAX_WORDS: &[&str] = &["everything", "max", "maximum", "entire", "whole"];
/// Words that stand for the native token.
pub(crate) const NATIVE_NAMES: &[&str] = &["s", "sonic", "sonics", "$s"];
/// Well-known symbols on Sonic, matched case-insensitively.
pub(crate) const KNOWN_ASSETS: &[&str] = &[
    "s", "ws", "sts", "os", "wos", "usdc", "usdc.e", "usdt", "eurc", "dai", "eth", "weth", "btc", "wbtc", "shadow",
    "beets", "anon", "goglz", "swpx", "euroc", "frax", "scusd", "sceth", "scbtc", "lbtc", "solvbtc", "bnb", "sol",
    "avax", "matic", "pol", "arb", "op", "usd",
];
/// All-caps words that are not asset symbols.
pub(crate) const CAPS_NOT_ASSETS: &[&str] = &[
    "i", "nft", "nfts", "apr", "apy", "tvl", "id", "ok", "tx", "txs", "qr", "evm", "rpc", "ens", "pls", "asap", "fyi",
    "lol", "dm", "hi", "a", "an", "me", "my", "eip", "erc", "ai", "gm", "pnl", "lp", "dex", "cex", "atm", "usa", "uk",
    "eu",
];
/// Nouns that ask for history.
pub(crate) const HISTORY_NOUNS: &[&str] = &[
    "history",
    "transactions",
    "txs",
    "transfers",
    "payments",
    "activity",
    "activities",
    "statement",
    "ledger",
    "records",
    "spending",
    "expenses",
    "purchases",
    "deposits",
    "withdrawals",
    "sends",
    "receipts",
    "incoming",
    "outgoing",
    "movements",
];
/// Nouns for one transaction.
pub(crate) const TX_NOUNS: &[&str] = &["tx", "transaction", "transfer", "payment", "send", "hash", "txn"];
/// Words that ask about one transaction's fate.
pub(crate) const STATUS_WORDS: &[&str] = &[
    "status",
    "confirmed",
    "confirm",
    "confirmation",
    "confirmations",
    "pending",
    "through",
    "mined",
    "succeed",
    "succeeded",
    "successful",
    "success",
    "fail",
    "failed",
    "failing",
    "stuck",
    "land",
    "landed",
    "complete",
    "completed",
    "done",
    "finalized",
    "final",
    "arrived",
    "arrive",
    "processed",
    "dropped",
    "went",
    "track",
    "check",
    "happened",
    "happen",
];
/// Verbs that buy or extend the subscription.
pub(crate) const PURCHASE_VERBS: &[&str] = &[
    "buy",
    "renew",
    "renewing",
    "purchase",
    "upgrade",
    "get",
    "extend",
    "subscribe",
    "activate",
    "start",
    "pay",
    "reactivate",
    "unlock",
    "join",
    "sign",
    "add",
    "prolong",
    "continue",
    "order",
];
/// Yield words.
pub(crate) const YIELD_WORDS: &[&str] = &[
    "yield", "yields", "apr", "apy", "farm", "farming", "farms", "interest", "earn", "earning", "earnings", "returns",
    "lending", "lend", "vault", "vaults", "rate", "rates",
];
/// Staking-topic words.
pub(crate) const STAKING_WORDS: &[&str] =
    &["staking", "validators", "validator", "delegation", "delegating", "delegators", "stakers", "staked"];
/// Pool words.
pub(crate) const POOL_WORDS: &[&str] = &["pool", "pools", "liquidity", "tvl", "lp", "amm", "dex"];
/// Balance words.
pub(crate) const BALANCE_WORDS: &[&str] =
    &["balance", "balances", "holdings", "portfolio", "funds", "holding", "assets", "bal"];
/// Question openers.
pub(crate) const QUESTION_OPENERS: &[&str] = &[
    "what", "how", "when", "where", "who", "which", "why", "did", "do", "does", "is", "are", "am", "was", "were",
    "have", "has", "can", "could", "should", "would", "will", "shall", "may",
];

/// Small number words.
pub(crate) fn number_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "dozen" => 12,
        _ => return None,
    })
}

/// Multipliers written as words.
pub(crate) fn multiplier_word(w: &str) -> Option<u32> {
    Some(match w {
        "hundred" => 2,
        "thousand" | "k" | "grand" => 3,
        "million" | "mil" | "mm" => 6,
        "billion" | "bn" => 9,
        _ => return None,
    })
}
