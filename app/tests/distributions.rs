//! Distributions from the command line: a CSV becomes one proposal, members verify and approve
//! it, each recipient claims their share; every bad CSV and every bad claim refused before
//! anything is sent.

mod harness;

use ampled::state::Distribution;
use ampled_client::ix;
use anchor_lang::prelude::Pubkey;
use harness::{Ampled, TOKEN};
use solana_keypair::Keypair;
use solana_signer::Signer;
use std::path::PathBuf;
use std::str::FromStr;

const URI: &str = "https://ampled.com/distributions/time-bank.csv";

/// A co-op of ana, ben and cleo (two approvals needed), and dan, a wallet that is not a member.
fn coop() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["dan"]);
    ampled
}

/// Writes `text` as `name` in the home directory; returns its path.
fn file(ampled: &Ampled, name: &str, text: &str) -> PathBuf {
    let path = ampled.home().join(name);
    std::fs::write(&path, text).expect("write the file");
    path
}

fn path(path: &std::path::Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// ana proposes `csv` (with `options`); returns the proposal's address.
fn propose(ampled: &Ampled, csv: &std::path::Path, options: &[&str]) -> Pubkey {
    let mut command = vec![
        "-k",
        "ana",
        "distribution",
        "propose",
        path(csv),
        "--reason",
        "the old time bank",
        "--uri",
        URI,
    ];
    command.extend(options);
    let proposed = ampled.json(&command);
    Pubkey::from_str(proposed["created"].as_str().expect("the proposal")).unwrap()
}

/// ben and cleo approve the proposal and ana executes it; returns the distribution's address.
fn approve_and_execute(ampled: &Ampled, proposal: &Pubkey) -> Pubkey {
    let id = id(proposal);
    ampled.ok(&["-k", "ben", "proposal", "approve", &id]);
    ampled.ok(&["-k", "cleo", "proposal", "approve", &id]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id]);
    ix::distribution_address(proposal)
}

fn id(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

fn distribution(ampled: &Ampled, address: &Pubkey) -> Distribution {
    ampled.record(address).expect("the distribution exists")
}

/// ben 12 hours, cleo 1.5, dan 3, at 10 tokens an hour: 120, 15 and 30 tokens.
const HOURS_CSV: &str =
    "\u{feff}Wallet,Hours,Note\r\nben,12,\"sound, lights\"\r\ncleo,1.5,\"care \"\"work\"\"\"\r\ndan,3,flyers\r\n";

/// The 3-recipient distribution of [`HOURS_CSV`], proposed and executed: (csv, shares file,
/// proposal, distribution).
fn open_three(ampled: &Ampled) -> (PathBuf, PathBuf, Pubkey, Pubkey) {
    let csv = file(ampled, "hours.csv", HOURS_CSV);
    let proposal = propose(ampled, &csv, &["--rate", "10/h"]);
    let distribution = approve_and_execute(ampled, &proposal);
    (
        csv,
        ampled.home().join("hours.shares.csv"),
        proposal,
        distribution,
    )
}

#[test]
fn three_recipients_propose_verify_approve_execute_and_each_claims() {
    let ampled = coop();
    let csv = file(&ampled, "hours.csv", HOURS_CSV);
    let proposed = ampled.json(&[
        "-k",
        "ana",
        "distribution",
        "propose",
        path(&csv),
        "--reason",
        "the old time bank",
        "--uri",
        URI,
        "--rate",
        "10/h",
    ]);
    assert_eq!(proposed["recipients"], 3);
    assert_eq!(proposed["total"], "165");
    let proposal = Pubkey::from_str(proposed["created"].as_str().unwrap()).unwrap();

    // The canonical list, written beside the CSV.
    let shares = ampled.home().join("hours.shares.csv");
    let canonical = std::fs::read_to_string(&shares).expect("hours.shares.csv");
    assert_eq!(
        canonical,
        format!(
            "index,wallet,amount\n0,{},120000000\n1,{},15000000\n2,{},30000000\n",
            ampled.address("ben"),
            ampled.address("cleo"),
            ampled.address("dan")
        )
    );

    // Members check what they vote on, from the CSV or the published list.
    let verified = ampled.json(&[
        "distribution",
        "verify",
        path(&csv),
        &id(&proposal),
        "--rate",
        "10/h",
    ]);
    assert_eq!(verified["matches"], true, "{verified}");
    let text = ampled.ok(&["distribution", "verify", path(&shares), &id(&proposal)]);
    assert!(text.contains("matches proposal"), "{text}");

    let address = approve_and_execute(&ampled, &proposal);
    let listed = ampled.json(&["distribution", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["address"], address.to_string());

    // Each claims their own share; ana sends dan's (who is not a member), paid to dan.
    ampled.ok(&[
        "-k",
        "ben",
        "distribution",
        "claim",
        &id(&proposal),
        "--list",
        path(&shares),
    ]);
    ampled.ok(&[
        "-k",
        "cleo",
        "distribution",
        "claim",
        &id(&address),
        "--list",
        path(&shares),
    ]);
    ampled.ok(&[
        "-k",
        "ana",
        "distribution",
        "claim",
        &id(&address),
        "--list",
        path(&shares),
        "--for",
        "dan",
    ]);
    assert_eq!(ampled.balance("ben"), 120 * TOKEN);
    assert_eq!(ampled.balance("cleo"), 15 * TOKEN);
    assert_eq!(ampled.balance("dan"), 30 * TOKEN);
    assert_eq!(ampled.balance("ana"), 0);

    // The time bank counts the shares as earned; the ledger shows the claims.
    assert_eq!(ampled.member("ben").unwrap().total_earned, 120 * TOKEN);
    assert_eq!(ampled.member("cleo").unwrap().total_earned, 15 * TOKEN);
    let timebank = ampled.ok(&["timebank"]);
    let ben_line = timebank
        .lines()
        .find(|l| l.split_whitespace().next() == Some("ben"))
        .expect("ben in the time bank");
    assert!(ben_line.contains(" 120 AMPLED"), "{timebank}");
    let ledger = ampled.json(&["ledger"]);
    let claims: Vec<_> = ledger
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "ShareClaimed")
        .collect();
    assert_eq!(claims.len(), 3, "{ledger}");
    let text = ampled.ok(&["ledger"]);
    assert!(
        text.contains("claimed 30 AMPLED from distribution"),
        "{text}"
    );
    assert!(text.contains("(sent by ana)"), "{text}");

    let shown = ampled.json(&["distribution", "show", &id(&address)]);
    assert_eq!(shown["claimed_count"], 3);
    assert_eq!(shown["claimed_total"], "165");
    assert_eq!(shown["open"], false);

    // Every share claimed: it closes before its deadline, nothing to release.
    ampled.ok(&["distribution", "close", &id(&address)]);
    assert!(ampled.record::<Distribution>(&address).is_none());
}

#[test]
fn a_thousand_recipients_propose_verify_execute_and_claim_the_first_and_last() {
    let ampled = coop();
    let wallets: Vec<Pubkey> = (0..1_000).map(|_| Keypair::new().pubkey()).collect();
    let mut csv = String::from("amount,wallet\n");
    for (i, wallet) in wallets.iter().enumerate() {
        csv.push_str(&format!("{}.5,{wallet}\n", i + 1));
    }
    let csv = file(&ampled, "batch.csv", &csv);
    let proposal = propose(&ampled, &csv, &[]);
    let verified = ampled.json(&["distribution", "verify", path(&csv), &id(&proposal)]);
    assert_eq!(verified["matches"], true);
    assert_eq!(verified["recipients"], 1_000);
    // 1.5 + 2.5 + ... + 1000.5
    assert_eq!(verified["total"], "501000");
    let address = approve_and_execute(&ampled, &proposal);
    let shares = ampled.home().join("batch.shares.csv");
    for index in [0usize, 1, 500, 999] {
        ampled.ok(&[
            "-k",
            "ana",
            "distribution",
            "claim",
            &id(&address),
            "--list",
            path(&shares),
            "--for",
            &wallets[index].to_string(),
        ]);
        assert!(distribution(&ampled, &address).is_claimed(index as u32));
    }
    let state = distribution(&ampled, &address);
    assert_eq!(state.claimed_count, 4);
    assert_eq!(
        state.claimed_total,
        (TOKEN + TOKEN / 2)
            + (2 * TOKEN + TOKEN / 2)
            + (501 * TOKEN + TOKEN / 2)
            + (1_000 * TOKEN + TOKEN / 2)
    );
}

#[test]
fn verify_detects_a_changed_amount_in_the_file() {
    let ampled = coop();
    let csv = file(&ampled, "hours.csv", HOURS_CSV);
    let proposal = propose(&ampled, &csv, &["--rate", "10/h"]);
    let shares = ampled.home().join("hours.shares.csv");
    let changed = std::fs::read_to_string(&shares)
        .unwrap()
        .replace(",15000000\n", ",16000000\n");
    let changed = file(&ampled, "changed.shares.csv", &changed);
    let run = ampled.run(&["distribution", "verify", path(&changed), &id(&proposal)]);
    assert_eq!(
        run.status, 1,
        "a mismatch exits 1:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stdout.contains("does NOT match proposal"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("total: the proposal has 165, the file 166"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("root: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("sha256 of the list: "),
        "{}",
        run.stdout
    );
    // And from the source CSV with one amount changed.
    let csv = file(
        &ampled,
        "edited.csv",
        &HOURS_CSV.replace("cleo,1.5", "cleo,1.6"),
    );
    let run = ampled.run(&[
        "--output",
        "json",
        "distribution",
        "verify",
        path(&csv),
        &id(&proposal),
        "--rate",
        "10/h",
    ]);
    assert_eq!(run.status, 1);
    let verified = run.json();
    assert_eq!(verified["matches"], false);
    let what: Vec<&str> = verified["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert_eq!(what, ["total", "root", "sha256 of the list"]);
}

#[test]
fn bad_csvs_are_refused_with_each_bad_row_and_nothing_is_sent() {
    let ampled = coop();
    let proposals = ampled.proposals().len();
    let off_curve = Pubkey::find_program_address(&[b"no key"], &ampled::ID).0;
    let ben = ampled.address("ben");
    let cases: Vec<(&str, String, Vec<String>)> = vec![
        (
            "empty",
            String::new(),
            vec!["the file is empty: it needs a header row (wallet, and hours or amount) and one row per share".into()],
        ),
        (
            "missing-column",
            "wallet,note\nben,x\n".into(),
            vec!["line 1: no \"hours\" or \"amount\" column: the header row names the columns (wallet, hours or amount, and an optional note)".into()],
        ),
        (
            "negative",
            "wallet,amount\nben,-5\n".into(),
            vec!["line 2: amount -5 is negative; every share is more than zero".into()],
        ),
        (
            "not-a-number",
            "wallet,amount\nben,ten\n".into(),
            vec!["line 2: amount \"ten\" is not a number: write tokens such as 12 or 12.5".into()],
        ),
        (
            "unknown-name",
            "wallet,amount\nben,1\nzed,2\n".into(),
            vec!["line 3: \"zed\" is neither a wallet of yours nor an address".into()],
        ),
        (
            "off-curve",
            format!("wallet,amount\n{off_curve},1\n"),
            vec![format!("line 2: {off_curve} is not a wallet (it is derived by a program and has no key, so tokens sent there could never move again)")],
        ),
        (
            "no-rows",
            "wallet,amount\n".into(),
            vec!["line 1: the list has no shares: add one row per recipient below the header".into()],
        ),
        (
            "duplicate",
            "wallet,amount\nben,1\ncleo,2\nben,3\n".into(),
            vec![format!("line 4: {ben} already appears on line 2; merge its rows into one")],
        ),
        (
            "several",
            "wallet,amount\nben,-1\ncleo,x\nzed,1\n".into(),
            vec![
                "the list has 3 problems; fix them and try again:".into(),
                "line 2: amount -1 is negative".into(),
                "line 3: amount \"x\" is not a number".into(),
                "line 4: \"zed\" is neither a wallet of yours nor an address".into(),
            ],
        ),
    ];
    for (name, text, messages) in cases {
        let csv = file(&ampled, &format!("{name}.csv"), &text);
        let run = ampled.refused(&[
            "-k",
            "ana",
            "distribution",
            "propose",
            path(&csv),
            "--reason",
            "batch",
            "--uri",
            URI,
        ]);
        for message in messages {
            assert!(
                run.stderr.contains(&message),
                "{name}: should say {message:?}:\n{}",
                run.stderr
            );
        }
        assert!(
            run.stderr.contains("Nothing was sent."),
            "{name}: {}",
            run.stderr
        );
        assert!(
            !ampled.home().join(format!("{name}.shares.csv")).exists(),
            "{name}: no list is written from a bad file"
        );
    }
    assert_eq!(ampled.proposals().len(), proposals, "nothing was proposed");
}

#[test]
fn claims_refused_twice_with_another_list_for_a_stranger_and_after_the_deadline_then_close() {
    let ampled = coop();
    let (_, shares, _, address) = open_three(&ampled);
    let list = path(&shares);
    let dist = id(&address);
    ampled.ok(&["-k", "ben", "distribution", "claim", &dist, "--list", list]);
    ampled.refused_with(
        &["-k", "ben", "distribution", "claim", &dist, "--list", list],
        "is already claimed",
    );
    // A list whose bytes differ from the approved one (here: one amount changed).
    let tampered = std::fs::read_to_string(&shares)
        .unwrap()
        .replace(",15000000\n", ",150000000\n");
    let tampered = file(&ampled, "tampered.shares.csv", &tampered);
    ampled.refused_with(
        &[
            "-k",
            "cleo",
            "distribution",
            "claim",
            &dist,
            "--list",
            path(&tampered),
        ],
        "This list is not the one the members approved",
    );
    ampled.refused_with(
        &["-k", "ana", "distribution", "claim", &dist, "--list", list],
        &format!(
            "{} has no share in this distribution",
            ampled.address("ana")
        ),
    );
    ampled.refused_with(&["distribution", "close", &dist], "Claims are still open");

    ampled.ok(&["clock", "advance", "91d"]);
    ampled.refused_with(
        &["-k", "cleo", "distribution", "claim", &dist, "--list", list],
        "Claims on this distribution are closed",
    );
    assert_eq!(ampled.balance("cleo"), 0);

    // Closing releases the 45 tokens never claimed under the supply cap.
    let minted_before = ampled.community().state.total_minted;
    let closed = ampled.json(&["-k", "dan", "distribution", "close", &dist]);
    assert!(
        closed["events"][0]["kind"] == "DistributionClosed",
        "{closed}"
    );
    assert_eq!(
        ampled.community().state.total_minted,
        minted_before - 45 * TOKEN
    );
    assert!(ampled.record::<Distribution>(&address).is_none());
}
