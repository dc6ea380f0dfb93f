//! The co-op's story on an embedded chain, narrated: a community is created, a member is admitted
//! by vote, a reward is approved and minted, a street-team bounty is claimed and paid, gear is
//! auctioned with an outbid refund, and the time bank is read back.
//!
//! Run with `cargo run -p ampled-tests --example walkthrough`.
#![allow(deprecated)]

use ampled::events::{AuctionSettled, BidPlaced, BountyClaimPaid, MemberAdded, RewardMinted};
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

    let bounty = chain
        .post_coop_bounty(&coop, bounty_terms(15 * TOKEN, 3), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let pay = ProposalAction::PayBountyClaim {
        claim,
        claimant: fan.pubkey(),
    };
    let approved = chain.passed_proposal(&coop, pay, &[0, 1]).await;
    let paid: BountyClaimPaid = chain.execute(&coop, &approved).await.unwrap().one();
    println!(
        "5. A co-op street-team bounty is posted by vote; fan {} (not a member) claims it, links",
        paid.claimant
    );
    println!(
        "   evidence, and once members approve, {} tokens are minted straight to their wallet.",
        tokens(paid.amount)
    );

    let seller = coop.member(1).insecure_clone();
    let rhodes = chain
        .list_member_auction(
            &coop,
            &seller,
            auction_terms(chain.now(), 10 * TOKEN, TOKEN, DAY),
        )
        .await
        .unwrap();
    chain
        .bid(&coop, &rhodes.address, &fan, 12 * TOKEN)
        .await
        .unwrap();
    let outbid: BidPlaced = chain
        .bid(&coop, &rhodes.address, &newcomer, 14 * TOKEN)
        .await
        .unwrap()
        .one();
    println!(
        "6. A member auctions a Rhodes piano. The fan bids 12; the artist bids 14 and the fan's {} come back in the same transaction.",
        tokens(outbid.refunded)
    );
    chain.advance(DAY).await;
    let sold: AuctionSettled = chain.settle(&coop, &rhodes.address).await.unwrap().one();
    println!(
        "   After the end anyone settles: {} tokens go to the seller.",
        tokens(sold.amount)
    );

    println!("7. The time bank, read from the chain:");
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
    let fan_balance = chain.wallet_balance(&coop, &fan.pubkey()).await;
    println!(
        "   {}  (fan, not a member)      holds {:>10}",
        fan.pubkey(),
        tokens(fan_balance)
    );
}
