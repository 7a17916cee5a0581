//! Hostile input: the parser answers `unknown` or a clarification, never panics, and
//! never turns noise into a ready money-moving action.

use rand::{Rng, SeedableRng};
use sonic_agent::{parse, Contacts};
use sonic_types::action::{Intent, Status};

fn never_moves(text: &str) {
    let a = parse(text, &Contacts::default());
    assert!(!(a.intent.moves_funds() && a.status == Status::Ready), "{text:?} gave {a:?}");
}

#[test]
fn empty_huge_control_and_mixed_scripts() {
    assert_eq!(parse("", &Contacts::default()).intent, Intent::Unknown);
    assert_eq!(parse(&"send 5 S to bob ".repeat(7_000), &Contacts::default()).intent, Intent::Unknown);
    assert_eq!(parse("\u{0000}\u{0007}\u{001b}[31m", &Contacts::default()).intent, Intent::Unknown);
    assert_eq!(parse("отправь 5 S бобу", &Contacts::default()).intent, Intent::Unknown);
    for t in [
        "\"",
        "'",
        "\"\"",
        "0x",
        "$",
        "%",
        "#",
        "-",
        "--5",
        "1,",
        ",5",
        "..5",
        "5..",
        "1e",
        "0x0x",
        "send \"",
        "mint \"unterminated",
    ] {
        let _ = parse(t, &Contacts::default());
    }
}

#[test]
fn random_noise_never_panics_nor_moves_funds() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let alphabet: Vec<char> =
        "send pay swap stake to 0x1a2B 5 , . % $ # \" ' k m S usdc alice bob ½ é 漢 🚀 \n\t".chars().collect();
    for _ in 0..5_000 {
        let len = rng.gen_range(0..60);
        let s: String = (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())]).collect();
        let a = parse(&s, &Contacts::default());
        if a.intent.moves_funds() && a.status == Status::Ready {
            // Random text may form a real order ("send 5 S to bob"); then its slots
            // must at least be valid.
            assert!(a.slot("amount").is_some(), "{s:?} -> {a:?}");
        }
    }
    for bad in
        ["don't send 5 S to bob", "they say send 5 S to bob", "what if i send 5 S to bob?", "did I send 5 S to bob?"]
    {
        never_moves(bad);
    }
}
