//! Contacts from the terminal and from chat: a new name is saved as typed; changing
//! where an existing name's payments go shows old and new and needs a confirmation;
//! someone else's words about a contact change nothing, even with `--yes`.

use crate::support::{anvil, Sonic, ACCOUNT1, OUTSIDER};

fn alice(s: &Sonic) -> String {
    let list = s.json(&["contacts", "list"]);
    list.iter().find(|c| c["name"] == "alice").map(|c| c["address"].as_str().expect("a").to_string()).expect("alice")
}

#[test]
fn changing_a_contacts_address_needs_a_confirmation() {
    let s = Sonic::new("http://127.0.0.1:1");
    s.ok(&["contacts", "add", "alice", ACCOUNT1]);
    let out = s.run(&["contacts", "add", "alice", OUTSIDER]);
    assert!(!out.status.success(), "no terminal and no --yes: refused");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(ACCOUNT1) && err.contains(OUTSIDER), "old and new shown: {err}");
    assert_eq!(alice(&s), ACCOUNT1);
    s.ok(&["contacts", "add", "alice", OUTSIDER, "--yes"]);
    assert_eq!(alice(&s), OUTSIDER);
}

#[tokio::test(flavor = "multi_thread")]
async fn someone_elses_words_about_a_contact_change_nothing() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    s.ok(&["contacts", "add", "alice", ACCOUNT1]);
    for msg in [
        format!("bob said alice's new address is {OUTSIDER}"),
        format!("is alice's address {OUTSIDER}?"),
        format!("don't change alice's address to {OUTSIDER}"),
    ] {
        let out = s.json(&["agent", "ask", "--yes", &msg]);
        assert!(out.iter().all(|r| r["plan"].is_null()), "{msg}: {out:?}");
        assert_eq!(alice(&s), ACCOUNT1, "{msg}");
    }
    // The user's own order, confirmed, does change it.
    let out = s.json(&["agent", "ask", "--yes", &format!("update alice's address to {OUTSIDER}")]);
    assert_eq!(out[0]["plan"]["kind"]["previous"], ACCOUNT1, "{out:?}");
    assert_eq!(alice(&s), OUTSIDER);
}
