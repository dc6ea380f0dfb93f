//! Holding and sending the token, gating on it, and reading the co-op's history back: `balance`,
//! `transfer`, `check`, `ledger`, `timebank`, and the `demo` that tells the whole story.

mod harness;

use ampled_client::ix;
use anchor_spl::token_interface::TokenAccount;
use harness::{Ampled, Run, TOKEN};
use serde_json::Value;
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::path::Path;
use std::process::Command;

/// Ana, Ben and Cleo found the co-op (two approvals needed) and Ana and Cleo reward Ben with
/// 12.5 tokens. Zed is a wallet from outside. Returns the reward proposal's id.
fn coop_where_ben_earned_12_5() -> (Ampled, String) {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["zed"]);
    let reward = ampled.pass(
        "ana",
        &["proposal", "reward", "ben", "12.5", "--reason", "work"],
        &["ana", "cleo"],
    );
    assert_eq!(ampled.balance("ben"), 12_500_000);
    (ampled, reward)
}

/// The token account that holds `owner`'s tokens, if it exists.
fn token_account(ampled: &Ampled, owner: &anchor_lang::prelude::Pubkey) -> Option<TokenAccount> {
    ampled.record::<TokenAccount>(&ampled.community().ata(owner))
}

/// The ledger's text lines without their time stamps (each line must have one).
fn ledger_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|line| {
            let (time, summary) = line
                .split_once(" UTC  ")
                .unwrap_or_else(|| panic!("a ledger line without a time: {line:?}"));
            assert_eq!(time.len(), "2026-11-20 23:17".len(), "{line:?}");
            summary.to_string()
        })
        .collect()
}

/// Runs the binary on the chain and wallets of another home (the demo's).
fn run_at(home: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(home)
        .args(args)
        .env_remove("AMPLED_WALLET")
        .env_remove("AMPLED_COMMUNITY")
        .env_remove("AMPLED_HOME")
        .output()
        .expect("run ampled");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn json_at(home: &Path, args: &[&str]) -> Value {
    let mut with_json = args.to_vec();
    with_json.extend(["--output", "json"]);
    let run = run_at(home, &with_json);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    run.json()
}

// Balance.

#[test]
fn balance_shows_whole_tokens_of_the_signer_by_default_and_of_any_wallet_named() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let own = ampled.ok(&["-k", "ben", "balance"]);
    let other = ampled.json(&["-k", "ana", "balance", "ben"]);
    let never_held = ampled.ok(&["-k", "ben", "balance", "zed"]);

    assert_eq!(own, "12.5 AMPLED\n");
    assert_eq!(other["balance"], "12.5");
    assert_eq!(other["balance_base_units"], 12_500_000);
    assert_eq!(other["wallet_name"], "ben");
    assert_eq!(other["wallet"], ampled.address("ben").to_string());
    assert_eq!(never_held, "0 AMPLED\n");
}

// Transfer.

#[test]
fn a_transfer_to_a_wallet_that_never_held_the_token_creates_its_account_and_moves_exactly_that_much(
) {
    let (ampled, _) = coop_where_ben_earned_12_5();
    let zed = ampled.address("zed");
    assert!(token_account(&ampled, &zed).is_none());

    let out = ampled.ok(&["-k", "ben", "transfer", "zed", "2.25"]);

    assert!(
        out.starts_with("Sent 2.25 AMPLED to zed; you hold 10.25 AMPLED\n  signature "),
        "{out}"
    );
    let account = token_account(&ampled, &zed).expect("zed's token account was created");
    assert_eq!(account.owner, zed);
    assert_eq!(account.amount, 2_250_000);
    assert_eq!(ampled.balance("ben"), 10_250_000);
    assert_eq!(ampled.balance("zed"), 2_250_000);
    assert_eq!(
        ampled.community().supply,
        12_500_000,
        "a transfer mints nothing"
    );
}

#[test]
fn sending_everything_you_hold_leaves_you_with_zero() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    ampled.ok(&["-k", "ben", "transfer", "cleo", "12.5"]);

    assert_eq!(ampled.balance("ben"), 0);
    assert_eq!(ampled.balance("cleo"), 12_500_000);
}

#[test]
fn a_transfer_memo_is_recorded_with_that_transfer_and_shown_in_its_ledger_line() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let out = ampled.ok(&[
        "-k",
        "ben",
        "transfer",
        "zed",
        "1",
        "--memo",
        "for the strings",
    ]);
    let with_memo = ampled.json(&["-k", "ben", "transfer", "zed", "2", "--memo", "and the bow"]);
    let without_memo = ampled.json(&["-k", "ben", "transfer", "zed", "0.5"]);

    assert!(out.contains("\n  memo: for the strings\n"), "{out}");
    let ledger = ampled.json(&["ledger"]);
    let line_of = |transfer: &Value| {
        let entries: Vec<&Value> = ledger
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["signature"] == transfer["signature"])
            .collect();
        assert_eq!(entries.len(), 1, "{ledger}");
        assert_eq!(entries[0]["kind"], "Transfer");
        entries[0]["summary"].as_str().unwrap().to_string()
    };
    assert_eq!(
        line_of(&with_memo),
        "ben sent 2 AMPLED to zed (memo: and the bow)"
    );
    assert_eq!(line_of(&without_memo), "ben sent 0.5 AMPLED to zed");
    let text = ledger_lines(&ampled.ok(&["ledger", "--member", "zed"]));
    assert_eq!(
        text,
        [
            "ben sent 1 AMPLED to zed (memo: for the strings)",
            "ben sent 2 AMPLED to zed (memo: and the bow)",
            "ben sent 0.5 AMPLED to zed",
        ]
    );
    assert_eq!(ampled.balance("zed"), 3_500_000);
}

#[test]
fn a_transfer_to_a_raw_address_reaches_that_address_even_before_it_exists_on_chain() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    let stranger = Keypair::new().pubkey();
    let address = stranger.to_string();

    let out = ampled.ok(&["-k", "ben", "transfer", &address, "3"]);

    assert!(
        out.starts_with(&format!(
            "Sent 3 AMPLED to {address}; you hold 9.5 AMPLED\n"
        )),
        "{out}"
    );
    let account = token_account(&ampled, &stranger).expect("the stranger's token account");
    assert_eq!((account.owner, account.amount), (stranger, 3 * TOKEN));
    let shown = ampled.json(&["balance", &address]);
    assert_eq!(shown["balance"], "3");
    assert_eq!(shown["wallet"], address);
    assert_eq!(
        shown["wallet_name"],
        serde_json::Value::Null,
        "no local name"
    );
    assert_eq!(ampled.balance("ben"), 9_500_000);
}

#[test]
fn a_transfer_of_more_than_you_hold_is_refused_before_sending() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let one_unit_too_many = ampled.refused(&["-k", "ben", "transfer", "zed", "12.500001"]);
    let from_an_empty_wallet = ampled.refused(&["-k", "zed", "transfer", "ben", "1"]);

    assert!(
        one_unit_too_many
            .stderr
            .contains("You hold 12.5 AMPLED but this needs 12.500001"),
        "{}",
        one_unit_too_many.stderr
    );
    assert!(
        from_an_empty_wallet
            .stderr
            .contains("You hold 0 AMPLED but this needs 1"),
        "{}",
        from_an_empty_wallet.stderr
    );
    assert!(one_unit_too_many.stderr.contains("Nothing was sent."));
}

#[test]
fn amounts_that_are_not_a_positive_number_of_tokens_are_refused() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    for (amount, message) in [
        ("0", "The amount must be more than zero"),
        ("0.000000", "The amount must be more than zero"),
        ("abc", "\"abc\" is not an amount of tokens"),
        ("1.5.0", "\"1.5.0\" is not an amount of tokens"),
        (
            "0.0000001",
            "0.0000001 has more decimals than the token's 6",
        ),
    ] {
        let run = ampled.refused(&["-k", "ben", "transfer", "zed", amount]);

        assert!(run.stderr.contains(message), "{amount}: {}", run.stderr);
    }
    assert_eq!(ampled.balance("ben"), 12_500_000);
}

#[test]
fn a_misspelt_wallet_name_is_refused_not_guessed() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let error = ampled.refused_json(&["-k", "ben", "transfer", "zedd", "1"]);

    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .starts_with("\"zedd\" is neither a wallet of yours nor an address"),
        "{error}"
    );
    assert_eq!(error["changed_nothing"], true);
    assert_eq!(error["program_error"], Value::Null);
}

#[test]
fn sending_to_yourself_is_refused_by_name_and_by_address() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    let own_address = ampled.address("ben").to_string();

    let by_name = ampled.refused(&["-k", "ben", "transfer", "ben", "1"]);
    let by_address = ampled.refused(&["-k", "ben", "transfer", &own_address, "1"]);

    for run in [by_name, by_address] {
        assert!(
            run.stderr.contains("That is your own wallet"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn sending_to_the_token_mint_or_the_community_account_is_refused_as_not_a_wallet() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    let shown = ampled.json(&["community", "show"]);
    let mint = shown["mint"].as_str().unwrap().to_string();
    let community = shown["address"].as_str().unwrap().to_string();

    let to_mint = ampled.refused(&["-k", "ben", "transfer", &mint, "1"]);
    let to_community = ampled.refused(&["-k", "ben", "transfer", &community, "1"]);

    assert!(
        to_mint.stderr.contains(&format!(
            "{mint} is not a wallet (it is an account of program {})",
            anchor_spl::token_2022::ID
        )),
        "{}",
        to_mint.stderr
    );
    assert!(
        to_community.stderr.contains(&format!(
            "{community} is not a wallet (it is an account of program {})",
            ampled_client::ampled::ID
        )),
        "{}",
        to_community.stderr
    );
}

#[test]
fn sending_to_a_program_derived_address_that_no_key_can_sign_for_is_refused() {
    // Zed's member record would live here if Zed were a member: an address derived by the
    // program, with no account yet and no private key. Tokens sent there could never move.
    let (ampled, _) = coop_where_ben_earned_12_5();
    let keyless = ix::member_address(&ampled.community().address, &ampled.address("zed"));
    assert!(!keyless.is_on_curve());
    let keyless = keyless.to_string();

    let run = ampled.refused(&["-k", "ben", "transfer", &keyless, "1"]);

    assert!(
        run.stderr.contains(&format!(
            "{keyless} is not a wallet (it is derived by a program"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(ampled.balance("ben"), 12_500_000);
}

#[test]
fn a_memo_is_limited_to_500_bytes_not_500_characters() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    let too_long_in_bytes = "é".repeat(251); // 251 characters, 502 bytes
    let too_long = "x".repeat(501);
    let longest = "é".repeat(250); // 500 bytes

    let multibyte = ampled.refused_json(&[
        "-k",
        "ben",
        "transfer",
        "zed",
        "1",
        "--memo",
        &too_long_in_bytes,
    ]);
    let ascii = ampled.refused(&["-k", "ben", "transfer", "zed", "1", "--memo", &too_long]);
    let empty = ampled.refused(&["-k", "ben", "transfer", "zed", "1", "--memo", ""]);
    ampled.ok(&["-k", "ben", "transfer", "zed", "1", "--memo", &longest]);

    assert_eq!(multibyte["error"], "A memo is 1 to 500 bytes");
    assert_eq!(multibyte["changed_nothing"], true);
    assert!(ascii.stderr.contains("A memo is 1 to 500 bytes"));
    assert!(empty.stderr.contains("A memo is 1 to 500 bytes"));
    assert_eq!(ampled.balance("zed"), TOKEN);
    assert_eq!(
        ledger_lines(&ampled.ok(&["ledger", "--member", "zed"])),
        [format!("ben sent 1 AMPLED to zed (memo: {longest})")]
    );
}

// Check.

#[test]
fn check_min_passes_at_exactly_the_threshold_and_fails_one_unit_above() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let enough = ampled.run(&["check", "ben", "--min", "12.5"]);
    let short = ampled.run(&["check", "ben", "--min", "12.500001"]);

    assert_eq!(enough.status, 0, "{}{}", enough.stdout, enough.stderr);
    assert_eq!(
        enough.stdout,
        "PASS: ben holds 12.5 AMPLED (at least 12.5)\n"
    );
    assert_eq!(short.status, 1, "{}{}", short.stdout, short.stderr);
    assert_eq!(
        short.stdout,
        "FAIL: ben holds 12.5 AMPLED (less than 12.500001)\n"
    );
}

#[test]
fn check_member_tells_members_from_outsiders_whatever_they_hold() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    ampled.ok(&["-k", "ben", "transfer", "zed", "5"]);

    let member = ampled.run(&["check", "cleo", "--member"]);
    let outsider = ampled.run(&["check", "zed", "--member"]);

    assert_eq!(member.status, 0);
    assert_eq!(member.stdout, "PASS: cleo is an active member\n");
    assert_eq!(outsider.status, 1);
    assert_eq!(outsider.stdout, "FAIL: zed is not an active member\n");
}

#[test]
fn check_with_min_and_member_passes_only_when_both_hold() {
    let (ampled, _) = coop_where_ben_earned_12_5();
    ampled.ok(&["-k", "ben", "transfer", "zed", "2.25"]);

    let both = ampled.run(&["check", "ben", "--min", "10", "--member"]);
    let member_short_of_tokens = ampled.run(&["check", "ben", "--min", "11", "--member"]);
    let holder_not_member = ampled.run(&["check", "zed", "--min", "1", "--member"]);

    assert_eq!(both.status, 0);
    assert_eq!(
        both.stdout,
        "PASS: ben holds 10.25 AMPLED (at least 10) and is an active member\n"
    );
    assert_eq!(member_short_of_tokens.status, 1);
    assert_eq!(
        member_short_of_tokens.stdout,
        "FAIL: ben holds 10.25 AMPLED (less than 11) and is an active member\n"
    );
    assert_eq!(holder_not_member.status, 1);
    assert_eq!(
        holder_not_member.stdout,
        "FAIL: zed holds 2.25 AMPLED (at least 1) and is not an active member\n"
    );
}

#[test]
fn check_without_a_condition_is_an_error_not_a_pass() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let run = ampled.refused(&["check", "ben"]);
    let bad_minimum = ampled.refused(&["check", "ben", "--min", "lots"]);

    assert!(
        run.stderr
            .contains("Say what to check: --min <tokens>, --member, or both"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert!(
        bad_minimum
            .stderr
            .contains("\"lots\" is not an amount of tokens"),
        "{}",
        bad_minimum.stderr
    );
}

#[test]
fn an_error_in_a_gated_read_exits_with_the_error_status_not_the_unmet_one() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let unknown = ampled.refused(&["check", "zedd", "--member"]);

    assert!(unknown.stdout.is_empty());
    assert!(unknown.stderr.contains("\"zedd\" is neither a wallet"));
}

#[test]
fn check_json_tells_a_bot_whether_the_wallet_passes() {
    let (ampled, _) = coop_where_ben_earned_12_5();

    let pass = ampled.run(&[
        "check", "ben", "--min", "12", "--member", "--output", "json",
    ]);
    let fail = ampled.run(&["check", "zed", "--min", "1", "--output", "json"]);

    assert_eq!(pass.status, 0);
    let pass = pass.json();
    assert_eq!(pass["passes"], true);
    assert_eq!(pass["member"], true);
    assert_eq!(pass["balance"], "12.5");
    assert_eq!(pass["minimum"], "12");
    assert_eq!(pass["wallet"], ampled.address("ben").to_string());
    assert_eq!(fail.status, 1);
    let fail = fail.json();
    assert_eq!(fail["passes"], false);
    assert_eq!(fail["member"], false);
    assert_eq!(fail["balance"], "0");
    assert_eq!(fail["wallet_name"], "zed");
}

// Ledger.

/// The reward to Ben, then Ben pays Zed with a memo, then Cleo proposes a reward for Ana.
/// Returns the ids of the two proposals and the transfer's signature.
fn story() -> (Ampled, String, String, String) {
    let (ampled, reward) = coop_where_ben_earned_12_5();
    let transfer = ampled.json(&[
        "-k",
        "ben",
        "transfer",
        "zed",
        "2.25",
        "--memo",
        "for the strings",
    ]);
    ampled.ok(&[
        "-k", "cleo", "proposal", "reward", "ana", "1", "--reason", "books",
    ]);
    let later = ampled.newest_proposal();
    let signature = transfer["signature"].as_str().unwrap().to_string();
    (ampled, reward, later, signature)
}

#[test]
fn the_ledger_tells_the_community_history_in_order() {
    let (ampled, reward, later, _) = story();

    let lines = ledger_lines(&ampled.ok(&["ledger"]));

    assert_eq!(
        lines,
        [
            "ana founded \"coop\" with 3 founder(s)".to_string(),
            format!("ana proposed {reward}: reward ben with 12.5 AMPLED for \"work\""),
            format!("ana approved proposal {reward} (1/2 approvals)"),
            format!("cleo approved proposal {reward} (2/2 approvals, passed)"),
            "12.5 AMPLED minted to ben for \"work\"".to_string(),
            "ben sent 2.25 AMPLED to zed (memo: for the strings)".to_string(),
            format!("cleo proposed {later}: reward ana with 1 AMPLED for \"books\""),
        ]
    );
}

#[test]
fn ledger_json_entries_carry_kind_summary_signature_and_time() {
    let (ampled, _, _, transfer) = story();
    let now = ampled.json(&["clock", "show"])["time_unix"]
        .as_i64()
        .unwrap();

    let ledger = ampled.json(&["ledger"]);

    let entries = ledger.as_array().unwrap();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "CommunityCreated",
            "ProposalCreated",
            "VoteCast",
            "VoteCast",
            "RewardMinted",
            "Transfer",
            "ProposalCreated",
        ]
    );
    let mut previous = 0;
    for entry in entries {
        assert!(!entry["summary"].as_str().unwrap().is_empty(), "{entry}");
        assert!(entry["signature"].as_str().unwrap().len() >= 64, "{entry}");
        let time = entry["time_unix"].as_i64().expect("a time");
        assert!(previous <= time && time <= now, "{entry}");
        previous = time;
    }
    assert_eq!(entries[5]["signature"], transfer);
    assert_eq!(
        entries[5]["wallets"],
        serde_json::json!([
            ampled.address("ben").to_string(),
            ampled.address("zed").to_string()
        ])
    );
    let signatures: std::collections::HashSet<&str> = entries
        .iter()
        .map(|e| e["signature"].as_str().unwrap())
        .collect();
    assert_eq!(
        signatures.len(),
        7,
        "every line here is its own transaction"
    );
}

#[test]
fn ledger_member_keeps_only_the_lines_about_that_member() {
    let (ampled, reward, later, _) = story();
    ampled.wallets(&["nobody"]);

    let zed = ledger_lines(&ampled.ok(&["ledger", "--member", "zed"]));
    let ben = ledger_lines(&ampled.ok(&["ledger", "--member", "ben"]));
    let cleo = ledger_lines(&ampled.ok(&["ledger", "--member", "cleo"]));
    let nobody = ampled.ok(&["ledger", "--member", "nobody"]);

    assert_eq!(zed, ["ben sent 2.25 AMPLED to zed (memo: for the strings)"]);
    assert_eq!(
        ben,
        [
            "ana founded \"coop\" with 3 founder(s)".to_string(),
            format!("ana proposed {reward}: reward ben with 12.5 AMPLED for \"work\""),
            "12.5 AMPLED minted to ben for \"work\"".to_string(),
            "ben sent 2.25 AMPLED to zed (memo: for the strings)".to_string(),
        ]
    );
    assert_eq!(
        cleo,
        [
            "ana founded \"coop\" with 3 founder(s)".to_string(),
            format!("cleo approved proposal {reward} (2/2 approvals, passed)"),
            format!("cleo proposed {later}: reward ana with 1 AMPLED for \"books\""),
        ]
    );
    assert_eq!(nobody, "Nothing on record yet\n");
}

#[test]
fn ledger_limit_keeps_only_the_latest_transactions_of_both_program_and_token() {
    // The program's history and the token's are read separately; the limit is on both together.
    let (ampled, _, later, _) = story();

    let last_two = ledger_lines(&ampled.ok(&["ledger", "--limit", "2"]));
    let last_one = ledger_lines(&ampled.ok(&["ledger", "--limit", "1"]));

    assert_eq!(
        last_two,
        [
            "ben sent 2.25 AMPLED to zed (memo: for the strings)".to_string(),
            format!("cleo proposed {later}: reward ana with 1 AMPLED for \"books\""),
        ]
    );
    assert_eq!(
        last_one,
        [format!(
            "cleo proposed {later}: reward ana with 1 AMPLED for \"books\""
        )]
    );
}

#[test]
fn the_ledger_of_one_community_leaves_out_another_communitys_history() {
    let (ampled, _, _, _) = story();
    ampled.wallets(&["dan"]);
    ampled.ok(&[
        "-k",
        "dan",
        "community",
        "create",
        "other",
        "--founder",
        "dan",
    ]);

    let other = ledger_lines(&ampled.ok(&["ledger"]));
    let coop = ledger_lines(&ampled.ok(&["--community", "coop", "ledger"]));

    assert_eq!(other, ["dan founded \"other\" with 1 founder(s)"]);
    assert_eq!(coop.len(), 7, "{coop:?}");
    assert!(coop.iter().all(|line| !line.contains("dan")), "{coop:?}");
}

// Time bank.

#[test]
fn timebank_csv_has_a_header_and_one_row_per_member_with_what_the_chain_records() {
    let (ampled, _, _, _) = story();

    let csv = ampled.ok(&["timebank", "--csv"]);

    let row = |name: &str, earned: &str, balance: &str| {
        let member = ampled.member(name).expect("a member");
        let joined = chrono::DateTime::from_timestamp(member.joined_at, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        format!(
            "{},{name},Worker,Active,{joined},{},{earned},{balance}",
            ampled.address(name),
            member.rewards_received
        )
    };
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "wallet,name,role,status,joined_at,rewards_received,total_earned,balance".to_string(),
            row("ana", "0", "0"),
            row("ben", "12.5", "10.25"),
            row("cleo", "0", "0"),
        ]
    );
    let ben = ampled.member("ben").unwrap();
    assert_eq!((ben.total_earned, ben.rewards_received), (12_500_000, 1));
    assert!(
        ampled.member("zed").is_none(),
        "a holder is not a member row"
    );
}

#[test]
fn timebank_json_lists_every_member_with_earned_and_held_tokens() {
    let (ampled, _, _, _) = story();

    let timebank = ampled.json(&["timebank"]);

    let rows: Vec<(String, String, u64, String)> = timebank
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["wallet_name"].as_str().unwrap().to_string(),
                m["total_earned"].as_str().unwrap().to_string(),
                m["rewards_received"].as_u64().unwrap(),
                m["balance"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("ana", "0", 0, "0"),
        ("ben", "12.5", 1, "10.25"),
        ("cleo", "0", 0, "0"),
    ]
    .map(|(n, e, r, b)| (n.to_string(), e.to_string(), r, b.to_string()));
    assert_eq!(rows, expected);
    assert_eq!(timebank[1]["wallet"], ampled.address("ben").to_string());
    assert_eq!(
        timebank[1]["joined_at_unix"],
        ampled.member("ben").unwrap().joined_at
    );
    assert_eq!(timebank[1]["role"], "Worker");
    assert_eq!(timebank[1]["status"], "Active");
}

// Demo.

const CHAPTERS: [&str; 10] = [
    "== 1. Wallets: three founders, an artist who will join, a contributor from outside",
    "== 2. Ana, Ben and Cleo found the co-op and its token: no admin key, the mint authority is the program",
    "== 3. Eve is admitted by vote: one member, one vote",
    "== 4. Rewards are approved by members and minted: earned, never sold",
    "== 5. The old time bank: the spreadsheet's hours, imported by one vote, claimed from each wallet",
    "== 6. A bounty: Ana funds it, Dev (not a member) claims it, does it and is paid",
    "== 7. The commissary: Cleo auctions a Rhodes; Ben is outbid by Eve and refunded at once",
    "== 8. Peer to peer: Ben thanks Dev with a transfer and a memo; Cleo lists mastering in the directory and Ben pays for it",
    "== 9. Gating: a bot lets in holders of 25 AMPLED and members; signing in proves who is asking",
    "== 10. The ledger, read back from the chain's events: the new time bank",
];

/// What the demo leaves on its chain, read back with the binary.
fn assert_demo_state(demo: &Path) {
    let dev = json_at(demo, &["balance", "dev"]);
    assert_eq!(dev["balance"], "35");
    assert_eq!(dev["balance_base_units"], 35 * TOKEN);

    let timebank = json_at(demo, &["timebank"]);
    let rows: Vec<String> = timebank
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {} earned, {} held, {}",
                m["wallet_name"].as_str().unwrap(),
                m["total_earned"].as_str().unwrap(),
                m["balance"].as_str().unwrap(),
                m["role"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // Ana and Cleo claimed their time bank shares; Ben has not claimed his yet.
            "ana 130 earned, 105 held, Worker",
            // Ben paid Cleo 20 for her mastering offer.
            "ben 120 earned, 90 held, Artist",
            "cleo 40 earned, 100 held, Worker",
            "eve 60 earned, 20 held, Artist",
        ]
    );

    let auctions = json_at(demo, &["auction", "list", "--all"]);
    let auctions = auctions.as_array().unwrap();
    assert_eq!(auctions.len(), 1);
    assert_eq!(auctions[0]["title"], "1972 Fender Rhodes");
    assert_eq!(auctions[0]["status"], "Settled");
    assert_eq!(auctions[0]["highest_bidder_name"], "eve");
    assert_eq!(auctions[0]["highest_bid"], "40");
    assert_eq!(auctions[0]["handed_over"], true);
    let listed = run_at(demo, &["auction", "list", "--all"]);
    assert!(
        listed.stdout.contains("1972 Fender Rhodes") && listed.stdout.contains("Settled"),
        "{}",
        listed.stdout
    );

    let dev_history = run_at(demo, &["ledger", "--member", "dev"]);
    assert_eq!(dev_history.status, 0, "{}", dev_history.stderr);
    let dev_history = ledger_lines(&dev_history.stdout);
    assert_eq!(dev_history.len(), 4, "{dev_history:?}");
    assert_eq!(
        dev_history[3],
        "ben sent 10 AMPLED to dev (memo: thanks for fixing checkout)"
    );
    let gate = run_at(demo, &["check", "dev", "--min", "25"]);
    assert_eq!(gate.status, 0, "{}{}", gate.stdout, gate.stderr);

    let directory = json_at(demo, &["directory", "search", "master"]);
    let directory = directory.as_array().unwrap();
    assert_eq!(directory.len(), 1);
    assert_eq!(directory[0]["title"], "I'll master your track");
    assert_eq!(directory[0]["owner_name"], "cleo");
    assert_eq!(directory[0]["price"], "20");
    let cleo_history = ledger_lines(&run_at(demo, &["ledger", "--member", "cleo"]).stdout);
    let paid = format!(
        "ben sent 20 AMPLED to cleo for listing {} \"I'll master your track\"",
        directory[0]["id"].as_str().unwrap()
    );
    assert!(cleo_history.contains(&paid), "{cleo_history:?}");
}

#[test]
fn the_demo_tells_every_chapter_and_leaves_its_chain_to_explore() {
    let ampled = Ampled::new();

    let out = ampled.ok(&["demo"]);

    let demo = ampled.home().join("demo");
    let mut rest = out.as_str();
    for chapter in CHAPTERS {
        let at = rest
            .find(chapter)
            .unwrap_or_else(|| panic!("missing or out of order: {chapter}\n{out}"));
        rest = &rest[at + chapter.len()..];
    }
    assert!(out.contains("PASS: dev holds 35 AMPLED (at least 25)\n  exit status 0"));
    assert!(out.contains("FAIL: dev is not an active member\n  exit status 1"));
    assert!(out.contains(
        "the same signature sent again: refused: That signed challenge was already used"
    ));
    assert!(out.contains("dev: Not let into \"members\":"));
    assert!(out.contains("valid for ben"));
    assert!(out.contains(&format!(
        "ampled --home {} ledger --member dev",
        demo.display()
    )));
    assert!(
        !ampled.home().join("chain").exists(),
        "the demo keeps to its own directory"
    );
    assert_demo_state(&demo);
}

#[test]
fn running_the_demo_again_starts_afresh_with_the_same_results() {
    let ampled = Ampled::new();
    let demo = ampled.home().join("demo");
    ampled.ok(&["demo"]);
    let first_ana = json_at(&demo, &["wallet", "show", "ana"])["address"].clone();
    std::fs::write(demo.join("left-over"), "from the first run").unwrap();

    let again = ampled.run(&["demo"]);

    assert_eq!(again.status, 0, "{}{}", again.stdout, again.stderr);
    assert!(
        !demo.join("left-over").exists(),
        "the demo directory was emptied"
    );
    let second_ana = json_at(&demo, &["wallet", "show", "ana"])["address"].clone();
    assert_ne!(first_ana, second_ana, "new wallets on a new chain");
    assert_eq!(
        json_at(&demo, &["wallet", "list"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_demo_state(&demo);
}
