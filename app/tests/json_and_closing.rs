//! Every proposal kind and every record's life has a command (rules, category budgets, closing
//! finished records for their rent), listings tell where each record stands, and `--output json`
//! speaks to machines: addresses beside nicknames, whole tokens beside base units, RFC 3339 beside
//! Unix seconds, ledger entries with their terms as fields, and refusals naming the program error.

mod harness;

use ampled::errors::AmpledError;
use ampled::state::{BountyCategory, CategoryBudget, IssuanceCap, Proposal, ProposalStatus};
use ampled_client::ix;
use anchor_lang::prelude::Pubkey;
use harness::{Ampled, TOKEN};
use serde_json::Value;

const DAY: i64 = 86_400;

/// The short id people type: the address's first 8 characters, as listings show it.
fn id(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

/// ana, ben and cleo found `coop` (all workers), needing 2 approvals; dan and zed are wallets
/// outside it.
fn coop_of_three() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["dan", "zed"]);
    ampled
}

/// `signer` runs `args` with `--output json`; returns the address of the record it created.
#[track_caller]
fn create(ampled: &Ampled, signer: &str, args: &[&str]) -> Pubkey {
    let mut with_signer = vec!["-k", signer];
    with_signer.extend(args);
    ampled.json(&with_signer)["created"]
        .as_str()
        .expect("a created record")
        .parse()
        .expect("an address")
}

fn vote(ampled: &Ampled, proposal: &Pubkey, how: &str, voters: &[&str]) {
    for voter in voters {
        ampled.ok(&["-k", voter, "proposal", how, &id(proposal)]);
    }
}

/// The refusal's JSON names the program error and its pinned code, and says nothing was sent.
#[track_caller]
fn assert_names_program_error(refusal: &Value, error: AmpledError) {
    assert_eq!(refusal["program_error"], format!("{error:?}"), "{refusal}");
    assert_eq!(refusal["code"], u32::from(error), "{refusal}");
    let message = refusal["error"].as_str().unwrap_or_default();
    assert!(message.starts_with(&error.to_string()), "{refusal}");
    assert_eq!(refusal["sent"], false, "{refusal}");
    assert_eq!(refusal["changed_nothing"], true, "{refusal}");
}

/// A time field holds RFC 3339 in UTC and its `_unix` twin the same instant in seconds.
#[track_caller]
fn assert_time(value: &Value, field: &str, unix: i64) {
    assert_eq!(value[format!("{field}_unix")], unix, "{value}");
    let written = value[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field}: {value}"));
    let parsed = chrono::DateTime::parse_from_rfc3339(written).expect("RFC 3339");
    assert_eq!(parsed.timestamp(), unix, "{written}");
    assert!(written.ends_with('Z'), "{written}");
}

/// The event of `kind` a command's JSON reports.
#[track_caller]
fn event_of<'a>(output: &'a Value, kind: &str) -> &'a Value {
    output["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|event| event["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {output}"))
}

// Rules and budgets.

#[test]
fn a_rules_proposal_changes_only_the_rules_it_names_once_executed() {
    let ampled = coop_of_three();
    let before = ampled.community().state.rules;

    let caps = create(
        &ampled,
        "ana",
        &[
            "proposal",
            "rules",
            "--threshold",
            "60%",
            "--supply-cap",
            "1000",
            "--issuance-cap",
            "100/30d",
        ],
    );
    let shown = ampled.json(&["proposal", "show", &id(&caps)]);
    vote(&ampled, &caps, "approve", &["ben", "cleo"]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&caps)]);

    let after = ampled.community();
    assert_eq!(after.state.rules_version, 1);
    assert_eq!(after.state.rules.approval_threshold_bps, 6_000);
    assert_eq!(after.state.rules.supply_cap, Some(1_000 * TOKEN));
    assert_eq!(
        after.state.rules.issuance_cap,
        Some(IssuanceCap {
            amount: 100 * TOKEN,
            period_secs: 30 * DAY
        })
    );
    assert_eq!(after.state.rules.min_approvals, before.min_approvals);
    assert_eq!(
        after.state.rules.voting_period_secs,
        before.voting_period_secs
    );
    let rules = &shown["action"]["rules"];
    assert_eq!(shown["action"]["kind"], "UpdateRules");
    assert_eq!(rules["approval_threshold"], "60%");
    assert_eq!(rules["approval_threshold_bps"], 6_000);
    assert_eq!(rules["supply_cap"], "1000");
    assert_eq!(rules["supply_cap_base_units"], 1_000 * TOKEN);
    assert_eq!(rules["issuance_cap"]["amount"], "100");
    assert_eq!(rules["issuance_cap"]["amount_base_units"], 100 * TOKEN);
    assert_eq!(rules["issuance_cap"]["period_secs"], 30 * DAY);
    assert_eq!(rules["voting_period_secs"], before.voting_period_secs);

    let lifted = create(
        &ampled,
        "ben",
        &[
            "proposal",
            "rules",
            "--supply-cap",
            "none",
            "--issuance-cap",
            "none",
            "--voting-period",
            "3d",
            "--min-approvals",
            "3",
        ],
    );
    vote(&ampled, &lifted, "approve", &["ana", "cleo"]);
    ampled.ok(&["-k", "ben", "proposal", "execute", &id(&lifted)]);

    let rules = ampled.community().state.rules;
    assert_eq!(rules.supply_cap, None);
    assert_eq!(rules.issuance_cap, None);
    assert_eq!(rules.voting_period_secs, 3 * DAY);
    assert_eq!(rules.min_approvals, 3);
    assert_eq!(rules.approval_threshold_bps, 6_000, "kept from before");
    assert_eq!(ampled.community().state.rules_version, 2);
}

#[test]
fn a_rules_proposal_that_changes_nothing_or_breaks_a_rule_is_refused_before_sending() {
    let ampled = coop_of_three();

    let nothing = ampled.refused(&["-k", "ana", "proposal", "rules"]);
    let same = ampled.refused_json(&["-k", "ana", "proposal", "rules", "--min-approvals", "2"]);
    let too_many = ampled.refused_json(&["-k", "ana", "proposal", "rules", "--min-approvals", "4"]);
    let bad_cap = ampled.refused(&["-k", "ana", "proposal", "rules", "--issuance-cap", "100"]);

    assert!(
        nothing.stderr.contains("Say what to change: --threshold"),
        "{}",
        nothing.stderr
    );
    assert_eq!(
        same["error"],
        "These are the community's rules already; a rules proposal must change something"
    );
    assert_eq!(
        same["program_error"],
        Value::Null,
        "no program rule: {same}"
    );
    assert_names_program_error(&too_many, AmpledError::InvalidMinApprovals);
    assert!(
        bad_cap
            .stderr
            .contains("write AMOUNT/PERIOD, e.g. 1000/30d, or none"),
        "{}",
        bad_cap.stderr
    );
    assert!(ampled.proposals().is_empty());
}

#[test]
fn a_category_budget_proposal_creates_the_budget_when_executed() {
    let ampled = coop_of_three();

    let budget = create(
        &ampled,
        "ana",
        &["proposal", "budget", "care-work", "50", "--period", "30d"],
    );
    let listed = ampled.json(&["proposal", "list"]);
    vote(&ampled, &budget, "approve", &["ben", "cleo"]);
    let executed = ampled.json(&["-k", "ana", "proposal", "execute", &id(&budget)]);

    let community = ampled.community();
    let account = ix::budget_address(&community.address, BountyCategory::CareWork);
    let state: CategoryBudget = ampled.record(&account).expect("the budget account");
    assert_eq!(state.category, BountyCategory::CareWork);
    assert_eq!(state.amount_per_period, 50 * TOKEN);
    assert_eq!(state.period_secs, 30 * DAY);
    let action = &listed[0]["action"];
    assert_eq!(action["kind"], "SetCategoryBudget");
    assert_eq!(action["category"], "CareWork");
    assert_eq!(action["amount_per_period"], "50");
    assert_eq!(action["amount_per_period_base_units"], 50 * TOKEN);
    assert_eq!(action["period_secs"], 30 * DAY);
    let event = event_of(&executed, "CategoryBudgetSet");
    assert_eq!(event["amount_base_units"], 50 * TOKEN);
    assert_eq!(event["proposal"], budget.to_string());
}

#[test]
fn a_category_budget_over_a_period_shorter_than_a_minute_is_refused_naming_the_rule() {
    let ampled = coop_of_three();

    let refusal = ampled.refused_json(&[
        "-k", "ana", "proposal", "budget", "code", "50", "--period", "30s",
    ]);

    assert_names_program_error(&refusal, AmpledError::InvalidCategoryBudget);
    assert!(ampled.proposals().is_empty());
}

// Closing records.

#[test]
fn closing_a_defeated_proposal_returns_its_rent_to_the_proposer_whoever_closes_it() {
    let ampled = coop_of_three();
    let reward = create(
        &ampled,
        "ana",
        &["proposal", "reward", "dan", "5", "--reason", "gig"],
    );
    let open = ampled.refused_json(&["-k", "ben", "proposal", "close", &id(&reward)]);
    vote(&ampled, &reward, "reject", &["ben", "cleo"]);
    let rent = ampled.account_lamports(&reward).expect("the proposal");
    let ana_before = ampled.lamports("ana");

    let closed = ampled.json(&["-k", "ben", "proposal", "close", &id(&reward)]);

    assert_names_program_error(&open, AmpledError::ProposalStillOpen);
    assert_eq!(
        ampled.account_lamports(&reward),
        None,
        "the account is gone"
    );
    assert_eq!(ampled.lamports("ana"), ana_before + rent);
    let entry = &closed["closed"][0];
    assert_eq!(entry["kind"], "Proposal");
    assert_eq!(entry["address"], reward.to_string());
    assert_eq!(entry["rent_lamports"], rent);
    assert_eq!(entry["rent_to"], ampled.address("ana").to_string());
    assert_eq!(entry["rent_to_name"], "ana");
    assert_eq!(closed["recovered_lamports"], 0, "ben recovered nothing");
}

#[test]
fn closing_an_ended_bounty_needs_its_open_claims_closed_first_and_returns_each_rent() {
    let ampled = coop_of_three();
    ampled.reward("ben", "ana", "100", &["ben", "cleo"]);
    let bounty = create(
        &ampled,
        "ana",
        &["bounty", "post", "--title", "Flyers", "--reward", "10"],
    );
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&bounty)]);
    let claim = ix::claim_address(&bounty, &ampled.address("zed"));
    let claim_open = ampled.refused_json(&["-k", "zed", "bounty", "close-claim", &id(&bounty)]);
    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&bounty)]);
    let unsettled = ampled.refused_json(&["-k", "ana", "bounty", "close", &id(&bounty)]);
    let (claim_rent, bounty_rent) = (
        ampled.account_lamports(&claim).expect("the claim"),
        ampled.account_lamports(&bounty).expect("the bounty"),
    );
    let (zed_before, ana_before) = (ampled.lamports("zed"), ampled.lamports("ana"));

    ampled.ok(&["-k", "ben", "bounty", "close-claim", &id(&bounty), "zed"]);
    ampled.ok(&["-k", "ben", "bounty", "close", &id(&bounty)]);

    assert_names_program_error(&claim_open, AmpledError::ClaimStillOpen);
    assert_names_program_error(&unsettled, AmpledError::BountyNotSettled);
    assert_eq!(ampled.account_lamports(&claim), None);
    assert_eq!(ampled.account_lamports(&bounty), None);
    assert_eq!(ampled.lamports("zed"), zed_before + claim_rent);
    assert_eq!(ampled.lamports("ana"), ana_before + bounty_rent);
}

#[test]
fn a_withdrawn_claim_closes_while_its_bounty_is_still_open() {
    let ampled = coop_of_three();
    ampled.reward("ben", "ana", "100", &["ben", "cleo"]);
    let bounty = create(
        &ampled,
        "ana",
        &["bounty", "post", "--title", "Flyers", "--reward", "10"],
    );
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&bounty)]);
    ampled.ok(&["-k", "zed", "bounty", "withdraw", &id(&bounty)]);
    let claim = ix::claim_address(&bounty, &ampled.address("zed"));
    let rent = ampled.account_lamports(&claim).expect("the claim");
    let zed_before = ampled.lamports("zed");

    ampled.ok(&["-k", "ana", "bounty", "close-claim", &id(&bounty), "zed"]);

    assert_eq!(ampled.account_lamports(&claim), None);
    assert_eq!(ampled.lamports("zed"), zed_before + rent);
    assert!(
        ampled.account_lamports(&bounty).is_some(),
        "the bounty runs on"
    );
}

#[test]
fn closing_a_cancelled_auction_returns_its_rent_and_a_running_one_is_refused() {
    let ampled = coop_of_three();
    let auction = create(
        &ampled,
        "ana",
        &["auction", "create", "--title", "Amp", "--reserve", "10"],
    );
    let running = ampled.refused_json(&["-k", "ana", "auction", "close", &id(&auction)]);
    ampled.ok(&["-k", "ana", "auction", "cancel", &id(&auction)]);
    let rent = ampled.account_lamports(&auction).expect("the auction");
    let ana_before = ampled.lamports("ana");

    ampled.ok(&["-k", "ben", "auction", "close", &id(&auction)]);

    assert_eq!(running["program_error"], "AuctionNotFinished", "{running}");
    assert_eq!(running["code"], u32::from(AmpledError::AuctionNotFinished));
    assert_eq!(ampled.account_lamports(&auction), None);
    assert_eq!(ampled.lamports("ana"), ana_before + rent);
}

#[test]
fn close_all_closes_everything_finished_of_the_signer_and_reports_the_sol_recovered() {
    let ampled = coop_of_three();
    ampled.reward("ben", "ana", "100", &["ben", "cleo"]);
    let defeated = create(
        &ampled,
        "ana",
        &["proposal", "reward", "dan", "5", "--reason", "gig"],
    );
    vote(&ampled, &defeated, "reject", &["ben", "cleo"]);
    let still_open = create(
        &ampled,
        "ana",
        &["proposal", "reward", "dan", "1", "--reason", "later"],
    );
    let bounty = create(
        &ampled,
        "ana",
        &["bounty", "post", "--title", "Flyers", "--reward", "10"],
    );
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&bounty)]);
    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&bounty)]);
    let claim = ix::claim_address(&bounty, &ampled.address("zed"));
    let auction = create(
        &ampled,
        "ana",
        &["auction", "create", "--title", "Amp", "--reserve", "10"],
    );
    ampled.ok(&["-k", "ana", "auction", "cancel", &id(&auction)]);
    let bens = create(
        &ampled,
        "ben",
        &["proposal", "reward", "dan", "2", "--reason", "not ana's"],
    );
    vote(&ampled, &bens, "reject", &["ana", "cleo"]);
    let rent = |address: &Pubkey| ampled.account_lamports(address).expect("the record");
    let to_ana = rent(&defeated) + rent(&bounty) + rent(&auction);
    let (zed_claim_rent, zed_before) = (rent(&claim), ampled.lamports("zed"));

    let dry_run = ampled.json(&["-k", "ana", "close-all", "--dry-run"]);
    let still_there = [defeated, bounty, auction, claim]
        .iter()
        .all(|record| ampled.account_lamports(record).is_some());
    let ana_before = ampled.lamports("ana");
    let tidied = ampled.json(&["-k", "ana", "close-all"]);
    let again = ampled.ok(&["-k", "ana", "tidy"]);

    assert!(still_there, "a dry run closes nothing");
    assert_eq!(dry_run["dry_run"], true);
    assert_eq!(dry_run["recovered_lamports"], to_ana);
    let closed: Vec<(String, String)> = tidied["closed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["address"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Claim", claim),
        ("Bounty", bounty),
        ("Proposal", defeated),
        ("Auction", auction),
    ]
    .map(|(kind, address)| (kind.to_string(), address.to_string()));
    assert_eq!(closed, expected, "claims close before their bounty");
    for record in [defeated, bounty, auction, claim] {
        assert_eq!(ampled.account_lamports(&record), None, "{record} is closed");
    }
    assert!(
        ampled.account_lamports(&still_open).is_some(),
        "still voting"
    );
    assert!(
        ampled.account_lamports(&bens).is_some(),
        "ben's own to close"
    );
    assert_eq!(tidied["recovered_lamports"], to_ana);
    let net = ampled.lamports("ana") as i64 - ana_before as i64;
    assert_eq!(tidied["net_change_lamports"], net);
    assert!(
        net > 0 && (net as u64) < to_ana,
        "rent back less fees: {net}"
    );
    assert_eq!(ampled.lamports("zed"), zed_before + zed_claim_rent);
    assert_eq!(
        again.trim(),
        "Nothing of yours is finished and left to close"
    );
}

// Listings.

#[test]
fn a_proposal_that_can_no_longer_pass_is_listed_as_defeated_while_recorded_as_voting() {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo", "dan"], 2);
    let for_dan = create(
        &ampled,
        "ana",
        &["proposal", "reward", "dan", "5", "--reason", "gig"],
    );
    vote(&ampled, &for_dan, "reject", &["cleo"]);
    let open_before = ampled.json(&["proposal", "list"]);
    // Without ben, only ana can still approve (dan may not approve his own reward): 1 of 2.
    let removal = create(&ampled, "ana", &["member", "remove", "ben"]);
    vote(&ampled, &removal, "approve", &["ana", "cleo"]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&removal)]);

    let open = ampled.json(&["proposal", "list"]);
    let shown = ampled.json(&["proposal", "show", &id(&for_dan)]);
    let text = ampled.ok(&["proposal", "list", "--all"]);

    let record: Proposal = ampled.record(&for_dan).unwrap();
    assert_eq!(
        record.status,
        ProposalStatus::Voting,
        "the program's record lags"
    );
    assert_eq!(open_before[0]["status"], "Voting");
    assert_eq!(open, serde_json::json!([]), "nothing left to vote on");
    assert_eq!(shown["status"], "Defeated");
    assert_eq!(shown["recorded_status"], "Voting");
    assert_eq!(shown["can_still_pass"], false);
    assert_eq!(shown["seconds_left"], Value::Null);
    assert_eq!(shown["closable"], true);
    let line = text
        .lines()
        .find(|line| line.starts_with(&id(&for_dan)))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("Defeated   0/2 approvals, 1 against, cannot pass  reward dan"),
        "{line}"
    );
    assert!(!line.contains("left"), "{line}");
    ampled.ok(&["-k", "cleo", "proposal", "close", &id(&for_dan)]);
    assert_eq!(ampled.account_lamports(&for_dan), None);
}

#[test]
fn a_proposal_whose_member_changed_is_listed_as_outdated_refused_before_sending_and_closable() {
    let ampled = coop_of_three();
    let to_artist = create(
        &ampled,
        "ana",
        &["member", "role", "ben", "--role", "artist"],
    );
    let to_community = create(
        &ampled,
        "ana",
        &["member", "role", "ben", "--role", "community"],
    );
    vote(&ampled, &to_artist, "approve", &["ana", "cleo"]);
    vote(&ampled, &to_community, "approve", &["ana", "cleo"]);
    ampled.ok(&["-k", "ana", "proposal", "execute", &id(&to_artist)]);

    let shown = ampled.json(&["proposal", "show", &id(&to_community)]);
    let open = ampled.json(&["proposal", "list"]);
    let refusal = ampled.refused_json(&["-k", "ana", "proposal", "execute", &id(&to_community)]);
    let rent = ampled
        .account_lamports(&to_community)
        .expect("the proposal");
    let ana_before = ampled.lamports("ana");
    ampled.ok(&["-k", "cleo", "proposal", "close", &id(&to_community)]);

    let record: Proposal = ampled.record(&to_artist).unwrap();
    assert_eq!(record.status, ProposalStatus::Executed);
    assert_eq!(shown["status"], "TargetChanged");
    assert_eq!(shown["recorded_status"], "Approved");
    assert_eq!(shown["seconds_left"], Value::Null);
    assert_eq!(shown["closable"], true);
    assert_eq!(open, serde_json::json!([]), "nothing left to vote on");
    assert_eq!(
        refusal["program_error"], "ProposalTargetChanged",
        "{refusal}"
    );
    assert_eq!(
        refusal["code"],
        u32::from(AmpledError::ProposalTargetChanged)
    );
    assert_eq!(refusal["sent"], false, "refused before sending: {refusal}");
    assert_eq!(refusal["changed_nothing"], true);
    assert_eq!(ampled.account_lamports(&to_community), None);
    assert_eq!(ampled.lamports("ana"), ana_before + rent);
    assert_eq!(
        ampled.member("ben").unwrap().role,
        ampled::state::MemberRole::Artist
    );
}

#[test]
fn finished_records_show_no_time_left_and_an_open_one_does() {
    let ampled = coop_of_three();
    let executed = ampled.pass(
        "ana",
        &["proposal", "reward", "dan", "5", "--reason", "gig"],
        &["ben", "cleo"],
    );
    let open = create(
        &ampled,
        "ana",
        &["proposal", "reward", "dan", "1", "--reason", "later"],
    );

    let all = ampled.json(&["proposal", "list", "--all"]);
    let text = ampled.ok(&["proposal", "list", "--all"]);

    let entry = |id: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {all}"))
            .clone()
    };
    let done = entry(&executed);
    let running = entry(&id(&open));
    assert_eq!(done["status"], "Executed");
    assert_eq!(done["seconds_left"], Value::Null);
    let record: Proposal = ampled.record(&open).unwrap();
    assert_eq!(running["status"], "Voting");
    let left = running["seconds_left"].as_i64().unwrap();
    assert!((7 * DAY - 300..=7 * DAY).contains(&left), "{left}");
    assert_time(&running, "voting_ends_at", record.voting_ends_at);
    assert_time(&running, "created_at", record.created_at);
    let executed_line = text.lines().find(|l| l.starts_with(&executed)).unwrap();
    assert!(!executed_line.contains("left"), "{executed_line}");
    let open_line = text.lines().find(|l| l.starts_with(&id(&open))).unwrap();
    assert!(open_line.contains("left"), "{open_line}");
}

#[test]
fn bounty_list_all_shows_every_bounty_with_its_status_and_only_open_ones_have_time_left() {
    let ampled = coop_of_three();
    ampled.reward("ben", "ana", "100", &["ben", "cleo"]);
    let post = |title: &str, options: &[&str]| {
        let mut args = vec!["bounty", "post", "--title", title, "--reward", "5"];
        args.extend(options);
        create(&ampled, "ana", &args)
    };
    let open = post("Open", &["--deadline-in", "10d"]);
    let paid = post("Paid", &["--deadline-in", "10d"]);
    let cancelled = post("Cancelled", &[]);
    let lapsing = post("Lapsing", &["--deadline-in", "1d"]);
    ampled.ok(&["-k", "zed", "bounty", "claim", &id(&paid)]);
    ampled.ok(&[
        "-k",
        "zed",
        "bounty",
        "submit",
        &id(&paid),
        "https://x.example/1",
    ]);
    ampled.ok(&["-k", "ana", "bounty", "approve", &id(&paid), "zed"]);
    ampled.ok(&["-k", "ana", "bounty", "cancel", &id(&cancelled)]);
    ampled.ok(&["clock", "advance", "2d"]);

    let listed = ampled.json(&["bounty", "list"]);
    let all = ampled.json(&["bounty", "list", "--all"]);
    let text = ampled.ok(&["bounty", "list", "--all"]);

    let status = |address: &Pubkey| {
        let entry = all
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["address"] == address.to_string())
            .unwrap_or_else(|| panic!("{address}: {all}"));
        (entry["status"].clone(), entry["seconds_left"].clone())
    };
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["address"], open.to_string());
    assert_eq!(status(&paid), ("Completed".into(), Value::Null));
    assert_eq!(status(&cancelled), ("Cancelled".into(), Value::Null));
    assert_eq!(status(&lapsing), ("PastDeadline".into(), Value::Null));
    let (open_status, open_left) = status(&open);
    assert_eq!(open_status, "Open");
    assert_eq!(open_left.as_i64().map(|s| s / DAY), Some(7));
    for (address, label) in [
        (open, "Open"),
        (paid, "Completed"),
        (cancelled, "Cancelled"),
        (lapsing, "Past deadline"),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&id(&address)))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(line.contains(label), "{line}");
        assert_eq!(line.contains("left)"), address == open, "{line}");
    }
    let record: ampled::state::Bounty = ampled.record(&paid).unwrap();
    let shown = ampled.json(&["bounty", "show", &id(&paid)]);
    assert_time(&shown, "deadline", record.deadline.unwrap());
    assert_eq!(shown["closable"], true);
    assert_eq!(shown["claims"][0]["status"], "Paid");
    assert_eq!(shown["claims"][0]["closable"], true);
}

// JSON for machines.

#[test]
fn ledger_entries_carry_amounts_wallets_memos_and_records_as_fields_beside_the_sentence() {
    let ampled = coop_of_three();
    let reward = create(
        &ampled,
        "ana",
        &["proposal", "reward", "ben", "12.5", "--reason", "flyers"],
    );
    vote(&ampled, &reward, "approve", &["ana", "cleo"]);
    let executed = ampled.json(&["-k", "cleo", "proposal", "execute", &id(&reward)]);
    ampled.ok(&[
        "-k",
        "ben",
        "transfer",
        "zed",
        "2.5",
        "--memo",
        "for the van",
    ]);

    let ledger = ampled.json(&["ledger"]);

    let entries = ledger.as_array().unwrap();
    let minted = entries
        .iter()
        .find(|e| e["kind"] == "RewardMinted")
        .expect("the reward");
    assert_eq!(minted["amount"], "12.5");
    assert_eq!(minted["amount_base_units"], 12_500_000);
    assert_eq!(minted["from"], Value::Null, "minted, from nobody");
    assert_eq!(minted["to"], ampled.address("ben").to_string());
    assert_eq!(minted["to_name"], "ben");
    assert_eq!(minted["reason"], "flyers");
    assert_eq!(minted["proposal"], reward.to_string());
    assert_eq!(
        minted["summary"],
        "12.5 AMPLED minted to ben for \"flyers\""
    );
    let sent = entries
        .iter()
        .find(|e| e["kind"] == "Transfer")
        .expect("the transfer");
    assert_eq!(sent["amount"], "2.5");
    assert_eq!(sent["amount_base_units"], 2_500_000);
    assert_eq!(sent["from"], ampled.address("ben").to_string());
    assert_eq!(sent["from_name"], "ben");
    assert_eq!(sent["to"], ampled.address("zed").to_string());
    assert_eq!(sent["to_name"], "zed");
    assert_eq!(sent["memo"], "for the van");
    for entry in entries {
        let unix = entry["time_unix"].as_i64().expect("a time");
        assert_time(entry, "time", unix);
        for record in ["proposal", "bounty", "claim", "auction"] {
            assert!(entry.get(record).is_some(), "{record} in {entry}");
        }
    }
    let event = event_of(&executed, "RewardMinted");
    assert_eq!(event["to"], ampled.address("ben").to_string());
    assert_eq!(event["amount_base_units"], 12_500_000);
    assert_eq!(event["signature"], executed["signature"]);
}

#[test]
fn json_names_wallets_apart_from_their_addresses_and_an_unknown_wallet_has_no_name() {
    let ampled = coop_of_three();
    ampled.reward("ana", "ben", "40", &["ana", "cleo"]);
    let stranger = solana_signer::Signer::pubkey(&solana_keypair::Keypair::new()).to_string();
    ampled.ok(&["-k", "ben", "transfer", &stranger, "1"]);

    let known = ampled.json(&["balance", "ben"]);
    let unknown = ampled.json(&["balance", &stranger]);
    let member = ampled.json(&["member", "show", "ben"]);
    let community = ampled.json(&["community", "show"]);

    assert_eq!(known["wallet"], ampled.address("ben").to_string());
    assert_eq!(known["wallet_name"], "ben");
    assert_eq!(known["balance"], "39");
    assert_eq!(known["balance_base_units"], 39 * TOKEN);
    assert_eq!(unknown["wallet"], stranger);
    assert_eq!(unknown["wallet_name"], Value::Null);
    assert_eq!(unknown["balance_base_units"], TOKEN);
    assert_eq!(member["total_earned"], "40");
    assert_eq!(member["total_earned_base_units"], 40 * TOKEN);
    let record = ampled.member("ben").unwrap();
    assert_time(&member, "joined_at", record.joined_at);
    assert_eq!(member["removed_at"], Value::Null);
    assert_eq!(member["removed_at_unix"], Value::Null);
    assert_eq!(community["supply"], "40");
    assert_eq!(community["supply_base_units"], 40 * TOKEN);
    assert_time(
        &community,
        "created_at",
        ampled.community().state.created_at,
    );
}

#[test]
fn a_refusal_the_program_would_make_names_its_error_and_code_in_json() {
    let ampled = coop_of_three();
    let reward = create(
        &ampled,
        "ana",
        &["proposal", "reward", "ben", "5", "--reason", "gig"],
    );

    let own = ampled.refused_json(&["-k", "ben", "proposal", "approve", &id(&reward)]);
    let unknown = ampled.refused_json(&["-k", "ana", "transfer", "nobody", "1"]);

    assert_names_program_error(&own, AmpledError::CannotApproveOwnBenefit);
    assert_eq!(unknown["program_error"], Value::Null, "not a program rule");
    assert_eq!(unknown["code"], Value::Null);
    assert_eq!(unknown["sent"], false);
}
