//! Solana's JavaScript clients, written by nobody here, work against `ampled serve` unchanged:
//! this test prepares a chain with the `ampled` command line (a co-op, tokens, proposals open for
//! a vote, auctions open for bids), serves it, and runs `npm test` in `clients/` against it:
//! `@solana/kit` with `@solana-program/token-2022`, `@anchor-lang/core`, and the client Codama
//! generates from `idl/ampled.json`. Each JavaScript test says what it proves.
//!
//! It needs Node.js 20.18 or newer with npm; without them it fails and says so. When
//! `clients/node_modules` is missing or older than the lock file, it runs `npm ci` first.

mod npm;

use npm::{
    assert_tests_passed, clients_dir, install_clients, require_node, run_bounded, ServedNode,
};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// The community the fixture creates.
const COMMUNITY: &str = "ampled";

/// `ampled --home <home> <args>` on the embedded chain; its stdout, trimmed. Panics with what it
/// said when it fails.
#[track_caller]
fn ampled(home: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("AMPLED_WALLET")
        .env_remove("AMPLED_HOME")
        .env("AMPLED_COMMUNITY", COMMUNITY)
        .output()
        .expect("run ampled");
    assert!(
        output.status.success(),
        "`ampled {}` failed:\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

/// The chain the JavaScript tests start from, and what they need to know of it (written to
/// `<home>/npm-clients.json`; `clients/lib/node.mjs` reads it). Each client gets its own wallets,
/// proposal and auction, so the test files can run in any order, or together.
fn prepare_chain(home: &Path) -> Value {
    for wallet in ["ana", "ben", "cleo", "eve", "dev", "fan"] {
        ampled(home, &["wallet", "new", wallet]);
    }
    ampled(
        home,
        &[
            "community",
            "create",
            COMMUNITY,
            "--founder",
            "ana:worker",
            "--founder",
            "ben:artist",
            "--founder",
            "cleo:worker",
            "--founder",
            "eve:artist",
            "--threshold",
            "50%",
            "--min-approvals",
            "2",
            "--voting-period",
            "7d",
            "--token-name",
            "Ampled",
            "--symbol",
            "AMPLED",
        ],
    );
    // Tokens: minted to Ana by vote, then handed out to every wallet that bids or sends.
    let seed = ampled(
        home,
        &[
            "-k", "ben", "-q", "proposal", "reward", "ana", "1000", "--reason", "seed",
        ],
    );
    ampled(home, &["-k", "cleo", "proposal", "approve", &seed]);
    ampled(home, &["-k", "eve", "proposal", "approve", &seed]);
    ampled(home, &["proposal", "execute", &seed]);
    for wallet in ["cleo", "eve", "dev", "fan"] {
        ampled(home, &["-k", "ana", "transfer", wallet, "100"]);
    }

    // Two of four members must approve: Ben's approval is in, so the client's vote passes each.
    let open_proposal = |reason: &str| {
        let proposal = ampled(
            home,
            &[
                "-k", "ana", "-q", "proposal", "reward", "dev", "5", "--reason", reason,
            ],
        );
        ampled(home, &["-k", "ben", "proposal", "approve", &proposal]);
        proposal
    };
    let anchor_proposal = open_proposal("voted on with Anchor");
    let codama_proposal = open_proposal("voted on with the Codama client");

    let auction = |title: &str| {
        ampled(
            home,
            &[
                "-k",
                "ben",
                "-q",
                "auction",
                "create",
                "--title",
                title,
                "--reserve",
                "10",
            ],
        )
    };
    let anchor_auction = auction("bid on with Anchor");
    let codama_auction = auction("outbid with the Codama client");
    ampled(
        home,
        &["-k", "ana", "auction", "bid", &codama_auction, "15"],
    );
    let open_auction = auction("bid on by a non-member");

    let community: Value =
        serde_json::from_str(&ampled(home, &["community", "show", "--output", "json"]))
            .expect("community JSON");
    json!({
        "community": community["address"],
        "mint": community["mint"],
        "kit": { "sender": "dev" },
        "anchor": {
            "voter": "cleo",
            "proposal": anchor_proposal,
            "bidder": "cleo",
            "auction": anchor_auction,
        },
        "codama": {
            "voter": "eve",
            "proposal": codama_proposal,
            "bidder": "eve",
            "auction": codama_auction,
            "nonMember": "fan",
            "openAuction": open_auction,
        },
    })
}

#[test]
fn solanas_javascript_clients_vote_bid_and_transfer_through_the_node_unchanged() {
    require_node();
    let clients = clients_dir();
    install_clients(&clients);
    let home = tempfile::tempdir().expect("temporary home");
    let fixture = prepare_chain(home.path());
    let fixture_file = home.path().join("npm-clients.json");
    std::fs::write(&fixture_file, fixture.to_string()).expect("write the fixture");
    let mut node = ServedNode::start(home.path());

    let mut npm = Command::new("npm");
    npm.arg("test")
        .current_dir(&clients)
        .env("AMPLED_NODE_URL", &node.url)
        .env("AMPLED_HOME", home.path())
        .env("AMPLED_FIXTURE", &fixture_file);
    match &node.ws_url {
        Some(ws_url) => npm.env("AMPLED_NODE_WS_URL", ws_url),
        // Validators serve PubSub on the next port; the tests default to that.
        None => npm.env_remove("AMPLED_NODE_WS_URL"),
    };
    let tests = run_bounded(&mut npm, "npm test");
    let stopped = node.stop();

    assert_tests_passed(&tests, &format!("npm test against {}", node.url));
    println!("{}", tests.stdout);
    assert!(stopped.success(), "ampled serve stopped with {stopped}");
}
