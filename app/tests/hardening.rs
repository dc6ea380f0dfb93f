//! The client loses nothing and says what it means: payments to addresses that are not a
//! person's wallet are refused before sending, the embedded chain's file detects damage and keeps
//! the previous generation, input is read strictly, and a closed pipe ends a command quietly.

mod harness;

use ampled_client::chain::{Chain, EmbeddedChain};
use ampled_client::ix;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::{self as token, spl_token_2022 as spl_token};
use harness::{Ampled, Run, ERROR_EXIT, TOKEN};
use solana_keypair::{read_keypair_file, Keypair};
use solana_signer::Signer;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Ana, Ben and Cleo found the co-op (two approvals needed), Ana and Cleo reward Ben with 12.5
/// tokens, and Ben sends Zed 1 of them (so both hold tokens and a token account).
fn coop_where_ben_and_zed_hold_tokens() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["zed"]);
    ampled.reward("ana", "ben", "12.5", &["ana", "cleo"]);
    ampled.ok(&["-k", "ben", "transfer", "zed", "1"]);
    assert_eq!(ampled.balance("ben"), 11_500_000);
    ampled
}

/// The first line of a refusal: the message itself.
#[track_caller]
fn message_of(run: &Run) -> String {
    run.stderr
        .lines()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("no error line in:\n{}", run.stderr))
        .to_string()
}

/// Ben tries to send 1 token to `recipient`: it must be refused before sending, and nobody's
/// balance may change. Returns the refusal's message.
#[track_caller]
fn transfer_refused(ampled: &Ampled, recipient: &str) -> String {
    let run = ampled.refused(&["-k", "ben", "transfer", recipient, "1"]);
    assert!(run.stderr.contains("Nothing was sent."), "{}", run.stderr);
    assert_eq!(ampled.balance("ben"), 11_500_000);
    assert_eq!(ampled.balance("zed"), TOKEN);
    message_of(&run)
}

fn keypair_of(ampled: &Ampled, wallet: &str) -> Keypair {
    read_keypair_file(ampled.home().join("wallets").join(format!("{wallet}.json")))
        .expect("wallet file")
}

/// A token account of the co-op's token held by `holder`, at an address with a key (so on the
/// curve, unlike an associated token account), created by `payer`.
fn token_account_with_a_key(ampled: &Ampled, payer: &str, holder: &Pubkey) -> Pubkey {
    let mint = ampled.community().mint();
    let payer = keypair_of(ampled, payer);
    let account = Keypair::new();
    let (space, rent) = (165, 2_039_280); // a token account and its rent-exempt minimum
    let create = anchor_lang::solana_program::system_instruction::create_account(
        &payer.pubkey(),
        &account.pubkey(),
        rent,
        space,
        &token::ID,
    );
    let initialize =
        spl_token::instruction::initialize_account3(&token::ID, &account.pubkey(), &mint, holder)
            .expect("initialize instruction");
    let mut chain = EmbeddedChain::open(&ampled.home().join("chain")).expect("open chain");
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(chain.send(&[create, initialize], &payer, &[&account]))
        .expect("token account created");
    assert!(account.pubkey().is_on_curve());
    account.pubkey()
}

// Payments to addresses that are not a person's wallet.

#[test]
fn sending_to_a_program_id_a_sysvar_or_the_incinerator_is_refused_naming_what_it_is() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let cases = [
        (anchor_spl::token::ID, "the SPL Token program's address"),
        (
            anchor_spl::token_2022::ID,
            "the Token-2022 program's address",
        ),
        (
            anchor_lang::system_program::ID,
            "the System program's address",
        ),
        (
            anchor_spl::associated_token::ID,
            "the Associated Token Account program's address",
        ),
        (
            ampled_client::client::MEMO_PROGRAM_ID,
            "the Memo program's address",
        ),
        (ampled_client::ampled::ID, "the $AMPLED program's address"),
        (
            solana_sdk_ids::sysvar::clock::ID,
            "a sysvar's address (the chain's own state)",
        ),
        (
            solana_sdk_ids::incinerator::ID,
            "the incinerator, where whatever is sent is destroyed",
        ),
    ];

    for (address, what) in cases {
        let message = transfer_refused(&ampled, &address.to_string());

        assert_eq!(
            message,
            format!("{address} is not a wallet (it is {what}); use the person's wallet address")
        );
    }
}

#[test]
fn sending_to_the_mint_is_refused_as_a_mint() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let mint = ampled.community().mint();

    let message = transfer_refused(&ampled, &mint.to_string());

    assert_eq!(
        message,
        format!(
            "{mint} is not a wallet (it is an account of program {}): it is a token's mint; tokens sent there could never move again; use the person's wallet address",
            token::ID
        )
    );
}

#[test]
fn sending_to_a_wallets_associated_token_account_is_refused_naming_the_wallet() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let zed = ampled.address("zed");
    let zeds_tokens = ampled.community().ata(&zed);

    let message = transfer_refused(&ampled, &zeds_tokens.to_string());

    assert_eq!(
        message,
        format!(
            "{zeds_tokens} is not a wallet (it is an account of program {}): it is a token account, holding tokens for {zed}; tokens sent there could never move again; use the person's wallet address",
            token::ID
        )
    );
}

#[test]
fn sending_to_a_token_account_whose_address_has_a_key_is_refused_too() {
    // Only the chain can tell this one apart: its address is on the curve like a wallet's.
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let zed = ampled.address("zed");
    let account = token_account_with_a_key(&ampled, "zed", &zed);

    let message = transfer_refused(&ampled, &account.to_string());

    assert!(
        message.contains(&format!(
            "{account} is not a wallet (it is an account of program {}): it is a token account, holding tokens for {zed}",
            token::ID
        )),
        "{message}"
    );
}

#[test]
fn sending_to_the_treasury_or_a_membership_record_is_refused() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let community = ampled.community();
    let anas_membership = ix::member_address(&community.address, &ampled.address("ana"));

    let to_treasury = transfer_refused(&ampled, &community.state.treasury.to_string());
    let to_membership = transfer_refused(&ampled, &anas_membership.to_string());

    assert!(
        to_treasury.contains("): it is a token account, holding tokens for"),
        "{to_treasury}"
    );
    assert!(
        to_membership.contains(&format!(
            "{anas_membership} is not a wallet (it is an account of program {}): it is a record of the $AMPLED program",
            ampled_client::ampled::ID
        )),
        "{to_membership}"
    );
}

#[test]
fn sending_to_an_empty_program_derived_address_is_refused_and_suggests_a_typo() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let keyless = ix::member_address(&ampled.community().address, &ampled.address("zed"));
    assert!(!keyless.is_on_curve());

    let message = transfer_refused(&ampled, &keyless.to_string());

    assert_eq!(
        message,
        format!("{keyless} is not a wallet (it is derived by a program and has no key, so tokens sent there could never move again); use the person's wallet address (if you typed or pasted it, check for a typo)")
    );
}

#[test]
fn a_mistyped_address_is_refused_with_check_for_a_typo() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let zed = ampled.address("zed").to_string();
    let with_a_zero = format!("{}0{}", &zed[..5], &zed[6..]);
    let two_short = zed[..zed.len() - 2].to_string();
    let one_changed = {
        let position = zed.len() - 3;
        let changed = if &zed[position..=position] == "z" {
            "y"
        } else {
            "z"
        };
        format!("{}{changed}{}", &zed[..position], &zed[position + 1..])
    };

    let zero = transfer_refused(&ampled, &with_a_zero);
    let short = transfer_refused(&ampled, &two_short);
    let near_miss = transfer_refused(&ampled, &one_changed);

    assert_eq!(
        zero,
        format!("\"{with_a_zero}\" is not an address: addresses never contain '0' (nor 0, O, I or l); check for a typo, or paste the address again")
    );
    assert!(
        short.starts_with(&format!("\"{two_short}\" is not an address: it spells "))
            && short.ends_with(" bytes where an address has 32; check for a typo (a character missing or extra), or paste the address again"),
        "{short}"
    );
    assert_eq!(
        near_miss,
        format!("\"{one_changed}\" is not a wallet of yours but differs from zed's address {zed} by a character or two; check for a typo, or name the wallet (zed)")
    );
}

#[test]
fn rewarding_paying_or_admitting_a_token_account_is_refused_before_proposing() {
    // Its address has a key, so only what the chain holds there shows it is no wallet.
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let zed = ampled.address("zed");
    let account = token_account_with_a_key(&ampled, "zed", &zed).to_string();
    let attempts: [&[&str]; 3] = [
        &["proposal", "reward", &account, "5", "--reason", "gig"],
        &["proposal", "transfer", &account, "5", "--reason", "gig"],
        &["member", "add", &account],
    ];

    for attempt in attempts {
        let mut args = vec!["-k", "ana"];
        args.extend(attempt);
        let message = message_of(&ampled.refused(&args));

        assert_eq!(
            message,
            format!(
                "{account} is not a wallet (it is an account of program {}): it is a token account, holding tokens for {zed}; tokens sent there could never move again; use the person's wallet address",
                token::ID
            ),
            "{attempt:?}"
        );
    }
    assert_eq!(ampled.proposals().len(), 1, "only the reward to Ben");
}

#[test]
fn rewarding_someones_token_account_names_whose_tokens_it_holds() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let zed = ampled.address("zed");
    let zeds_tokens = ampled.community().ata(&zed).to_string();

    let run = ampled.refused(&[
        "-k",
        "ana",
        "proposal",
        "reward",
        &zeds_tokens,
        "5",
        "--reason",
        "gig",
    ]);

    // The token account is off the curve, so the program would refuse it too (NotAWallet); the
    // client, reading the chain first, can say whose account it is.
    let message = message_of(&run);
    assert!(
        message.starts_with(&format!("{zeds_tokens} is not a wallet"))
            && message.contains(&format!("holding tokens for {zed}"))
            && message.ends_with("use the person's wallet address"),
        "{message}"
    );
    assert_eq!(ampled.proposals().len(), 1, "only the reward to Ben");
}

#[test]
fn founding_a_community_with_a_program_as_a_founder_is_refused() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let token_program = token::ID.to_string();

    let run = ampled.refused(&[
        "-k",
        "ana",
        "community",
        "create",
        "coop",
        "--founder",
        "ana",
        "--founder",
        &token_program,
    ]);

    assert_eq!(
        message_of(&run),
        format!("{token_program} is not a wallet (it is the Token-2022 program's address); use the person's wallet address")
    );
}

#[test]
fn funding_a_program_id_with_sol_is_refused_so_the_program_is_not_replaced() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let token_program = token::ID.to_string();

    let run = ampled.refused(&["wallet", "fund", &token_program]);

    assert_eq!(
        message_of(&run),
        format!("{token_program} is not a wallet (it is the Token-2022 program's address); use the person's wallet address")
    );
    ampled.ok(&["-k", "ben", "transfer", "zed", "1"]);
    assert_eq!(ampled.balance("zed"), 2 * TOKEN);
}

// The embedded chain's file.

fn chain_file(ampled: &Ampled) -> PathBuf {
    ampled.home().join("chain").join("chain.bin")
}

fn previous_file(ampled: &Ampled) -> PathBuf {
    ampled.home().join("chain").join("chain.bin.prev")
}

#[test]
fn every_save_keeps_the_previous_generation_beside_the_new_one() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let before = std::fs::read(chain_file(&ampled)).unwrap();

    ampled.ok(&["-k", "ben", "transfer", "zed", "1"]);

    assert_eq!(std::fs::read(previous_file(&ampled)).unwrap(), before);
    assert_ne!(std::fs::read(chain_file(&ampled)).unwrap(), before);
    assert!(!ampled.home().join("chain").join("chain.bin.tmp").exists());
}

#[test]
fn a_flipped_byte_is_reported_with_how_to_recover_and_the_file_is_not_rewritten() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let previous = std::fs::read(previous_file(&ampled)).unwrap();
    let mut bytes = std::fs::read(chain_file(&ampled)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x10;
    std::fs::write(chain_file(&ampled), &bytes).unwrap();
    let (file, prev) = (chain_file(&ampled), previous_file(&ampled));
    let (file, prev) = (file.display(), prev.display());

    let read = ampled.refused(&["balance", "ben"]);
    let write = ampled.refused(&["-k", "ben", "transfer", "zed", "1"]);

    for run in [&read, &write] {
        assert_eq!(
            message_of(run),
            format!("The embedded chain's file {file} is damaged: its checksum does not match its contents, so it was cut short or changed after ampled wrote it. It was not used, and it is left as it is. To go back to the chain as it was before its last change, keep the damaged file aside and restore the previous one: `mv {file} {file}.damaged && cp {prev} {file}`. To start a fresh chain instead: `mv {file} {file}.damaged`")
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    assert_eq!(std::fs::read(chain_file(&ampled)).unwrap(), bytes);
    assert_eq!(std::fs::read(previous_file(&ampled)).unwrap(), previous);
}

#[test]
fn restoring_the_previous_generation_as_told_gives_a_working_chain_before_the_last_change() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    // The last change: Ben sends Zed one more token.
    ampled.ok(&["-k", "ben", "transfer", "zed", "1"]);
    let mut bytes = std::fs::read(chain_file(&ampled)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(chain_file(&ampled), &bytes).unwrap();
    ampled.refused(&["balance", "zed"]);

    let damaged = ampled.home().join("chain").join("chain.bin.damaged");
    std::fs::rename(chain_file(&ampled), &damaged).unwrap();
    std::fs::copy(previous_file(&ampled), chain_file(&ampled)).unwrap();

    assert_eq!(ampled.balance("zed"), TOKEN);
    assert_eq!(ampled.balance("ben"), 11_500_000);
    ampled.ok(&["-k", "ben", "transfer", "zed", "2"]);
    assert_eq!(ampled.balance("zed"), 3 * TOKEN);
}

#[test]
fn a_file_cut_short_with_no_intact_previous_copy_says_to_start_afresh() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let bytes = std::fs::read(chain_file(&ampled)).unwrap();
    std::fs::write(chain_file(&ampled), &bytes[..bytes.len() / 3]).unwrap();
    std::fs::write(previous_file(&ampled), b"not a chain").unwrap();
    let file = chain_file(&ampled);
    let file = file.display();

    let run = ampled.refused(&["community", "show"]);

    assert!(
        message_of(&run).ends_with(&format!(
            "It was not used, and it is left as it is. No intact previous copy exists; to start a fresh chain, move it aside: `mv {file} {file}.damaged`"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(chain_file(&ampled)).unwrap(),
        &bytes[..bytes.len() / 3]
    );
}

#[test]
fn a_damaged_chain_file_is_reported_in_json_as_changing_nothing() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    std::fs::write(chain_file(&ampled), b"AMPLEDCH garbage").unwrap();

    let error = ampled.refused_json(&["ledger"]);

    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("/chain/chain.bin is damaged: it is cut short."),
        "{error}"
    );
    assert_eq!(error["changed_nothing"], true);
}

// Strict input.

#[test]
fn amounts_with_separators_spaces_signs_or_exponents_are_refused() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let separators =
        "write it without separators or spaces, with a dot for decimals (e.g. 1000 or 12.5)";
    let sign = "write it without a sign (e.g. 5); amounts are never negative";
    let cases = [
        ("1_000", separators),
        ("1 000", separators),
        ("1,5", separators),
        ("+5", sign),
        ("-5", sign),
        ("1e3", "write it out in full (e.g. 1000, not 1e3)"),
    ];

    for (amount, why) in cases {
        // `--` lets `-5` through to the amount rather than be read as an option.
        let run = ampled.refused(&["-k", "ben", "transfer", "zed", "--", amount]);

        assert_eq!(
            message_of(&run),
            format!("\"{amount}\" is not an amount of tokens: {why}")
        );
    }
    let too_precise = ampled.refused(&["-k", "ben", "transfer", "zed", "1.0000001"]);
    assert_eq!(
        message_of(&too_precise),
        "1.0000001 has more decimals than the token's 6"
    );
    assert_eq!(ampled.balance("ben"), 11_500_000);
}

#[test]
fn durations_need_a_unit_and_stay_within_what_the_program_accepts() {
    let ampled = coop_where_ben_and_zed_hold_tokens();
    let create = [
        "-k",
        "ana",
        "community",
        "create",
        "other",
        "--founder",
        "ana",
    ];
    let cases: [(&[&str], String); 6] = [
        (
            &["--voting-period", "90"],
            "\"90\" needs a unit: write 90s for seconds, or e.g. 45m, 12h, 3d or 2w".into(),
        ),
        (
            &["--voting-period", "400d"],
            "\"400d\" is too long: no period ampled accepts is longer than 366d".into(),
        ),
        (
            &["--voting-period", "30s"],
            ampled_client::ampled::errors::AmpledError::InvalidVotingPeriod.to_string(),
        ),
        (
            &["--threshold", "0.5"],
            "\"0.5\" needs a % sign: write the share as a percentage, e.g. 50% for half of the members".into(),
        ),
        (
            &["--threshold", "50"],
            "\"50\" needs a % sign: write the share as a percentage, e.g. 50% for half of the members".into(),
        ),
        (
            &["--threshold", "half"],
            "\"half\" is not a share of members: write a percentage such as 50% or 66.67% (or 5000bps)".into(),
        ),
    ];
    for (extra, message) in cases {
        let mut args = create.to_vec();
        args.extend(extra);

        assert_eq!(message_of(&ampled.refused(&args)), message, "{extra:?}");
    }

    let clock = ampled.refused(&["clock", "advance", "90"]);
    let deadline = ampled.refused(&[
        "-k",
        "ana",
        "bounty",
        "post",
        "--title",
        "Fix",
        "--reward",
        "1",
        "--deadline-in",
        "53w",
    ]);
    let auction = ampled.refused(&[
        "-k",
        "ana",
        "auction",
        "create",
        "--title",
        "Amp",
        "--reserve",
        "1",
        "--duration",
        "91d",
    ]);

    assert_eq!(
        message_of(&clock),
        "\"90\" needs a unit: write 90s for seconds, or e.g. 45m, 12h, 3d or 2w"
    );
    assert_eq!(
        message_of(&deadline),
        "\"53w\" is too long: no period ampled accepts is longer than 366d"
    );
    assert_eq!(
        message_of(&auction),
        ampled_client::ampled::errors::AmpledError::InvalidAuctionTimes.to_string()
    );
    assert!(ampled.bounties().is_empty() && ampled.auctions().is_empty());
}

// A closed pipe.

/// Runs `ampled <args>` with its stdout a pipe whose reading end is closed before the command
/// prints anything; returns how it ended and its stderr.
fn run_into_a_closed_pipe(ampled: &Ampled, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ampled"))
        .arg("--home")
        .arg(ampled.home())
        .args(args)
        .env_remove("AMPLED_WALLET")
        .env_remove("AMPLED_COMMUNITY")
        .env_remove("AMPLED_HOME")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ampled");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ampled ends");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn printing_into_a_closed_pipe_ends_quietly_without_a_panic() {
    let ampled = coop_where_ben_and_zed_hold_tokens();

    for args in [
        &["ledger"][..],
        &["wallet", "list"],
        &["community", "show", "--output", "json"],
        &["-k", "ben", "transfer", "zed", "1", "--output", "json"],
    ] {
        let (status, stderr) = run_into_a_closed_pipe(&ampled, args);

        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            status.success() || status.signal() == Some(libc::SIGPIPE),
            "{args:?} ended with {status}: {stderr}"
        );
    }
    // The transfer went through before its result met the closed pipe.
    assert_eq!(ampled.balance("zed"), 2 * TOKEN);
}

#[test]
fn an_error_printed_into_a_closed_pipe_still_exits_quietly() {
    let ampled = coop_where_ben_and_zed_hold_tokens();

    let (status, stderr) = run_into_a_closed_pipe(
        &ampled,
        &["-k", "ben", "transfer", "nobody", "1", "--output", "json"],
    );

    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        status.code() == Some(ERROR_EXIT) || status.signal() == Some(libc::SIGPIPE),
        "ended with {status}: {stderr}"
    );
}
