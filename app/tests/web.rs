//! The web app (`clients/web`) in a real browser against `ampled serve --demo`: this test serves
//! the demo's chain and runs `npm run web:test` in `clients/`, whose files drive Debian's
//! Chromium with playwright-core, each member signing with an injected Wallet Standard wallet,
//! and assert what the page shows and what the chain holds afterwards. Screenshots of every screen
//! go to `clients/web/screenshots`.
//!
//! It needs Node.js 20.18+ with npm and Chromium at /usr/bin/chromium (`apt-get install -y
//! chromium`); without them it fails and says so.

mod npm;

use npm::{
    assert_tests_passed, clients_dir, install_clients, require_node, run_bounded, ServedNode,
};
use std::path::Path;
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn every_screen_works_in_a_browser_from_members_own_wallets() {
    require_node();
    assert!(
        Path::new(CHROMIUM).exists(),
        "the browser tests drive Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`"
    );
    let clients = clients_dir();
    install_clients(&clients);
    let home = tempfile::tempdir().expect("temporary home");
    let mut node = ServedNode::start_with(home.path(), &["--demo"]);
    let ws_url = node
        .ws_url
        .clone()
        .expect("ampled serve names its PubSub endpoint");

    let tests = run_bounded(
        Command::new("npm")
            .args(["run", "web:test"])
            .current_dir(&clients)
            .env("AMPLED_BIN", env!("CARGO_BIN_EXE_ampled"))
            .env("AMPLED_NODE_URL", &node.url)
            .env("AMPLED_NODE_WS_URL", &ws_url)
            .env("AMPLED_HOME", home.path().join("demo"))
            .env("CHROMIUM", CHROMIUM),
        "npm run web:test",
    );
    let stopped = node.stop();

    assert_tests_passed(&tests, &format!("the browser tests against {}", node.url));
    println!("{}", tests.stdout);
    assert!(stopped.success(), "ampled serve stopped with {stopped}");
}
