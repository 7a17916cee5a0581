//! Word lists the rules read, grouped by the intent and the role they signal (verbs of
//! an order, nouns of a topic, markers of mood), never by example sentence: a rule asks
//! "is there a verb of sending in the imperative", never "is the text X". Phrases are
//! lists of consecutive words. The typo reader corrects only towards [`TYPO_TARGETS`].

// ------------------------------------------------------------------ orders: verbs

/// Verbs that order a transfer.
pub(crate) const SEND_VERBS: &[&str] =
    &["send", "transfer", "pay", "give", "tip", "wire", "remit", "move", "forward", "gift", "donate"];
/// Nouns of a transfer that a light verb makes an order ("make a payment to bob").
pub(crate) const SEND_NOUNS: &[&str] = &["payment", "transfer", "send", "transaction"];
/// Slang for sending ("shoot alice 3 S", "yeet 20 S to carol"). These words have other
/// meanings, so they order a transfer only with an object (an amount, a share, a party).
pub(crate) const SEND_SLANG: &[&str] = &["shoot", "yeet", "sling", "toss", "beam", "zap", "bung", "chuck"];
/// Past forms of money verbs (history).
pub(crate) const SENT_PAST: &[&str] = &[
    "sent",
    "transferred",
    "paid",
    "gave",
    "given",
    "tipped",
    "wired",
    "spent",
    "moved",
    "donated",
    "gifted",
    "forwarded",
    "remitted",
    // Regularised by learners.
    "sended",
    "payed",
    "transfered",
    "gived",
];
/// Receiving, past.
pub(crate) const RECEIVED_PAST: &[&str] = &["received", "earned", "getted"];
/// Receiving in the present, asked of a past period by learners ("i receive what money
/// in last 7 days?").
pub(crate) const RECEIVE_PRESENT: &[&str] = &["receive", "receiving", "receives"];
/// Present forms of receiving, asked about in history ("what did I receive").
pub(crate) const RECEIVE_VERBS: &[&str] = &["receive", "get", "spend"];
/// Swap verbs.
pub(crate) const SWAP_VERBS: &[&str] = &["swap", "exchange", "convert", "trade", "wrap", "unwrap"];
/// Trader slang for swapping ("flip 10 S to USDC", "ape 50 S into USDC", "dump my wS
/// for S"); like [`SEND_SLANG`], only with an object.
pub(crate) const SWAP_SLANG: &[&str] = &["flip", "ape", "dump", "rotate", "switch", "turn", "sell"];
/// Verbs that swap when two assets are named ("sell 300 S for USDC").
pub(crate) const TRADE_VERBS: &[&str] = &["buy", "sell", "change"];
/// Stake verbs (imperative).
pub(crate) const STAKE_VERBS: &[&str] = &["stake", "delegate", "restake"];
/// Slang for staking, only with an object ("bond 100 S to validator 3").
pub(crate) const STAKE_SLANG: &[&str] = &["bond"];
/// Prepositions before a validator's bare id ("delegate 20 S to 7").
pub(crate) const VALIDATOR_PREPOSITIONS: &[&str] = &["to", "with", "on", "at"];
/// Where funds go when they are staked ("put 75 S in staking").
pub(crate) const STAKE_DESTINATIONS: &[&str] = &["staking", "stake"];
/// Verbs that place funds somewhere ("put 75 S into staking").
pub(crate) const PLACE_VERBS: &[&str] = &["put", "place", "lock", "add", "commit", "move"];
/// Other verbs that move funds when used as an order.
pub(crate) const OTHER_MONEY_VERBS: &[&str] = &["buy", "sell", "approve", "withdraw", "deposit", "bridge"];
/// Money actions named as nouns of activity ("staking 100 S doubles it"): someone else's
/// words about them are no order either.
pub(crate) const MONEY_GERUNDS: &[&str] = &[
    "sending",
    "paying",
    "transferring",
    "swapping",
    "staking",
    "delegating",
    "converting",
    "exchanging",
    "trading",
    "wiring",
    "tipping",
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
    "resubscribe",
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
    "grab",
];
/// Words before a purchase verb that make it a question about the subscription, not
/// an order ("when does it renew").
pub(crate) const PURCHASE_QUESTION_MARKERS: &[&str] = &["did", "does", "will", "when"];
/// Verbs that order an NFT mint.
pub(crate) const MINT_VERBS: &[&str] = &["mint"];
/// Verbs that make something new ("create an NFT").
pub(crate) const MAKE_VERBS: &[&str] =
    &["create", "make", "generate", "issue", "design", "craft", "build", "new", "turn"];
/// Verbs that ask to be paid.
pub(crate) const REQUEST_WORDS: &[&str] =
    &["request", "invoice", "bill", "charge", "receive", "receiving", "deposit", "qr", "collect", "requesting"];
/// Words that, next to the request words, tell of a past receipt instead.
pub(crate) const RECEIPT_WORDS: &[&str] = &["received", "deposits"];
/// Verbs that ask a third party to pay the user ("have carol pay me").
pub(crate) const PAY_ME_VERBS: &[&str] = &["pay", "send", "give", "transfer", "owes", "owe"];
/// Objects that make a verb point back at the user ("pay me").
pub(crate) const ME: &[&str] = &["me", "us"];
/// Verbs that ask a third party for an amount ("ask bob for 20 S").
pub(crate) const ASK_VERBS: &[&str] = &["ask"];
/// Verbs of showing or checking, which order nothing.
pub(crate) const SHOW_VERBS: &[&str] = &["show", "check", "see", "list", "display", "view", "tell"];

// ------------------------------------------------------------------ nouns by topic

/// Nouns for the address book.
pub(crate) const CONTACT_NOUNS: &[&str] = &["contact", "contacts", "addressbook"];
/// Nouns a contact change is never about (a token, a network).
pub(crate) const NOT_CONTACT_NOUNS: &[&str] = &["token", "tokens", "network", "rpc", "coin"];
/// Nouns for where an account's funds sit ("carol's wallet", "my Savings account").
pub(crate) const ACCOUNT_NOUNS: &[&str] = &["account", "wallet", "acct"];
/// Nouns for an address.
pub(crate) const ADDRESS_NOUNS: &[&str] = &["address", "addresses", "wallet"];
/// Nouns for the subscription and its plans ("my pro plan", "am I subbed"). "plan" is
/// one only as a noun (after a determiner or a plan name, see [`PLAN_QUALIFIERS`]).
pub(crate) const SUBSCRIPTION_NOUNS: &[&str] = &[
    "subscription",
    "subscriptions",
    "subscribed",
    "subscribe",
    "resubscribe",
    "premium",
    "membership",
    "unsubscribe",
    "sub",
    "subs",
    "subbed",
    "tier",
];
/// The noun "plan", the subscription when it is a noun.
pub(crate) const PLAN_NOUNS: &[&str] = &["plan", "plans"];
/// Words before "plan" that make it a noun ("my plan", "the yearly plan", "what plan").
pub(crate) const PLAN_QUALIFIERS: &[&str] = &[
    "my",
    "the",
    "a",
    "your",
    "this",
    "that",
    "our",
    "which",
    "what",
    "pro",
    "premium",
    "yearly",
    "monthly",
    "annual",
    "current",
    "paid",
    "basic",
    "new",
    "subscription",
];
/// Words that cancel the subscription (read as a status question: cancelling is not an
/// action the wallet has).
pub(crate) const UNSUBSCRIBE: &[&[&str]] = &[&["unsubscribe"], &["cancel", "my"]];
/// Nouns for NFTs.
pub(crate) const NFT_NOUNS: &[&str] = &["nft", "nfts", "collectible", "erc721", "erc-721"];
/// Words that end an NFT's name or description.
pub(crate) const NFT_NAME_STOPS: &[&str] = &[
    "from",
    "with",
    "using",
    "and",
    "image",
    "picture",
    "photo",
    "file",
    "description",
    "described",
    "that",
    "which",
    "on",
    "for",
    "as",
    "in",
    "to",
    "please",
    "desc",
    "caption",
    "about",
    "by",
];
/// Words that introduce an NFT's name.
pub(crate) const NAME_MARKERS: &[&str] = &["called", "named", "titled", "name", "title"];
/// Words that introduce an NFT's description.
pub(crate) const DESCRIPTION_MARKERS: &[&str] = &["description", "described", "desc", "caption", "about"];
/// Words that end a description.
pub(crate) const DESCRIPTION_STOPS: &[&str] = &["from", "using", "image", "with"];
/// Small words between a mint verb and a title ("mint a new Dawn").
pub(crate) const ARTICLES: &[&str] = &["a", "an", "the", "my", "new"];
/// Nouns for a token rather than a title ("mint a Dawn NFT").
pub(crate) const TOKEN_NOUNS: &[&str] = &["nft", "nfts", "token", "collectible"];
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
/// Nouns for transactions that a count can count ("last 3 transfers").
pub(crate) const COUNTED_TX_NOUNS: &[&str] = &["tx", "transaction", "transfer", "payment", "txn"];
/// Nouns that count listed things ("last 5 ones").
pub(crate) const LIST_NOUNS: &[&str] = &["things", "items", "ones", "entries"];
/// Adjectives between a count and a history noun ("10 most recent USDC transfers").
pub(crate) const LIST_ADJECTIVES: &[&str] = &[
    "most", "recent", "latest", "last", "previous", "first", "top", "incoming", "outgoing", "biggest", "largest",
    "newest", "oldest", "new", "past",
];
/// Words that ask about one transaction's fate.
pub(crate) const STATUS_WORDS: &[&str] = &[
    "status",
    "state",
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
    "finished",
];
/// Phrases that ask whether a transaction went through.
pub(crate) const THROUGH_PHRASES: &[&[&str]] = &[&["go", "through"], &["went", "through"]];
/// Yield words.
pub(crate) const YIELD_WORDS: &[&str] = &[
    "yield", "yields", "yielding", "apr", "apy", "farm", "farming", "farms", "interest", "earn", "earning", "earnings",
    "returns", "lending", "lend", "vault", "vaults", "rate", "rates",
];
/// Staking-topic words.
pub(crate) const STAKING_WORDS: &[&str] = &[
    "staking",
    "validators",
    "validator",
    "delegation",
    "delegations",
    "delegating",
    "delegators",
    "stakers",
    "staked",
];
/// Rewards words: with "my" ("what are my rewards"), the user's staking rewards.
pub(crate) const REWARD_WORDS: &[&str] = &["rewards", "reward"];
/// Pool words.
pub(crate) const POOL_WORDS: &[&str] = &["pool", "pools", "liquidity", "tvl", "lp", "amm", "dex"];
/// Words of an earnings question, which is about rates whatever verb it uses.
pub(crate) const EARNINGS_WORDS: &[&str] =
    &["earn", "earning", "earnings", "apr", "apy", "yield", "rewards", "returns", "interest"];
/// Words that make an earnings question about the past (history, not rates).
pub(crate) const EARNED_MARKERS: &[&str] = &["did", "have", "earned"];
/// Price words.
pub(crate) const PRICE_WORDS: &[&str] = &["price", "prices", "worth", "valued", "trading", "chart", "marketcap"];
/// Phrases that ask for a price.
pub(crate) const PRICE_PHRASES: &[&[&str]] = &[&["market", "cap"]];
/// Words of cost ("how much cost S today").
pub(crate) const COST_WORDS: &[&str] = &["cost", "costs", "charge", "expensive", "cheap", "free"];
/// Words of what an asset costs ("how much cost S today").
pub(crate) const ASSET_COST_WORDS: &[&str] = &["cost", "costs"];
/// Phrases that ask what an action costs ("does it cost anything to…").
pub(crate) const COST_PHRASES: &[&[&str]] = &[&["it", "cost"], &["it", "costs"], &["it", "charge"]];
/// Fee nouns.
pub(crate) const FEE_NOUNS: &[&str] = &["fee", "fees", "gas", "charges", "commission"];
/// Things a fee or a cost is asked about.
pub(crate) const COSTED_ACTIONS: &[&str] = &[
    "mint",
    "minting",
    "transaction",
    "tx",
    "transfer",
    "transfers",
    "subscription",
    "premium",
    "sending",
    "swapping",
    "staking",
    "nft",
    "receive",
    "receiving",
];
/// Price movements of an asset.
pub(crate) const MOVEMENT_WORDS: &[&str] =
    &["pumping", "dumping", "rising", "falling", "dropping", "mooning", "crashing"];
/// Phrases of price movement.
pub(crate) const MOVEMENT_PHRASES: &[&[&str]] = &[&["going", "up"], &["going", "down"]];
/// Fiat currencies a price is asked in.
pub(crate) const FIAT_WORDS: &[&str] = &["usd", "dollars", "dollar", "eur", "euro"];
/// Fiat symbols a DeFi question's asset is never.
pub(crate) const FIAT_SYMBOLS: &[&str] = &["USD", "EUR"];
/// Words of one's own holdings, which make a price word a balance question.
pub(crate) const OWN_HOLDINGS: &[&str] = &["my", "portfolio"];
/// Verbs of possession.
pub(crate) const HAVE_VERBS: &[&str] = &["have", "has", "own", "hold", "left", "got", "holding"];
/// Balance words.
pub(crate) const BALANCE_WORDS: &[&str] =
    &["balance", "balances", "holdings", "portfolio", "funds", "holding", "assets", "bal"];
/// Words for money in general ("tell me my money").
pub(crate) const MONEY_NOUNS: &[&str] = &["money", "funds", "wallet", "cash"];
/// Phrases that ask for a balance.
pub(crate) const BALANCE_PHRASES: &[&[&str]] = &[
    &["what", "do", "i", "have"],
    &["do", "i", "have"],
    &["do", "i", "still", "have"],
    &["what", "do", "i", "own"],
    &["in", "my", "wallet"],
    &["in", "my", "account"],
    &["how", "much", "is", "in"],
    &["how", "much", "is", "left"],
    &["what", "is", "in"],
    &["my", "money"],
    &["my", "funds"],
    &["my", "cash"],
    &["how", "rich"],
    &["net", "worth"],
    &["am", "i", "broke"],
];
/// Words for a value ("what is my S worth").
pub(crate) const VALUE_WORDS: &[&str] = &["worth", "value"];
/// Ordinal words for a position among the user's accounts ("my second account").
pub(crate) const ORDINALS: &[(&str, &str)] =
    &[("first", "1"), ("second", "2"), ("third", "3"), ("fourth", "4"), ("fifth", "5"), ("main", "1")];

// ------------------------------------------------------------------ help and explanation

/// Phrases that ask how to do something.
pub(crate) const HOW_TO_PHRASES: &[&[&str]] = &[
    &["how", "do", "i"],
    &["how", "can", "i"],
    &["how", "could", "i"],
    &["how", "should", "i"],
    &["how", "would", "i"],
    &["how", "to"],
    &["how", "does"],
    &["how", "do", "you"],
    &["how", "do", "we"],
    &["how", "is", "it", "done"],
    &["how", "long", "does"],
    &["how", "long", "will"],
    &["how", "many", "confirmations"],
    &["what", "should", "i", "do"],
    &["what", "do", "i", "do"],
    &["what", "can", "i", "do", "if"],
];
/// Verbs of working ("how a payment request works").
pub(crate) const WORK_VERBS: &[&str] = &["work", "works", "working"];
/// Phrases that ask what would happen.
pub(crate) const WHAT_IF_PHRASES: &[&[&str]] = &[&["what", "if"]];
/// Verbs of happening ("what happens", "what is happen" as a learner writes it).
pub(crate) const HAPPEN_VERBS: &[&str] = &["happen", "happens"];
/// Words of a hypothesis.
pub(crate) const HYPOTHETICAL_WORDS: &[&str] = &["hypothetically", "theoretically", "suppose", "supposing", "imagine"];
/// Words of a question about what a swap would give ("what would I get for 10 S in
/// USDC?", "how much USDC would 10 S fetch?").
pub(crate) const QUOTE_WORDS: &[&str] = &["get", "receive", "fetch", "worth", "much"];
/// Phrases asking what something would give ("what would 10 S swap for in USDC").
pub(crate) const QUOTE_PHRASES: &[&[&str]] = &[&["what", "would"], &["how", "much"]];
/// Modal verbs that open a question about what would be.
pub(crate) const WOULD_MODALS: &[&str] = &["would", "will"];
/// Phrases that open a question about what the user may do.
pub(crate) const ABILITY_OPENERS: &[&[&str]] = &[
    &["can", "i"],
    &["could", "i"],
    &["may", "i"],
    &["should", "i"],
    &["am", "i", "able"],
    &["is", "it", "possible"],
    &["is", "it", "safe"],
    &["is", "it", "a", "good"],
    &["do", "i", "need"],
    &["why", "can", "not", "i"],
    &["why", "can", "i", "not"],
    &["is", "there", "a", "way"],
    &["is", "there", "a", "limit"],
];
/// Phrases that ask the user's own ability ("should I pay bob?").
pub(crate) const OWN_ABILITY: &[&[&str]] = &[&["can", "i"], &["could", "i"], &["should", "i"]];
/// Things an ability question can be about besides a money verb.
pub(crate) const ABILITY_TOPICS: &[&str] = &[
    "mint",
    "import",
    "export",
    "subscribe",
    "receive",
    "add",
    "cancel",
    "undo",
    "reverse",
    "recover",
    "restore",
    "backup",
    "speed",
    "change",
    "delete",
    "remove",
    "transaction",
    "transactions",
    "tx",
    "use",
    "connect",
    "create",
];
/// Adjectives of advice or judgement ("is it safe to…", "is it normal for support to…").
pub(crate) const ADVICE_ADJECTIVES: &[&str] = &[
    "wise",
    "safe",
    "smart",
    "advisable",
    "recommended",
    "risky",
    "idea",
    "worth",
    "normal",
    "legit",
    "legitimate",
    "usual",
    "common",
    "okay",
    "ok",
    "fine",
    "suspicious",
    "true",
    "real",
    "trustworthy",
];
/// Nouns of the wallet's rules ("are there any limits on how much I can send").
pub(crate) const LIMIT_NOUNS: &[&str] = &["limit", "limits", "minimum", "maximum", "cap"];
/// Modal verbs that open a yes/no question.
pub(crate) const MODALS: &[&str] = &["can", "could", "will", "would", "should", "may", "might"];
/// Subjects that make a modal question hypothetical and about someone else ("can a
/// wallet team ever ask for my funds?", "can someone else change my contacts?").
pub(crate) const THIRD_PARTY_SUBJECTS: &[&str] = &[
    "a",
    "an",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "people",
    "others",
    "they",
    "he",
    "she",
    "scammers",
    "hackers",
    "strangers",
    "support",
    "the",
];
/// Words that ask for an explanation.
pub(crate) const EXPLAIN_WORDS: &[&str] =
    &["explain", "tutorial", "guide", "documentation", "docs", "faq", "difference", "meaning"];
/// Phrases that ask for an explanation.
pub(crate) const EXPLAIN_PHRASES: &[&[&str]] = &[&["tell", "me", "about"], &["what", "is", "the", "difference"]];
/// Phrases that ask what a thing is.
pub(crate) const WHAT_IS_A: &[&[&str]] = &[&["what", "is", "a"], &["what", "is", "an"]];
/// Terms "what is X" asks to explain.
pub(crate) const EXPLAIN_TERMS: &[&str] = &[
    "s",
    "sonic",
    "staking",
    "gas",
    "ws",
    "defi",
    "nft",
    "premium",
    "slippage",
    "apr",
    "apy",
    "yield",
    "delegation",
    "ens",
    "eip-681",
];
/// Words of market data that make "what is …" a DeFi question, not an explanation.
pub(crate) const MARKET_DATA_WORDS: &[&str] =
    &["best", "price", "yield", "apr", "apy", "rate", "rates", "fee", "fees", "rewards", "pools"];
/// Adjectives of taste: "what's a good recipe" asks for a recommendation, and is about
/// the wallet only with one of its words ([`DOMAIN_WORDS`]).
pub(crate) const EVALUATIVE_ADJECTIVES: &[&str] =
    &["good", "nice", "great", "fun", "cool", "easy", "quick", "tasty", "healthy", "cheap", "popular"];
/// Words of the wallet's domain.
pub(crate) const DOMAIN_WORDS: &[&str] = &[
    "wallet",
    "wallets",
    "crypto",
    "token",
    "tokens",
    "coin",
    "coins",
    "blockchain",
    "chain",
    "network",
    "address",
    "validator",
    "validators",
    "seed",
    "phrase",
    "key",
    "keys",
    "transaction",
    "transactions",
    "tx",
    "gas",
    "fee",
    "fees",
    "nft",
    "nfts",
    "swap",
    "stake",
    "staking",
    "contract",
    "dex",
    "pool",
    "stablecoin",
    "bridge",
    "airdrop",
    "faucet",
    "testnet",
    "mainnet",
    "nonce",
    "hash",
    "block",
    "explorer",
    "rpc",
    "checksum",
    "ledger",
    "premium",
    "subscription",
    "yield",
    "apr",
    "apy",
    "slippage",
    "liquidity",
    "defi",
    "sonic",
    "s",
    "ws",
    "usdc",
    "mint",
];
/// Verbs that try to set the assistant's own rules aside ("ignore all previous
/// instructions"), with [`OVERRIDDEN`]: text written to steer a model, never a request.
pub(crate) const OVERRIDE_VERBS: &[&str] = &["ignore", "disregard", "forget", "override", "bypass"];
/// What [`OVERRIDE_VERBS`] try to set aside.
pub(crate) const OVERRIDDEN: &[&str] =
    &["instructions", "instruction", "rules", "prompt", "prompts", "guidelines", "directives"];
/// Words that ask for the assistant's help.
pub(crate) const HELP_WORDS: &[&str] = &["commands", "capabilities", "features", "usage", "manual", "instructions"];
/// Words alone that are a call for help.
pub(crate) const HELP: &[&str] = &["help"];
/// Phrases that ask what the assistant is or how it works.
pub(crate) const HELP_PHRASES: &[&[&str]] = &[
    &["what", "can", "you", "do"],
    &["what", "do", "you", "do"],
    &["what", "can", "i", "do"],
    &["what", "can", "you", "help"],
    &["what", "are", "you"],
    &["who", "are", "you"],
    &["how", "does", "this", "work"],
    &["how", "do", "you", "work"],
    &["what", "should", "i", "ask"],
    &["what", "can", "i", "ask"],
    &["what", "can", "i", "say"],
    &["help", "me", "out"],
    &["what", "do", "you", "support"],
    &["what", "do", "you", "offer"],
    &["what", "do", "you", "handle"],
];
/// Words before a capability question that ask for it to be told ("tell me what you
/// can do").
pub(crate) const TELL_ME: &[&[&str]] = &[&["tell", "me"], &["show", "me"], &["explain"]];
/// Words that ask about capability: "what (kinds of things) can you do", "what things
/// you can make", "can you do things other than…".
pub(crate) const CAPABILITY_OPENERS: &[&str] = &["what", "which"];
/// Objects of a capability question ("things", "anything else").
pub(crate) const CAPABILITY_OBJECTS: &[&str] = &["things", "stuff", "anything", "else", "other", "kinds", "sorts"];
/// Who a capability question is about.
pub(crate) const ASSISTANT_WORDS: &[&str] = &["you", "bot", "assistant", "app", "this", "it"];
/// Words of ability in a capability question.
pub(crate) const ABILITY_WORDS: &[&str] = &["can", "could", "able", "capable", "for"];
/// Verbs of a capability question.
pub(crate) const CAPABILITY_VERBS: &[&str] =
    &["do", "help", "make", "handle", "offer", "support", "understand", "ask", "say", "manage"];
/// Greetings, which alone ask what the assistant does.
pub(crate) const GREETINGS: &[&str] = &["hi", "hello", "hey", "hiya", "howdy", "start", "menu", "options"];

// ------------------------------------------------------------------ mood: whose order, when

/// Negations.
pub(crate) const NEGATIONS: &[&str] =
    &["not", "never", "nothing", "stop", "cancel", "avoid", "refuse", "shouldnt", "mustnt"];
/// Negations that govern a verb written before them ("send nothing").
pub(crate) const NEGATIONS_AFTER: &[&str] = &["nothing", "never", "not"];
/// "no" opening a message.
pub(crate) const NO: &[&str] = &["no", "nope", "nah"];
/// Words that open a new clause ("…, but I'm not sure how much yet").
pub(crate) const CLAUSE_CONJUNCTIONS: &[&str] = &["but", "because", "although", "though", "since", "while"];
/// Subjects that open a clause of its own: a negation there is about something else.
pub(crate) const SUBJECTS: &[&str] = &["i", "we", "you", "it", "that", "this", "he", "she", "they", "there"];
/// Verbs of speech or demand: before the order, said by anyone but the user ("bob
/// wants …", "they tell you to …", "my uncle keeps telling me to…"), they make it
/// someone else's words.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "telling",
    "ask",
    "asking",
    "want",
    "wanted",
    "wanting",
    "demand",
    "demands",
    "demanded",
    "demanding",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "instruct",
    "instructing",
    "order",
    "orders",
    "ordered",
    "urge",
    "urges",
    "urged",
    "urging",
    "suggest",
    "suggests",
    "suggested",
    "suggesting",
    "recommend",
    "recommends",
    "recommended",
    "recommending",
    "advise",
    "advises",
    "advised",
    "advising",
    "pushing",
    "pressuring",
    "begging",
    "begs",
    "begged",
];
/// Subjects whose speech verbs are the user's own ("I want to send").
pub(crate) const OWN_SUBJECTS: &[&str] = &["i", "you", "we"];
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
    // Where someone else's words come from ("got a text: …", "my friend's advice: …").
    "text",
    "sms",
    "message",
    "messages",
    "notification",
    "alert",
    "caller",
    "letter",
    "post",
    "video",
    "youtube",
    "telegram",
    "discord",
    "whatsapp",
    "twitter",
    "tiktok",
    "instagram",
    "reddit",
    "influencer",
    "advice",
    "suggestion",
    "recommendation",
    "instruction",
    // Lures: a wallet in danger that money would save.
    "compromised",
    "suspended",
    "frozen",
    "hacked",
    "urgent",
];
/// Phrases of someone else's words ("wants me to", "said to").
pub(crate) const REPORTED_PHRASES: &[&[&str]] =
    &[&["wants", "me"], &["want", "me"], &["told", "me"], &["asked", "me"], &["says", "to"], &["said", "to"]];
/// Words that make a quotation an NFT's name rather than someone else's words.
pub(crate) const QUOTE_AS_TITLE: &[&str] = &["mint", "nft", "called", "named"];
/// Conditions the wallet cannot wait for.
pub(crate) const CONDITIONALS: &[&str] = &["if", "unless", "whenever", "once", "after", "before", "until"];
/// Verbs that take "after" or "before" as a particle, not as a conjunction: "she is
/// looking after my affairs", "he takes after his dad", "it was named after her".
pub(crate) const PARTICLE_VERBS: &[&str] =
    &["look", "looks", "looking", "looked", "take", "takes", "taking", "took", "name", "named", "come", "comes"];
/// Conjunctions that open a time clause ("before I pay the contractors", "after I get
/// paid", "when I send rent"): on a question or a lookup they only say when it is asked.
pub(crate) const TIME_CONJUNCTIONS: &[&str] = &["before", "after", "when", "whenever", "until", "once"];
/// Conjunctions that open a clause that only explains ("because she asked", "since he
/// helped", "as she is my sister").
pub(crate) const EXPLANATION_CONJUNCTIONS: &[&str] = &["because", "since", "as", "cause", "cuz", "coz"];
/// The word that opens a courtesy formula shaped as a condition ("if you please").
pub(crate) const COURTESY_IF: &[&str] = &["if"];
/// The only words of a courtesy formula after "if": the assistant's willingness, the
/// user's thanks ("if you would be so good", "if you don't mind", "if it's no trouble",
/// "if possible"). A clause with any other word is a condition on the world.
pub(crate) const COURTESY_WORDS: &[&str] = &[
    "you", "would", "could", "will", "can", "be", "so", "good", "kind", "nice", "please", "do", "does", "not", "mind",
    "possible", "it", "is", "that", "this", "ok", "okay", "alright", "fine", "no", "too", "much", "trouble", "bother",
    "as", "to", "enough", "like", "wish", "want", "dont", "sir", "madam", "dear", "very", "a", "allowed", "wouldnt",
    "thanks", "thank", "kindly",
];
/// Phrases that open a condition at the start of a message ("in case bob asks, …").
pub(crate) const CONDITIONAL_OPENERS: &[&[&str]] =
    &[&["in", "case"], &["as", "soon", "as"], &["provided"], &["providing"], &["assuming"], &["in", "the", "event"]];
/// Words that ask the assistant politely ("can you send…"): an order, not a question.
pub(crate) const POLITE_OPENERS: &[&[&str]] =
    &[&["can", "you"], &["could", "you"], &["would", "you"], &["will", "you"], &["can", "we"]];
/// Politeness and thanks, which are never a name or an asset ("send mom 20 ty").
pub(crate) const POLITENESS: &[&str] = &[
    "please", "pls", "plz", "kindly", "thanks", "thank", "thx", "ty", "cheers", "now", "asap", "quick", "quickly",
    "real",
];
/// Words that may stand before the verb of an order without changing whose order it is
/// ("ok now send…", "please you pay…", "I want to send…", "also send…").
pub(crate) const CLAUSE_OPENERS: &[&str] = &[
    "please", "pls", "plz", "ok", "okay", "now", "then", "also", "and", "so", "hey", "yo", "just", "i", "we", "want",
    "to", "would", "like", "need", "can", "could", "you", "lets", "let", "us", "go", "ahead", "kindly", "hi", "hello",
    "quickly", "actually", "yes", "yeah", "alright", "right", "well", "plus", "make", "a", "the",
];
/// Light verbs that make an action of the noun after them ("make a payment of 10 S to
/// bob", "do the swap").
pub(crate) const LIGHT_VERBS: &[&str] = &["make", "do", "initiate", "process", "execute", "perform"];
/// Words before a verb that make it a noun ("a transfer", "the payment").
pub(crate) const DETERMINERS: &[&str] = &["a", "the", "my", "an", "this", "that", "your", "his", "her", "their", "our"];
/// Words that open an amount a slang verb can take ("yeet a quarter…", "dump all my
/// wS").
pub(crate) const OBJECT_STARTERS: &[&str] = &["a", "all", "half", "everything", "my", "some", "the", "it", "them"];
/// Forms of "be", which a learner puts before a verb's base form ("alice is send me").
pub(crate) const BE_FORMS: &[&str] = &["am", "is", "are", "was", "were"];
/// Verbs of wishing a learner puts right before a verb's "-ing" form ("i want sending").
pub(crate) const DESIRE_VERBS: &[&str] = &["want", "wanna", "need", "wish", "would"];
/// Words after which "to" is an infinitive, not a recipient ("want to send").
pub(crate) const INFINITIVE_MARKERS: &[&str] = &[
    "want", "need", "like", "going", "have", "able", "wish", "try", "trying", "how", "ready", "used", "plan", "love",
    "just", "order", "decided", "supposed", "meant", "allowed",
];
/// Verbs after "to" that make it a purpose, not a recipient ("just to test", "to
/// verify my wallet", "to claim").
pub(crate) const PURPOSE_VERBS: &[&str] = &[
    "test",
    "check",
    "try",
    "see",
    "verify",
    "confirm",
    "claim",
    "cover",
    "help",
    "thank",
    "celebrate",
    "split",
    "settle",
    "repay",
    "unlock",
    "qualify",
    "sync",
    "get",
    "make",
    "buy",
    "keep",
    "pay",
    "list",
    "activate",
    "secure",
    "protect",
    "avoid",
    "win",
    "receive",
    "say",
];
/// Destinations after "to" that are a contract, not a recipient.
pub(crate) const CONTRACT_DESTINATIONS: &[&str] = &["contract", "pool"];
/// Words of politeness that may close a verbless order ("5 S to bob please").
pub(crate) const CLOSERS: &[&str] = &["please", "now", "thanks", "asap", "thx", "too", "also", "as", "well", "ty"];
/// Words that open a follow-up ("and 5 S to frank as well").
pub(crate) const FOLLOW_UP_OPENERS: &[&str] = &["and", "also", "plus", "then", "ok", "okay", "now"];

// ------------------------------------------------------------------ slots

/// Prepositions that introduce the recipient.
pub(crate) const TO: &[&str] = &["to"];
/// Prepositions that introduce a recipient only when a known contact or an address
/// follows ("send all my S for mom", "send at bob 7 USDC", "transfer 0.3 wS into
/// carol").
pub(crate) const WEAK_RECIPIENT_PREPOSITIONS: &[&str] = &["for", "at", "into"];
/// Words between a recipient preposition and the recipient ("to my friend bob").
pub(crate) const RECIPIENT_FILLERS: &[&str] = &[
    "the",
    "my",
    "friend",
    "address",
    "account",
    "wallet",
    "contact",
    "buddy",
    "pal",
    "following",
    "below",
    "above",
    "this",
    "given",
    "here",
    "new",
];
/// Kinship and role nouns, which stand before a person's name ("my nephew Thomas",
/// "my boss Carol"); with no name after them they may be a contact's name ("mom").
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "nephew",
    "niece",
    "granddaughter",
    "grandson",
    "grandchild",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "son",
    "daughter",
    "child",
    "kid",
    "brother",
    "sister",
    "sis",
    "bro",
    "cousin",
    "friend",
    "buddy",
    "pal",
    "mate",
    "colleague",
    "coworker",
    "boss",
    "landlord",
    "landlady",
    "tenant",
    "neighbour",
    "neighbor",
    "aunt",
    "auntie",
    "uncle",
    "wife",
    "husband",
    "partner",
    "girlfriend",
    "boyfriend",
    "fiance",
    "fiancee",
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "mommy",
    "daddy",
    "roommate",
    "flatmate",
    "employee",
    "client",
    "customer",
    "teacher",
    "classmate",
    "stepson",
    "stepdaughter",
    "godson",
    "goddaughter",
];
/// Words before an address that make it a token, not a party ("of token 0x…").
pub(crate) const ADDRESS_AS_TOKEN: &[&str] = &["of", "token", "tokens", "contract", "asset", "coin"];
/// Words that introduce the user's own account paid from ("from Savings", "out of
/// savings").
pub(crate) const FROM_PHRASES: &[&[&str]] = &[&["from"], &["out", "of"]];
/// Words that introduce an account paid with only when an account noun or a capitalised
/// name follows ("using my Savings account", "use Savings to send…").
pub(crate) const ACCOUNT_USE_PHRASES: &[&[&str]] = &[&["using"], &["use"], &["via"]];
/// Words between "from" and the account's name ("from my Travel account").
pub(crate) const FROM_FILLERS: &[&str] = &["my", "the", "our"];
/// Two recipients joined for one payment ("to alice and bob").
pub(crate) const RECIPIENT_JOINS: &[&str] = &["and", "or"];
/// Words that separate the asset sold from the asset bought in a swap.
pub(crate) const SWAP_TARGET_PREPOSITIONS: &[&str] = &["for", "to", "into", "in", "->", "=>"];
/// Words that name the asset paid with when buying ("buy USDC with S").
pub(crate) const BUY_WITH: &[&str] = &["for", "to", "into", "with", "->", "=>", "using"];
/// Words between an amount and its asset ("all my S", "half of my wS").
pub(crate) const AMOUNT_FILLERS: &[&str] = &["my", "of", "the", "your", "our"];
/// Prepositions of history counterparties.
pub(crate) const COUNTERPARTY_PREPOSITIONS: &[&str] = &["to", "from", "with", "by"];
/// Words after a preposition that start a period, not a counterparty.
pub(crate) const NOT_COUNTERPARTY: &[&str] = &["the", "last", "past", "this", "me", "my"];
/// Auxiliaries and adverbs between a subject and its verb ("mom has sent me", "did bob
/// really send").
pub(crate) const AUXILIARIES: &[&str] = &[
    // "i am want to pay", "alice is send me": a learner's "be" before a verb.
    "am",
    "is",
    "are",
    "has",
    "have",
    "had",
    "did",
    "do",
    "does",
    "would",
    "will",
    "really",
    "already",
    "just",
    "actually",
    "ever",
    "even",
    "also",
    "still",
    "truly",
    "definitely",
];
/// Words that place an event in the past ("I send 5 S to bob yesterday" tells of one).
pub(crate) const PAST_TIME_WORDS: &[&str] = &["yesterday", "ago", "earlier", "previously", "already"];
/// Subjects that tell what the user did.
pub(crate) const FIRST_PERSON: &[&str] = &["i", "we"];
/// Words after which a noun is the subject of a clause, not an order's verb ("stake is
/// high").
pub(crate) const SUBJECT_FOLLOWERS: &[&str] = &[
    "is", "are", "was", "were", "has", "had", "will", "would", "can", "could", "should", "does", "did", "seems",
    "looks", "went", "got",
];
/// Auxiliaries of a past question ("did I pay", "have I sent").
pub(crate) const PAST_AUXILIARIES: &[&str] = &["did", "have", "has", "had"];
/// Phrases of money coming in.
pub(crate) const IN_PHRASES: &[&[&str]] = &[&["came", "in"], &["come", "in"], &["got", "from"]];
/// Phrases of money going out.
pub(crate) const OUT_PHRASES: &[&[&str]] = &[&["went", "out"], &["gone", "out"], &["go", "out"], &["paid", "out"]];
/// Words of money going out, in history.
pub(crate) const OUT_WORDS: &[&str] =
    &["send", "spend", "spending", "pay", "outgoing", "sends", "expenses", "withdrawals", "purchases"];
/// Words of money coming in, in history.
pub(crate) const IN_WORDS: &[&str] = &["receive", "incoming", "deposits", "receipts"];
/// Verbs whose object is a history counterparty ("what did I pay carol").
pub(crate) const PAY_OBJECT_VERBS: &[&str] = &["pay", "paid", "tip", "tipped", "send", "sent", "give", "gave"];
/// Phrases that ask who paid.
pub(crate) const WHO_PAID: &[&[&str]] = &[&["who", "paid"], &["who", "sent"]];
/// Words that ask for the latest transactions.
pub(crate) const RECENT_WORDS: &[&str] = &["last", "latest", "recent", "previous"];
/// Words that make a status question about many transactions (history).
pub(crate) const ALL_WORDS: &[&str] = &["all", "every"];
/// Words of a "how much" question about spending.
pub(crate) const SPENDING_WORDS: &[&str] = &["spend", "spending", "sent", "received"];
/// Words that make "how much … got" a question about the past ("how much I got from
/// bob").
pub(crate) const PAST_RECEIPT_MARKERS: &[&str] = &["from", "did", "yesterday", "last", "past", "received", "sent"];
/// Phrases that ask for the user's own address or a payment link.
pub(crate) const OWN_ADDRESS_PHRASES: &[&[&str]] = &[
    &["my", "address"],
    &["my", "wallet", "address"],
    &["my", "public", "address"],
    &["payment", "link"],
    &["pay", "link"],
    &["get", "paid"],
    &["getting", "paid"],
    &["payment", "request"],
    &["where", "can", "people", "send"],
    &["my", "receiving", "address"],
];
/// Other people, when the user asks where they can pay.
pub(crate) const OTHER_PEOPLE: &[&str] = &["people", "others", "friends", "someone", "anyone", "they"];
/// Verbs of paying the user's address.
pub(crate) const PAY_IN_VERBS: &[&str] = &["send", "pay", "transfer", "deposit"];
/// Words that make a number an id, count or duration, not an amount.
pub(crate) const ID_MARKERS: &[&str] =
    &["validator", "#", "id", "node", "number", "no", "index", "account", "validators"];
/// Words that introduce a validator id.
pub(crate) const VALIDATOR_MARKERS: &[&str] = &["validator", "node", "#"];
/// Words between "validator" and its id ("validator number 3").
pub(crate) const VALIDATOR_ID_WORDS: &[&str] = &["id", "number", "no", "num"];
/// Words that mean all of a balance ("send everything").
pub(crate) const MAX_WORDS: &[&str] = &["everything", "max", "maximum", "entire", "whole"];
/// Vague quantities where an amount belongs ("some S", "a bag of S"): the amount is
/// asked for.
pub(crate) const VAGUE_AMOUNTS: &[&str] = &[
    "some",
    "few",
    "bit",
    "little",
    "several",
    "money",
    "lot",
    "bunch",
    "amount",
    "anything",
    "something",
    "sum",
    "bag",
    "bags",
    "stack",
    "load",
    "couple",
];
/// Words that count things, not money ("5 days", "3 times").
pub(crate) const TIME_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "min",
    "mins", "second", "seconds", "h", "d", "times", "am", "pm", "words", "word",
];
/// Words before a number that make it a count of recent items.
pub(crate) const COUNT_MARKERS: &[&str] = &["last", "past", "latest", "recent", "first", "top", "previous"];
/// Words after an amount that are never an asset symbol.
pub(crate) const NOT_SYMBOLS: &[&str] =
    &["times", "of", "percent", "people", "friends", "nft", "nfts", "validator", "validators"];
/// Words that start a period ("last 5 days", "of week").
pub(crate) const PERIOD_MARKERS: &[&str] =
    &["last", "past", "this", "previous", "recent", "within", "in", "over", "during", "of"];
/// Words between a period marker and its length ("in the last 3 weeks").
pub(crate) const PERIOD_LEADS: &[&str] = &["last", "past"];
/// Adjectives of a period ("weekly" -> 7 days).
pub(crate) const PERIODICALS: &[(&str, u64)] = &[("weekly", 7), ("monthly", 30), ("daily", 1)];
/// Words of one day.
pub(crate) const ONE_DAY: &[&str] = &["today", "tonight", "yesterday"];
/// Words that are never a person's name, though not stop words.
pub(crate) const NOT_NAMES: &[&str] = &[
    "last",
    "past",
    "week",
    "month",
    "year",
    "today",
    "day",
    "days",
    "validator",
    "everything",
    "max",
    "everyone",
    "everybody",
    "people",
    "them",
    "myself",
    "yourself",
    "self",
    "mine",
    "savings",
    "nft",
    "premium",
];
/// Words that mean the user.
pub(crate) const SELF_WORDS: &[&str] = &["me", "myself", "self", "yourself"];
/// Suffixes of names that need a resolver the wallet does not have.
pub(crate) const NAME_SERVICE_SUFFIXES: &[&str] = &[".eth", ".sonic"];
/// Words before an address that make it the name of a contact ("save … as", "under").
pub(crate) const CONTACT_NAME_MARKERS: &[&str] = &["as", "named", "called", "name", "for", "under"];
/// Words between a contact name marker and the name.
pub(crate) const CONTACT_NAME_FILLERS: &[&str] = &["a", "the", "my", "contact", "name", "named", "called"];
/// Words that are never a contact's name in a contact order.
pub(crate) const NOT_CONTACT_NAMES: &[&str] = &["book", "is"];
/// Phrases for the address book.
pub(crate) const ADDRESS_BOOK: &[&[&str]] = &[&["address", "book"]];
/// Words right before an address that state it ("it's 0x…", "now 0x…").
pub(crate) const COPULAS_BEFORE_ADDRESS: &[&str] = &["is", "was", "are", "now", "becomes", "became"];
/// Words that tell of a changed address ("a new wallet").
pub(crate) const NEW_WORDS: &[&str] = &["new", "different", "another"];
/// Third-person subjects of a verb: someone other than the user acts ("bob change his
/// address", "she update it").
pub(crate) const THIRD_PERSON: &[&str] = &["he", "she", "they", "it", "someone", "somebody"];
/// Phrases that state an address ("dave's address is 0x…").
pub(crate) const ADDRESS_IS: &[&[&str]] = &[&["address", "is"]];

// ------------------------------------------------------------------ assets and numbers

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
    "eu", "sms", "not", "no",
];
/// Words for a share of a balance.
pub(crate) const PERCENT_WORDS: &[&str] = &["percent", "pct", "%"];
/// Words for one ("a quarter", "one quarter").
pub(crate) const ONE: &[&str] = &["a", "one", "an"];
/// Multipliers that a number word run may start with ("a hundred").
pub(crate) const LEADING_MULTIPLIERS: &[&str] = &["hundred", "thousand", "million"];
/// Multipliers never read inside a run of number words ("k", "mm" are suffixes).
pub(crate) const SUFFIX_MULTIPLIERS: &[&str] = &["k", "mm"];

// ------------------------------------------------------------------ question form

/// Question openers.
pub(crate) const QUESTION_OPENERS: &[&str] = &[
    "what", "how", "when", "where", "who", "which", "why", "did", "do", "does", "is", "are", "am", "was", "were",
    "have", "has", "can", "could", "should", "would", "will", "shall", "may",
];

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
    "same",
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
    "most",
    "recent",
    "latest",
    "thanks",
    "thank",
    "thx",
    "ty",
    "cheers",
    "well",
    "sum",
    "bag",
];

// ------------------------------------------------------------------ normalising

/// Contractions and chat shorthand, expanded before anything else reads the text.
pub(crate) const SHORTHAND: &[(&str, &str)] = &[
    ("what's", "what is"),
    ("whats", "what is"),
    ("where's", "where is"),
    ("how's", "how is"),
    ("who's", "who is"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("there's", "there is"),
    ("don't", "do not"),
    ("dont", "do not"),
    ("doesn't", "does not"),
    ("doesnt", "does not"),
    ("didn't", "did not"),
    ("didnt", "did not"),
    ("can't", "can not"),
    ("cant", "can not"),
    ("cannot", "can not"),
    ("won't", "will not"),
    ("wont", "will not"),
    ("shouldn't", "should not"),
    ("wouldn't", "would not"),
    ("isn't", "is not"),
    ("aren't", "are not"),
    ("wasn't", "was not"),
    ("haven't", "have not"),
    ("hasn't", "has not"),
    ("i'm", "i am"),
    ("im", "i am"),
    ("i'd", "i would"),
    ("i've", "i have"),
    ("i'll", "i will"),
    ("let's", "let us"),
    ("lets", "let us"),
    ("wanna", "want to"),
    ("gonna", "going to"),
    ("gimme", "give me"),
    ("pls", "please"),
    ("plz", "please"),
    ("u", "you"),
    ("ur", "your"),
    ("r", "are"),
    ("txn", "tx"),
    ("txns", "txs"),
    ("wat", "what"),
    ("wot", "what"),
    ("wut", "what"),
    ("whut", "what"),
    ("hw", "how"),
    ("hav", "have"),
    ("w", "with"),
    ("w/", "with"),
    ("rn", "right now"),
    ("thru", "through"),
    ("abt", "about"),
    ("acc", "account"),
    ("addr", "address"),
    ("amt", "amount"),
    ("b4", "before"),
    ("tmrw", "tomorrow"),
    ("cuz", "because"),
    ("bc", "because"),
];

// ------------------------------------------------------------------ typo tolerance

/// The words a misspelling may be read as, by group: verbs of every order, the nouns
/// the rules read, and asset symbols of five letters or more (shorter tickers sit one
/// letter apart from real ones, USDC/USDT/USDe/USDD, so they are never guessed).
pub(crate) const TYPO_TARGETS: &[&[&str]] = &[
    SEND_VERBS,
    SENT_PAST,
    RECEIVED_PAST,
    SWAP_VERBS,
    STAKE_VERBS,
    CONTACT_VERBS,
    PURCHASE_VERBS,
    MINT_VERBS,
    REQUEST_WORDS,
    SHOW_VERBS,
    CONTACT_NOUNS,
    SUBSCRIPTION_NOUNS,
    PLAN_NOUNS,
    NFT_NOUNS,
    HISTORY_NOUNS,
    TX_NOUNS,
    STATUS_WORDS,
    YIELD_WORDS,
    STAKING_WORDS,
    POOL_WORDS,
    PRICE_WORDS,
    BALANCE_WORDS,
    ADDRESS_NOUNS,
    HELP,
    HELP_WORDS,
    EXPLAIN_WORDS,
    TYPO_OTHER_TARGETS,
    TYPO_ASSETS,
];
/// Other words the rules depend on that people misspell.
pub(crate) const TYPO_OTHER_TARGETS: &[&str] = &[
    "what",
    "much",
    "many",
    "have",
    "does",
    "rewards",
    "receive",
    "everything",
    "today",
    "yesterday",
    "week",
    "month",
    "last",
    "please",
    "thanks",
    "account",
    "validator",
    "delegation",
    "transaction",
    "mint",
    "minting",
];
/// Asset symbols that typos are read as.
pub(crate) const TYPO_ASSETS: &[&str] = &["sonic", "shadow", "beets", "goglz", "euroc", "scusd", "sceth", "scbtc"];
/// Verbs that change state: a misspelling is read as one only where the sentence has
/// the shape of an order (the word first in its clause, with an object after it).
pub(crate) const TYPO_ORDER_GROUPS: &[&[&str]] =
    &[SEND_VERBS, SWAP_VERBS, STAKE_VERBS, CONTACT_VERBS, PURCHASE_VERBS, MINT_VERBS, OTHER_MONEY_VERBS];
/// Words after which a word is a name or a title, never corrected ("called Dawn").
pub(crate) const NAMING_MARKERS: &[&str] = &["called", "named", "titled", "as", "name", "title", "under"];

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

/// Whether `w` orders funds moved when used as a verb (slang needs an object too, which
/// the caller checks).
pub(crate) fn is_money_verb(w: &str) -> bool {
    [SEND_VERBS, SWAP_VERBS, STAKE_VERBS, OTHER_MONEY_VERBS].iter().any(|g| g.contains(&w))
}

/// Whether `w` is slang for a money verb (an order only with an object).
pub(crate) fn is_money_slang(w: &str) -> bool {
    [SEND_SLANG, SWAP_SLANG, STAKE_SLANG].iter().any(|g| g.contains(&w))
}

/// Whether `w` is a verb of sending, plain or slang.
pub(crate) fn is_send_verb(w: &str) -> bool {
    SEND_VERBS.contains(&w) || SEND_SLANG.contains(&w)
}

// ------------------------------------------------------------------ small phrases and word roles

/// Prepositions of placing funds into something ("in staking", "into my stake").
pub(crate) const INTO_PREPOSITIONS: &[&str] = &["in", "into", "to"];
/// Fee nouns that alone make a message a fee question ("fees to send S").
pub(crate) const FEE_WORDS: &[&str] = &["fee", "fees"];
/// Phrases of a hypothesis when an "if" follows ("what would it cost if…").
pub(crate) const HYPOTHETICAL_PHRASES: &[&[&str]] = &[&["what", "would"], &["would", "it"]];
/// "what are …".
pub(crate) const WHAT_ARE: &[&[&str]] = &[&["what", "are"]];
/// "what is …".
pub(crate) const WHAT_IS: &[&[&str]] = &[&["what", "is"]];
/// "what does … mean".
pub(crate) const WHAT_DOES: &[&[&str]] = &[&["what", "does"]];
/// "value of …".
pub(crate) const VALUE_OF: &[&[&str]] = &[&["value", "of"]];
/// "how much is …" (a price when an asset follows).
pub(crate) const HOW_MUCH_IS: &[&[&str]] = &[&["how", "much", "is"]];
/// "how much".
pub(crate) const HOW_MUCH: &[&[&str]] = &[&["how", "much"]];
/// "how many".
pub(crate) const HOW_MANY: &[&[&str]] = &[&["how", "many"]];
/// "how much" or "how many".
pub(crate) const HOW_MUCH_OR_MANY: &[&[&str]] = &[&["how", "much"], &["how", "many"]];
/// "I got" (a receipt, or possession in "how much S I got").
pub(crate) const I_GOT: &[&[&str]] = &[&["i", "got"]];
/// "got to" (an arrival, not a receipt).
pub(crate) const GOT_TO: &[&[&str]] = &[&["got", "to"]];
/// Phrases of being paid.
pub(crate) const GET_PAID: &[&[&str]] = &[&["get", "paid"], &["getting", "paid"]];
/// "where can …".
pub(crate) const WHERE_CAN: &[&[&str]] = &[&["where", "can"]];
/// Verbs of holding ("does alice hold wS").
pub(crate) const POSSESS_VERBS: &[&str] = &["have", "hold", "own", "having", "holding", "owning"];
/// Prepositions of whose balance ("balance of alice", "balance for 0x…").
pub(crate) const ACCOUNT_OF: &[&str] = &["of", "for"];
/// Words for the native token that a price word is about ("S price").
pub(crate) const NATIVE_PRICE_SUBJECTS: &[&str] = &["s", "sonic", "ws"];
/// The noun "address".
pub(crate) const ADDRESS: &[&str] = &["address"];
/// Words between a name marker and the name ("name it Dawn", "name is Dawn").
pub(crate) const COPULAS: &[&str] = &["it", "is"];
/// Words between a description marker and the description.
pub(crate) const DESCRIPTION_LINKS: &[&str] = &["as", "of", "is", ":"];

// ------------------------------------------------------------------ conversation

/// Answers that confirm the plan on screen.
pub(crate) const CONFIRM_WORDS: &[&str] = &[
    "yes",
    "y",
    "yep",
    "yeah",
    "confirm",
    "confirmed",
    "sure",
    "ok",
    "okay",
    "do it",
    "go ahead",
    "send it",
    "approve",
];
/// Answers that drop the plan or the question.
pub(crate) const REJECT_WORDS: &[&str] =
    &["no", "n", "nope", "cancel", "stop", "abort", "never mind", "nevermind", "don't", "do not"];
/// Words that open a correction of the last order ("no, to carol", "make it 10",
/// "actually alice", "I meant 3 S").
pub(crate) const CORRECTION_OPENERS: &[&[&str]] = &[
    &["make", "it"],
    &["change", "it", "to"],
    &["change", "the", "amount", "to"],
    &["change", "the", "recipient", "to"],
    &["actually"],
    &["instead"],
    &["no"],
    &["nope"],
    &["sorry"],
    &["wait"],
    &["oops"],
    &["i", "meant"],
    &["i", "mean"],
    &["not", "that"],
    &["rather"],
];
/// Words that stand for an amount in a correction ("make it half").
pub(crate) const AMOUNT_WORDS: &[&str] = &["half", "all", "everything", "max", "quarter"];
/// Words that repeat the last order ("the same to bob", "same amount to carol").
pub(crate) const SAME_WORDS: &[&str] = &["same"];
/// Words between "same" and the new recipient.
pub(crate) const SAME_FILLERS: &[&str] = &["amount", "again", "thing", "please"];
/// Words that close a correction ("to carol instead").
pub(crate) const CORRECTION_CLOSERS: &[&str] = &["instead", "please", "then", "thanks"];

// ------------------------------------------------------------------ the registry

mod common_words;
pub(crate) use common_words::COMMON_WORDS;

// ------------------------------------------------------------------ framing around an order

/// Dashes that, like a colon, end a short lead-in before an order ("quick one - send …").
pub(crate) const LEAD_IN_DASHES: &[&str] = &["-", "--", "—", "–"];
/// Longest lead-in (in tokens) read as the user's own framing before an order.
pub(crate) const LEAD_IN_MAX: usize = 7;
/// Words that make a lead-in someone else's words or a condition, so the order after it
/// is never read on its own ("he said: …", "if he asks: …").
pub(crate) const LEAD_IN_BLOCKERS: &[&str] =
    &["he", "she", "they", "him", "her", "them", "his", "their", "who", "whoever", "quote", "quoting"];
/// Words a user puts before a colon to frame their own order ("reminder: send mom 25 S"),
/// never a speaker's name.
pub(crate) const SELF_NOTES: &[&str] = &[
    "reminder", "remember", "note", "todo", "task", "ok", "okay", "quick", "urgent", "asap", "also", "next", "then",
    "btw", "ps", "update", "now", "today", "tonight", "tomorrow", "later", "first", "finally", "request", "order",
    "action", "me", "myself", "pls", "please",
];
/// Nouns whose number is a reference, not an amount ("invoice #7", "order no. 55",
/// "ticket number 3").
pub(crate) const REFERENCE_NOUNS: &[&str] =
    &["invoice", "invoices", "order", "ticket", "ref", "reference", "bill", "receipt", "booking", "case", "job", "po"];
/// Words between a reference noun and its number ("invoice no. 7", "order number 55").
pub(crate) const REFERENCE_MARKERS: &[&str] = &["#", "no", "number", "nr", "num"];
/// Prepositions of purpose: after a complete order, "for <purpose>" is a memo ("pay bob
/// 5 S for the March invoice", "show my address for customers").
pub(crate) const PURPOSE_PREPOSITIONS: &[&str] = &["for"];
/// Wishes that take an object and a past participle: "I'd like half my S sent to carol".
pub(crate) const PASSIVE_WISH_VERBS: &[&str] = &["want", "wanna", "need", "like", "love", "wish", "prefer", "have"];
/// Past participles of money verbs with their base forms, for a wished-for passive order.
pub(crate) const PASSIVE_PARTICIPLES: &[(&str, &str)] =
    &[("sent", "send"), ("transferred", "transfer"), ("paid", "pay"), ("wired", "wire"), ("moved", "move")];
/// "pay anything", "pay something extra": asking whether something costs.
pub(crate) const PAY_SOMETHING_PHRASES: &[&[&str]] = &[
    &["pay", "anything"],
    &["pay", "something"],
    &["pay", "extra"],
    &["pay", "money"],
    &["charged", "anything"],
    &["charged", "for"],
];
/// Prepositions that tie an address to its owner ("the address for alice", "the address
/// of bob").
pub(crate) const ADDRESS_OWNER_PREPOSITIONS: &[&str] = &["for", "of"];

/// Every word list in this file: the words the parser knows, which the typo reader never
/// reads as a misspelling of another.
pub(crate) const LEXICON_LISTS: &[&[&str]] = &[
    PARTICLE_VERBS,
    TIME_CONJUNCTIONS,
    EXPLANATION_CONJUNCTIONS,
    REFERENCE_NOUNS,
    REFERENCE_MARKERS,
    SEND_VERBS,
    SEND_NOUNS,
    SEND_SLANG,
    SENT_PAST,
    LEAD_IN_DASHES,
    LEAD_IN_BLOCKERS,
    SELF_NOTES,
    PURPOSE_PREPOSITIONS,
    PASSIVE_WISH_VERBS,
    ADDRESS_OWNER_PREPOSITIONS,
    RECEIVED_PAST,
    RECEIVE_VERBS,
    SWAP_VERBS,
    SWAP_SLANG,
    TRADE_VERBS,
    STAKE_VERBS,
    STAKE_SLANG,
    VALIDATOR_PREPOSITIONS,
    STAKE_DESTINATIONS,
    PLACE_VERBS,
    OTHER_MONEY_VERBS,
    MONEY_GERUNDS,
    CONTACT_VERBS,
    CONTACT_VERBS_PAST,
    NAMING_VERBS,
    PURCHASE_VERBS,
    PURCHASE_QUESTION_MARKERS,
    MINT_VERBS,
    MAKE_VERBS,
    REQUEST_WORDS,
    RECEIPT_WORDS,
    PAY_ME_VERBS,
    ME,
    SHOW_VERBS,
    CONTACT_NOUNS,
    NOT_CONTACT_NOUNS,
    ACCOUNT_NOUNS,
    ADDRESS_NOUNS,
    SUBSCRIPTION_NOUNS,
    PLAN_NOUNS,
    PLAN_QUALIFIERS,
    NFT_NOUNS,
    NFT_NAME_STOPS,
    NAME_MARKERS,
    DESCRIPTION_MARKERS,
    DESCRIPTION_STOPS,
    ARTICLES,
    TOKEN_NOUNS,
    HISTORY_NOUNS,
    TX_NOUNS,
    COUNTED_TX_NOUNS,
    LIST_NOUNS,
    LIST_ADJECTIVES,
    STATUS_WORDS,
    YIELD_WORDS,
    STAKING_WORDS,
    POOL_WORDS,
    EARNINGS_WORDS,
    EARNED_MARKERS,
    PRICE_WORDS,
    COST_WORDS,
    ASSET_COST_WORDS,
    FEE_NOUNS,
    COSTED_ACTIONS,
    MOVEMENT_WORDS,
    FIAT_WORDS,
    FIAT_SYMBOLS,
    OWN_HOLDINGS,
    HAVE_VERBS,
    BALANCE_WORDS,
    MONEY_NOUNS,
    VALUE_WORDS,
    WORK_VERBS,
    HAPPEN_VERBS,
    HYPOTHETICAL_WORDS,
    QUOTE_WORDS,
    WOULD_MODALS,
    ABILITY_TOPICS,
    ADVICE_ADJECTIVES,
    LIMIT_NOUNS,
    MODALS,
    THIRD_PARTY_SUBJECTS,
    EXPLAIN_WORDS,
    EXPLAIN_TERMS,
    MARKET_DATA_WORDS,
    EVALUATIVE_ADJECTIVES,
    DOMAIN_WORDS,
    OVERRIDE_VERBS,
    OVERRIDDEN,
    REWARD_WORDS,
    HELP_WORDS,
    HELP,
    CAPABILITY_OPENERS,
    CAPABILITY_OBJECTS,
    ASSISTANT_WORDS,
    ABILITY_WORDS,
    CAPABILITY_VERBS,
    GREETINGS,
    NEGATIONS,
    NEGATIONS_AFTER,
    NO,
    CLAUSE_CONJUNCTIONS,
    SUBJECTS,
    SPEECH_VERBS,
    OWN_SUBJECTS,
    REPORTED,
    QUOTE_AS_TITLE,
    CONDITIONALS,
    POLITENESS,
    CLAUSE_OPENERS,
    LIGHT_VERBS,
    DETERMINERS,
    OBJECT_STARTERS,
    INFINITIVE_MARKERS,
    PURPOSE_VERBS,
    CONTRACT_DESTINATIONS,
    CLOSERS,
    FOLLOW_UP_OPENERS,
    TO,
    WEAK_RECIPIENT_PREPOSITIONS,
    RECIPIENT_FILLERS,
    ADDRESS_AS_TOKEN,
    FROM_FILLERS,
    RECIPIENT_JOINS,
    SWAP_TARGET_PREPOSITIONS,
    BUY_WITH,
    AMOUNT_FILLERS,
    COUNTERPARTY_PREPOSITIONS,
    NOT_COUNTERPARTY,
    AUXILIARIES,
    PAST_TIME_WORDS,
    FIRST_PERSON,
    SUBJECT_FOLLOWERS,
    PAST_AUXILIARIES,
    OUT_WORDS,
    IN_WORDS,
    PAY_OBJECT_VERBS,
    RECENT_WORDS,
    ALL_WORDS,
    SPENDING_WORDS,
    PAST_RECEIPT_MARKERS,
    OTHER_PEOPLE,
    PAY_IN_VERBS,
    ID_MARKERS,
    VALIDATOR_MARKERS,
    VALIDATOR_ID_WORDS,
    MAX_WORDS,
    VAGUE_AMOUNTS,
    TIME_UNITS,
    COUNT_MARKERS,
    NOT_SYMBOLS,
    PERIOD_MARKERS,
    PERIOD_LEADS,
    ONE_DAY,
    NOT_NAMES,
    SELF_WORDS,
    NAME_SERVICE_SUFFIXES,
    CONTACT_NAME_MARKERS,
    CONTACT_NAME_FILLERS,
    NOT_CONTACT_NAMES,
    ROLE_NOUNS,
    BE_FORMS,
    RECEIVE_PRESENT,
    DESIRE_VERBS,
    COURTESY_IF,
    COURTESY_WORDS,
    COPULAS_BEFORE_ADDRESS,
    NEW_WORDS,
    THIRD_PERSON,
    NATIVE_NAMES,
    KNOWN_ASSETS,
    CAPS_NOT_ASSETS,
    PERCENT_WORDS,
    ONE,
    LEADING_MULTIPLIERS,
    SUFFIX_MULTIPLIERS,
    QUESTION_OPENERS,
    STOP,
    TYPO_OTHER_TARGETS,
    TYPO_ASSETS,
    NAMING_MARKERS,
    INTO_PREPOSITIONS,
    FEE_WORDS,
    POSSESS_VERBS,
    ACCOUNT_OF,
    NATIVE_PRICE_SUBJECTS,
    ADDRESS,
    COPULAS,
    DESCRIPTION_LINKS,
    CONFIRM_WORDS,
    REJECT_WORDS,
    AMOUNT_WORDS,
    SAME_WORDS,
    SAME_FILLERS,
    CORRECTION_CLOSERS,
];
/// Every phrase list in this file.
pub(crate) const LEXICON_PHRASES: &[&[&[&str]]] = &[
    UNSUBSCRIBE,
    QUOTE_PHRASES,
    PAY_SOMETHING_PHRASES,
    THROUGH_PHRASES,
    PRICE_PHRASES,
    COST_PHRASES,
    MOVEMENT_PHRASES,
    BALANCE_PHRASES,
    HOW_TO_PHRASES,
    WHAT_IF_PHRASES,
    ABILITY_OPENERS,
    OWN_ABILITY,
    EXPLAIN_PHRASES,
    WHAT_IS_A,
    HELP_PHRASES,
    TELL_ME,
    REPORTED_PHRASES,
    CONDITIONAL_OPENERS,
    POLITE_OPENERS,
    FROM_PHRASES,
    ACCOUNT_USE_PHRASES,
    IN_PHRASES,
    OUT_PHRASES,
    WHO_PAID,
    OWN_ADDRESS_PHRASES,
    ADDRESS_BOOK,
    ADDRESS_IS,
    TYPO_TARGETS,
    TYPO_ORDER_GROUPS,
    HYPOTHETICAL_PHRASES,
    WHAT_ARE,
    WHAT_IS,
    WHAT_DOES,
    VALUE_OF,
    HOW_MUCH_IS,
    HOW_MUCH,
    HOW_MANY,
    HOW_MUCH_OR_MANY,
    I_GOT,
    GOT_TO,
    GET_PAID,
    WHERE_CAN,
    CORRECTION_OPENERS,
    LEXICON_LISTS,
];
