//! Governance through the command line: creating a community, admitting and removing members,
//! and the proposals that mint rewards and pay from the treasury: one member, one vote. Every bad
//! request is refused with words a person can act on, and, checked byte for byte, changes nothing.

mod harness;

use ampled::state::{MemberRole, MemberStatus, Proposal, ProposalStatus};
use anchor_lang::prelude::Pubkey;
use harness::{Ampled, TOKEN};

// Helpers: proposals are followed by their address, as `--output json` reports it.

/// `proposer` runs `args` (a proposing command); returns the proposal it created.
#[track_caller]
fn propose(ampled: &Ampled, proposer: &str, args: &[&str]) -> Pubkey {
    let mut with_signer = vec!["-k", proposer];
    with_signer.extend(args);
    let created = ampled.json(&with_signer)["created"]
        .as_str()
        .expect("a created proposal")
        .to_string();
    created.parse().expect("an address")
}

/// The short id people type: the address's first 8 characters, as listings show it.
fn id(proposal: &Pubkey) -> String {
    proposal.to_string()[..8].to_string()
}

fn approve(ampled: &Ampled, proposal: &Pubkey, voters: &[&str]) {
    for voter in voters {
        ampled.ok(&["-k", voter, "proposal", "approve", &id(proposal)]);
    }
}

fn proposal(ampled: &Ampled, address: &Pubkey) -> Proposal {
    ampled.record::<Proposal>(address).expect("the proposal")
}

/// The message a person reads when `args` is refused before anything is sent (and, through
/// `refused`, the chain is byte-for-byte unchanged).
#[track_caller]
fn refusal(ampled: &Ampled, args: &[&str]) -> String {
    let run = ampled.refused(args);
    assert!(
        run.stderr.contains("Nothing was sent."),
        "`ampled {}` should have been refused before sending:\n{}",
        args.join(" "),
        run.stderr
    );
    error_line(&run.stderr)
}

#[track_caller]
fn error_line(stderr: &str) -> String {
    stderr
        .lines()
        .find_map(|line| line.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("no error line in:\n{stderr}"))
        .to_string()
}

/// A command line as typed, split at spaces.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// ana, ben and cleo found `coop` (all workers), needing 2 approvals; dan is a wallet outside it.
fn coop_of_three() -> Ampled {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben", "cleo"], 2);
    ampled.wallets(&["dan"]);
    ampled
}

const NOT_YET: &str = "it cannot be executed yet";
const SELF_BENEFIT: &str =
    "You cannot approve a proposal that pays, admits or promotes you; other members must decide";
const EXPIRED: &str = "The voting period of this proposal has ended; create a new proposal";
const SUPPLY_CAP: &str = "This would mint more than the community's supply cap";

// Community.

#[test]
fn a_community_is_created_with_its_founders_roles_and_rules_and_shown_as_the_chain_holds_it() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben", "cleo"]);

    ampled.ok(&words(
        "-k ana community create coop --founder ana --founder ben:artist --founder cleo:community \
         --threshold 60% --min-approvals 2 --voting-period 3d --supply-cap 1000",
    ));
    ampled.reward("ana", "ben", "40", &["cleo", "ana"]);
    let shown = ampled.json(&["community", "show"]);

    let community = ampled.community();
    let rules = community.state.rules;
    assert_eq!(rules.approval_threshold_bps, 6_000);
    assert_eq!(rules.min_approvals, 2);
    assert_eq!(rules.voting_period_secs, 3 * 86_400);
    assert_eq!(rules.supply_cap, Some(1_000 * TOKEN));
    assert_eq!(rules.issuance_cap, None);
    assert_eq!(community.decimals, 6);
    assert_eq!(community.supply, 40 * TOKEN);
    assert_eq!(community.state.active_member_count, 3);
    assert_eq!(ampled.member("ana").unwrap().role, MemberRole::Worker);
    assert_eq!(ampled.member("ben").unwrap().role, MemberRole::Artist);
    assert_eq!(
        ampled.member("cleo").unwrap().role,
        MemberRole::CommunityMember
    );

    assert_eq!(shown["name"], "coop");
    assert_eq!(shown["address"], community.address.to_string());
    assert_eq!(shown["mint"], community.mint().to_string());
    assert_eq!(shown["treasury"], community.state.treasury.to_string());
    assert_eq!(shown["decimals"], 6);
    assert_eq!(shown["supply"], "40");
    assert_eq!(shown["total_minted"], "40");
    assert_eq!(shown["treasury_balance"], "0");
    assert_eq!(shown["active_members"], 3);
    assert_eq!(shown["created_at_unix"], community.state.created_at);
    assert!(shown["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(shown["supply_base_units"], 40 * TOKEN);
    assert_eq!(shown["rules"]["approval_threshold_bps"], 6_000);
    assert_eq!(shown["rules"]["min_approvals"], 2);
    assert_eq!(shown["rules"]["voting_period_secs"], 3 * 86_400);
    assert_eq!(shown["rules"]["supply_cap"], "1000");
    assert_eq!(shown["rules"]["issuance_cap"], serde_json::Value::Null);
    assert_eq!(shown["rules"]["version"], 0);
    let text = ampled.ok(&["community", "show"]);
    assert!(text.contains("3 active"), "{text}");
    assert!(
        text.contains("a proposal passes with 60% of eligible members and at least 2 approval(s); voting lasts 3d"),
        "{text}"
    );
    assert!(text.contains("supply cap   1000 AMPLED"), "{text}");
}

#[test]
fn community_use_chooses_the_community_later_commands_act_on() {
    let ampled = Ampled::new();
    ampled.coop(&["ana"], 1);
    ampled.ok(&words("-k ana community create band --founder ana"));
    assert_eq!(ampled.json(&["community", "show"])["name"], "band");

    let used = ampled.json(&["community", "use", "coop"]);
    let unknown = refusal(&ampled, &["community", "use", "nowhere"]);

    assert_eq!(used["address"], ampled.community().address.to_string());
    assert_eq!(ampled.json(&["community", "show"])["name"], "coop");
    assert!(
        unknown.starts_with("There is no community named \"nowhere\" on the embedded chain"),
        "{unknown}"
    );
    assert_eq!(
        ampled.json(&["community", "show"])["name"],
        "coop",
        "a refused `use` keeps the choice"
    );
}

#[test]
fn community_names_are_lowercased_and_lookalikes_refused() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let create =
        |name: &str| ampled.run(&["-k", "ana", "community", "create", name, "--founder", "ana"]);

    let lowered = create("Ampled-East");
    let lookalike = create("ampled_east");

    assert_eq!(lowered.status, 0, "{}", lowered.stderr);
    assert!(
        lowered
            .stderr
            .contains("community names are lowercase: using \"ampled-east\""),
        "{}",
        lowered.stderr
    );
    assert_eq!(ampled.json(&["community", "show"])["name"], "ampled-east");
    assert_eq!(lookalike.status, harness::ERROR_EXIT);
    assert!(
        lookalike
            .stderr
            .contains("A community name is 3 to 32 characters"),
        "{}",
        lookalike.stderr
    );
}

#[test]
fn rules_that_could_never_work_are_refused_before_sending() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben"]);
    let create = [
        "-k",
        "ana",
        "community",
        "create",
        "xyz",
        "--founder",
        "ana",
    ];
    let cases: &[(&[&str], &str)] = &[
        (
            &["--min-approvals", "2"],
            "A minimum of 2 approvals is more than the 1 founder(s) can give: proposals could never pass",
        ),
        (&["--threshold", "0%"], "0% is not between 0.01% and 100%"),
        (&["--threshold", "101%"], "101% is not between 0.01% and 100%"),
        (&["--decimals", "10"], "Token decimals must be between 0 and 9"),
        (
            &["--voting-period", "3days"],
            "\"3days\" is not a duration: write e.g. 90s, 45m, 12h, 3d or 2w",
        ),
        (
            &["--voting-period", "30s"],
            "Voting period must be between one minute and one year",
        ),
        (
            &["--founder", "anna"],
            "\"anna\" is neither a wallet of yours nor an address: check the spelling, see `ampled wallet list`, or paste the full address",
        ),
        (
            &["--founder", "ben:boss"],
            "\"boss\" is not a role: use worker, artist or community",
        ),
        (&["--supply-cap", "0"], "The amount must be more than zero"),
    ];

    for (extra, message) in cases {
        let mut args = create.to_vec();
        args.extend(*extra);
        assert_eq!(refusal(&ampled, &args), *message, "{extra:?}");
    }

    let missing = refusal(&ampled, &["community", "show", "--community", "x"]);
    assert!(
        missing.starts_with("There is no community named \"x\""),
        "{missing}"
    );
}

#[test]
fn a_community_name_already_taken_is_refused_and_the_first_community_keeps_its_founders() {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben"], 1);
    ampled.wallets(&["mallory"]);

    let message = refusal(
        &ampled,
        &words("-k mallory community create coop --founder mallory"),
    );

    assert_eq!(
        message,
        "A community named \"coop\" already exists; pick another name"
    );
    assert_eq!(ampled.community().state.active_member_count, 2);
    assert!(ampled.member("mallory").is_none());
}

#[test]
fn a_founder_listed_twice_is_refused_before_sending_and_nothing_is_created() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana"]);
    let ana = ampled.address("ana");

    let error = ampled.refused_json(&words(
        "-k ana community create twice --founder ana --founder ana:artist",
    ));

    assert_eq!(
        error["error"],
        format!("{ana} is listed twice as a founder; name each founder once")
    );
    assert_eq!(error["program_error"], serde_json::Value::Null);
    let missing = refusal(&ampled, &["community", "show", "--community", "twice"]);
    assert!(
        missing.starts_with("There is no community named \"twice\""),
        "{missing}"
    );
}

#[test]
fn an_address_no_key_controls_cannot_be_a_founder_or_be_rewarded() {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben"], 1);
    let treasury = ampled.community().state.treasury.to_string();

    let founder = refusal(
        &ampled,
        &[
            "-k",
            "ana",
            "community",
            "create",
            "pda",
            "--founder",
            &treasury,
        ],
    );
    let reward = refusal(
        &ampled,
        &[
            "-k", "ana", "proposal", "reward", &treasury, "5", "--reason", "x",
        ],
    );

    for message in [founder, reward] {
        assert!(
            message.starts_with(&format!("{treasury} is not a wallet"))
                && message.contains("it is a token account")
                && message.contains("use the person's wallet address"),
            "{message}"
        );
    }
    assert!(ampled.proposals().is_empty());
}

#[test]
fn member_list_and_show_report_role_status_and_the_time_bank() {
    let ampled = coop_of_three();
    ampled.reward("ana", "ben", "40", &["cleo", "ana"]);
    ampled.reward("ana", "ben", "2.5", &["cleo", "ana"]);

    let ben = ampled.json(&["member", "show", "ben"]);
    let me = ampled.json(&["-k", "cleo", "member", "show"]);
    let list = ampled.json(&["member", "list"]);
    let outsider = refusal(&ampled, &["member", "show", "dan"]);

    let on_chain = ampled.member("ben").unwrap();
    assert_eq!(on_chain.total_earned, 42_500_000);
    assert_eq!(on_chain.rewards_received, 2);
    assert_eq!(ben["wallet_name"], "ben");
    assert_eq!(ben["wallet"], ampled.address("ben").to_string());
    assert_eq!(ben["role"], "Worker");
    assert_eq!(ben["status"], "Active");
    assert_eq!(ben["total_earned"], "42.5");
    assert_eq!(ben["rewards_received"], 2);
    assert_eq!(ben["total_earned_base_units"], 42_500_000);
    assert_eq!(ben["balance"], "42.5");
    assert_eq!(ben["balance_base_units"], 42_500_000);
    assert_eq!(ben["joined_at_unix"], on_chain.joined_at);
    assert_eq!(me["wallet_name"], "cleo");
    assert_eq!(me["total_earned"], "0");
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["wallet_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ana", "ben", "cleo"]);
    assert_eq!(list[1]["total_earned"], "42.5");
    assert_eq!(
        outsider,
        format!("{} is not a member of coop", ampled.address("dan"))
    );
    let text = ampled.ok(&["member", "show", "ben"]);
    assert!(
        text.contains("time bank    42.5 AMPLED earned from 2 reward(s)"),
        "{text}"
    );
}

#[test]
fn a_wallet_is_admitted_by_vote_and_becomes_an_active_member_with_its_role() {
    let ampled = coop_of_three();

    let admission = propose(
        &ampled,
        "ana",
        &["member", "add", "dan", "--role", "artist"],
    );
    assert!(
        ampled.member("dan").is_none(),
        "nobody joins before the vote"
    );
    approve(&ampled, &admission, &["ben", "cleo"]);
    ampled.ok(&["-k", "cleo", "proposal", "execute", &id(&admission)]);

    let dan = ampled.member("dan").expect("dan's membership");
    assert_eq!(dan.status, MemberStatus::Active);
    assert_eq!(dan.role, MemberRole::Artist);
    assert_eq!(dan.admitted_by, Some(admission));
    assert_eq!(dan.index, 3);
    assert_eq!(ampled.community().state.active_member_count, 4);
    assert_eq!(
        proposal(&ampled, &admission).status,
        ProposalStatus::Executed
    );
    let list = ampled.json(&["member", "list"]);
    assert_eq!(list[3]["wallet_name"], "dan");
    assert_eq!(list[3]["role"], "Artist");
}

#[test]
fn a_member_is_removed_by_vote_and_only_list_all_still_shows_them() {
    let ampled = coop_of_three();

    let removal = propose(&ampled, "ana", &["member", "remove", "cleo"]);
    approve(&ampled, &removal, &["ana", "ben"]);
    ampled.ok(&["proposal", "execute", &id(&removal)]);

    let cleo = ampled.member("cleo").expect("the record stays");
    assert_eq!(cleo.status, MemberStatus::Removed);
    assert!(cleo.removed_at.is_some());
    assert_eq!(ampled.community().state.active_member_count, 2);
    let active = ampled.json(&["member", "list"]);
    let all = ampled.json(&["member", "list", "--all"]);
    assert_eq!(active.as_array().unwrap().len(), 2);
    assert!(active
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["wallet_name"] != "cleo"));
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[2]["wallet_name"], "cleo");
    assert_eq!(all[2]["status"], "Removed");

    let message = refusal(
        &ampled,
        &[
            "-k", "cleo", "proposal", "reward", "cleo", "5", "--reason", "back pay",
        ],
    );
    assert_eq!(
        message,
        format!(
            "Your wallet {} was removed from coop; only active members can do this",
            ampled.address("cleo")
        )
    );
}

#[test]
fn a_role_change_passes_by_vote_but_not_by_the_vote_of_the_member_it_concerns() {
    let ampled = coop_of_three();

    let change = propose(
        &ampled,
        "ana",
        &["member", "role", "ben", "--role", "artist"],
    );
    let own_vote = refusal(&ampled, &["-k", "ben", "proposal", "approve", &id(&change)]);
    approve(&ampled, &change, &["ana", "cleo"]);
    ampled.ok(&["proposal", "execute", &id(&change)]);

    assert_eq!(own_vote, SELF_BENEFIT);
    assert_eq!(ampled.member("ben").unwrap().role, MemberRole::Artist);
    assert_eq!(ampled.json(&["member", "show", "ben"])["role"], "Artist");
}

#[test]
fn membership_proposals_that_would_change_nothing_are_refused() {
    let ampled = coop_of_three();
    let (ana, dan) = (ampled.address("ana"), ampled.address("dan"));

    let admit_member = refusal(&ampled, &["-k", "ben", "member", "add", "ana"]);
    let remove_outsider = refusal(&ampled, &["-k", "ben", "member", "remove", "dan"]);
    let same_role = refusal(&ampled, &words("-k ben member role ana --role worker"));
    let outsider_role = refusal(&ampled, &words("-k ben member role dan --role artist"));
    let bad_role = refusal(&ampled, &words("-k ben member add dan --role boss"));

    assert_eq!(admit_member, format!("{ana} is already an active member"));
    assert_eq!(remove_outsider, format!("{dan} is not an active member"));
    assert_eq!(same_role, format!("{ana} already has the role Worker"));
    assert_eq!(outsider_role, format!("{dan} is not an active member"));
    assert_eq!(
        bad_role,
        "\"boss\" is not a role: use worker, artist or community"
    );
    assert!(ampled.proposals().is_empty());
}

#[test]
fn a_wallet_outside_the_community_cannot_propose_and_is_told_how_members_join() {
    let ampled = coop_of_three();

    let reward = refusal(
        &ampled,
        &words("-k dan proposal reward dan 1000 --reason me"),
    );
    let admit_self = refusal(&ampled, &["-k", "dan", "member", "add", "dan"]);

    let expected = format!(
        "Your wallet {} is not a member of coop; members admit new members by vote (`ampled member add`)",
        ampled.address("dan")
    );
    assert_eq!(reward, expected);
    assert_eq!(admit_self, expected);
    assert!(ampled.proposals().is_empty());
}

#[test]
fn a_removal_that_would_leave_too_few_members_to_pass_anything_is_refused_before_anyone_votes() {
    let ampled = Ampled::new();
    ampled.coop(&["ana", "ben"], 2);

    let message = refusal(&ampled, &["-k", "ana", "member", "remove", "ben"]);

    assert_eq!(
        message,
        format!(
            "Removing {} would leave fewer active members (1) than the 2 approvals the rules require; admit someone or lower the minimum first",
            ampled.address("ben")
        )
    );
    assert!(ampled.proposals().is_empty());
    assert_eq!(ampled.member("ben").unwrap().status, MemberStatus::Active);
}

#[test]
fn a_member_admitted_later_cannot_vote_on_proposals_made_before_they_joined() {
    let ampled = coop_of_three();
    let earlier = propose(
        &ampled,
        "ben",
        &words("proposal reward ana 5 --reason setup"),
    );
    ampled.pass("ana", &["member", "add", "dan"], &["ben", "cleo"]);

    let message = refusal(
        &ampled,
        &["-k", "dan", "proposal", "approve", &id(&earlier)],
    );

    assert_eq!(
        message,
        "You joined after this proposal was created, so you cannot vote on it"
    );
    let tally = ampled.json(&["proposal", "show", &id(&earlier)]);
    assert_eq!(tally["approvals"], 0);
    assert_eq!(tally["eligible"], 3, "only members at the time vote");
}

// Proposals.

#[test]
fn a_reward_passes_by_vote_mints_to_the_recipient_and_grows_their_time_bank() {
    let ampled = coop_of_three();

    let reward = propose(
        &ampled,
        "ana",
        &words("proposal reward ben 40 --reason flyers"),
    );
    let listed = ampled.json(&["proposal", "list"]);
    assert_eq!(listed[0]["address"], reward.to_string());
    assert_eq!(listed[0]["id"], id(&reward));
    assert_eq!(listed[0]["proposer"], ampled.address("ana").to_string());
    assert_eq!(listed[0]["proposer_name"], "ana");
    assert_eq!(
        listed[0]["summary"],
        "reward ben with 40 AMPLED for \"flyers\""
    );
    assert_eq!(listed[0]["action"]["kind"], "MintReward");
    assert_eq!(
        listed[0]["action"]["recipient"],
        ampled.address("ben").to_string()
    );
    assert_eq!(listed[0]["action"]["recipient_name"], "ben");
    assert_eq!(listed[0]["action"]["amount"], "40");
    assert_eq!(listed[0]["action"]["amount_base_units"], 40 * TOKEN);
    assert_eq!(listed[0]["action"]["reason"], "flyers");
    assert_eq!(listed[0]["status"], "Voting");
    assert_eq!(listed[0]["approvals"], 0);
    assert_eq!(listed[0]["required"], 2);
    assert_eq!(listed[0]["eligible"], 3);

    approve(&ampled, &reward, &["cleo"]);
    let text = ampled.ok(&["proposal", "list"]);
    let line = text.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(&format!(
            "{}  Voting     1/2 approvals, 0 against, ",
            id(&reward)
        )),
        "{text}"
    );
    assert!(
        line.ends_with(" left  reward ben with 40 AMPLED for \"flyers\""),
        "{text}"
    );
    let passing = ampled.ok(&["-k", "ana", "proposal", "approve", &id(&reward)]);
    assert!(
        passing.contains(&format!(
            "it has passed: execute it with `ampled proposal execute {}`",
            id(&reward)
        )),
        "{passing}"
    );
    let shown = ampled.json(&["proposal", "show", &id(&reward)]);
    assert_eq!(shown["status"], "Approved");
    assert_eq!(
        shown["approved_by"],
        serde_json::json!([
            { "wallet": ampled.address("ana").to_string(), "wallet_name": "ana" },
            { "wallet": ampled.address("cleo").to_string(), "wallet_name": "cleo" },
        ])
    );
    assert_eq!(shown["rejected_by"], serde_json::json!([]));
    assert_eq!(ampled.balance("ben"), 0, "approval alone mints nothing");

    let executed = ampled.ok(&["-k", "dan", "proposal", "execute", &id(&reward)]);

    assert!(
        executed.contains("40 AMPLED minted to ben for \"flyers\""),
        "{executed}"
    );
    assert_eq!(ampled.balance("ben"), 40 * TOKEN);
    let ben = ampled.member("ben").unwrap();
    assert_eq!(ben.total_earned, 40 * TOKEN);
    assert_eq!(ben.rewards_received, 1);
    assert_eq!(ampled.community().supply, 40 * TOKEN);
    let record = proposal(&ampled, &reward);
    assert_eq!(record.status, ProposalStatus::Executed);
    assert!(record.decided_at.is_some());
    assert_eq!(ampled.ok(&["proposal", "list"]).trim(), "No open proposals");
    assert_eq!(
        ampled.json(&["proposal", "list", "--all"])[0]["status"],
        "Executed"
    );
}

#[test]
fn a_member_cannot_approve_their_own_reward() {
    let ampled = coop_of_three();
    let for_ben = propose(
        &ampled,
        "ana",
        &words("proposal reward ben 500 --reason gig"),
    );
    let for_herself = propose(
        &ampled,
        "ana",
        &words("proposal reward ana 500 --reason me"),
    );

    let ben = refusal(
        &ampled,
        &["-k", "ben", "proposal", "approve", &id(&for_ben)],
    );
    let ana = ampled.refused_json(&["-k", "ana", "proposal", "approve", &id(&for_herself)]);

    assert_eq!(ben, SELF_BENEFIT);
    assert_eq!(ana["error"], SELF_BENEFIT);
    assert_eq!(ana["program_error"], "CannotApproveOwnBenefit");
    assert_eq!(ana["sent"], false);
    assert_eq!(ana["changed_nothing"], true);
    for address in [for_ben, for_herself] {
        assert!(proposal(&ampled, &address)
            .approvals
            .iter()
            .all(|b| *b == 0));
    }
}

#[test]
fn a_member_cannot_vote_twice_nor_change_their_vote() {
    let ampled = coop_of_three();
    let reward = propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));
    approve(&ampled, &reward, &["cleo"]);

    let again = refusal(
        &ampled,
        &["-k", "cleo", "proposal", "approve", &id(&reward)],
    );
    let turned = refusal(&ampled, &["-k", "cleo", "proposal", "reject", &id(&reward)]);

    let expected = "You have already voted on this proposal; a vote cannot be changed";
    assert_eq!(again, expected);
    assert_eq!(turned, expected);
    let shown = ampled.json(&["proposal", "show", &id(&reward)]);
    assert_eq!(shown["approvals"], 1);
    assert_eq!(shown["rejections"], 0);
}

#[test]
fn a_proposal_cannot_be_executed_before_it_has_enough_approvals() {
    let ampled = coop_of_three();
    let reward = propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));

    let none = refusal(&ampled, &["-k", "ana", "proposal", "execute", &id(&reward)]);
    approve(&ampled, &reward, &["cleo"]);
    let one = refusal(&ampled, &["-k", "ana", "proposal", "execute", &id(&reward)]);

    assert_eq!(
        none,
        format!("Proposal {reward} has 0 of the 2 approvals it needs; {NOT_YET}")
    );
    assert_eq!(
        one,
        format!("Proposal {reward} has 1 of the 2 approvals it needs; {NOT_YET}")
    );
    assert_eq!(ampled.balance("ben"), 0);
    assert_eq!(proposal(&ampled, &reward).status, ProposalStatus::Voting);
}

#[test]
fn rejections_that_leave_no_way_to_pass_defeat_the_proposal_for_good() {
    let ampled = coop_of_three();
    let reward = propose(
        &ampled,
        "ana",
        &words("proposal reward dan 300 --reason bonus"),
    );

    ampled.ok(&["-k", "ben", "proposal", "reject", &id(&reward)]);
    assert_eq!(proposal(&ampled, &reward).status, ProposalStatus::Voting);
    ampled.ok(&["-k", "cleo", "proposal", "reject", &id(&reward)]);

    assert_eq!(proposal(&ampled, &reward).status, ProposalStatus::Defeated);
    let shown = ampled.json(&["proposal", "show", &id(&reward)]);
    assert_eq!(shown["status"], "Defeated");
    let rejected_by: Vec<&str> = shown["rejected_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|voter| voter["wallet_name"].as_str().unwrap())
        .collect();
    assert_eq!(rejected_by, ["ben", "cleo"]);
    let defeated = "This proposal was rejected: it can no longer reach enough approvals";
    assert_eq!(
        refusal(&ampled, &["-k", "dan", "proposal", "execute", &id(&reward)]),
        defeated
    );
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "cancel", &id(&reward)]),
        defeated
    );
    assert_eq!(ampled.balance("dan"), 0);
}

#[test]
fn only_the_proposer_can_cancel_and_a_cancelled_proposal_can_neither_be_voted_on_nor_executed() {
    let ampled = coop_of_three();
    let reward = propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));
    approve(&ampled, &reward, &["cleo"]);

    let by_other = refusal(&ampled, &["-k", "cleo", "proposal", "cancel", &id(&reward)]);
    ampled.ok(&["-k", "ana", "proposal", "cancel", &id(&reward)]);

    assert_eq!(
        by_other,
        "Only the member who made a proposal can cancel it; vote against it instead"
    );
    let record = proposal(&ampled, &reward);
    assert_eq!(record.status, ProposalStatus::Cancelled);
    assert!(record.decided_at.is_some());
    let cancelled = "This proposal was cancelled by its proposer";
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "approve", &id(&reward)]),
        cancelled
    );
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "execute", &id(&reward)]),
        cancelled
    );
    assert_eq!(ampled.ok(&["proposal", "list"]).trim(), "No open proposals");
    assert_eq!(
        ampled.json(&["proposal", "list", "--all"])[0]["status"],
        "Cancelled"
    );
}

#[test]
fn a_proposal_that_has_passed_can_no_longer_be_cancelled_by_its_proposer() {
    let ampled = coop_of_three();
    let reward = propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));
    approve(&ampled, &reward, &["ana", "cleo"]);

    let message = refusal(&ampled, &["-k", "ana", "proposal", "cancel", &id(&reward)]);

    assert_eq!(
        message,
        "This proposal has already passed; it can no longer be cancelled"
    );
    assert_eq!(proposal(&ampled, &reward).status, ProposalStatus::Approved);
}

#[test]
fn a_proposal_expires_with_its_voting_period_even_once_passed() {
    let ampled = coop_of_three();
    let open = propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));
    let passed = propose(
        &ampled,
        "ana",
        &words("proposal reward cleo 5 --reason gig"),
    );
    approve(&ampled, &open, &["cleo"]);
    approve(&ampled, &passed, &["ana", "ben"]);

    ampled.ok(&["clock", "advance", "8d"]);

    assert_eq!(
        refusal(&ampled, &["-k", "ben", "proposal", "approve", &id(&open)]),
        EXPIRED
    );
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "execute", &id(&open)]),
        EXPIRED
    );
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "cancel", &id(&open)]),
        EXPIRED
    );
    assert_eq!(
        refusal(&ampled, &["-k", "ana", "proposal", "execute", &id(&passed)]),
        EXPIRED
    );
    assert_eq!(ampled.balance("cleo"), 0);
    assert_eq!(ampled.ok(&["proposal", "list"]).trim(), "No open proposals");
    let all = ampled.json(&["proposal", "list", "--all"]);
    assert_eq!(all[0]["status"], "Expired");
    assert_eq!(all[1]["status"], "Expired");
    let text = ampled.ok(&["proposal", "list", "--all"]);
    assert!(text.contains("0 against  reward ben"), "{text}");
    assert!(!text.contains("left") && !text.contains("ended"), "{text}");
    assert_eq!(all[0]["seconds_left"], serde_json::Value::Null);
}

#[test]
fn a_treasury_payment_passes_by_vote_and_cannot_promise_more_than_the_treasury_holds() {
    let ampled = coop_of_three();
    // The treasury fills from co-op auctions: ben buys the co-op's Rhodes for 10.
    ampled.reward("ana", "ben", "20", &["ana", "cleo"]);
    ampled.pass(
        "ana",
        &words("auction create --coop --title Rhodes --reserve 10 --duration 1h"),
        &["ben", "cleo"],
    );
    let auction = ampled.auctions()[0].0.to_string();
    ampled.ok(&["-k", "ben", "auction", "bid", &auction, "10"]);
    ampled.ok(&["clock", "advance", "2h"]);
    ampled.ok(&["auction", "settle", &auction]);
    assert_eq!(ampled.community().treasury_balance, 10 * TOKEN);

    let too_much = refusal(
        &ampled,
        &words("-k ana proposal transfer cleo 10.5 --reason van"),
    );
    // Each payment fits the treasury alone; both pass; only the first can be paid.
    let payment = propose(
        &ampled,
        "ana",
        &words("proposal transfer cleo 4 --reason van"),
    );
    let second = propose(
        &ampled,
        "ana",
        &words("proposal transfer dan 7 --reason amp"),
    );
    let own = refusal(
        &ampled,
        &["-k", "cleo", "proposal", "approve", &id(&payment)],
    );
    approve(&ampled, &payment, &["ana", "ben"]);
    approve(&ampled, &second, &["ana", "ben"]);
    ampled.ok(&["proposal", "execute", &id(&payment)]);
    let at_execution = refusal(&ampled, &["proposal", "execute", &id(&second)]);

    assert_eq!(
        too_much,
        "The treasury holds 10 AMPLED, less than the 10.5 proposed"
    );
    assert_eq!(own, SELF_BENEFIT);
    assert_eq!(
        at_execution,
        "The treasury holds 6 AMPLED, less than the 7 proposed"
    );
    assert_eq!(ampled.balance("cleo"), 4 * TOKEN);
    assert_eq!(ampled.balance("dan"), 0);
    assert_eq!(ampled.community().treasury_balance, 6 * TOKEN);
    assert_eq!(
        ampled.member("cleo").unwrap().total_earned,
        0,
        "a treasury payment is not a minted reward"
    );
    assert_eq!(proposal(&ampled, &payment).status, ProposalStatus::Executed);
    assert_eq!(ampled.json(&["community", "show"])["treasury_balance"], "6");
}

#[test]
fn a_treasury_payment_from_an_empty_treasury_is_refused() {
    let ampled = coop_of_three();
    let message = refusal(
        &ampled,
        &words("-k ana proposal transfer ben 1 --reason van"),
    );

    assert_eq!(
        message,
        "The treasury holds 0 AMPLED, less than the 1 proposed"
    );
    assert!(ampled.proposals().is_empty());
}

#[test]
fn amounts_that_are_zero_malformed_or_too_precise_are_refused() {
    let ampled = coop_of_three();
    let reward = ["-k", "ana", "proposal", "reward", "ben"];
    let cases = [
        ("0", "The amount must be more than zero".to_string()),
        (
            "abc",
            "\"abc\" is not an amount of tokens: write a number such as 12 or 12.5 (at most 6 decimals)"
                .to_string(),
        ),
        (
            "1.0000001",
            "1.0000001 has more decimals than the token's 6".to_string(),
        ),
        (
            "18446744073710",
            "18446744073710 is more tokens than can exist".to_string(),
        ),
    ];

    for (amount, message) in &cases {
        let mut args = reward.to_vec();
        args.extend([amount, "--reason", "gig"]);
        assert_eq!(&refusal(&ampled, &args), message, "{amount}");
    }
    assert_eq!(
        refusal(
            &ampled,
            &words("-k ana proposal transfer ben 0 --reason van")
        ),
        "The amount must be more than zero"
    );
    let long_reason = "x".repeat(129);
    assert_eq!(
        refusal(
            &ampled,
            &[
                "-k",
                "ana",
                "proposal",
                "reward",
                "ben",
                "1",
                "--reason",
                &long_reason
            ]
        ),
        "Reason is too long (at most 128 bytes); link to details instead"
    );
    assert!(ampled.proposals().is_empty());
}

#[test]
fn an_unknown_proposal_id_is_refused_with_where_to_look() {
    let ampled = coop_of_three();
    propose(&ampled, "ana", &words("proposal reward ben 5 --reason gig"));
    // Base58 has no 0: no address starts with it.
    let expected = "No proposal in this community has an address starting with \"0abc\"; list them with `ampled proposal list --all`";

    for command in ["show", "approve", "reject", "execute", "cancel"] {
        assert_eq!(
            refusal(&ampled, &["-k", "cleo", "proposal", command, "0abc"]),
            expected,
            "{command}"
        );
    }
}

#[test]
fn a_reward_beyond_the_supply_cap_is_refused_when_proposed_and_when_executed() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben", "cleo"]);
    ampled.ok(&words(
        "-k ana community create coop --founder ana --founder ben --founder cleo \
         --min-approvals 2 --supply-cap 100",
    ));

    let over = refusal(
        &ampled,
        &words("-k ana proposal reward ben 100.000001 --reason gig"),
    );
    // Each fits alone; both pass; only the first can be paid.
    let first = propose(
        &ampled,
        "ana",
        &words("proposal reward ben 60 --reason gig"),
    );
    let second = propose(
        &ampled,
        "ana",
        &words("proposal reward cleo 50 --reason gig"),
    );
    approve(&ampled, &first, &["ana", "cleo"]);
    approve(&ampled, &second, &["ana", "ben"]);
    ampled.ok(&["proposal", "execute", &id(&first)]);
    let at_execution = refusal(&ampled, &["proposal", "execute", &id(&second)]);

    assert_eq!(over, SUPPLY_CAP);
    assert_eq!(at_execution, SUPPLY_CAP);
    assert_eq!(ampled.community().supply, 60 * TOKEN);
    assert_eq!(ampled.balance("cleo"), 0);
    assert_eq!(proposal(&ampled, &second).status, ProposalStatus::Approved);
}

#[test]
fn a_reward_beyond_the_issuance_cap_must_wait_for_the_next_period() {
    let ampled = Ampled::new();
    ampled.wallets(&["ana", "ben"]);
    ampled.ok(&words(
        "-k ana community create coop --founder ana --founder ben \
         --issuance-cap 50 --issuance-period 30d",
    ));
    ampled.reward("ana", "ben", "30", &["ana"]);

    let message = refusal(
        &ampled,
        &words("-k ana proposal reward ben 21 --reason gig"),
    );

    assert_eq!(
        message,
        "This would mint more than the community allows in the current issuance period; wait for the next period"
    );
    ampled.ok(&["clock", "advance", "30d"]);
    ampled.reward("ana", "ben", "21", &["ana"]);
    assert_eq!(ampled.balance("ben"), 51 * TOKEN);
}
