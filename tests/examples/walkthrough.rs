//! The co-op's core story on an embedded chain, narrated: a community is created, a member is
//! admitted by vote, a reward is approved and minted, and the time bank is read back.
//!
//! Run with `cargo run -p ampled-tests --example walkthrough`.
#![allow(deprecated)]

use ampled::events::{MemberAdded, RewardMinted};
use ampled::state::{Community, Member, MemberRole, Proposal, ProposalAction};
use ampled_tests::*;
use solana_signer::Signer;

fn tokens(amount: u64) -> String {
    format!("{}.{:06}", amount / TOKEN, amount % TOKEN)
}

#[tokio::main]
async fn main() {
    let mut chain = Chain::start().await;
    println!(
        "Embedded chain started: SPL Token and ATA run as real SBF programs, $AMPLED natively."
    );

    let coop = chain.community_named("ampled", 3, default_rules()).await;
    let state: Community = chain.account(&coop.address).await;
    println!(
        "1. Co-op `{}` created with {} founders; mint {} (authority: the community PDA, no freeze key).",
        state.name, state.active_member_count, coop.mint
    );
    println!(
        "   Rules: {}% of eligible members must approve (at least {}), {} days to vote.",
        state.rules.approval_threshold_bps / 100,
        state.rules.min_approvals,
        state.rules.voting_period_secs / DAY
    );

    let newcomer = chain.wallet().await;
    let admit = chain
        .passed_proposal(
            &coop,
            ProposalAction::AddMember {
                wallet: newcomer.pubkey(),
                role: MemberRole::Artist,
            },
            &[0, 1],
        )
        .await;
    let added: MemberAdded = chain.execute(&coop, &admit).await.unwrap().one();
    println!(
        "2. Founders 1 and 2 approved admitting artist {}: member #{}, {} active members.",
        added.wallet, added.index, added.active_member_count
    );

    let action = reward(
        newcomer.pubkey(),
        40 * TOKEN,
        "Street team: 40 hours of flyering",
    );
    let proposer = coop.member(0).insecure_clone();
    let proposal = chain.propose(&coop, &proposer, action).await.unwrap();
    let self_vote = chain.vote(&coop, &proposal, &newcomer, true).await;
    println!(
        "3. A reward of 40 tokens is proposed. The artist tries to approve it themselves: refused ({}).",
        if self_vote.is_err() { "CannotApproveOwnBenefit" } else { "unexpectedly accepted" }
    );
    chain
        .approve_by(&coop, &proposal, &[coop.member(1), coop.member(2)])
        .await;
    let tally: Proposal = chain.account(&proposal).await;
    println!("   Two founders approve; status is now {:?}.", tally.status);

    let minted: RewardMinted = chain.execute(&coop, &proposal).await.unwrap().one();
    println!(
        "4. Executed by anyone: {} tokens minted to the artist for \"{}\"; supply {}.",
        tokens(minted.amount),
        minted.reason,
        tokens(minted.supply_after)
    );

    println!("5. The time bank, read from the chain:");
    let mut wallets: Vec<_> = coop.members.iter().map(|k| k.pubkey()).collect();
    wallets.push(newcomer.pubkey());
    for wallet in wallets {
        let member: Member = chain.account(&coop.member_address(&wallet)).await;
        let balance = chain.wallet_balance(&coop, &wallet).await;
        println!(
            "   {}  {:?}  earned {:>10}  holds {:>10}",
            wallet,
            member.role,
            tokens(member.total_earned),
            tokens(balance)
        );
    }
}
