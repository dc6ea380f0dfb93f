//! The README is a test: its walkthrough's shell blocks run exactly as written, in order, in one
//! bash session (`set -euo pipefail`), with the `ampled` this test run built first on PATH and a
//! fresh user home, and the chain they leave behind is checked. The user guide cannot drift from
//! the program: a command that stops working, or a step the README forgets, fails this test.
//!
//! A block preceded by `<!-- not run by the README test: <why> -->` is skipped, and only the
//! expected ones may be: the Quick start (it builds and tests the whole workspace, this test
//! included, so running it here would recurse and take many minutes), the browser and local node
//! sections (they serve until stopped; `app/tests/web.rs` and `node.rs` test them) and deploying
//! to a real cluster (it needs the Anchor CLI and a cluster).
#![allow(deprecated)]

mod harness;

use ampled::state::{
    AuctionStatus, BountyCategory, BountyStatus, MemberRole, MemberStatus, ProposalStatus,
    TokenMetadataFields,
};
use harness::{Ampled, TOKEN};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What precedes a shell block this test must not run; the reason follows the colon.
const NOT_RUN_MARK: &str = "<!-- not run by the README test:";

/// The sections whose blocks are marked not to run, and nothing else.
/// The local node's block serves until stopped; `app/tests/node.rs` runs `ampled serve` and
/// commands through it instead.
const SKIPPED_SECTIONS: [&str; 6] = [
    "Quick start",
    "Try it in your browser",
    "Try it in your browser",
    "A local node: `ampled serve`",
    "Signing in: gating that proves who is asking",
    "Building and deploying for a real cluster",
];

/// Fences that would hide shell commands from this test.
const OTHER_SHELL_FENCES: [&str; 4] = ["```bash", "```shell", "```console", "```zsh"];

struct ShellBlock {
    /// The heading it sits under, to say where a failure is.
    section: String,
    /// The README line of its first command (1-based).
    line: usize,
    body: String,
    marked_not_run: bool,
}

fn shell_blocks(readme: &str) -> Vec<ShellBlock> {
    let mut blocks = Vec::new();
    let mut section = String::new();
    let mut previous_text = "";
    let mut lines = readme.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        assert!(
            !OTHER_SHELL_FENCES.contains(&line.trim_end()),
            "README line {}: write shell examples as ```sh so that this test runs them",
            index + 1
        );
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_string();
        }
        if line.trim_end() == "```sh" {
            let mut body = String::new();
            let mut closed = false;
            for (_, line) in lines.by_ref() {
                if line.trim_end() == "```" {
                    closed = true;
                    break;
                }
                body.push_str(line);
                body.push('\n');
            }
            assert!(
                closed,
                "README line {}: a ```sh block is never closed",
                index + 1
            );
            blocks.push(ShellBlock {
                section: section.clone(),
                line: index + 2,
                body,
                marked_not_run: previous_text.starts_with(NOT_RUN_MARK),
            });
            previous_text = "```";
        } else if !line.trim().is_empty() {
            previous_text = line;
        }
    }
    blocks
}

/// One bash session running `blocks` in order; the trace names the README line of each block.
fn session_script(blocks: &[&ShellBlock]) -> String {
    let mut script = String::from("set -euo pipefail\nPS4='+ '\nset -x\n");
    for block in blocks {
        script.push_str(&format!(
            ": 'README line {}, {}'\n{}",
            block.line, block.section, block.body
        ));
    }
    script
}

/// PATH with `dir` first, so that `ampled` is the binary this test run built.
fn path_with_first(dir: &Path) -> std::ffi::OsString {
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&inherited));
    std::env::join_paths(dirs.collect::<Vec<PathBuf>>()).expect("PATH")
}

fn tail(text: &[u8], chars: usize) -> String {
    let text = String::from_utf8_lossy(text);
    let start = text
        .char_indices()
        .rev()
        .nth(chars)
        .map_or(0, |(index, _)| index);
    text[start..].to_string()
}

#[test]
fn the_readme_walkthrough_runs_as_written_on_a_fresh_home() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README.md");
    let blocks = shell_blocks(&readme);
    let (skipped, to_run): (Vec<&ShellBlock>, Vec<&ShellBlock>) =
        blocks.iter().partition(|block| block.marked_not_run);
    let skipped_sections: Vec<&str> = skipped.iter().map(|b| b.section.as_str()).collect();
    assert_eq!(
        skipped_sections, SKIPPED_SECTIONS,
        "only the Quick start (recursion), the browser and local node sections (they serve until stopped) and the real-cluster deploy (needs a cluster) may be marked not to run"
    );
    assert!(!to_run.is_empty(), "the README has no walkthrough to run");

    // The README's commands use the default home, ~/.ampled, of a user whose home is brand new;
    // it is the harness's home, so the harness reads the chain they leave.
    let ampled = Ampled::new();
    let user_home = tempfile::tempdir().expect("user home");
    std::os::unix::fs::symlink(ampled.home(), user_home.path().join(".ampled")).expect("~/.ampled");
    let bin = tempfile::tempdir().expect("bin directory");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_ampled"), bin.path().join("ampled"))
        .expect("ampled on PATH");
    let script = bin.path().join("readme-walkthrough.sh");
    std::fs::write(&script, session_script(&to_run)).expect("script");

    let output = Command::new("bash")
        .arg(&script)
        .current_dir(user_home.path())
        .env("HOME", user_home.path())
        .env("PATH", path_with_first(bin.path()))
        // Nothing of the developer's may steer the session: no startup file, no chosen home,
        // wallet or community.
        .env_remove("BASH_ENV")
        .env_remove("AMPLED_HOME")
        .env_remove("AMPLED_WALLET")
        .env_remove("AMPLED_COMMUNITY")
        .output()
        .expect("run bash");

    assert!(
        output.status.success(),
        "the README walkthrough failed ({}); the failing command is the last one traced.\n--- stdout (end)\n{}\n--- stderr (end)\n{}",
        output.status,
        tail(&output.stdout, 3_000),
        tail(&output.stderr, 6_000)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.lines().any(|line| line == "welcome"),
        "dev's 45 AMPLED should pass `check dev --min 25`:\n{stdout}"
    );
    assert!(
        stdout.lines().any(|line| line == "not a member"),
        "dev is no member, so `check dev --member` should fail:\n{stdout}"
    );

    let community = ampled.community_named("ampled");
    for (wallet, whole_tokens) in [
        ("ana", 75),
        ("ben", 50),
        ("cleo", 60),
        ("eve", 20),
        ("dev", 45),
    ] {
        assert_eq!(
            ampled.balance_in(&community, wallet),
            whole_tokens * TOKEN,
            "{wallet}'s balance"
        );
    }
    assert_eq!(
        community.treasury_balance,
        40 * TOKEN,
        "60 from the PA, 20 paid to Ben"
    );
    // Rewards of 60, 100 and 120 and one co-op bounty claim of 10: every token is accounted for.
    assert_eq!(community.supply, 290 * TOKEN);
    assert_eq!(community.state.active_member_count, 4);

    let eve = ampled
        .member_of(&community, "eve")
        .expect("eve was admitted");
    assert_eq!(
        (eve.status, eve.role, eve.total_earned),
        (MemberStatus::Active, MemberRole::Artist, 60 * TOKEN)
    );
    let cleo = ampled
        .member_of(&community, "cleo")
        .expect("cleo founded it");
    assert_eq!(cleo.role, MemberRole::Artist, "re-roled by vote");
    let ben = ampled.member_of(&community, "ben").expect("ben founded it");
    assert_eq!(
        ben.status,
        MemberStatus::Active,
        "his removal was cancelled"
    );
    assert!(ampled.member_of(&community, "dev").is_none());

    // The directory: Cleo's offer, paid for at 20 and repriced at 25, listed for 180 days from
    // its renewal; Eve's request removed.
    let listings = ampled.listings_of(&community);
    assert_eq!(listings.len(), 1, "Eve's request was removed");
    let (_, offer) = &listings[0];
    assert_eq!(offer.owner, ampled.address("cleo"));
    assert_eq!(
        (offer.terms.title.as_str(), offer.terms.price, offer.paused),
        ("I'll master your track", Some(25 * TOKEN), false)
    );
    assert_eq!(offer.terms.listed_until - offer.updated_at, 180 * 24 * 3600);

    let statuses: Vec<ProposalStatus> = ampled
        .proposals_of(&community)
        .into_iter()
        .map(|(_, proposal)| proposal.status)
        .collect();
    let executed = statuses
        .iter()
        .filter(|s| **s == ProposalStatus::Executed)
        .count();
    let cancelled = statuses
        .iter()
        .filter(|s| **s == ProposalStatus::Cancelled)
        .count();
    // Thirteen proposals; the cancelled removal was closed, its rent back to Ana.
    assert_eq!(
        (statuses.len(), executed, cancelled),
        (12, 12, 0),
        "{statuses:?}"
    );
    assert_eq!(community.state.rules.approval_threshold_bps, 6_000);
    assert_eq!(community.state.rules.voting_period_secs, 5 * 24 * 60 * 60);
    assert_eq!(
        community.token,
        TokenMetadataFields {
            name: "Ampled".into(),
            symbol: "AMPLED".into(),
            uri: "https://ampled.com/token/ampled-2027.json".into(),
        },
        "created with its name and symbol, its image changed by vote"
    );
    let street_team_budget =
        ampled_client::ix::budget_address(&community.address, BountyCategory::StreetTeam);
    assert!(
        ampled.account_lamports(&street_team_budget).is_some(),
        "the street-team budget exists"
    );

    let bounties = ampled.bounties_of(&community);
    let bounty = |title: &str| {
        bounties
            .iter()
            .find(|(_, b)| b.title == title)
            .unwrap_or_else(|| panic!("no bounty \"{title}\""))
            .1
            .clone()
    };
    let checkout = bounty("Fix the checkout bug");
    assert_eq!(
        (checkout.status, checkout.paid_claims),
        (BountyStatus::Completed, 1)
    );
    let flyers = bounty("Flyer the Friday show");
    assert_eq!(
        (flyers.status, flyers.paid_claims),
        (BountyStatus::Expired, 1),
        "a co-op bounty runs to its deadline, then anyone ends it"
    );

    let auctions = ampled.auctions_of(&community);
    let auction = |title: &str| {
        auctions
            .iter()
            .find(|(_, a)| a.terms.title == title)
            .unwrap_or_else(|| panic!("no auction \"{title}\""))
            .1
            .clone()
    };
    let rhodes = auction("1972 Fender Rhodes");
    assert_eq!(
        (rhodes.status, rhodes.highest_bidder, rhodes.highest_bid),
        (
            AuctionStatus::Settled,
            Some(ampled.address("eve")),
            40 * TOKEN
        )
    );
    assert!(rhodes.handed_over_at.is_some());
    let pa = auction("Spare PA");
    assert_eq!(
        (pa.status, pa.highest_bidder, pa.highest_bid),
        (
            AuctionStatus::Settled,
            Some(ampled.address("ben")),
            60 * TOKEN
        )
    );
    assert_eq!(auction("Fender Twin amp").status, AuctionStatus::Cancelled);

    let timebank = std::fs::read_to_string(user_home.path().join("timebank.csv"))
        .expect("timebank.csv in the working directory");
    assert_eq!(
        timebank.lines().count(),
        1 + 4,
        "a header and each member:\n{timebank}"
    );
    assert!(
        timebank.contains(&ampled.address("eve").to_string()),
        "{timebank}"
    );
}

#[test]
fn only_a_block_right_after_the_mark_is_skipped() {
    let readme = "## Quick start\n\n<!-- not run by the README test: recursion -->\n```sh\ncargo test\n```\n\n## Use\nSome text.\n```sh\nampled wallet new ana\n```\n";

    let blocks = shell_blocks(readme);

    let seen: Vec<(&str, usize, &str, bool)> = blocks
        .iter()
        .map(|b| {
            (
                b.section.as_str(),
                b.line,
                b.body.as_str(),
                b.marked_not_run,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Quick start", 5, "cargo test\n", true),
            ("Use", 11, "ampled wallet new ana\n", false),
        ]
    );
}
