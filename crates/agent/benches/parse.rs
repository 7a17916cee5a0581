//! Parse latency of the rules engine over the public cases, in process: a criterion
//! benchmark per message set, then a summary line with the median and p99 of single
//! parses (the target: median under 50 microseconds).

use std::{hint::black_box, time::Instant};

use criterion::Criterion;
use sonic_agent::{parse, Contacts};

fn cases() -> Vec<String> {
    include_str!("../tests/cases/public.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["text"].as_str().unwrap_or_default().to_string())
        .collect()
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
    let texts = cases();
    let book = contacts();
    let mut c = Criterion::default().configure_from_args();
    c.bench_function("parse all public cases", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(parse(black_box(t), &book));
            }
        })
    });
    c.final_summary();

    // Single-parse distribution: every case 2,000 times.
    let mut samples: Vec<f64> = Vec::with_capacity(texts.len() * 2000);
    for _ in 0..2000 {
        for t in &texts {
            let start = Instant::now();
            black_box(parse(black_box(t), &book));
            samples.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let median = samples[samples.len() / 2];
    let p99 = samples[samples.len() * 99 / 100];
    println!(
        "agent parse: median {median:.1} us, p99 {p99:.1} us over {} public cases (target: median < 50 us)",
        texts.len()
    );
}
