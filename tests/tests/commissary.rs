//! The commissary: gear auctioned for $AMPLED, bids escrowed, the outbid refunded at once, the
//! winning bid paid to the seller or the treasury (or burned) at settlement.
#![allow(deprecated)]

use ampled::events::{AuctionSettled, BidPlaced};
use ampled::state::*;
use ampled_tests::*;
use solana_signer::Signer;

#[tokio::test]
async fn outbid_bidders_are_refunded_and_the_seller_gets_the_winning_bid() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let seller = community.member(0).insecure_clone();
    let (ana, ben) = (
        community.member(1).insecure_clone(),
        community.member(2).insecure_clone(),
    );
    chain
        .reward_member(&community, &ana.pubkey(), 100 * TOKEN)
        .await;
    chain
        .reward_member(&community, &ben.pubkey(), 100 * TOKEN)
        .await;
    let terms = auction_terms(chain.now(), 10 * TOKEN, TOKEN, DAY);
    let auction = chain
        .list_member_auction(&community, &seller, terms)
        .await
        .unwrap();
    let vault = ix::auction_vault_address(&auction.address);

    chain
        .bid(&community, &auction.address, &ana, 10 * TOKEN)
        .await
        .unwrap();
    assert_eq!(chain.balance(&vault).await, 10 * TOKEN);
    let emitted = chain
        .bid(&community, &auction.address, &ben, 12 * TOKEN)
        .await
        .unwrap();

    assert_eq!(chain.balance(&vault).await, 12 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        100 * TOKEN
    );
    assert_eq!(
        chain.wallet_balance(&community, &ben.pubkey()).await,
        88 * TOKEN
    );
    let bid: BidPlaced = emitted.one();
    assert_eq!(bid.outbid, Some(ana.pubkey()));
    assert_eq!(bid.refunded, 10 * TOKEN);

    chain.advance(DAY).await;
    let emitted = chain.settle(&community, &auction.address).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        12 * TOKEN
    );
    assert!(!chain.exists(&vault).await);
    let state: Auction = chain.account(&auction.address).await;
    assert_eq!(state.status, AuctionStatus::Settled);
    let settled: AuctionSettled = emitted.one();
    assert_eq!(settled.winner, ben.pubkey());
    assert_eq!(settled.amount, 12 * TOKEN);
}
