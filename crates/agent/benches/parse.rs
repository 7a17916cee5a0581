//! Parse latency of the rules engine, in process: a criterion benchmark per message set
//! (the public cases; the blind cases, full of typos and slang), then a summary line per
//! set with the median and p99 of single parses (the target: median under 50
//! microseconds, typo tolerance included).

use std::{hint::black_box, time::Instant};

use criterion::Criterion;
use sonic_agent::{parse, Contacts};

fn texts(jsonl: &str) -> Vec<String> {
    jsonl
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn public() -> Vec<String> {
    texts(include_str!("../tests/cases/public.jsonl"))
}

fn blind() -> Vec<String> {
    [
        include_str!("../tests/cases/blind/batch1_phone_typist.jsonl"),
        include_str!("../tests/cases/blind/batch2_non_native.jsonl"),
        include_str!("../tests/cases/blind/batch3_cautious_beginner.jsonl"),
        include_str!("../tests/cases/blind/batch4_trader.jsonl"),
        include_str!("../tests/cases/blind/batch5_being_scammed.jsonl"),
        include_str!("../tests/cases/blind/batch6_mixed_multiturn_free.jsonl"),
    ]
    .iter()
    .flat_map(|f| texts(f))
    .collect()
}

/// Times every text `rounds` times, one parse at a time; returns the median and p99 in
/// microseconds.
fn distribution(texts: &[String], book: &Contacts, rounds: usize) -> (f64, f64) {
    let mut samples: Vec<f64> = Vec::with_capacity(texts.len() * rounds);
    for _ in 0..rounds {
        for t in texts {
            let start = Instant::now();
            black_box(parse(black_box(t), book));
            samples.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    (samples[samples.len() / 2], samples[samples.len() * 99 / 100])
}

fn contacts() -> Contacts {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../tests/cases/contacts.json")).unwrap_or_default();
    let mut book = Contacts::new();
    for (k, v) in map {
        if let Ok(a) = sonic_types::parse_address(v.as_str().unwrap_or_default()) {
            book.insert(&k, a);
        }
    }
    book
}

fn main() {
    let sets = [("public", public()), ("blind", blind())];
    let book = contacts();
    let mut c = Criterion::default().configure_from_args();
    for (name, texts) in &sets {
        c.bench_function(&format!("parse all {name} cases"), |b| {
            b.iter(|| {
                for t in texts {
                    black_box(parse(black_box(t), &book));
                }
            })
        });
    }
    c.final_summary();

    // Single-parse distribution: every public case 2,000 times, every blind case 300.
    for ((name, texts), rounds) in sets.iter().zip([2000, 300]) {
        let (median, p99) = distribution(texts, &book, rounds);
        println!(
            "agent parse: median {median:.1} us, p99 {p99:.1} us over {} {name} cases (target: median < 50 us)",
            texts.len()
        );
    }
}
