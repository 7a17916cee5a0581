//! Contracts, Premium and the NFT creator through the CLI on anvil: deploy, status,
//! purchase and renewal, the on-chain mint gate, minting with IPFS metadata whose
//! bytes hash to the CID in the token URI, and Pinata pinning.

use alloy::{
    primitives::{Address, U256},
    providers::ProviderBuilder,
    sol,
};
use sonic_ipfs::{
    cid::cid_of,
    fake::{pinata_server, Mode},
};

use crate::support::{anvil, Sonic};

sol!(
    #[sol(rpc)]
    SmartSonicNFT,
    "../../contracts/artifacts/SmartSonicNFT.json"
);

#[tokio::test(flavor = "multi_thread")]
async fn deploy_subscribe_renew_and_mint() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let err = s.fails(&["subscription", "status"]);
    assert!(err.contains("not deployed on this network yet"), "{err}");

    let deployed = s.json(&["contracts", "deploy", "--yes"]);
    let nft_addr: Address = deployed[0]["nft"].as_str().expect("nft").parse().expect("address");
    let status = s.json(&["subscription", "status"]);
    assert_eq!(status[0]["active"], false);
    assert_eq!(status[0]["end"], serde_json::Value::Null);
    assert_eq!(status[0]["price"], "1000000000000000000");

    // Minting is refused before subscribing, with a message that says how to subscribe.
    std::fs::write(s.path("dawn.png"), b"\x89PNG fake image bytes").expect("image");
    let img = s.path("dawn.png");
    let err = s.fails(&["nft", "mint", "--name", "Dawn", "--image", img.to_str().expect("p"), "--yes"]);
    assert!(err.contains("Premium") && err.contains("sonic subscription purchase"), "{err}");

    let bought = s.json(&["subscription", "purchase", "--yes"]);
    assert_eq!(bought[0]["active"], true);
    let end1 = bought[0]["end"].as_u64().expect("end");
    let renewed = s.json(&["subscription", "purchase", "--yes"]);
    assert_eq!(renewed[0]["end"].as_u64().expect("end"), end1 + 30 * 86_400, "renewal extends from the end");

    let minted = s.json(&[
        "nft",
        "mint",
        "--name",
        "Dawn",
        "--description",
        "first light",
        "--image",
        img.to_str().expect("p"),
        "--yes",
    ]);
    let m = &minted[0];
    assert_eq!(m["pinned"], false, "no Pinata configured: local content, not pinned yet");
    let image_bytes = std::fs::read(&img).expect("image");
    assert_eq!(m["image_cid"], cid_of(&image_bytes).as_str());
    let metadata_cid = m["metadata_cid"].as_str().expect("cid");
    assert_eq!(m["token_uri"], format!("ipfs://{metadata_cid}").as_str());

    // Read the token URI back from the chain, and hash the stored metadata bytes.
    let provider = ProviderBuilder::new().connect_http(node.endpoint_url());
    let nft = SmartSonicNFT::new(nft_addr, &provider);
    let id: U256 = m["token_id"].as_str().expect("id").parse().expect("u256");
    assert_eq!(nft.tokenURI(id).call().await.expect("tokenURI"), format!("ipfs://{metadata_cid}"));
    let stored = std::fs::read(s.data().join("ipfs").join(metadata_cid)).expect("metadata in the local store");
    assert_eq!(cid_of(&stored), metadata_cid, "the metadata bytes hash to the CID in the URI");
    let meta: serde_json::Value = serde_json::from_slice(&stored).expect("json");
    assert_eq!(meta["name"], "Dawn");
    assert_eq!(meta["description"], "first light");
    assert_eq!(meta["image"], format!("ipfs://{}", cid_of(&image_bytes)).as_str());

    let list = s.json(&["nft", "list"]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Dawn");
    assert_eq!(list[0]["pinned"], false);

    // "Not pinned yet" is resolved later, once Pinata is set up.
    let (url, seen) = pinata_server(Mode::Honest);
    std::fs::write(s.path("jwt"), "jwt\n").expect("jwt");
    s.ok(&["settings", "pinata", "--jwt-file", s.path("jwt").to_str().expect("p"), "--url", &url]);
    assert_eq!(s.json(&["nft", "pin"])[0]["pinned"], 1);
    assert_eq!(seen.lock().expect("lock").len(), 2, "image and metadata uploaded");
    assert_eq!(s.json(&["nft", "list"])[0]["pinned"], true);
    assert_eq!(s.json(&["nft", "pin"])[0]["pinned"], 0, "nothing left to pin");
}

#[tokio::test(flavor = "multi_thread")]
async fn mint_with_pinata_pins_both_files() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    s.json(&["contracts", "deploy", "--yes"]);
    s.json(&["subscription", "purchase", "--yes"]);
    let (url, seen) = pinata_server(Mode::Honest);
    std::fs::write(s.path("jwt"), "pinata-jwt\n").expect("jwt");
    s.ok(&["settings", "pinata", "--jwt-file", s.path("jwt").to_str().expect("p"), "--url", &url]);
    std::fs::write(s.path("owl.jpg"), vec![7u8; 300_000]).expect("image");
    let minted =
        s.json(&["nft", "mint", "--name", "Night Owl", "--image", s.path("owl.jpg").to_str().expect("p"), "--yes"]);
    assert_eq!(minted[0]["pinned"], true);
    let uploads = seen.lock().expect("lock").clone();
    assert_eq!(uploads.len(), 2, "image and metadata");
    assert!(uploads.iter().all(|u| u.authorization == "Bearer pinata-jwt" && u.network == "public"));
    assert_eq!(cid_of(&uploads[0].bytes), minted[0]["image_cid"].as_str().expect("cid"));
    let vault = std::fs::read_to_string(s.data().join("vault.json")).expect("vault");
    assert!(!vault.contains("pinata-jwt"), "the JWT is sealed in the vault");

    // A Pinata that returns another CID stops the mint before anything is signed (the
    // card was shown first: pinning happens at confirmation).
    let (bad, _) = pinata_server(Mode::WrongCid);
    s.ok(&["settings", "pinata", "--jwt-file", s.path("jwt").to_str().expect("p"), "--url", &bad]);
    let out = s.run(&["nft", "mint", "--name", "Other", "--yes"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.trim_end().lines().last().is_some_and(|l| l.contains("Pinata returned CID")), "{err}");
    assert_eq!(s.json(&["nft", "list"]).len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chat_mint_reads_and_publishes_nothing_before_confirmation() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    s.json(&["contracts", "deploy", "--yes"]);
    let (url, seen) = pinata_server(Mode::Honest);
    std::fs::write(s.path("jwt"), "pinata-jwt\n").expect("jwt");
    s.ok(&["settings", "pinata", "--jwt-file", s.path("jwt").to_str().expect("p"), "--url", &url]);
    let secret = s.path("notes.txt");
    std::fs::write(&secret, b"my seed words are in here").expect("file");
    let ask = format!("mint an NFT called Dawn with image {}", secret.display());

    // Without Premium the plan is refused before anything is read or sent.
    let out = s.json(&["agent", "ask", &ask]);
    assert!(out[0]["text"].as_str().expect("text").contains("Premium"), "{out:?}");
    assert!(seen.lock().expect("lock").is_empty());

    s.json(&["subscription", "purchase", "--yes"]);
    // With Premium: a card with the file's name and size; no answer (no terminal) means
    // no mint, and nothing was stored locally or uploaded.
    let out = s.run(&["--json", "agent", "ask", &ask]);
    let card: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().expect("card")).expect("json");
    assert_eq!(card["plan"]["kind"]["type"], "nft_mint", "{card}");
    assert_eq!(card["plan"]["kind"]["image_file"], "notes.txt");
    assert_eq!(card["plan"]["kind"]["image_bytes"], 25);
    assert!(seen.lock().expect("lock").is_empty(), "nothing pinned before confirmation");
    let stored = std::fs::read_dir(s.data().join("ipfs")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(stored, 0, "nothing read into the content store before confirmation");
    assert!(s.json(&["nft", "list"]).is_empty());

    // Confirmed: read, pinned after the Premium check, minted.
    let out = s.json(&["agent", "ask", "--yes", &ask]);
    assert!(out[1]["text"].as_str().expect("text").starts_with("Minted #"), "{out:?}");
    let uploads = seen.lock().expect("lock").clone();
    assert_eq!(uploads.len(), 2, "image and metadata pinned at confirmation");
    assert_eq!(cid_of(&uploads[0].bytes), cid_of(b"my seed words are in here"));
}

#[tokio::test(flavor = "multi_thread")]
async fn deploy_create2_prints_the_shipped_addresses_and_premium_works_there() {
    let node = anvil(&[]);
    let s = Sonic::new(&node.endpoint());
    s.import_anvil(1);
    let deployed = s.json(&["contracts", "deploy", "--create2", "--yes"]);
    assert_eq!(deployed[0]["subscription"], "0xA81F4B68a311b2eC0EA5B87239ABFD8187408c0d");
    assert_eq!(deployed[0]["nft"], "0x951F59432b0556D33D5Ac027e17f4Ff40808C71F");
    // Found by their code, with nothing recorded, and usable.
    let shown = s.json(&["contracts", "show"]);
    assert_eq!(shown[0], deployed[0]);
    let bought = s.json(&["subscription", "purchase", "--yes"]);
    assert_eq!(bought[0]["active"], true);
    assert_eq!(bought[0]["contract"], "0xA81F4B68a311b2eC0EA5B87239ABFD8187408c0d");
    // Again: nothing left to deploy, the same addresses.
    assert_eq!(s.json(&["contracts", "deploy", "--create2", "--yes"])[0], deployed[0]);
}
