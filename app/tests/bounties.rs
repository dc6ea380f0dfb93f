//! Bounties: members post work (paid from their own escrow, or by the co-op on a vote), any wallet
//! claims it, submits evidence and is paid on approval; and every bad input refused before sending.

mod harness;

use ampled::state::{
    Bounty, BountyCategory, BountyFunding, BountyStatus, Claim, ClaimStatus, Proposal,
    ProposalAction, ProposalStatus,
};
use ampled_client::ix;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_interface::TokenAccount;
use harness::{Ampled, TOKEN};
use std::str::FromStr;

// Fixtures.

/// A co-op of ana, ben and cy (two approvals needed) in which ana holds 100 tokens, and zed, a
/// wallet that is not a member.
fn coop() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cy"], 2);
    ampled.reward("ben", "ana", "100", &["ben", "cy"]);
    ampled.wallets(&["zed"]);
    ampled
}

/// `poster` posts a member-funded bounty paying `reward` tokens per claim, with further `options`
/// of `bounty post`; returns its address.
fn post(ampled: &Ampled, poster: &str, title: &str, reward: &str, options: &[&str]) -> Pubkey {
    let mut command = vec![
        "-k", poster, "bounty", "post", "--title", title, "--reward", reward,
    ];
    command.extend(options);
    let posted = ampled.json(&command);
    Pubkey::from_str(posted["created"].as_str().expect("the bounty's address")).unwrap()
}

/// ana proposes a co-op bounty (`bounty post --coop <args>`), ben and cy approve it and it is
/// executed; returns the bounty's address.
fn post_coop(ampled: &Ampled, title: &str, args: &[&str]) -> Pubkey {
    let mut command = vec!["bounty", "post", "--coop", "--title", title];
    command.extend(args);
    ampled.pass("ana", &command, &["ben", "cy"]);
    ampled
        .bounties()
        .into_iter()
        .find(|(_, bounty)| bounty.title == title)
        .expect("the co-op bounty was posted")
        .0
}

/// The id people type: the address prefix `bounty list` shows.
fn id(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

fn bounty(ampled: &Ampled, address: &Pubkey) -> Bounty {
    ampled.record(address).expect("the bounty exists")
}

fn claim(ampled: &Ampled, bounty: &Pubkey, claimant: &str) -> Claim {
    ampled
        .record(&ix::claim_address(bounty, &ampled.address(claimant)))
        .expect("the claim exists")
}

/// `claimant` claims the bounty and submits `evidence` for it.
fn claim_and_submit(ampled: &Ampled, bounty: &Pubkey, claimant: &str, evidence: &str) {
    let bounty = id(bounty);
    ampled.ok(&["-k", claimant, "bounty", "claim", &bounty]);
    ampled.ok(&["-k", claimant, "bounty", "submit", &bounty, evidence]);
}

// Member-funded bounties.

#[test]
fn posting_a_member_bounty_escrows_reward_times_claims_from_the_poster() {
    let ampled = coop();

    let address = post(
        &ampled,
        "ana",
        "Fix the player",
        "10",
        &[
            "--claims",
            "3",
            "--category",
            "code",
            "--uri",
            "https://git.example/issues/7",
            "--deadline-in",
            "14d",
        ],
    );

    assert_eq!(ampled.balance("ana"), 70 * TOKEN);
    let vault: TokenAccount = ampled
        .record(&ix::bounty_vault_address(&address))
        .expect("an escrow vault");
    assert_eq!(vault.amount, 30 * TOKEN);
    let posted = bounty(&ampled, &address);
    assert_eq!(posted.poster, ampled.address("ana"));
    assert_eq!(posted.funding, BountyFunding::Member);
    assert_eq!(posted.category, BountyCategory::Code);
    assert_eq!(posted.status, BountyStatus::Open);
    assert_eq!(posted.title, "Fix the player");
    assert_eq!(posted.uri, "https://git.example/issues/7");
    assert_eq!((posted.reward, posted.max_claims), (10 * TOKEN, 3));
    let deadline_in = posted.deadline.expect("a deadline") - posted.created_at;
    assert!(
        (14 * 86_400 - 5..=14 * 86_400).contains(&deadline_in),
        "deadline {deadline_in}s after posting"
    );
}

#[test]
fn bounty_list_shows_open_bounties_and_filters_them_by_category() {
    let ampled = coop();
    let code = post(
        &ampled,
        "ana",
        "Fix the player",
        "10",
        &["--category", "code"],
    );
    let care = post(
        &ampled,
        "ana",
        "Drive Lou to rehearsal",
        "5",
        &["--category", "care-work"],
    );
    let cancelled = post(&ampled, "ana", "Old idea", "1", &[]);
    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&cancelled)]);

    let open = ampled.json(&["bounty", "list"]);
    let care_work = ampled.json(&["bounty", "list", "--category", "care-work"]);
    let everything = ampled.json(&["bounty", "list", "--all"]);

    let ids = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&open).len(), 2);
    assert!(
        ids(&open).contains(&id(&code)) && ids(&open).contains(&id(&care)),
        "{open}"
    );
    assert_eq!(ids(&care_work), vec![id(&care)]);
    let shown = &care_work[0];
    assert_eq!(shown["address"], care.to_string());
    assert_eq!(shown["title"], "Drive Lou to rehearsal");
    assert_eq!(shown["category"], "CareWork");
    assert_eq!(shown["funding"], "Member");
    assert_eq!(shown["poster"], ampled.address("ana").to_string());
    assert_eq!(shown["poster_name"], "ana");
    assert_eq!(shown["reward"], "5");
    assert_eq!(shown["reward_base_units"], 5 * TOKEN);
    assert_eq!(shown["status"], "Open");
    assert_eq!(ids(&everything).len(), 3);
    let old = everything
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id(&cancelled))
        .unwrap();
    assert_eq!(old["status"], "Cancelled");
}

#[test]
fn a_wallet_that_is_not_a_member_claims_and_submits_evidence_shown_with_the_bounty() {
    let ampled = coop();
    let address = post(
        &ampled,
        "ana",
        "Poster run",
        "10",
        &["--category", "street-team"],
    );
    assert!(ampled.member("zed").is_none());

    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);
    let claimed = claim(&ampled, &address, "zed");
    ampled.ok(&[
        "-k",
        "zed",
        "bounty",
        "submit",
        &id(&address),
        "https://photos.example/run",
    ]);

    assert_eq!(claimed.status, ClaimStatus::Claimed);
    let submitted = claim(&ampled, &address, "zed");
    assert_eq!(submitted.status, ClaimStatus::Submitted);
    assert_eq!(submitted.evidence_uri, "https://photos.example/run");
    let counted = bounty(&ampled, &address);
    assert_eq!((counted.open_claims, counted.submitted_claims), (1, 1));
    let shown = ampled.json(&["bounty", "show", &id(&address)]);
    assert_eq!(shown["claims"].as_array().unwrap().len(), 1);
    assert_eq!(
        shown["claims"][0]["claimant"],
        ampled.address("zed").to_string()
    );
    assert_eq!(shown["claims"][0]["claimant_name"], "zed");
    assert_eq!(shown["claims"][0]["status"], "Submitted");
    assert_eq!(shown["claims"][0]["evidence"], "https://photos.example/run");
    let text = ampled.ok(&["bounty", "show", &id(&address)]);
    assert!(
        text.contains("claim by zed: Submitted, evidence https://photos.example/run"),
        "{text}"
    );
}

#[test]
fn the_poster_approves_claims_paying_each_claimant_from_escrow_until_the_bounty_completes() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &["--claims", "2"]);
    claim_and_submit(&ampled, &address, "zed", "https://git.example/pull/1");
    claim_and_submit(&ampled, &address, "ben", "https://git.example/pull/2");

    ampled.ok(&["-k", "ana", "bounty", "approve", &id(&address), "zed"]);
    let after_one = bounty(&ampled, &address);
    ampled.ok(&["-k", "ana", "bounty", "approve", &id(&address), "ben"]);

    assert_eq!(
        (after_one.status, after_one.paid_claims),
        (BountyStatus::Open, 1)
    );
    assert_eq!(ampled.balance("zed"), 10 * TOKEN);
    assert_eq!(ampled.balance("ben"), 10 * TOKEN);
    assert_eq!(ampled.balance("ana"), 80 * TOKEN);
    assert!(
        ampled.member("zed").is_none(),
        "a non-member gets no time bank"
    );
    assert_eq!(ampled.member("ben").unwrap().total_earned, 10 * TOKEN);
    let paid = claim(&ampled, &address, "zed");
    assert_eq!(paid.status, ClaimStatus::Paid);
    assert_eq!(paid.decided_by, Some(ampled.address("ana")));
    let completed = bounty(&ampled, &address);
    assert_eq!(completed.status, BountyStatus::Completed);
    assert_eq!((completed.paid_claims, completed.open_claims), (2, 0));
    assert!(
        ampled
            .record::<TokenAccount>(&ix::bounty_vault_address(&address))
            .is_none(),
        "the emptied escrow vault is closed"
    );
    assert_eq!(ampled.json(&["bounty", "list"]), serde_json::json!([]));
    ampled.refused_with(
        &["-k", "cy", "bounty", "claim", &id(&address)],
        "This bounty has already paid all the claims it accepts",
    );
}

#[test]
fn the_poster_rejects_a_claim_with_a_reason_the_claimant_reads_in_bounty_show() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    claim_and_submit(&ampled, &address, "zed", "https://git.example/pull/1");

    ampled.ok(&[
        "-k",
        "ana",
        "bounty",
        "reject",
        &id(&address),
        "zed",
        "--reason",
        "The tests do not pass",
    ]);

    let rejected = claim(&ampled, &address, "zed");
    assert_eq!(rejected.status, ClaimStatus::Rejected);
    assert_eq!(rejected.rejection_reason, "The tests do not pass");
    assert_eq!(ampled.balance("zed"), 0);
    assert_eq!(
        ampled.balance("ana"),
        90 * TOKEN,
        "the escrow stays for the next claimant"
    );
    let still_open = bounty(&ampled, &address);
    assert_eq!(still_open.status, BountyStatus::Open);
    assert_eq!(
        (still_open.open_claims, still_open.submitted_claims),
        (0, 0)
    );
    let text = ampled.ok(&["bounty", "show", &id(&address)]);
    assert!(
        text.contains(
            "claim by zed: Rejected, evidence https://git.example/pull/1, rejected: The tests do not pass"
        ),
        "{text}"
    );
    let shown = ampled.json(&["bounty", "show", &id(&address)]);
    assert_eq!(
        shown["claims"][0]["rejection_reason"],
        "The tests do not pass"
    );
}

#[test]
fn a_claimant_withdraws_a_claim_and_may_claim_again_later() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    claim_and_submit(&ampled, &address, "zed", "https://git.example/pull/1");

    ampled.ok(&["-k", "zed", "bounty", "withdraw", &id(&address)]);
    let withdrawn = claim(&ampled, &address, "zed");
    let emptied = bounty(&ampled, &address);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);

    assert_eq!(withdrawn.status, ClaimStatus::Withdrawn);
    assert_eq!((emptied.open_claims, emptied.submitted_claims), (0, 0));
    let renewed = claim(&ampled, &address, "zed");
    assert_eq!(renewed.status, ClaimStatus::Claimed);
    assert_eq!(renewed.evidence_uri, "");
    assert_eq!(bounty(&ampled, &address).open_claims, 1);
    ampled.refused_with(
        &["-k", "ben", "bounty", "withdraw", &id(&address)],
        &format!("{} has no claim on this bounty", ampled.address("ben")),
    );
}

#[test]
fn the_poster_cancels_a_bounty_and_the_whole_escrow_returns_to_them() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "20", &["--claims", "3"]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);
    assert_eq!(ampled.balance("ana"), 40 * TOKEN);

    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&address)]);

    assert_eq!(ampled.balance("ana"), 100 * TOKEN);
    let cancelled = bounty(&ampled, &address);
    assert_eq!(cancelled.status, BountyStatus::Cancelled);
    assert!(cancelled.ended_at.is_some());
    assert!(ampled
        .record::<TokenAccount>(&ix::bounty_vault_address(&address))
        .is_none());
}

#[test]
fn after_the_deadline_work_is_refused_and_anyone_expires_the_bounty_refunding_the_poster() {
    let ampled = coop();
    let address = post(
        &ampled,
        "ana",
        "Flyers for Friday",
        "10",
        &["--deadline-in", "1d"],
    );
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);

    ampled.ok(&["clock", "advance", "2d"]);

    ampled.refused_with(
        &["-k", "ben", "bounty", "claim", &id(&address)],
        "This bounty's deadline has passed",
    );
    ampled.refused_with(
        &[
            "-k",
            "zed",
            "bounty",
            "submit",
            &id(&address),
            "https://photos.example/flyers",
        ],
        "This bounty's deadline has passed",
    );
    assert_eq!(ampled.json(&["bounty", "list"]), serde_json::json!([]));
    assert_eq!(
        ampled.json(&["bounty", "list", "--all"])[0]["status"],
        "PastDeadline"
    );
    ampled.ok(&["-k", "ben", "bounty", "cancel", &id(&address)]);
    assert_eq!(bounty(&ampled, &address).status, BountyStatus::Expired);
    assert_eq!(ampled.balance("ana"), 100 * TOKEN);
    assert_eq!(ampled.balance("ben"), 0);
}

// Co-op bounties.

#[test]
fn a_coop_bounty_is_posted_by_proposal_and_its_claim_paid_by_minting_on_the_members_vote() {
    let ampled = coop();
    ampled.ok(&[
        "-k",
        "ana",
        "bounty",
        "post",
        "--coop",
        "--title",
        "Street team",
        "--reward",
        "5",
        "--claims",
        "3",
        "--category",
        "street-team",
    ]);
    let posting = ampled.newest_proposal();
    assert!(
        ampled.bounties().is_empty(),
        "nothing is posted before the vote"
    );
    ampled.ok(&["-k", "ben", "proposal", "approve", &posting]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &posting]);
    ampled.ok(&["-k", "ben", "proposal", "execute", &posting]);
    let (address, posted) = ampled.bounties().remove(0);
    assert_eq!(posted.funding, BountyFunding::Coop);
    assert_eq!(posted.poster, ampled.address("ana"));
    assert_eq!((posted.reward, posted.max_claims), (5 * TOKEN, 3));
    assert_eq!(
        ampled.balance("ana"),
        100 * TOKEN,
        "a co-op bounty escrows nothing"
    );
    claim_and_submit(&ampled, &address, "ben", "https://photos.example/street");
    let supply_before = ampled.community().supply;

    let proposed = ampled.json(&["-k", "ana", "bounty", "approve", &id(&address), "ben"]);
    let payment = Pubkey::from_str(proposed["created"].as_str().unwrap()).unwrap();
    let proposal: Proposal = ampled.record(&payment).unwrap();
    assert_eq!(
        proposal.action,
        ProposalAction::PayBountyClaim {
            claim: ix::claim_address(&address, &ampled.address("ben")),
            claimant: ampled.address("ben"),
        }
    );
    assert_eq!(ampled.balance("ben"), 0, "nothing is paid before the vote");
    ampled.refused_with(
        &["-k", "ben", "proposal", "approve", &id(&payment)],
        "You cannot approve a proposal that pays, admits or promotes you",
    );
    ampled.ok(&["-k", "ana", "proposal", "approve", &id(&payment)]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &id(&payment)]);
    ampled.ok(&["-k", "cy", "proposal", "execute", &id(&payment)]);

    assert_eq!(ampled.balance("ben"), 5 * TOKEN);
    assert_eq!(ampled.member("ben").unwrap().total_earned, 5 * TOKEN);
    assert_eq!(ampled.community().supply, supply_before + 5 * TOKEN);
    let paid = claim(&ampled, &address, "ben");
    assert_eq!(paid.status, ClaimStatus::Paid);
    assert_eq!(paid.decided_by, Some(payment));
    let after = bounty(&ampled, &address);
    assert_eq!((after.status, after.paid_claims), (BountyStatus::Open, 1));
}

#[test]
fn a_coop_bounty_mints_its_reward_to_a_non_member_claimant() {
    let ampled = coop();
    let address = post_coop(&ampled, "Open mic sound", &["--reward", "7"]);
    claim_and_submit(&ampled, &address, "zed", "https://photos.example/mic");

    ampled.ok(&["-k", "ben", "bounty", "approve", &id(&address), "zed"]);
    let payment = ampled.newest_proposal();
    ampled.ok(&["-k", "ana", "proposal", "approve", &payment]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &payment]);
    ampled.ok(&["-k", "zed", "proposal", "execute", &payment]);

    assert_eq!(ampled.balance("zed"), 7 * TOKEN);
    assert!(ampled.member("zed").is_none());
    assert_eq!(claim(&ampled, &address, "zed").status, ClaimStatus::Paid);
    assert_eq!(bounty(&ampled, &address).status, BountyStatus::Completed);
}

#[test]
fn rejecting_a_coop_claim_is_a_proposal_that_records_the_members_reason() {
    let ampled = coop();
    let address = post_coop(&ampled, "Open mic sound", &["--reward", "7"]);
    claim_and_submit(&ampled, &address, "zed", "https://photos.example/mic");

    let proposed = ampled.json(&[
        "-k",
        "ana",
        "bounty",
        "reject",
        &id(&address),
        "zed",
        "--reason",
        "Wrong venue",
    ]);
    let rejection = Pubkey::from_str(proposed["created"].as_str().unwrap()).unwrap();
    let proposal: Proposal = ampled.record(&rejection).unwrap();
    assert_eq!(proposal.status, ProposalStatus::Voting);
    assert_eq!(
        claim(&ampled, &address, "zed").status,
        ClaimStatus::Submitted
    );
    ampled.ok(&["-k", "ben", "proposal", "approve", &id(&rejection)]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &id(&rejection)]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&rejection)]);

    let rejected = claim(&ampled, &address, "zed");
    assert_eq!(rejected.status, ClaimStatus::Rejected);
    assert_eq!(rejected.rejection_reason, "Wrong venue");
    assert_eq!(rejected.decided_by, Some(rejection));
    assert_eq!(ampled.balance("zed"), 0);
}

// Bad input, refused before anything is sent.

#[test]
fn posting_more_than_you_hold_or_as_a_non_member_is_refused() {
    let ampled = coop();

    ampled.refused_with(
        &[
            "-k", "ana", "bounty", "post", "--title", "Big job", "--reward", "60", "--claims", "2",
        ],
        "You hold 100 AMPLED but this needs 120",
    );
    ampled.refused_with(
        &[
            "-k", "ben", "bounty", "post", "--title", "Big job", "--reward", "1",
        ],
        "You hold 0 AMPLED but this needs 1",
    );
    ampled.refused_with(
        &[
            "-k", "zed", "bounty", "post", "--title", "Big job", "--reward", "1",
        ],
        &format!(
            "Your wallet {} is not a member of coop",
            ampled.address("zed")
        ),
    );
    assert!(ampled.bounties().is_empty());
}

#[test]
fn a_zero_or_unreadable_reward_is_refused() {
    let ampled = coop();
    fn post_with(reward: &str, coop: bool) -> Vec<&str> {
        let mut args = vec![
            "-k", "ana", "bounty", "post", "--title", "Job", "--reward", reward,
        ];
        if coop {
            args.push("--coop");
        }
        args
    }

    ampled.refused_with(&post_with("0", false), "The amount must be more than zero");
    ampled.refused_with(&post_with("0", true), "The amount must be more than zero");
    ampled.refused_with(
        &post_with("ten", false),
        "\"ten\" is not an amount of tokens: write a number such as 12 or 12.5",
    );
    ampled.refused_with(
        &post_with("1.0000001", false),
        "1.0000001 has more decimals than the token's 6",
    );
    ampled.refused_with(
        &[
            "-k", "ana", "bounty", "post", "--title", "Job", "--reward", "1", "--claims", "0",
        ],
        "A bounty accepts between 1 and 1000 claims",
    );
}

#[test]
fn an_unknown_category_is_refused_naming_the_categories() {
    let ampled = coop();
    let expected = "\"music\" is not a category: use code, street-team, artist-growth, care-work, community or other";

    ampled.refused_with(
        &[
            "-k",
            "ana",
            "bounty",
            "post",
            "--title",
            "Job",
            "--reward",
            "1",
            "--category",
            "music",
        ],
        expected,
    );
    ampled.refused_with(&["bounty", "list", "--category", "music"], expected);
}

#[test]
fn a_title_longer_than_64_bytes_is_refused_and_64_is_accepted() {
    let ampled = coop();
    let too_long = "a".repeat(65);
    let longest = "a".repeat(64);

    ampled.refused_with(
        &[
            "-k", "ana", "bounty", "post", "--title", &too_long, "--reward", "1",
        ],
        "Bounty title must be 1 to 64 bytes long",
    );
    ampled.refused_with(
        &[
            "-k", "ana", "bounty", "post", "--coop", "--title", &too_long, "--reward", "1",
        ],
        "Bounty title must be 1 to 64 bytes long",
    );
    let address = post(&ampled, "ana", &longest, "1", &[]);
    assert_eq!(bounty(&ampled, &address).title, longest);
}

#[test]
fn claiming_the_same_bounty_twice_is_refused() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);

    ampled.refused_with(
        &["-k", "zed", "bounty", "claim", &id(&address)],
        "You already claimed this bounty (your claim is Claimed)",
    );
    assert_eq!(bounty(&ampled, &address).open_claims, 1);
}

#[test]
fn submitting_evidence_without_a_claim_is_refused() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);

    ampled.refused_with(
        &[
            "-k",
            "zed",
            "bounty",
            "submit",
            &id(&address),
            "https://git.example/pull/1",
        ],
        "You have not claimed this bounty; claim it first with `ampled bounty claim`",
    );
}

#[test]
fn empty_or_overlong_evidence_is_refused() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&address)]);
    let overlong = format!("https://git.example/{}", "x".repeat(200));

    for evidence in ["", overlong.as_str()] {
        ampled.refused_with(
            &["-k", "zed", "bounty", "submit", &id(&address), evidence],
            "Evidence is a link of 1 to 200 characters to the work you did",
        );
    }
    assert_eq!(claim(&ampled, &address, "zed").status, ClaimStatus::Claimed);
}

#[test]
fn a_claim_without_evidence_can_be_neither_approved_nor_rejected() {
    let ampled = coop();
    let member_funded = post(&ampled, "ana", "Fix the player", "10", &[]);
    let coop_funded = post_coop(&ampled, "Street team", &["--reward", "5"]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&member_funded)]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&coop_funded)]);

    let only_submitted = "This claim is Claimed; only a claim with submitted evidence can be";
    ampled.refused_with(
        &["-k", "ana", "bounty", "approve", &id(&member_funded), "zed"],
        only_submitted,
    );
    ampled.refused_with(
        &["-k", "ana", "bounty", "approve", &id(&coop_funded), "zed"],
        only_submitted,
    );
    ampled.refused_with(
        &[
            "-k",
            "ana",
            "bounty",
            "reject",
            &id(&member_funded),
            "zed",
            "--reason",
            "No work",
        ],
        only_submitted,
    );
    assert_eq!(ampled.balance("zed"), 0);
}

#[test]
fn only_the_poster_approves_or_rejects_a_member_funded_claim() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    claim_and_submit(&ampled, &address, "zed", "https://git.example/pull/1");

    ampled.refused_with(
        &["-k", "ben", "bounty", "approve", &id(&address), "zed"],
        "Only the member who posted and funded this bounty can approve its claims",
    );
    ampled.refused_with(
        &["-k", "zed", "bounty", "approve", &id(&address), "zed"],
        "Only the member who posted and funded this bounty can approve its claims",
    );
    ampled.refused_with(
        &[
            "-k",
            "ben",
            "bounty",
            "reject",
            &id(&address),
            "zed",
            "--reason",
            "Not good",
        ],
        "Only the member who posted this bounty can reject its claims",
    );
    assert_eq!(
        claim(&ampled, &address, "zed").status,
        ClaimStatus::Submitted
    );
}

#[test]
fn the_poster_cannot_pay_their_own_claim_from_their_escrow() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    claim_and_submit(&ampled, &address, "ana", "https://git.example/pull/1");

    ampled.refused_with(
        &["-k", "ana", "bounty", "approve", &id(&address), "ana"],
        "You cannot pay your own claim",
    );
    assert_eq!(ampled.balance("ana"), 90 * TOKEN);
    assert_eq!(ampled.member("ana").unwrap().total_earned, 100 * TOKEN);
}

#[test]
fn an_empty_rejection_reason_is_refused_before_sending() {
    let ampled = coop();
    let member_funded = post(&ampled, "ana", "Fix the player", "10", &[]);
    let coop_funded = post_coop(&ampled, "Street team", &["--reward", "5"]);
    claim_and_submit(&ampled, &member_funded, "zed", "https://git.example/pull/1");
    claim_and_submit(
        &ampled,
        &coop_funded,
        "zed",
        "https://photos.example/street",
    );
    let proposals = ampled.proposals().len();

    let error = ampled.refused_json(&[
        "-k",
        "ana",
        "bounty",
        "reject",
        &id(&member_funded),
        "zed",
        "--reason",
        "",
    ]);
    ampled.refused_with(
        &[
            "-k",
            "ana",
            "bounty",
            "reject",
            &id(&coop_funded),
            "zed",
            "--reason",
            "",
        ],
        "A rejection needs a reason the claimant can read",
    );

    assert_eq!(
        error["error"],
        "A rejection needs a reason the claimant can read"
    );
    assert_eq!(error["program_error"], "ReasonRequired", "{error}");
    assert_eq!(error["sent"], false, "nothing was sent: {error}");
    assert_eq!(error["changed_nothing"], true);
    assert_eq!(
        ampled.proposals().len(),
        proposals,
        "no proposal that could never execute"
    );
}

#[test]
fn paying_a_coop_claim_beyond_the_supply_cap_is_refused_instead_of_proposed() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben", "cy", "zed"]);
    ampled.ok(&[
        "community",
        "create",
        "coop",
        "--min-approvals",
        "2",
        "--founder",
        "ana",
        "--founder",
        "ben",
        "--founder",
        "cy",
        "--supply-cap",
        "103",
    ]);
    ampled.reward("ben", "ana", "100", &["ben", "cy"]);
    let address = post_coop(&ampled, "Street team", &["--reward", "3", "--claims", "2"]);
    claim_and_submit(&ampled, &address, "zed", "https://photos.example/zed");
    claim_and_submit(&ampled, &address, "ben", "https://photos.example/ben");
    ampled.ok(&["-k", "ana", "bounty", "approve", &id(&address), "zed"]);
    let payment = ampled.newest_proposal();
    ampled.ok(&["-k", "ben", "proposal", "approve", &payment]);
    ampled.ok(&["-k", "cy", "proposal", "approve", &payment]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &payment]);
    assert_eq!(ampled.community().supply, 103 * TOKEN);
    let proposals = ampled.proposals().len();

    ampled.refused_with(
        &["-k", "ana", "bounty", "approve", &id(&address), "ben"],
        "This would mint more than the community's supply cap",
    );

    assert_eq!(
        ampled.proposals().len(),
        proposals,
        "no proposal that could never execute"
    );
    assert_eq!(
        claim(&ampled, &address, "ben").status,
        ClaimStatus::Submitted
    );
}

#[test]
fn nobody_but_the_poster_cancels_before_the_deadline() {
    let ampled = coop();
    let address = post(
        &ampled,
        "ana",
        "Fix the player",
        "10",
        &["--deadline-in", "7d"],
    );

    for intruder in ["ben", "zed"] {
        ampled.refused_with(&["-k", intruder, "bounty", "cancel", &id(&address)],
            "Only the member who posted this bounty can do this (anyone can close it after its deadline)",
        );
    }
    assert_eq!(bounty(&ampled, &address).status, BountyStatus::Open);
    assert_eq!(ampled.balance("ana"), 90 * TOKEN);
}

#[test]
fn a_bounty_with_evidence_waiting_for_a_decision_cannot_be_cancelled() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    claim_and_submit(&ampled, &address, "zed", "https://git.example/pull/1");

    ampled.refused_with(
        &["-k", "ana", "bounty", "cancel", &id(&address)],
        "Claims with submitted evidence are waiting for a decision; approve or reject them first",
    );
    assert_eq!(bounty(&ampled, &address).status, BountyStatus::Open);
}

#[test]
fn claiming_a_cancelled_bounty_is_refused() {
    let ampled = coop();
    let address = post(&ampled, "ana", "Fix the player", "10", &[]);
    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&address)]);

    ampled.refused_with(
        &["-k", "zed", "bounty", "claim", &id(&address)],
        "This bounty was cancelled by its poster",
    );
    assert!(ampled.claims(&address).is_empty());
}

#[test]
fn an_unknown_bounty_id_is_refused_with_where_to_look() {
    let ampled = coop();
    post(&ampled, "ana", "Fix the player", "10", &[]);
    // '0' is not a base-58 digit: no address starts with it.
    let unknown = "No bounty in this community has an address starting with \"0000\"; list them with `ampled bounty list --all`";

    for command in [
        vec!["-k", "zed", "bounty", "claim", "0000"],
        vec!["bounty", "show", "0000"],
        vec![
            "-k",
            "zed",
            "bounty",
            "submit",
            "0000",
            "https://git.example/pull/1",
        ],
        vec!["-k", "ana", "bounty", "approve", "0000", "zed"],
        vec!["-k", "ana", "bounty", "cancel", "0000"],
    ] {
        ampled.refused_with(&command, unknown);
    }
}
