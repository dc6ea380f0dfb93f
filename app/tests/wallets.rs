//! Wallets and the embedded chain's clock: what a newcomer does first.

mod harness;

use harness::Ampled;

#[test]
fn a_new_wallet_is_a_keypair_file_funded_for_fees_and_becomes_the_default_signer() {
    let ampled = Ampled::new();

    let created = ampled.json(&["wallet", "new", "ana"]);

    let address = ampled.address("ana");
    assert_eq!(created["address"], address.to_string());
    assert_eq!(ampled.lamports("ana"), 10_000_000_000);
    let shown = ampled.json(&["wallet", "show"]);
    assert_eq!(shown["address"], address.to_string());
    assert_eq!(shown["sol"], "10");
    assert_eq!(shown["lamports"], 10_000_000_000u64);
}

#[test]
fn a_second_wallet_with_the_same_name_is_refused_and_the_first_is_kept() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let original = ampled.address("ana");

    let run = ampled.refused(&["wallet", "new", "ana"]);

    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(ampled.address("ana"), original);
}

#[test]
fn funding_adds_sol_and_an_unknown_wallet_is_named_in_the_refusal() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);

    ampled.ok(&["wallet", "fund", "ana", "--sol", "5"]);
    let run = ampled.refused(&["wallet", "fund", "anna"]);

    assert_eq!(ampled.lamports("ana"), 15_000_000_000);
    assert!(
        run.stderr.contains("\"anna\" is neither a wallet"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_clock_moves_forward_only() {
    let ampled = Ampled::new();
    let before = ampled.json(&["clock", "show"])["time_unix"]
        .as_i64()
        .unwrap();

    let after = ampled.json(&["clock", "advance", "3d"])["time_unix"]
        .as_i64()
        .unwrap();
    let run = ampled.refused(&["clock", "advance", "0"]);

    assert!(after - before >= 3 * 86_400, "{before} -> {after}");
    assert!(run.stderr.contains("only moves forward"), "{}", run.stderr);
}

#[test]
fn a_command_that_signs_without_a_wallet_says_how_to_choose_one() {
    let ampled = Ampled::new();

    let error = ampled.refused_json(&[
        "community",
        "create",
        "coop",
        "--founder",
        "11111111111111111111111111111111",
    ]);

    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("Which wallet signs?"),
        "{error}"
    );
}

#[test]
fn a_cluster_url_moniker_selects_rpc_and_an_unreachable_cluster_is_reported() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);

    let run = ampled.run(&["-u", "http://127.0.0.1:9", "-k", "ana", "clock", "show"]);

    assert_eq!(run.status, harness::ERROR_EXIT);
    assert!(
        run.stderr
            .contains("cannot reach the cluster at http://127.0.0.1:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_solana_cli_config_named_with_dash_c_selects_its_cluster() {
    let ampled = Ampled::new();
    let config = ampled.home().join("config.yml");
    std::fs::write(
        &config,
        "---\njson_rpc_url: \"http://127.0.0.1:9\"\nkeypair_path: /nonexistent/id.json\ncommitment: confirmed\n",
    )
    .unwrap();

    let run = ampled.run(&[
        "-C",
        config.to_str().unwrap(),
        "--community",
        "coop",
        "community",
        "show",
    ]);

    assert_eq!(run.status, harness::ERROR_EXIT);
    assert!(
        run.stderr
            .contains("cannot reach the cluster at http://127.0.0.1:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_config_file_named_with_dash_c_is_reported() {
    let ampled = Ampled::new();

    let run = ampled.refused(&["-C", "/nonexistent/config.yml", "clock", "show"]);

    assert!(
        run.stderr
            .contains("cannot read the Solana config /nonexistent/config.yml"),
        "{}",
        run.stderr
    );
}
