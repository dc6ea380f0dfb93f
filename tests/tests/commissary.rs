//! The commissary: gear auctioned for $AMPLED, bids escrowed, the outbid refunded at once, the
//! winning bid paid to the seller or the treasury (or burned) at settlement.
#![allow(deprecated)]

use ampled::events::{
    AuctionCancelled, AuctionClosed, AuctionListed, AuctionSettled, AuctionUnsold, BidPlaced,
    ItemHandedOver,
};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::spl_associated_token_account::instruction as ata;
use anchor_spl::token_2022::spl_token_2022 as spl_token;
use anchor_spl::token_interface::TokenAccount;
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/// The clock every test starts from (set explicitly, never the host's time).
const T0: i64 = 1_800_000_000;
const HOUR: i64 = 60 * 60;
/// The end of an auction listed at `T0` with `auction_terms(T0, .., DAY)`.
const END: i64 = T0 + DAY;

/// A chain at `T0` with a community of three members; member 0 sells.
struct Market {
    chain: Chain,
    community: CommunityFixture,
    seller: Keypair,
}

async fn market() -> Market {
    let mut chain = Chain::start().await;
    chain.set_time(T0).await;
    let community = chain.community(3).await;
    let seller = community.member(0).insecure_clone();
    Market {
        chain,
        community,
        seller,
    }
}

/// Reserve 10, increment 1, from `T0` to `END`, no anti-sniping, open to anyone.
fn standard_terms() -> AuctionTerms {
    auction_terms(T0, 10 * TOKEN, TOKEN, DAY)
}

/// A fresh wallet, not a member, holding `amount` of the community's token.
async fn holder(chain: &mut Chain, community: &CommunityFixture, amount: u64) -> Keypair {
    let wallet = chain.wallet().await;
    chain
        .reward_member(community, &wallet.pubkey(), amount)
        .await;
    wallet
}

/// Gives `owner` an (empty) associated token account, paid by the chain's payer.
async fn open_token_account(chain: &mut Chain, community: &CommunityFixture, owner: &Pubkey) {
    let payer = chain.payer().pubkey();
    let create = ata::create_associated_token_account_idempotent(
        &payer,
        owner,
        &community.mint,
        &anchor_spl::token_2022::ID,
    );
    chain
        .send(&[create], &[])
        .await
        .expect("open token account");
}

fn associated_token_address(wallet: &Pubkey, mint: &Pubkey) -> Pubkey {
    ampled_client::ix::associated_token_address(wallet, mint)
}

/// Everything a refused instruction must leave as it was: the auction, its vault, the token
/// accounts of `wallets`, the treasury and the supply.
#[derive(Debug, PartialEq)]
struct Snapshot {
    accounts: Vec<RawAccount>,
    supply: u64,
}

async fn snapshot(
    chain: &mut Chain,
    community: &CommunityFixture,
    auction: &Pubkey,
    wallets: &[Pubkey],
) -> Snapshot {
    let mut addresses = vec![
        *auction,
        ix::auction_vault_address(auction),
        community.treasury,
    ];
    addresses.extend(wallets.iter().map(|w| community.ata(w)));
    Snapshot {
        accounts: chain.snapshot(&addresses).await,
        supply: chain.supply(community).await,
    }
}

/// Asserts each wallet's token balance.
async fn assert_balances(
    chain: &mut Chain,
    community: &CommunityFixture,
    expected: &[(&str, Pubkey, u64)],
) {
    for (name, wallet, amount) in expected {
        assert_eq!(
            chain.wallet_balance(community, wallet).await,
            *amount,
            "{name}'s balance"
        );
    }
}

/// An auction of `seller`'s with one 12-token bid from `winner`, settled at `END`.
async fn sold_auction(
    chain: &mut Chain,
    community: &CommunityFixture,
    seller: &Keypair,
) -> (Pubkey, Keypair) {
    let auction = chain
        .listed_auction(community, seller, standard_terms())
        .await;
    let winner = holder(chain, community, 100 * TOKEN).await;
    chain
        .bid(community, &auction, &winner, 12 * TOKEN)
        .await
        .expect("bid");
    chain.set_time(END).await;
    chain.settle(community, &auction).await.expect("settle");
    (auction, winner)
}

// ---------------------------------------------------------------------------------------------
// Full auctions
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn outbid_bidders_are_refunded_and_the_seller_gets_the_winning_bid() {
    let mut chain = Chain::start().await;
    chain.set_time(T0).await;
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

#[tokio::test]
async fn listing_records_the_terms_opens_an_empty_vault_and_emits_auction_listed() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let terms = AuctionTerms {
        snipe_window_secs: 600,
        snipe_extension_secs: 300,
        members_only: true,
        ..standard_terms()
    };
    let list = ix::list_auction(
        &community.address,
        &community.mint,
        &seller.pubkey(),
        0,
        terms.clone(),
    );

    let emitted = chain.send(&[list], &[&seller]).await.unwrap();

    let address = ix::auction_address(&community.address, &seller.pubkey(), 0);
    let state: Auction = chain.account(&address).await;
    assert_eq!(state.community, community.address);
    assert_eq!(state.lister, seller.pubkey());
    assert_eq!(state.nonce, 0);
    assert_eq!(state.rent_payer, seller.pubkey());
    assert_eq!(state.terms, terms);
    assert_eq!(
        state.proceeds,
        Proceeds::Seller {
            wallet: seller.pubkey()
        }
    );
    assert_eq!(state.ends_at, END);
    assert_eq!(state.status, AuctionStatus::Open);
    assert_eq!(state.highest_bid, 0);
    assert_eq!(state.highest_bidder, None);
    assert_eq!(state.bid_count, 0);
    assert_eq!(state.settled_at, None);
    assert_eq!(state.handed_over_at, None);
    let vault: TokenAccount = chain.account(&ix::auction_vault_address(&address)).await;
    assert_eq!(vault.mint, community.mint);
    assert_eq!(
        vault.owner, community.address,
        "escrow held by the community PDA"
    );
    assert_eq!(vault.amount, 0);
    let member: Member = chain
        .account(&community.member_address(&seller.pubkey()))
        .await;
    assert_eq!(member.auctions_listed, 1);

    let event: AuctionListed = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.auction, address);
    assert_eq!(event.lister, seller.pubkey());
    assert_eq!(event.terms, terms);
    assert_eq!(
        event.proceeds,
        Proceeds::Seller {
            wallet: seller.pubkey()
        }
    );
    assert_eq!(event.proposal, None);
    assert_eq!(event.timestamp, T0);
}

#[tokio::test]
async fn a_single_bid_wins_pays_the_seller_and_returns_the_vault_rent_to_the_lister() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    let ana = holder(&mut chain, &community, 50 * TOKEN).await;
    let emitted = chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    let bid: BidPlaced = emitted.one();
    assert_eq!(bid.bidder, ana.pubkey());
    assert_eq!(bid.amount, 10 * TOKEN);
    assert_eq!((bid.outbid, bid.refunded), (None, 0));
    assert_eq!(bid.ends_at, END);
    assert_eq!(bid.timestamp, T0);
    assert!(!chain.exists(&community.ata(&seller.pubkey())).await);
    chain.set_time(END).await;
    let vault_rent = chain.lamports(&vault).await;
    let lister_lamports = chain.lamports(&seller.pubkey()).await;

    let emitted = chain.settle(&community, &auction).await.unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        10 * TOKEN,
        "the seller's token account is created and paid"
    );
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        40 * TOKEN
    );
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + vault_rent,
        "the vault's rent goes back to the lister who paid it"
    );
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.status, AuctionStatus::Settled);
    assert_eq!(state.settled_at, Some(END));
    assert_eq!(state.highest_bidder, Some(ana.pubkey()));
    assert_eq!(state.highest_bid, 10 * TOKEN);
    assert_eq!(state.bid_count, 1);
    let settled: AuctionSettled = emitted.one();
    assert_eq!(settled.community, community.address);
    assert_eq!(settled.auction, auction);
    assert_eq!(settled.winner, ana.pubkey());
    assert_eq!(settled.amount, 10 * TOKEN);
    assert_eq!(
        settled.proceeds,
        Proceeds::Seller {
            wallet: seller.pubkey()
        }
    );
    assert_eq!(settled.timestamp, END);
}

#[tokio::test]
async fn an_outbidding_chain_keeps_the_vault_at_the_highest_bid_and_makes_every_outbid_bidder_whole(
) {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    let cat = holder(&mut chain, &community, 100 * TOKEN).await;
    let (a, b, c) = (ana.pubkey(), ben.pubkey(), cat.pubkey());

    // 1. Ana opens at the reserve.
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!((bid.outbid, bid.refunded), (None, 0));
    assert_eq!(chain.balance(&vault).await, 10 * TOKEN);
    assert_balances(
        &mut chain,
        &community,
        &[
            ("ana", a, 90 * TOKEN),
            ("ben", b, 100 * TOKEN),
            ("cat", c, 100 * TOKEN),
        ],
    )
    .await;

    // 2. Ben beats her by more than the increment; she is refunded in the same transaction.
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ben, 12 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!((bid.outbid, bid.refunded), (Some(a), 10 * TOKEN));
    assert_eq!(chain.balance(&vault).await, 12 * TOKEN);
    assert_balances(
        &mut chain,
        &community,
        &[
            ("ana", a, 100 * TOKEN),
            ("ben", b, 88 * TOKEN),
            ("cat", c, 100 * TOKEN),
        ],
    )
    .await;

    // 3. Ben raises his own bid: his previous bid comes back to him.
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ben, 15 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!((bid.outbid, bid.refunded), (Some(b), 12 * TOKEN));
    assert_eq!(chain.balance(&vault).await, 15 * TOKEN);
    assert_balances(
        &mut chain,
        &community,
        &[
            ("ana", a, 100 * TOKEN),
            ("ben", b, 85 * TOKEN),
            ("cat", c, 100 * TOKEN),
        ],
    )
    .await;

    // 4. Cat wins it.
    let bid: BidPlaced = chain
        .bid(&community, &auction, &cat, 20 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!((bid.outbid, bid.refunded), (Some(b), 15 * TOKEN));
    assert_eq!(chain.balance(&vault).await, 20 * TOKEN);
    assert_balances(
        &mut chain,
        &community,
        &[
            ("ana", a, 100 * TOKEN),
            ("ben", b, 100 * TOKEN),
            ("cat", c, 80 * TOKEN),
        ],
    )
    .await;
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.highest_bid, 20 * TOKEN);
    assert_eq!(state.highest_bidder, Some(c));
    assert_eq!(state.bid_count, 4);

    chain.set_time(END).await;
    chain.settle(&community, &auction).await.unwrap();

    assert_balances(
        &mut chain,
        &community,
        &[
            ("seller", seller.pubkey(), 20 * TOKEN),
            ("ana", a, 100 * TOKEN),
            ("ben", b, 100 * TOKEN),
            ("cat", c, 80 * TOKEN),
        ],
    )
    .await;
    assert_eq!(
        chain.supply(&community).await,
        300 * TOKEN,
        "nothing minted"
    );
}

#[tokio::test]
async fn a_bid_inside_the_snipe_window_extends_the_end_and_an_earlier_one_does_not() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    const WINDOW: i64 = 600;
    const EXTENSION: i64 = 300;
    let terms = AuctionTerms {
        snipe_window_secs: WINDOW,
        snipe_extension_secs: EXTENSION,
        ..standard_terms()
    };
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;

    // One second before the window opens: the end stays.
    chain.set_time(END - WINDOW - 1).await;
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!(bid.ends_at, END);
    assert_eq!(chain.account::<Auction>(&auction).await.ends_at, END);

    // The first second of the window: the end moves by the extension.
    chain.set_time(END - WINDOW).await;
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ben, 11 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!(bid.ends_at, END + EXTENSION);
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.ends_at, END + EXTENSION);
    assert_eq!(state.terms.ends_at, END, "the listed end is kept");

    // At the original end, before the new one: still accepted, and it extends again.
    chain.set_time(END).await;
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ana, 12 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!(bid.ends_at, END + 2 * EXTENSION);

    // It cannot be settled at the extended end it had, only at the last one.
    chain.set_time(END + EXTENSION).await;
    assert_error(
        chain.settle(&community, &auction).await,
        AmpledError::AuctionStillRunning,
    );
    chain.set_time(END + 2 * EXTENSION).await;
    assert_error(
        chain.bid(&community, &auction, &ben, 13 * TOKEN).await,
        AmpledError::AuctionEnded,
    );
    let settled: AuctionSettled = chain.settle(&community, &auction).await.unwrap().one();
    assert_eq!(settled.winner, ana.pubkey());
    assert_eq!(settled.amount, 12 * TOKEN);
}

#[tokio::test]
async fn an_auction_without_bids_ends_unsold_closes_its_vault_and_can_then_be_closed() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    chain.set_time(END).await;
    let vault_rent = chain.lamports(&vault).await;
    let lister_lamports = chain.lamports(&seller.pubkey()).await;

    let emitted = chain.settle(&community, &auction).await.unwrap();

    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.status, AuctionStatus::Unsold);
    assert_eq!(state.settled_at, Some(END));
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + vault_rent
    );
    assert_eq!(chain.wallet_balance(&community, &seller.pubkey()).await, 0);
    let unsold: AuctionUnsold = emitted.one();
    assert_eq!(unsold.community, community.address);
    assert_eq!(unsold.auction, auction);
    assert_eq!(unsold.timestamp, END);
    assert!(emitted.all::<AuctionSettled>().is_empty());

    let auction_rent = chain.lamports(&auction).await;
    let closed: AuctionClosed = chain.close_auction(&auction).await.unwrap().one();
    assert!(!chain.exists(&auction).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + vault_rent + auction_rent
    );
    assert_eq!(closed.rent_returned_to, seller.pubkey());
}

#[tokio::test]
async fn an_auction_whose_reserve_was_never_met_ends_unsold_and_the_bidder_keeps_their_tokens() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    assert_error(
        chain.bid(&community, &auction, &ana, 10 * TOKEN - 1).await,
        AmpledError::BidTooLow,
    );
    chain.set_time(END).await;

    let emitted = chain.settle(&community, &auction).await.unwrap();

    emitted.one::<AuctionUnsold>();
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.status, AuctionStatus::Unsold);
    assert_eq!(state.bid_count, 0);
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        100 * TOKEN
    );
    assert!(!chain.exists(&ix::auction_vault_address(&auction)).await);
}

#[tokio::test]
async fn the_lister_cancels_before_any_bid_and_gets_the_vault_rent_back() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    // Cancelling names the lister's token account (for anything sent to the vault).
    open_token_account(&mut chain, &community, &seller.pubkey()).await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain.set_time(T0 + HOUR).await;
    let vault_rent = chain.lamports(&vault).await;
    let lister_lamports = chain.lamports(&seller.pubkey()).await;

    let emitted = chain
        .cancel_auction(&community, &auction, &seller)
        .await
        .unwrap();

    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.status, AuctionStatus::Cancelled);
    assert_eq!(state.settled_at, Some(T0 + HOUR));
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + vault_rent
    );
    let event: AuctionCancelled = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.auction, auction);
    assert_eq!(event.lister, seller.pubkey());
    assert_eq!(event.timestamp, T0 + HOUR);

    // Nobody can bid on it any more, and the refusal says why.
    assert_error(
        chain.bid(&community, &auction, &ana, 10 * TOKEN).await,
        AmpledError::AuctionCancelled,
    );
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        100 * TOKEN
    );

    // A cancelled auction is finished: its record can be closed, rent to the lister.
    let auction_rent = chain.lamports(&auction).await;
    chain.close_auction(&auction).await.unwrap();
    assert!(!chain.exists(&auction).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + vault_rent + auction_rent
    );
}

#[tokio::test]
async fn a_coop_auction_listed_by_vote_pays_the_winning_bid_into_the_treasury() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let listing = chain
        .list_coop_auction(&community, standard_terms(), false, &[0, 1])
        .await;
    let auction = listing.address;
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.proceeds, Proceeds::Treasury);
    assert_eq!(state.lister, community.member(0).pubkey());
    assert_eq!(
        state.rent_payer,
        chain.payer().pubkey(),
        "the executor paid"
    );
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 30 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;

    let emitted = chain.settle(&community, &auction).await.unwrap();

    assert_eq!(chain.balance(&community.treasury).await, 30 * TOKEN);
    assert_eq!(
        chain
            .wallet_balance(&community, &community.member(0).pubkey())
            .await,
        0,
        "the proposer is not paid"
    );
    assert_eq!(chain.supply(&community).await, 100 * TOKEN);
    assert!(!chain.exists(&ix::auction_vault_address(&auction)).await);
    let settled: AuctionSettled = emitted.one();
    assert_eq!(settled.proceeds, Proceeds::Treasury);
    assert_eq!(settled.winner, ana.pubkey());
    assert_eq!(settled.amount, 30 * TOKEN);
    assert_eq!(
        chain.account::<Auction>(&auction).await.status,
        AuctionStatus::Settled
    );
}

#[tokio::test]
async fn a_coop_auction_voted_to_burn_its_proceeds_burns_the_winning_bid() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let auction = chain
        .list_coop_auction(&community, standard_terms(), true, &[0, 1])
        .await
        .address;
    assert_eq!(
        chain.account::<Auction>(&auction).await.proceeds,
        Proceeds::Burn
    );
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 30 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    assert_eq!(chain.supply(&community).await, 100 * TOKEN);

    let emitted = chain.settle(&community, &auction).await.unwrap();

    assert_eq!(chain.supply(&community).await, 70 * TOKEN);
    assert_eq!(chain.balance(&community.treasury).await, 0);
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        70 * TOKEN
    );
    assert!(!chain.exists(&ix::auction_vault_address(&auction)).await);
    let settled: AuctionSettled = emitted.one();
    assert_eq!(settled.proceeds, Proceeds::Burn);
    assert_eq!(settled.amount, 30 * TOKEN);
    assert_eq!(
        chain.account::<Auction>(&auction).await.status,
        AuctionStatus::Settled
    );
}

#[tokio::test]
async fn a_member_bids_in_a_members_only_auction() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let terms = AuctionTerms {
        members_only: true,
        ..standard_terms()
    };
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let bob = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &bob.pubkey(), 50 * TOKEN)
        .await;

    let emitted = chain
        .bid(&community, &auction, &bob, 10 * TOKEN)
        .await
        .unwrap();

    assert_eq!(emitted.one::<BidPlaced>().bidder, bob.pubkey());
    assert_eq!(
        chain.balance(&ix::auction_vault_address(&auction)).await,
        10 * TOKEN
    );
    assert_eq!(
        chain.account::<Auction>(&auction).await.highest_bidder,
        Some(bob.pubkey())
    );
}

// ---------------------------------------------------------------------------------------------
// Bidding attacks and limits
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_bid_below_the_reserve_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let before = snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await;

    let result = chain.bid(&community, &auction, &ana, 10 * TOKEN - 1).await;

    assert_error(result, AmpledError::BidTooLow);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await,
        before
    );
    // Exactly the reserve is enough.
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bid_equal_to_the_highest_bid_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 15 * TOKEN)
        .await
        .unwrap();
    let wallets = [ana.pubkey(), ben.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.bid(&community, &auction, &ben, 15 * TOKEN).await;

    assert_error(result, AmpledError::BidTooLow);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
}

#[tokio::test]
async fn a_raise_smaller_than_the_minimum_increment_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let terms = auction_terms(T0, 10 * TOKEN, 5 * TOKEN, DAY);
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    let wallets = [ana.pubkey(), ben.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.bid(&community, &auction, &ben, 15 * TOKEN - 1).await;

    assert_error(result, AmpledError::BidTooLow);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    // The highest bid plus exactly the increment is enough.
    chain
        .bid(&community, &auction, &ben, 15 * TOKEN)
        .await
        .unwrap();
    assert_eq!(
        chain.account::<Auction>(&auction).await.highest_bid,
        15 * TOKEN
    );
}

#[tokio::test]
async fn a_bid_before_the_auction_starts_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let terms = AuctionTerms {
        starts_at: T0 + HOUR,
        ..standard_terms()
    };
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain.set_time(T0 + HOUR - 1).await;
    let before = snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await;

    let result = chain.bid(&community, &auction, &ana, 10 * TOKEN).await;

    assert_error(result, AmpledError::AuctionNotStarted);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await,
        before
    );
    chain.set_time(T0 + HOUR).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bid_in_the_very_second_the_auction_ends_is_refused_and_one_second_earlier_is_accepted() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    let wallets = [ana.pubkey(), ben.pubkey()];

    chain.set_time(END - 1).await;
    let bid: BidPlaced = chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap()
        .one();
    assert_eq!(bid.ends_at, END, "no anti-sniping configured");

    chain.set_time(END).await;
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;
    let result = chain.bid(&community, &auction, &ben, 20 * TOKEN).await;

    assert_error(result, AmpledError::AuctionEnded);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
}

#[tokio::test]
async fn a_bid_after_the_end_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain.set_time(END + HOUR).await;
    let before = snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await;

    let result = chain.bid(&community, &auction, &ana, 10 * TOKEN).await;

    assert_error(result, AmpledError::AuctionEnded);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn bidding_more_than_the_bidder_holds_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 10 * TOKEN).await;
    let before = snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await;

    let result = chain.bid(&community, &auction, &ana, 10 * TOKEN + 1).await;

    assert_error(result, AmpledError::InsufficientBalance);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[ana.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn a_minimum_bid_that_would_overflow_is_refused_and_no_amount_wraps_around() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    // The whole possible supply is in play: Ana holds all of it but 10 base units.
    let terms = auction_terms(T0, 1, 100, DAY);
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let ana = holder(&mut chain, &community, u64::MAX - 10).await;
    let ben = holder(&mut chain, &community, 10).await;
    chain
        .bid(&community, &auction, &ana, u64::MAX - 10)
        .await
        .unwrap();
    let wallets = [ana.pubkey(), ben.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    // u64::MAX - 10 + 100 does not fit: the minimum bid cannot be computed.
    let overflow = chain.bid(&community, &auction, &ben, 10).await;
    // A bid of u64::MAX is no way around it: nobody else can hold that much.
    let max_bid = chain.bid(&community, &auction, &ben, u64::MAX).await;

    assert_error(overflow, AmpledError::MathOverflow);
    assert_error(max_bid, AmpledError::InsufficientBalance);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    assert_eq!(
        chain.balance(&ix::auction_vault_address(&auction)).await,
        u64::MAX - 10
    );
}

#[tokio::test]
async fn a_non_member_cannot_bid_in_a_members_only_auction() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let terms = AuctionTerms {
        members_only: true,
        ..standard_terms()
    };
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let outsider = holder(&mut chain, &community, 100 * TOKEN).await;
    let member_pda = community.member_address(&outsider.pubkey());
    let before = snapshot(&mut chain, &community, &auction, &[outsider.pubkey()]).await;

    // Without a membership account at all.
    let without = chain.bid(&community, &auction, &outsider, 10 * TOKEN).await;
    // Naming the membership address their wallet would have, where nothing exists.
    let empty_pda = chain
        .bid_with(&community, &auction, &outsider, 10 * TOKEN, |a| {
            a.bidder_member = Some(member_pda);
        })
        .await;
    // Naming a real member's record instead of their own.
    let borrowed = chain
        .bid_with(&community, &auction, &outsider, 10 * TOKEN, |a| {
            a.bidder_member = Some(community.member_address(&seller.pubkey()));
        })
        .await;

    assert_error(without, AmpledError::MembersOnlyAuction);
    assert_error(empty_pda, AnchorError::AccountNotInitialized);
    assert_error(borrowed, AnchorError::ConstraintSeeds);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[outsider.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn a_removed_member_cannot_bid_in_a_members_only_auction() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let carol = community.member(2).insecure_clone();
    chain
        .reward_member(&community, &carol.pubkey(), 100 * TOKEN)
        .await;
    let removal = ProposalAction::RemoveMember {
        wallet: carol.pubkey(),
    };
    let proposal = chain.passed_proposal(&community, removal, &[0, 1]).await;
    chain.execute(&community, &proposal).await.unwrap();
    let terms = AuctionTerms {
        members_only: true,
        ..standard_terms()
    };
    let auction = chain.listed_auction(&community, &seller, terms).await;
    let before = snapshot(&mut chain, &community, &auction, &[carol.pubkey()]).await;

    // Her (removed) membership record still exists and is passed.
    let result = chain.bid(&community, &auction, &carol, 10 * TOKEN).await;

    assert_error(result, AmpledError::MembersOnlyAuction);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[carol.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn an_outbid_bidder_who_closed_their_token_account_is_refunded_into_a_recreated_one() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 15 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    let friend = holder(&mut chain, &community, TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    // Ana empties and closes her token account, hoping to make the refund (and the bid) fail.
    let ana_ata = community.ata(&ana.pubkey());
    chain
        .send_tokens(
            &community,
            &ana,
            &community.ata(&friend.pubkey()),
            5 * TOKEN,
        )
        .await;
    let close_ata = spl_token::instruction::close_account(
        &spl_token::ID,
        &ana_ata,
        &ana.pubkey(),
        &ana.pubkey(),
        &[],
    )
    .unwrap();
    chain.send(&[close_ata], &[&ana]).await.unwrap();
    assert!(!chain.exists(&ana_ata).await);
    let ben_lamports = chain.lamports(&ben.pubkey()).await;

    let emitted = chain
        .bid(&community, &auction, &ben, 12 * TOKEN)
        .await
        .unwrap();

    assert!(chain.exists(&ana_ata).await);
    assert_eq!(chain.balance(&ana_ata).await, 10 * TOKEN);
    let recreated: TokenAccount = chain.account(&ana_ata).await;
    assert_eq!(recreated.owner, ana.pubkey());
    assert_eq!(recreated.mint, community.mint);
    assert_eq!(
        chain.lamports(&ben.pubkey()).await,
        ben_lamports - chain.lamports(&ana_ata).await,
        "the new bidder pays the re-created account's rent"
    );
    assert_eq!(
        chain.balance(&ix::auction_vault_address(&auction)).await,
        12 * TOKEN
    );
    let bid: BidPlaced = emitted.one();
    assert_eq!((bid.outbid, bid.refunded), (Some(ana.pubkey()), 10 * TOKEN));
}

#[tokio::test]
async fn outbidding_without_refunding_the_previous_bidder_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    let cat = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    let (a, b, c) = (ana.pubkey(), ben.pubkey(), cat.pubkey());
    let mint = community.mint;
    let wallets = [a, b, c];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let no_accounts = chain
        .bid_with(&community, &auction, &ben, 12 * TOKEN, |acc| {
            acc.previous_bidder = None;
            acc.previous_bidder_tokens = None;
        })
        .await;
    let no_token_account = chain
        .bid_with(&community, &auction, &ben, 12 * TOKEN, |acc| {
            acc.previous_bidder_tokens = None;
        })
        .await;
    let someone_else = chain
        .bid_with(&community, &auction, &ben, 12 * TOKEN, |acc| {
            acc.previous_bidder = Some(c);
            acc.previous_bidder_tokens = Some(associated_token_address(&c, &mint));
        })
        .await;
    // The right wallet, but the refund redirected into the new bidder's own account.
    let redirected = chain
        .bid_with(&community, &auction, &ben, 12 * TOKEN, |acc| {
            acc.previous_bidder_tokens = Some(associated_token_address(&b, &mint));
        })
        .await;

    assert_error(no_accounts, AmpledError::WrongPreviousBidder);
    assert_error(no_token_account, AmpledError::WrongPreviousBidder);
    assert_error(someone_else, AmpledError::WrongPreviousBidder);
    assert_error(redirected, AmpledError::WrongPreviousBidder);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
}

#[tokio::test]
async fn bidding_into_another_auctions_vault_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let first = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let second = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &second, &ana, 20 * TOKEN)
        .await
        .unwrap();
    let wallets = [ana.pubkey()];
    let before = (
        snapshot(&mut chain, &community, &first, &wallets).await,
        snapshot(&mut chain, &community, &second, &wallets).await,
    );

    let result = chain
        .bid_with(&community, &first, &ana, 10 * TOKEN, |a| {
            a.vault = ix::auction_vault_address(&second);
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    let after = (
        snapshot(&mut chain, &community, &first, &wallets).await,
        snapshot(&mut chain, &community, &second, &wallets).await,
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn bidding_with_another_communitys_mint_or_community_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let other = chain.community_named("other", 1, default_rules()).await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    // Ana also holds the other community's token, which she would rather spend.
    chain
        .reward_member(&other, &ana.pubkey(), 100 * TOKEN)
        .await;
    let wallets = [ana.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let other_mint = chain
        .bid_with(&community, &auction, &ana, 10 * TOKEN, |a| {
            a.mint = other.mint;
            a.bidder_tokens = other.ata(&ana.pubkey());
        })
        .await;
    let other_community = chain
        .bid_with(&community, &auction, &ana, 10 * TOKEN, |a| {
            a.community = other.address;
            a.mint = other.mint;
            a.bidder_tokens = other.ata(&ana.pubkey());
        })
        .await;

    assert_error(other_mint, AmpledError::WrongMint);
    assert_error(other_community, AmpledError::WrongCommunity);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    assert_eq!(
        chain.wallet_balance(&other, &ana.pubkey()).await,
        100 * TOKEN
    );
}

#[tokio::test]
async fn bidding_on_a_finished_auction_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, _winner) = sold_auction(&mut chain, &community, &seller).await;
    let late = holder(&mut chain, &community, 100 * TOKEN).await;
    let before = snapshot(&mut chain, &community, &auction, &[late.pubkey()]).await;

    let result = chain.bid(&community, &auction, &late, 50 * TOKEN).await;

    assert_error(result, AmpledError::AuctionAlreadySettled);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[late.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn tokens_sent_straight_into_the_vault_do_not_block_bids_or_settlement() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    let griefer = holder(&mut chain, &community, 5 * TOKEN).await;
    chain
        .send_tokens(&community, &griefer, &vault, 2 * TOKEN)
        .await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    chain
        .send_tokens(&community, &griefer, &vault, 3 * TOKEN)
        .await;
    assert_eq!(chain.balance(&vault).await, 15 * TOKEN);

    let bid: BidPlaced = chain
        .bid(&community, &auction, &ben, 12 * TOKEN)
        .await
        .unwrap()
        .one();

    assert_eq!(
        bid.refunded,
        10 * TOKEN,
        "exactly the outbid bid comes back"
    );
    assert_eq!(
        chain.wallet_balance(&community, &ana.pubkey()).await,
        100 * TOKEN
    );
    assert_eq!(chain.balance(&vault).await, 17 * TOKEN);
    chain.set_time(END).await;
    let settled: AuctionSettled = chain.settle(&community, &auction).await.unwrap().one();
    assert_eq!(settled.amount, 12 * TOKEN);
    // The vault is emptied into the seller's account before it closes, donations included.
    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        17 * TOKEN
    );
    assert!(!chain.exists(&vault).await);
}

#[tokio::test]
async fn tokens_sent_into_the_vault_of_an_auction_without_bids_do_not_block_settling_it_unsold() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    let griefer = holder(&mut chain, &community, TOKEN).await;
    chain.send_tokens(&community, &griefer, &vault, 1).await;
    chain.set_time(END).await;

    let result = chain.settle(&community, &auction).await;

    let emitted = result.expect("an unsold auction settles despite a donation in its vault");
    emitted.one::<AuctionUnsold>();
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.account::<Auction>(&auction).await.status,
        AuctionStatus::Unsold
    );
    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        1,
        "the stray deposit follows the proceeds to the seller"
    );
}

#[tokio::test]
async fn after_the_end_the_lister_can_still_cancel_an_unbid_auction_and_recover_a_donation() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let vault = ix::auction_vault_address(&auction);
    let griefer = holder(&mut chain, &community, TOKEN).await;
    chain.send_tokens(&community, &griefer, &vault, TOKEN).await;
    open_token_account(&mut chain, &community, &seller.pubkey()).await;
    chain.set_time(END + HOUR).await;

    let emitted = chain
        .cancel_auction(&community, &auction, &seller)
        .await
        .unwrap();

    emitted.one::<AuctionCancelled>();
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        TOKEN,
        "what was sent to the vault goes to the lister"
    );
    assert_eq!(
        chain.account::<Auction>(&auction).await.status,
        AuctionStatus::Cancelled
    );
    chain.close_auction(&auction).await.unwrap();
    assert!(!chain.exists(&auction).await);
}

#[tokio::test]
async fn a_bid_locks_neither_the_community_nor_the_mint() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();

    let bid = ix::place_bid(
        &community.address,
        &community.mint,
        &auction,
        &ben.pubkey(),
        Some(ana.pubkey()),
        false,
        12 * TOKEN,
    );

    let writable = |key: &Pubkey| {
        let meta = bid
            .accounts
            .iter()
            .find(|m| m.pubkey == *key)
            .expect("the bid names the account");
        meta.is_writable
    };
    assert!(
        !writable(&community.address),
        "bids on different auctions run in parallel"
    );
    assert!(!writable(&community.mint));
    assert!(writable(&auction));
    assert!(writable(&ix::auction_vault_address(&auction)));
    assert!(writable(&community.ata(&ana.pubkey())));
    // The very instruction inspected is the one that works.
    chain.send(&[bid], &[&ben]).await.unwrap();
    assert_eq!(
        chain.account::<Auction>(&auction).await.highest_bidder,
        Some(ben.pubkey())
    );
}

// ---------------------------------------------------------------------------------------------
// Settlement and cancellation attacks
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn settling_before_the_end_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END - 1).await;
    let wallets = [ana.pubkey(), seller.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.settle(&community, &auction).await;

    assert_error(result, AmpledError::AuctionStillRunning);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    // At the end second itself it settles.
    chain.set_time(END).await;
    chain.settle(&community, &auction).await.unwrap();
}

#[tokio::test]
async fn settling_twice_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, winner) = sold_auction(&mut chain, &community, &seller).await;
    let wallets = [winner.pubkey(), seller.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.settle(&community, &auction).await;

    assert_error(result, AmpledError::AuctionAlreadySettled);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    assert_eq!(
        chain.wallet_balance(&community, &seller.pubkey()).await,
        12 * TOKEN
    );
}

#[tokio::test]
async fn settling_a_members_item_into_someone_elses_account_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let mallory = holder(&mut chain, &community, TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    let m = mallory.pubkey();
    let wallets = [ana.pubkey(), seller.pubkey(), m];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;
    let mallory_lamports = chain.lamports(&m).await;

    let proceeds_redirected = chain
        .settle_with(&community, &auction, |a| {
            a.proceeds_account = community.ata(&m);
        })
        .await;
    let seller_replaced = chain
        .settle_with(&community, &auction, |a| {
            a.seller = m;
            a.proceeds_account = community.ata(&m);
        })
        .await;
    let rent_redirected = chain
        .settle_with(&community, &auction, |a| {
            a.rent_payer = m;
        })
        .await;

    assert_error(proceeds_redirected, AmpledError::WalletMismatch);
    assert_error(seller_replaced, AmpledError::WalletMismatch);
    assert_error(rent_redirected, AmpledError::WalletMismatch);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    assert_eq!(chain.lamports(&m).await, mallory_lamports);
}

#[tokio::test]
async fn settling_a_coop_auction_outside_the_treasury_is_refused() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let auction = chain
        .list_coop_auction(&community, standard_terms(), false, &[0, 1])
        .await
        .address;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let proposer = community.member(0).pubkey();
    open_token_account(&mut chain, &community, &proposer).await;
    chain
        .bid(&community, &auction, &ana, 30 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    let wallets = [ana.pubkey(), proposer];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    // The proposer (who is the auction's lister) tries to take the co-op's proceeds.
    let result = chain
        .settle_with(&community, &auction, |a| {
            a.proceeds_account = community.ata(&proposer);
            a.seller = proposer;
        })
        .await;

    assert_error(result, AmpledError::WrongTreasury);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    chain.settle(&community, &auction).await.unwrap();
    assert_eq!(chain.balance(&community.treasury).await, 30 * TOKEN);
}

#[tokio::test]
async fn settling_with_another_auctions_vault_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let first = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let second = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &first, &ana, 10 * TOKEN)
        .await
        .unwrap();
    chain
        .bid(&community, &second, &ben, 40 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    let wallets = [ana.pubkey(), ben.pubkey(), seller.pubkey()];
    let before = (
        snapshot(&mut chain, &community, &first, &wallets).await,
        snapshot(&mut chain, &community, &second, &wallets).await,
    );

    // Settling the cheap sale with the rich escrow.
    let result = chain
        .settle_with(&community, &first, |a| {
            a.vault = ix::auction_vault_address(&second);
        })
        .await;

    assert_error(result, AnchorError::ConstraintSeeds);
    let after = (
        snapshot(&mut chain, &community, &first, &wallets).await,
        snapshot(&mut chain, &community, &second, &wallets).await,
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn settling_with_another_communitys_mint_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let other = chain.community_named("other", 1, default_rules()).await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    let wallets = [ana.pubkey(), seller.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain
        .settle_with(&community, &auction, |a| {
            a.mint = other.mint;
        })
        .await;

    assert_error(result, AmpledError::WrongMint);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    assert_eq!(chain.supply(&other).await, 0);
}

#[tokio::test]
async fn cancelling_after_a_bid_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    open_token_account(&mut chain, &community, &seller.pubkey()).await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .unwrap();
    let wallets = [ana.pubkey(), seller.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.cancel_auction(&community, &auction, &seller).await;

    assert_error(result, AmpledError::AuctionHasBids);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
}

#[tokio::test]
async fn someone_other_than_the_lister_cannot_cancel() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let mallory = holder(&mut chain, &community, TOKEN).await;
    let wallets = [mallory.pubkey(), seller.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let result = chain.cancel_auction(&community, &auction, &mallory).await;

    assert_error(result, AmpledError::NotSeller);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
}

#[tokio::test]
async fn cancelling_with_the_rent_sent_to_another_wallet_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    open_token_account(&mut chain, &community, &seller.pubkey()).await;
    let elsewhere = chain.wallet().await.pubkey();
    let before = snapshot(&mut chain, &community, &auction, &[seller.pubkey()]).await;

    let cancel = ix::cancel_auction(
        &community.address,
        &community.mint,
        &auction,
        &seller.pubkey(),
        &elsewhere,
    );
    let result = chain.send(&[cancel], &[&seller]).await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[seller.pubkey()]).await,
        before
    );
}

#[tokio::test]
async fn the_proposer_cannot_cancel_a_coop_auction_the_members_listed() {
    let Market {
        mut chain,
        community,
        seller: proposer,
    } = market().await;
    let to_treasury = chain
        .list_coop_auction(&community, standard_terms(), false, &[0, 1])
        .await;
    let to_burn = chain
        .list_coop_auction(&community, standard_terms(), true, &[0, 1])
        .await;
    assert_eq!(to_treasury.lister.pubkey(), proposer.pubkey());
    // With a token account for the vault's leftovers, nothing but the rule stands in the way.
    open_token_account(&mut chain, &community, &proposer.pubkey()).await;
    chain.set_time(T0 + HOUR).await;

    for auction in [to_treasury.address, to_burn.address] {
        let before = snapshot(&mut chain, &community, &auction, &[proposer.pubkey()]).await;

        // The members voted to sell the item; its proposer alone would take it off the market.
        let result = chain.cancel_auction(&community, &auction, &proposer).await;

        assert_error(result, AmpledError::DecidedByMembers);
        assert_eq!(
            snapshot(&mut chain, &community, &auction, &[proposer.pubkey()]).await,
            before
        );
    }

    // It runs to its end as the members listed it, and without a bid it ends unsold.
    chain.set_time(END).await;
    for auction in [to_treasury.address, to_burn.address] {
        let emitted = chain.settle(&community, &auction).await.unwrap();

        emitted.one::<AuctionUnsold>();
        assert!(emitted.all::<AuctionCancelled>().is_empty());
        let state: Auction = chain.account(&auction).await;
        assert_eq!(state.status, AuctionStatus::Unsold);
        assert_eq!(state.settled_at, Some(END));
        assert!(!chain.exists(&ix::auction_vault_address(&auction)).await);
    }
    assert_eq!(chain.balance(&community.treasury).await, 0);
    assert_eq!(chain.supply(&community).await, 0);
}

// ---------------------------------------------------------------------------------------------
// Handover and rent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_winner_marks_the_item_handed_over_and_the_record_can_then_be_closed() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, winner) = sold_auction(&mut chain, &community, &seller).await;
    chain.set_time(END + 3 * DAY).await;

    let emitted = chain.mark_handed_over(&auction, &winner).await.unwrap();

    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.handed_over_at, Some(END + 3 * DAY));
    assert_eq!(state.status, AuctionStatus::Settled);
    let event: ItemHandedOver = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.auction, auction);
    assert_eq!(event.winner, winner.pubkey());
    assert_eq!(event.marked_by, winner.pubkey());
    assert_eq!(event.timestamp, END + 3 * DAY);

    let auction_rent = chain.lamports(&auction).await;
    let lister_lamports = chain.lamports(&seller.pubkey()).await;
    let emitted = chain.close_auction(&auction).await.unwrap();

    assert!(!chain.exists(&auction).await);
    assert_eq!(
        chain.lamports(&seller.pubkey()).await,
        lister_lamports + auction_rent
    );
    let closed: AuctionClosed = emitted.one();
    assert_eq!(closed.community, community.address);
    assert_eq!(closed.auction, auction);
    assert_eq!(closed.rent_returned_to, seller.pubkey());
    assert_eq!(closed.timestamp, END + 3 * DAY);
}

#[tokio::test]
async fn the_seller_can_mark_the_item_handed_over_too() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, winner) = sold_auction(&mut chain, &community, &seller).await;
    chain.set_time(END + HOUR).await;

    let emitted = chain.mark_handed_over(&auction, &seller).await.unwrap();

    let event: ItemHandedOver = emitted.one();
    assert_eq!(event.winner, winner.pubkey());
    assert_eq!(event.marked_by, seller.pubkey());
    assert_eq!(
        chain.account::<Auction>(&auction).await.handed_over_at,
        Some(END + HOUR)
    );
}

#[tokio::test]
async fn a_stranger_or_an_outbid_bidder_cannot_mark_the_item_handed_over() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let loser = holder(&mut chain, &community, 100 * TOKEN).await;
    let winner = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &auction, &loser, 10 * TOKEN)
        .await
        .unwrap();
    chain
        .bid(&community, &auction, &winner, 11 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    chain.settle(&community, &auction).await.unwrap();
    let stranger = chain.wallet().await;
    let before = snapshot(&mut chain, &community, &auction, &[]).await;

    let by_stranger = chain.mark_handed_over(&auction, &stranger).await;
    let by_loser = chain.mark_handed_over(&auction, &loser).await;

    assert_error(by_stranger, AmpledError::NotWinnerOrSeller);
    assert_error(by_loser, AmpledError::NotWinnerOrSeller);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[]).await,
        before
    );
}

#[tokio::test]
async fn marking_the_item_handed_over_twice_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, winner) = sold_auction(&mut chain, &community, &seller).await;
    chain.mark_handed_over(&auction, &winner).await.unwrap();
    chain.set_time(END + DAY).await;
    let before = snapshot(&mut chain, &community, &auction, &[]).await;

    let again_by_seller = chain.mark_handed_over(&auction, &seller).await;
    let again_by_winner = chain.mark_handed_over(&auction, &winner).await;

    assert_error(again_by_seller, AmpledError::AlreadyHandedOver);
    assert_error(again_by_winner, AmpledError::AlreadyHandedOver);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[]).await,
        before
    );
    assert_eq!(
        chain.account::<Auction>(&auction).await.handed_over_at,
        Some(END),
        "the first mark is kept"
    );
}

#[tokio::test]
async fn an_open_unsold_or_cancelled_auction_cannot_be_marked_handed_over() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let open = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let unsold = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let cancelled = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain
        .bid(&community, &open, &ana, 10 * TOKEN)
        .await
        .unwrap();
    open_token_account(&mut chain, &community, &seller.pubkey()).await;
    chain
        .cancel_auction(&community, &cancelled, &seller)
        .await
        .unwrap();
    chain.set_time(END).await;
    chain.settle(&community, &unsold).await.unwrap();
    let before = (
        snapshot(&mut chain, &community, &open, &[]).await,
        snapshot(&mut chain, &community, &unsold, &[]).await,
        snapshot(&mut chain, &community, &cancelled, &[]).await,
    );

    // Ana is the highest bidder of the open one, but it has not been settled.
    let open_by_bidder = chain.mark_handed_over(&open, &ana).await;
    let unsold_by_seller = chain.mark_handed_over(&unsold, &seller).await;
    let cancelled_by_seller = chain.mark_handed_over(&cancelled, &seller).await;

    assert_error(open_by_bidder, AmpledError::AuctionNotFinished);
    assert_error(unsold_by_seller, AmpledError::AuctionNotFinished);
    assert_error(cancelled_by_seller, AmpledError::AuctionNotFinished);
    let after = (
        snapshot(&mut chain, &community, &open, &[]).await,
        snapshot(&mut chain, &community, &unsold, &[]).await,
        snapshot(&mut chain, &community, &cancelled, &[]).await,
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn closing_a_sold_auction_before_handover_or_an_open_auction_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (sold, _winner) = sold_auction(&mut chain, &community, &seller).await;
    let open = chain
        .listed_auction(
            &community,
            &seller,
            auction_terms(END, 10 * TOKEN, TOKEN, DAY),
        )
        .await;
    let before = (
        snapshot(&mut chain, &community, &sold, &[]).await,
        snapshot(&mut chain, &community, &open, &[]).await,
    );

    let sold_result = chain.close_auction(&sold).await;
    let open_result = chain.close_auction(&open).await;

    assert_error(sold_result, AmpledError::AuctionNotFinished);
    assert_error(open_result, AmpledError::AuctionNotFinished);
    let after = (
        snapshot(&mut chain, &community, &sold, &[]).await,
        snapshot(&mut chain, &community, &open, &[]).await,
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn closing_with_the_rent_sent_to_another_wallet_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let (auction, winner) = sold_auction(&mut chain, &community, &seller).await;
    chain.mark_handed_over(&auction, &winner).await.unwrap();
    let before = snapshot(&mut chain, &community, &auction, &[]).await;
    let winner_lamports = chain.lamports(&winner.pubkey()).await;

    // The winner tries to collect the record's rent.
    let result = chain
        .close_auction_with(&auction, |ix| {
            redirect(ix, &seller.pubkey(), winner.pubkey())
        })
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &[]).await,
        before
    );
    assert_eq!(chain.lamports(&winner.pubkey()).await, winner_lamports);
}

// ---------------------------------------------------------------------------------------------
// Listing validation
// ---------------------------------------------------------------------------------------------

/// Lists `terms` as `lister` and asserts it is refused with `expected` and leaves no trace.
async fn assert_listing_refused(
    case: &str,
    chain: &mut Chain,
    community: &CommunityFixture,
    lister: &Keypair,
    terms: AuctionTerms,
    expected: AmpledError,
) {
    let result = chain
        .list_member_auction(community, lister, terms.clone())
        .await;
    match result {
        Ok(_) => panic!("{case}: the listing succeeded"),
        Err(failure) => assert_eq!(
            failure.code(),
            Some(u32::from(expected)),
            "{case}: got {:?}",
            failure.0
        ),
    }
    let member: Member = chain
        .account(&community.member_address(&lister.pubkey()))
        .await;
    assert_eq!(member.auctions_listed, 0);
    let address = ix::auction_address(&community.address, &lister.pubkey(), 0);
    assert!(!chain.exists(&address).await);
    assert!(!chain.exists(&ix::auction_vault_address(&address)).await);
}

#[tokio::test]
async fn an_item_title_that_is_empty_or_too_long_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let empty = AuctionTerms {
        title: String::new(),
        ..standard_terms()
    };
    let too_long = AuctionTerms {
        title: "x".repeat(MAX_ITEM_TITLE_LEN + 1),
        ..standard_terms()
    };

    for (case, terms) in [("empty title", empty), ("65-byte title", too_long)] {
        let expected = AmpledError::InvalidItemTitle;
        assert_listing_refused(case, &mut chain, &community, &seller, terms, expected).await;
    }
    // 64 bytes is the limit, not over it.
    let longest = AuctionTerms {
        title: "x".repeat(MAX_ITEM_TITLE_LEN),
        ..standard_terms()
    };
    chain.listed_auction(&community, &seller, longest).await;
}

#[tokio::test]
async fn a_zero_reserve_or_a_zero_increment_is_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;

    let zero_reserve = auction_terms(T0, 0, TOKEN, DAY);
    let zero_increment = auction_terms(T0, 10 * TOKEN, 0, DAY);

    for (case, terms) in [
        ("zero reserve", zero_reserve),
        ("zero increment", zero_increment),
    ] {
        let expected = AmpledError::ZeroAmount;
        assert_listing_refused(case, &mut chain, &community, &seller, terms, expected).await;
    }
}

#[tokio::test]
async fn auction_times_that_end_before_they_start_in_the_past_or_after_90_days_are_refused() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    let at = |starts_at: i64, ends_at: i64| AuctionTerms {
        starts_at,
        ends_at,
        ..standard_terms()
    };
    let refused = [
        ("ends when it starts", at(T0 + HOUR, T0 + HOUR)),
        ("ends before it starts", at(T0 + 2 * HOUR, T0 + HOUR)),
        ("ended already", at(T0 - 2 * DAY, T0 - 1)),
        ("ends this very second", at(T0 - DAY, T0)),
        ("runs 90 days and a second", at(T0, T0 + 90 * DAY + 1)),
        (
            "runs 90 days and a second from a later start",
            at(T0 + DAY, T0 + 91 * DAY + 1),
        ),
        (
            "snipe window over a day",
            AuctionTerms {
                snipe_window_secs: DAY + 1,
                ..standard_terms()
            },
        ),
        (
            "snipe extension over a day",
            AuctionTerms {
                snipe_extension_secs: DAY + 1,
                ..standard_terms()
            },
        ),
        (
            "negative snipe window",
            AuctionTerms {
                snipe_window_secs: -1,
                ..standard_terms()
            },
        ),
    ];

    for (case, terms) in refused {
        let expected = AmpledError::InvalidAuctionTimes;
        assert_listing_refused(case, &mut chain, &community, &seller, terms, expected).await;
    }
    // Exactly 90 days, with a start already past, is accepted.
    chain
        .listed_auction(&community, &seller, at(T0 - DAY, T0 + 90 * DAY))
        .await;
}

#[tokio::test]
async fn a_non_member_cannot_list_an_item() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let outsider = chain.wallet().await;
    let address = ix::auction_address(&community.address, &outsider.pubkey(), 0);

    let result = chain
        .list_member_auction(&community, &outsider, standard_terms())
        .await;

    assert_error(result, AnchorError::AccountNotInitialized);
    assert!(!chain.exists(&address).await);
    assert!(!chain.exists(&ix::auction_vault_address(&address)).await);
}

// ---------------------------------------------------------------------------------------------
// No shill bidding
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_seller_cannot_open_or_raise_the_bidding_on_their_own_auction() {
    let Market {
        mut chain,
        community,
        seller,
    } = market().await;
    chain
        .reward_member(&community, &seller.pubkey(), 100 * TOKEN)
        .await;
    let auction = chain
        .listed_auction(&community, &seller, standard_terms())
        .await;
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    let wallets = [seller.pubkey(), ana.pubkey()];
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let opening = chain.bid(&community, &auction, &seller, 10 * TOKEN).await;

    assert_error(opening, AmpledError::SellerCannotBid);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );

    // Ana bids; pushing her price up is what a shill bid is for.
    chain
        .bid(&community, &auction, &ana, 12 * TOKEN)
        .await
        .unwrap();
    let before = snapshot(&mut chain, &community, &auction, &wallets).await;

    let raise = chain.bid(&community, &auction, &seller, 20 * TOKEN).await;

    assert_error(raise, AmpledError::SellerCannotBid);
    assert_eq!(
        snapshot(&mut chain, &community, &auction, &wallets).await,
        before
    );
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.highest_bidder, Some(ana.pubkey()));
    assert_eq!(state.highest_bid, 12 * TOKEN);
    assert_balances(
        &mut chain,
        &community,
        &[
            ("seller", seller.pubkey(), 100 * TOKEN),
            ("Ana", ana.pubkey(), 88 * TOKEN),
        ],
    )
    .await;
}

#[tokio::test]
async fn the_member_who_proposed_a_coop_auction_may_bid_on_it() {
    let Market {
        mut chain,
        community,
        seller: proposer,
    } = market().await;
    chain
        .reward_member(&community, &proposer.pubkey(), 100 * TOKEN)
        .await;
    // The item is the co-op's: its proposer is a buyer like any other.
    let auction = chain
        .list_coop_auction(&community, standard_terms(), false, &[0, 1])
        .await;
    assert_eq!(auction.lister.pubkey(), proposer.pubkey());

    chain
        .bid(&community, &auction.address, &proposer, 15 * TOKEN)
        .await
        .unwrap();
    chain.set_time(END).await;
    chain.settle(&community, &auction.address).await.unwrap();

    assert_eq!(chain.balance(&community.treasury).await, 15 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &proposer.pubkey()).await,
        85 * TOKEN
    );
    let state: Auction = chain.account(&auction.address).await;
    assert_eq!(state.highest_bidder, Some(proposer.pubkey()));
}

// ---------------------------------------------------------------------------------------------
// A co-op auction's bidding time counts from its listing
// ---------------------------------------------------------------------------------------------

/// Member 0 proposes a co-op auction on `terms` at the current time and members 0 and 1 approve
/// it; returns the proposal.
async fn propose_coop_auction(
    chain: &mut Chain,
    community: &CommunityFixture,
    terms: AuctionTerms,
) -> Pubkey {
    let action = ProposalAction::ListAuction {
        terms,
        burn_proceeds: false,
    };
    chain.passed_proposal(community, action, &[0, 1]).await
}

#[tokio::test]
async fn a_coop_auctions_bidding_window_counts_from_its_execution_not_its_proposal() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let proposer = community.member(0).pubkey();
    let auction = ix::auction_address(&community.address, &proposer, 0);
    let proposal = propose_coop_auction(
        &mut chain,
        &community,
        auction_terms(T0, 10 * TOKEN, TOKEN, 3 * DAY),
    )
    .await;
    // The vote takes two of the three days the members meant for bidding.
    chain.set_time(T0 + 2 * DAY).await;

    let emitted = chain.execute(&community, &proposal).await.unwrap();

    let executed_at = T0 + 2 * DAY;
    let state: Auction = chain.account(&auction).await;
    assert_eq!(state.terms.starts_at, executed_at);
    assert_eq!(state.terms.ends_at, executed_at + 3 * DAY);
    let listed: AuctionListed = emitted.one();
    assert_eq!(
        (listed.terms.starts_at, listed.terms.ends_at),
        (executed_at, executed_at + 3 * DAY)
    );
    let ana = holder(&mut chain, &community, 100 * TOKEN).await;
    chain.set_time(executed_at + 5 * DAY / 2).await;
    chain
        .bid(&community, &auction, &ana, 10 * TOKEN)
        .await
        .expect("still within the three days of bidding");
    chain.set_time(executed_at + 3 * DAY).await;
    let ben = holder(&mut chain, &community, 100 * TOKEN).await;
    assert_error(
        chain.bid(&community, &auction, &ben, 20 * TOKEN).await,
        AmpledError::AuctionEnded,
    );
}

#[tokio::test]
async fn a_coop_auction_set_to_start_after_its_execution_keeps_its_schedule() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let proposer = community.member(0).pubkey();
    let auction = ix::auction_address(&community.address, &proposer, 0);
    let terms = AuctionTerms {
        starts_at: T0 + 4 * DAY,
        ends_at: T0 + 5 * DAY,
        ..standard_terms()
    };
    let proposal = propose_coop_auction(&mut chain, &community, terms.clone()).await;
    chain.set_time(T0 + 2 * DAY).await;

    chain.execute(&community, &proposal).await.unwrap();

    let state: Auction = chain.account(&auction).await;
    assert_eq!(
        (state.terms.starts_at, state.terms.ends_at),
        (terms.starts_at, terms.ends_at)
    );
}

#[tokio::test]
async fn a_coop_listing_that_started_in_the_past_cannot_stretch_its_bidding_window() {
    let Market {
        mut chain,
        community,
        seller: _,
    } = market().await;
    let proposer = community.member(0).pubkey();
    let auction = ix::auction_address(&community.address, &proposer, 0);
    // Members see three days of bidding left; a start a month back must not add that month.
    let terms = AuctionTerms {
        starts_at: T0 - 30 * DAY,
        ends_at: T0 + 3 * DAY,
        ..standard_terms()
    };
    let proposal = propose_coop_auction(&mut chain, &community, terms).await;
    chain.set_time(T0 + DAY).await;

    chain.execute(&community, &proposal).await.unwrap();

    let state: Auction = chain.account(&auction).await;
    assert_eq!(
        (state.terms.starts_at, state.terms.ends_at),
        (T0 + DAY, T0 + 4 * DAY)
    );
}
