//! Member-funded bounties, the peer-to-peer side: a member escrows their own tokens, decides the
//! claims on their bounty themselves, and takes back whatever was not paid out when it ends.
#![allow(deprecated)]

use ampled::events::{
    BountyCancelled, BountyClaimPaid, BountyClaimRejected, BountyClaimed, BountyClosed,
    BountyExpired, BountyPosted, ClaimClosed, ClaimWithdrawn,
};
use ampled::state::*;
use ampled_tests::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_interface::TokenAccount;
use solana_keypair::Keypair;
use solana_signer::Signer;

// ---------------------------------------------------------------------------------------------
// Local helpers
// ---------------------------------------------------------------------------------------------

/// What the poster holds before posting in most tests.
const POSTER_FUNDS: u64 = 100 * TOKEN;
/// Reward per claim in most tests.
const REWARD: u64 = 10 * TOKEN;

/// A community of `members` founders whose member 0 holds `POSTER_FUNDS`; returns that poster.
async fn funded_community(chain: &mut Chain, members: usize) -> (CommunityFixture, Keypair) {
    let community = chain.community(members).await;
    let poster = community.member(0).insecure_clone();
    chain
        .reward_member(&community, &poster.pubkey(), POSTER_FUNDS)
        .await;
    (community, poster)
}

/// Everything a bounty instruction could move, to prove a refused one moved nothing: token
/// balances of the poster, vault and claimant, and the raw bounty, vault, claim and member records.
#[derive(Debug, PartialEq, Eq)]
struct Snapshot {
    poster_tokens: u64,
    vault_tokens: u64,
    claimant_tokens: u64,
    /// Lamports and data of the bounty, vault, claim, poster's and claimant's member records.
    raw: Vec<RawAccount>,
}

/// The bounty and the two parties a snapshot watches.
struct Watched {
    bounty: Pubkey,
    poster: Pubkey,
    claimant: Pubkey,
}

impl Watched {
    fn of(bounty: Pubkey, poster: Pubkey, claimant: Pubkey) -> Self {
        Self {
            bounty,
            poster,
            claimant,
        }
    }
}

async fn snapshot(chain: &mut Chain, community: &CommunityFixture, watched: &Watched) -> Snapshot {
    let Watched {
        bounty,
        poster,
        claimant,
    } = watched;
    let vault = ix::bounty_vault_address(bounty);
    let addresses = [
        *bounty,
        vault,
        ix::claim_address(bounty, claimant),
        community.member_address(poster),
        community.member_address(claimant),
    ];
    let raw = chain.snapshot(&addresses).await;
    Snapshot {
        poster_tokens: chain.wallet_balance(community, poster).await,
        vault_tokens: chain.balance(&vault).await,
        claimant_tokens: chain.wallet_balance(community, claimant).await,
        raw,
    }
}

/// Terms with a deadline `secs` from now.
fn terms_due_in(chain: &Chain, reward: u64, max_claims: u32, secs: i64) -> BountyTerms {
    BountyTerms {
        deadline: Some(chain.now() + secs),
        ..bounty_terms(reward, max_claims)
    }
}

/// Leaves out an escrow bounty's vault, refund account and rent payer, as for a co-op bounty.
fn as_coop_bounty(accounts: &mut ampled::accounts::EndBounty) {
    accounts.vault = None;
    accounts.poster_tokens = None;
    accounts.rent_payer = None;
}

async fn member_record(chain: &mut Chain, community: &CommunityFixture, wallet: &Pubkey) -> Member {
    chain.account(&community.member_address(wallet)).await
}

// ---------------------------------------------------------------------------------------------
// Posting
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn posting_moves_reward_times_max_claims_into_a_vault_owned_by_the_community() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = bounty_terms(REWARD, 3);

    let post = ix::post_bounty(
        &community.address,
        &community.mint,
        &poster.pubkey(),
        0,
        terms.clone(),
    );
    let emitted = chain.send(&[post], &[&poster]).await.unwrap();

    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);
    let vault = ix::bounty_vault_address(&address);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - 30 * TOKEN
    );
    let escrow: TokenAccount = chain.account(&vault).await;
    assert_eq!(escrow.amount, 30 * TOKEN);
    assert_eq!(
        escrow.owner, community.address,
        "only the community PDA can move the escrow"
    );
    assert_eq!(escrow.mint, community.mint);
    let vault_account = chain.ctx.banks_client.get_account(vault).await.unwrap();
    assert_eq!(vault_account.unwrap().owner, anchor_spl::token_2022::ID);
    assert_eq!(
        chain.supply(&community).await,
        POSTER_FUNDS,
        "nothing minted"
    );

    let bounty: Bounty = chain.account(&address).await;
    assert_eq!(bounty.funding, BountyFunding::Member);
    assert_eq!(bounty.status, BountyStatus::Open);
    assert_eq!(bounty.poster, poster.pubkey());
    assert_eq!(bounty.rent_payer, poster.pubkey());
    assert_eq!(bounty.community, community.address);
    assert_eq!(bounty.nonce, 0);
    assert_eq!(bounty.reward, REWARD);
    assert_eq!(bounty.max_claims, 3);
    assert_eq!(bounty.title, terms.title);
    assert_eq!(bounty.uri, terms.uri);
    assert_eq!(bounty.category, terms.category);
    assert_eq!(bounty.deadline, None);
    assert_eq!((bounty.open_claims, bounty.paid_claims), (0, 0));
    assert_eq!(bounty.created_at, chain.now());
    assert_eq!(bounty.ended_at, None);
    let (derived_vault, vault_bump) =
        Pubkey::find_program_address(&[BOUNTY_VAULT_SEED, address.as_ref()], &ampled::ID);
    assert_eq!((derived_vault, bounty.vault_bump), (vault, vault_bump));
    let member = member_record(&mut chain, &community, &poster.pubkey()).await;
    assert_eq!(member.bounties_posted, 1);

    let event: BountyPosted = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, address);
    assert_eq!(event.poster, poster.pubkey());
    assert_eq!(event.funding, BountyFunding::Member);
    assert_eq!(event.terms, terms);
    assert_eq!(event.escrowed, 30 * TOKEN);
    assert_eq!(event.proposal, None);
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn a_second_bounty_by_the_same_poster_gets_its_own_address_and_vault() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let first = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 1))
        .await
        .unwrap();

    let second = chain
        .post_member_bounty(&community, &poster, bounty_terms(5 * TOKEN, 2))
        .await
        .unwrap();

    assert_ne!(first.address, second.address);
    assert_eq!(
        second.address,
        ix::bounty_address(&community.address, &poster.pubkey(), 1)
    );
    assert_eq!(chain.account::<Bounty>(&second.address).await.nonce, 1);
    let member = member_record(&mut chain, &community, &poster.pubkey()).await;
    assert_eq!(member.bounties_posted, 2);
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&first.address))
            .await,
        REWARD
    );
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&second.address))
            .await,
        10 * TOKEN
    );
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - 20 * TOKEN
    );
}

#[tokio::test]
async fn escrow_of_exactly_the_posters_balance_is_accepted() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;

    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(25 * TOKEN, 4))
        .await
        .unwrap();

    assert_eq!(chain.wallet_balance(&community, &poster.pubkey()).await, 0);
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&bounty.address))
            .await,
        POSTER_FUNDS
    );
}

#[tokio::test]
async fn posting_more_escrow_than_the_poster_holds_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);
    let watched = Watched::of(address, poster.pubkey(), poster.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    // 34 x 3 = 102 tokens, two more than the poster has.
    let result = chain
        .post_member_bounty(&community, &poster, bounty_terms(34 * TOKEN, 3))
        .await;

    assert_error(result.map(|b| b.address), AmpledError::InsufficientBalance);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.poster_tokens, POSTER_FUNDS);
    assert!(!chain.exists(&address).await);
    assert!(!chain.exists(&ix::bounty_vault_address(&address)).await);
}

#[tokio::test]
async fn a_non_member_cannot_post_a_bounty_even_holding_tokens() {
    let mut chain = Chain::start().await;
    let community = chain.community(2).await;
    let outsider = chain.wallet().await;
    chain
        .reward_member(&community, &outsider.pubkey(), POSTER_FUNDS)
        .await;
    let address = ix::bounty_address(&community.address, &outsider.pubkey(), 0);

    let result = chain
        .post_member_bounty(&community, &outsider, bounty_terms(REWARD, 1))
        .await;

    assert_error(result, AnchorError::AccountNotInitialized);
    assert_eq!(
        chain.wallet_balance(&community, &outsider.pubkey()).await,
        POSTER_FUNDS
    );
    assert!(!chain.exists(&address).await);
    assert!(!chain.exists(&ix::bounty_vault_address(&address)).await);
}

#[tokio::test]
async fn a_removed_member_cannot_post_a_bounty() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let leaver = community.member(2).insecure_clone();
    chain
        .reward_member(&community, &leaver.pubkey(), POSTER_FUNDS)
        .await;
    let removal = chain
        .passed_proposal(
            &community,
            ProposalAction::RemoveMember {
                wallet: leaver.pubkey(),
            },
            &[0, 1],
        )
        .await;
    chain.execute(&community, &removal).await.unwrap();
    let record = member_record(&mut chain, &community, &leaver.pubkey()).await;
    assert_eq!(record.status, MemberStatus::Removed);
    let address = ix::bounty_address(&community.address, &leaver.pubkey(), 0);
    let watched = Watched::of(address, leaver.pubkey(), leaver.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .post_member_bounty(&community, &leaver, bounty_terms(REWARD, 1))
        .await;

    assert_error(result.map(|b| b.address), AmpledError::NotActiveMember);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(!chain.exists(&address).await);
}

#[tokio::test]
async fn an_escrow_that_overflows_reward_times_max_claims_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);

    let result = chain
        .post_member_bounty(&community, &poster, bounty_terms(u64::MAX / 2 + 1, 2))
        .await;

    assert_error(result.map(|b| b.address), AmpledError::MathOverflow);
    assert!(!chain.exists(&address).await);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS
    );
    let member = member_record(&mut chain, &community, &poster.pubkey()).await;
    assert_eq!(member.bounties_posted, 0);
}

#[tokio::test]
async fn posting_with_another_communitys_mint_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let other = chain.community_named("other", 1, default_rules()).await;
    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);

    let result = chain
        .post_member_bounty_with(&community, &poster, bounty_terms(REWARD, 1), |accounts| {
            accounts.mint = other.mint
        })
        .await;

    assert_error(result, AmpledError::WrongMint);
    assert!(!chain.exists(&address).await);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS
    );
}

#[tokio::test]
async fn paying_the_escrow_from_another_members_token_account_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let victim = community.member(1).pubkey();
    chain.reward_member(&community, &victim, 50 * TOKEN).await;
    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);
    let watched = Watched::of(address, poster.pubkey(), victim);
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .post_member_bounty_with(&community, &poster, bounty_terms(REWARD, 5), |accounts| {
            accounts.poster_tokens = community.ata(&victim)
        })
        .await;

    assert_error(result, AnchorError::ConstraintTokenOwner);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.claimant_tokens, 50 * TOKEN, "the victim keeps it all");
    assert!(!chain.exists(&address).await);
}

#[tokio::test]
async fn invalid_terms_are_refused_before_any_escrow_moves() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let address = ix::bounty_address(&community.address, &poster.pubkey(), 0);
    let valid = bounty_terms(REWARD, 2);
    let cases = [
        (
            BountyTerms {
                title: String::new(),
                ..valid.clone()
            },
            AmpledError::InvalidBountyTitle,
        ),
        (
            BountyTerms {
                title: "t".repeat(65),
                ..valid.clone()
            },
            AmpledError::InvalidBountyTitle,
        ),
        (
            BountyTerms {
                uri: "u".repeat(201),
                ..valid.clone()
            },
            AmpledError::UriTooLong,
        ),
        (
            BountyTerms {
                reward: 0,
                ..valid.clone()
            },
            AmpledError::ZeroAmount,
        ),
        (
            BountyTerms {
                max_claims: 0,
                ..valid.clone()
            },
            AmpledError::InvalidMaxClaims,
        ),
        (
            BountyTerms {
                max_claims: 1_001,
                reward: 1,
                ..valid.clone()
            },
            AmpledError::InvalidMaxClaims,
        ),
        (
            BountyTerms {
                deadline: Some(chain.now()),
                ..valid.clone()
            },
            AmpledError::DeadlineInPast,
        ),
    ];
    let watched = Watched::of(address, poster.pubkey(), poster.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    for (terms, expected) in cases {
        let result = chain.post_member_bounty(&community, &poster, terms).await;
        assert_error(result.map(|b| b.address), expected);
    }

    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(!chain.exists(&address).await);
}

// ---------------------------------------------------------------------------------------------
// Approving
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn poster_approval_pays_a_new_wallet_from_escrow_into_a_token_account_created_for_it() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    assert!(!chain.exists(&community.ata(&fan.pubkey())).await);

    let emitted = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();

    let ata: TokenAccount = chain.account(&community.ata(&fan.pubkey())).await;
    assert_eq!(ata.amount, REWARD);
    assert_eq!(ata.owner, fan.pubkey());
    assert_eq!(chain.balance(&vault).await, 20 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - 30 * TOKEN,
        "paid from escrow, not from the poster's wallet"
    );
    assert_eq!(
        chain.supply(&community).await,
        POSTER_FUNDS,
        "nothing minted"
    );
    assert!(
        !chain.exists(&community.member_address(&fan.pubkey())).await,
        "paying a non-member creates no member record"
    );

    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Paid);
    assert_eq!(stored.decided_by, Some(poster.pubkey()));
    assert_eq!(stored.settled_at, Some(chain.now()));
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.paid_claims, 1);
    assert_eq!((state.open_claims, state.submitted_claims), (0, 0));
    assert_eq!(state.status, BountyStatus::Open);

    let paid: BountyClaimPaid = emitted.one();
    assert_eq!(paid.community, community.address);
    assert_eq!(paid.bounty, bounty.address);
    assert_eq!(paid.claim, claim);
    assert_eq!(paid.claimant, fan.pubkey());
    assert_eq!(paid.category, BountyCategory::StreetTeam);
    assert_eq!(paid.funding, BountyFunding::Member);
    assert_eq!(paid.amount, REWARD);
    assert_eq!(paid.approved_by, poster.pubkey());
    assert_eq!(paid.member_total_earned, None);
    assert_eq!(paid.timestamp, chain.now());
}

#[tokio::test]
async fn a_member_paid_by_a_member_bounty_has_it_recorded_in_their_time_bank() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let helper = community.member(1).insecure_clone();
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &helper).await;
    let before = member_record(&mut chain, &community, &helper.pubkey()).await;

    let emitted = chain
        .approve_bounty_claim(&community, &bounty.address, &helper.pubkey(), &poster)
        .await
        .unwrap();

    let after = member_record(&mut chain, &community, &helper.pubkey()).await;
    assert_eq!(after.total_earned, before.total_earned + REWARD);
    assert_eq!(after.rewards_received, before.rewards_received + 1);
    assert_eq!(
        emitted.one::<BountyClaimPaid>().member_total_earned,
        Some(before.total_earned + REWARD)
    );
    assert_eq!(
        chain.wallet_balance(&community, &helper.pubkey()).await,
        REWARD
    );
}

#[tokio::test]
async fn another_member_cannot_approve_a_claim_on_someone_elses_bounty() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 3).await;
    let intruder = community.member(1).insecure_clone();
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &intruder)
        .await;

    assert_error(result, AmpledError::NotBountyPoster);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(!chain.exists(&community.ata(&fan.pubkey())).await);
}

#[tokio::test]
async fn a_claimant_cannot_approve_their_own_claim() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &fan)
        .await;

    assert_error(result, AmpledError::NotBountyPoster);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    let claim: Claim = chain
        .account(&ix::claim_address(&bounty.address, &fan.pubkey()))
        .await;
    assert_eq!(claim.status, ClaimStatus::Submitted);
}

#[tokio::test]
async fn approving_a_claim_without_evidence_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain
        .claim_bounty(&bounty.address, &fan)
        .await
        .expect("claim");
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await;

    assert_error(result, AmpledError::EvidenceNotSubmitted);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn paying_the_same_claim_twice_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await;

    assert_error(result, AmpledError::ClaimAlreadyPaid);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.claimant_tokens, REWARD);
    assert_eq!(after.vault_tokens, 20 * TOKEN);
}

#[tokio::test]
async fn the_last_payment_completes_the_bounty_and_closes_the_vault_with_rent_to_the_poster() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    let (first, second) = (chain.wallet().await, chain.wallet().await);
    chain.claim_and_submit(&bounty.address, &first).await;
    chain.claim_and_submit(&bounty.address, &second).await;
    chain
        .approve_bounty_claim(&community, &bounty.address, &first.pubkey(), &poster)
        .await
        .unwrap();
    let vault_rent = chain.lamports(&vault).await;
    let poster_lamports = chain.lamports(&poster.pubkey()).await;

    chain
        .approve_bounty_claim(&community, &bounty.address, &second.pubkey(), &poster)
        .await
        .unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &second.pubkey()).await,
        REWARD
    );
    assert!(!chain.exists(&vault).await, "the empty vault is closed");
    // The poster paid for the second claimant's new token account and got the vault's rent back.
    let ata_rent = chain.lamports(&community.ata(&second.pubkey())).await;
    assert_eq!(
        chain.lamports(&poster.pubkey()).await,
        poster_lamports + vault_rent - ata_rent
    );
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.status, BountyStatus::Completed);
    assert_eq!(state.paid_claims, 2);
    assert_eq!(state.ended_at, Some(chain.now()));
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - 20 * TOKEN
    );
}

#[tokio::test]
async fn a_fully_paid_bounty_accepts_no_more_claims() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    for _ in 0..2 {
        let worker = chain.wallet().await;
        chain.claim_and_submit(&bounty.address, &worker).await;
        chain
            .approve_bounty_claim(&community, &bounty.address, &worker.pubkey(), &poster)
            .await
            .unwrap();
    }
    let late = chain.wallet().await;
    let watched = Watched::of(bounty.address, poster.pubkey(), late.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain.claim_bounty(&bounty.address, &late).await;

    assert_error(result, AmpledError::BountyFullyPaid);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(
        !chain
            .exists(&ix::claim_address(&bounty.address, &late.pubkey()))
            .await
    );
}

#[tokio::test]
async fn a_third_claimant_cannot_be_paid_beyond_the_escrow_of_two_claims() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let workers = [
        chain.wallet().await,
        chain.wallet().await,
        chain.wallet().await,
    ];
    for worker in &workers {
        chain.claim_and_submit(&bounty.address, worker).await;
    }
    for worker in &workers[..2] {
        chain
            .approve_bounty_claim(&community, &bounty.address, &worker.pubkey(), &poster)
            .await
            .unwrap();
    }
    let third = workers[2].pubkey();
    let watched = Watched::of(bounty.address, poster.pubkey(), third);
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &third, &poster)
        .await;

    assert_error(result, AmpledError::BountyFullyPaid);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.claimant_tokens, 0);
    let claim: Claim = chain
        .account(&ix::claim_address(&bounty.address, &third))
        .await;
    assert_eq!(claim.status, ClaimStatus::Submitted);

    // The poster can still answer the late claimant.
    chain
        .reject_bounty_claim(&bounty.address, &third, &poster, "both places are taken")
        .await
        .unwrap();
    let claim: Claim = chain
        .account(&ix::claim_address(&bounty.address, &third))
        .await;
    assert_eq!(claim.status, ClaimStatus::Rejected);
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.status, BountyStatus::Completed);
    assert_eq!(
        (state.open_claims, state.submitted_claims, state.paid_claims),
        (0, 0, 2)
    );
}

#[tokio::test]
async fn paying_a_wallet_other_than_the_claimant_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    // The poster "approves" the work but routes the reward back to their own wallet.
    let me = poster.pubkey();
    let result = chain
        .approve_bounty_claim_with(
            &community,
            &bounty.address,
            &fan.pubkey(),
            &poster,
            |accounts| {
                accounts.payout.recipient = me;
                accounts.payout.recipient_tokens = community.ata(&me);
                accounts.claimant_member = community.member_address(&me);
            },
        )
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn paying_into_a_token_account_that_is_not_the_claimants_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let poster_ata = community.ata(&poster.pubkey());
    let result = chain
        .approve_bounty_claim_with(
            &community,
            &bounty.address,
            &fan.pubkey(),
            &poster,
            |accounts| accounts.payout.recipient_tokens = poster_ata,
        )
        .await;

    assert_error(result, AnchorError::ConstraintTokenOwner);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn approving_a_claim_of_another_bounty_through_this_one_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let other_poster = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &other_poster.pubkey(), 50 * TOKEN)
        .await;
    let mine = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let theirs = chain
        .post_member_bounty(&community, &other_poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let fan = chain.wallet().await;
    let their_claim = chain.claim_and_submit(&theirs.address, &fan).await;
    let mine_watched = Watched::of(mine.address, poster.pubkey(), fan.pubkey());
    let mine_before = snapshot(&mut chain, &community, &mine_watched).await;
    let theirs_watched = Watched::of(theirs.address, other_poster.pubkey(), fan.pubkey());
    let theirs_before = snapshot(&mut chain, &community, &theirs_watched).await;

    let result = chain
        .approve_bounty_claim_with(
            &community,
            &mine.address,
            &fan.pubkey(),
            &poster,
            |accounts| accounts.claim = their_claim,
        )
        .await;

    assert_error(result, AmpledError::ClaimOfOtherBounty);
    let mine_after = snapshot(&mut chain, &community, &mine_watched).await;
    let theirs_after = snapshot(&mut chain, &community, &theirs_watched).await;
    assert_eq!(mine_before, mine_after);
    assert_eq!(theirs_before, theirs_after);
}

#[tokio::test]
async fn paying_a_claim_from_another_bountys_vault_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let other_poster = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &other_poster.pubkey(), 50 * TOKEN)
        .await;
    let mine = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let theirs = chain
        .post_member_bounty(&community, &other_poster, bounty_terms(REWARD, 5))
        .await
        .unwrap();
    let their_vault = ix::bounty_vault_address(&theirs.address);
    let fan = chain.wallet().await;
    chain.claim_and_submit(&mine.address, &fan).await;
    let watched = Watched::of(mine.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim_with(
            &community,
            &mine.address,
            &fan.pubkey(),
            &poster,
            |accounts| accounts.vault = their_vault,
        )
        .await;

    assert_error(result, AmpledError::WrongVault);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(chain.balance(&their_vault).await, 50 * TOKEN);
}

#[tokio::test]
async fn a_co_op_bounty_claim_cannot_be_approved_by_its_poster_alone() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(REWARD, 2), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, bounty.poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &bounty.poster)
        .await;

    assert_error(result, AmpledError::WrongBountyFunding);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(chain.supply(&community).await, 0);
}

#[tokio::test]
async fn paying_a_co_op_bounty_claim_from_the_treasury_posing_as_its_vault_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let donor = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &donor.pubkey(), 50 * TOKEN)
        .await;
    chain
        .send_tokens(&community, &donor, &community.treasury, 50 * TOKEN)
        .await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(REWARD, 2), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, bounty.poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    // The treasury is a token account owned by the community PDA, like a vault.
    let treasury = community.treasury;
    let result = chain
        .approve_bounty_claim_with(
            &community,
            &bounty.address,
            &fan.pubkey(),
            &bounty.poster,
            |accounts| accounts.vault = treasury,
        )
        .await;

    assert_error(result, AmpledError::WrongBountyFunding);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(chain.balance(&community.treasury).await, 50 * TOKEN);
}

// ---------------------------------------------------------------------------------------------
// Rejecting
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn poster_rejects_a_claim_with_a_reason_and_the_escrow_stays() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let reason = "The photos show a different venue";

    let emitted = chain
        .reject_bounty_claim(&bounty.address, &fan.pubkey(), &poster, reason)
        .await
        .unwrap();

    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Rejected);
    assert_eq!(stored.rejection_reason, reason);
    assert_eq!(stored.decided_by, Some(poster.pubkey()));
    assert_eq!(stored.settled_at, Some(chain.now()));
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(
        (state.open_claims, state.submitted_claims, state.paid_claims),
        (0, 0, 0)
    );
    assert_eq!(state.status, BountyStatus::Open);
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&bounty.address))
            .await,
        20 * TOKEN
    );
    assert_eq!(chain.wallet_balance(&community, &fan.pubkey()).await, 0);

    let event: BountyClaimRejected = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, claim);
    assert_eq!(event.claimant, fan.pubkey());
    assert_eq!(event.reason, reason);
    assert_eq!(event.rejected_by, poster.pubkey());
    assert_eq!(event.timestamp, chain.now());
}

#[tokio::test]
async fn a_reason_of_exactly_128_bytes_is_accepted() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 1))
        .await
        .unwrap();
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let reason = "r".repeat(128);

    chain
        .reject_bounty_claim(&bounty.address, &fan.pubkey(), &poster, &reason)
        .await
        .unwrap();

    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.rejection_reason, reason);
}

/// Rejecting `fan`'s submitted claim with `reason` fails with `expected` and changes nothing.
async fn assert_rejection_refused(reason: &str, by_poster: bool, expected: AmpledError) {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let signer = if by_poster {
        poster.insecure_clone()
    } else {
        community.member(1).insecure_clone()
    };
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .reject_bounty_claim(&bounty.address, &fan.pubkey(), &signer, reason)
        .await;

    assert_error(result, expected);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn rejecting_without_a_reason_is_refused() {
    assert_rejection_refused("", true, AmpledError::ReasonRequired).await;
}

#[tokio::test]
async fn rejecting_with_a_129_byte_reason_is_refused() {
    assert_rejection_refused(&"r".repeat(129), true, AmpledError::ReasonTooLong).await;
}

#[tokio::test]
async fn another_member_cannot_reject_a_claim_on_someone_elses_bounty() {
    assert_rejection_refused("not good enough", false, AmpledError::NotBountyPoster).await;
}

#[tokio::test]
async fn a_rejected_wallet_cannot_claim_the_same_bounty_again() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    chain
        .reject_bounty_claim(&bounty.address, &fan.pubkey(), &poster, "no")
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain.claim_bounty(&bounty.address, &fan).await;

    assert_error(result, AmpledError::AlreadyClaimed);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn rejecting_a_co_op_bounty_claim_as_its_poster_is_refused() {
    let mut chain = Chain::start().await;
    let community = chain.community(3).await;
    let bounty = chain
        .post_coop_bounty(&community, bounty_terms(REWARD, 2), &[0, 1])
        .await;
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, bounty.poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .reject_bounty_claim(
            &bounty.address,
            &fan.pubkey(),
            &bounty.poster,
            "members decide this one",
        )
        .await;

    assert_error(result, AmpledError::WrongBountyFunding);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

// ---------------------------------------------------------------------------------------------
// Withdrawing
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_claimant_withdraws_before_the_decision_and_can_claim_again() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!((state.open_claims, state.submitted_claims), (1, 1));

    let emitted = chain.withdraw_claim(&bounty.address, &fan).await.unwrap();

    let stored: Claim = chain.account(&claim).await;
    assert_eq!(stored.status, ClaimStatus::Withdrawn);
    assert_eq!(stored.settled_at, Some(chain.now()));
    assert_eq!(stored.decided_by, None);
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(
        (state.open_claims, state.submitted_claims, state.paid_claims),
        (0, 0, 0)
    );
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&bounty.address))
            .await,
        20 * TOKEN
    );
    let event: ClaimWithdrawn = emitted.one();
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.claim, claim);
    assert_eq!(event.claimant, fan.pubkey());
    assert_eq!(event.timestamp, chain.now());

    // The same wallet claims again: the record is renewed, not duplicated.
    chain.advance(60).await;
    let emitted = chain.claim_bounty(&bounty.address, &fan).await.unwrap();

    let renewed: Claim = chain.account(&claim).await;
    assert_eq!(renewed.status, ClaimStatus::Claimed);
    assert_eq!(renewed.claimed_at, chain.now());
    assert_eq!(renewed.evidence_uri, "");
    assert_eq!(renewed.submitted_at, None);
    assert_eq!(renewed.settled_at, None);
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!((state.open_claims, state.submitted_claims), (1, 0));
    assert_eq!(emitted.one::<BountyClaimed>().claim, claim);
}

#[tokio::test]
async fn withdrawing_a_paid_claim_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 2))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain.withdraw_claim(&bounty.address, &fan).await;

    assert_error(result, AmpledError::ClaimAlreadyPaid);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

// ---------------------------------------------------------------------------------------------
// Ending
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn poster_cancels_and_gets_the_remaining_escrow_and_the_vault_rent_back() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    let vault_rent = chain.lamports(&vault).await;
    let poster_lamports = chain.lamports(&poster.pubkey()).await;

    let emitted = chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS
    );
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.lamports(&poster.pubkey()).await,
        poster_lamports + vault_rent
    );
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.status, BountyStatus::Cancelled);
    assert_eq!(state.ended_at, Some(chain.now()));
    let event: BountyCancelled = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.poster, poster.pubkey());
    assert_eq!(event.refunded, 30 * TOKEN);
    assert_eq!(event.timestamp, chain.now());
    assert!(emitted.all::<BountyExpired>().is_empty());
}

#[tokio::test]
async fn a_cancelled_bounty_accepts_no_claims_or_evidence() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let early = chain.wallet().await;
    chain
        .claim_bounty(&bounty.address, &early)
        .await
        .expect("claim");
    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();
    let late = chain.wallet().await;

    assert_error(
        chain.claim_bounty(&bounty.address, &late).await,
        AmpledError::BountyCancelled,
    );
    assert_error(
        chain
            .submit_evidence(&bounty.address, &early, "https://x.org/proof")
            .await,
        AmpledError::BountyCancelled,
    );
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!((state.open_claims, state.submitted_claims), (1, 0));
}

#[tokio::test]
async fn another_member_cannot_cancel_someone_elses_bounty() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let intruder = community.member(1).insecure_clone();
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), intruder.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .end_bounty(&community, &bounty.address, &intruder)
        .await;

    assert_error(result, AmpledError::NotBountyPoster);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.vault_tokens, 30 * TOKEN);
}

#[tokio::test]
async fn a_stranger_cannot_close_a_bounty_before_its_deadline() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let stranger = chain.wallet().await;
    chain.set_time(deadline - 1).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), stranger.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await;

    assert_error(result, AmpledError::NotBountyPoster);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn cancelling_while_evidence_awaits_review_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let fan = chain.wallet().await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &fan).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let result = chain.end_bounty(&community, &bounty.address, &poster).await;

    assert_error(result, AmpledError::ClaimsAwaitingReview);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.vault_tokens, 30 * TOKEN);
}

#[tokio::test]
async fn after_the_deadline_a_stranger_expires_the_bounty_and_the_escrow_returns_to_the_poster() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, 7 * DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;
    chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    let vault_rent = chain.lamports(&vault).await;
    let poster_lamports = chain.lamports(&poster.pubkey()).await;
    let stranger = chain.wallet().await;
    let stranger_lamports = chain.lamports(&stranger.pubkey()).await;
    chain.set_time(deadline).await;

    let emitted = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await
        .unwrap();

    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - REWARD
    );
    assert_eq!(
        chain.wallet_balance(&community, &stranger.pubkey()).await,
        0
    );
    assert!(!chain.exists(&vault).await);
    assert_eq!(
        chain.lamports(&poster.pubkey()).await,
        poster_lamports + vault_rent
    );
    assert_eq!(chain.lamports(&stranger.pubkey()).await, stranger_lamports);
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.status, BountyStatus::Expired);
    assert_eq!(state.ended_at, Some(deadline));
    let event: BountyExpired = emitted.one();
    assert_eq!(event.community, community.address);
    assert_eq!(event.bounty, bounty.address);
    assert_eq!(event.closed_by, stranger.pubkey());
    assert_eq!(event.refunded, 20 * TOKEN);
    assert_eq!(event.timestamp, deadline);
    assert!(emitted.all::<BountyCancelled>().is_empty());
}

#[tokio::test]
async fn from_the_deadline_on_no_claims_or_evidence_are_accepted() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let early = chain.wallet().await;
    chain
        .claim_bounty(&bounty.address, &early)
        .await
        .expect("claim");
    let late = chain.wallet().await;
    chain.set_time(deadline).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), early.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let late_claim = chain.claim_bounty(&bounty.address, &late).await;
    let late_evidence = chain
        .submit_evidence(&bounty.address, &early, "https://x.org/late")
        .await;

    assert_error(late_claim, AmpledError::BountyExpired);
    assert_error(late_evidence, AmpledError::BountyExpired);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(
        !chain
            .exists(&ix::claim_address(&bounty.address, &late.pubkey()))
            .await
    );
}

#[tokio::test]
async fn evidence_submitted_in_time_holds_off_expiry_until_the_poster_decides() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;
    let stranger = chain.wallet().await;
    chain.set_time(deadline + DAY).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let early_end = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await;

    assert_error(early_end, AmpledError::ClaimsAwaitingReview);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);

    // Past the deadline the poster still pays for work submitted in time; then anyone ends it.
    chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();
    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        REWARD
    );
    let emitted = chain
        .end_bounty(&community, &bounty.address, &stranger)
        .await
        .unwrap();
    assert_eq!(emitted.one::<BountyExpired>().refunded, 20 * TOKEN);
    assert_eq!(
        chain.account::<Bounty>(&bounty.address).await.status,
        BountyStatus::Expired
    );
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - REWARD
    );
}

#[tokio::test]
async fn refunding_the_escrow_to_a_token_account_other_than_the_posters_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let stranger = chain.wallet().await;
    chain
        .reward_member(&community, &stranger.pubkey(), TOKEN)
        .await;
    chain.set_time(deadline).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), stranger.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let stranger_ata = community.ata(&stranger.pubkey());
    let result = chain
        .end_bounty_with(&community, &bounty.address, &stranger, |accounts| {
            accounts.poster_tokens = Some(stranger_ata)
        })
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.claimant_tokens, TOKEN);
}

#[tokio::test]
async fn sending_the_vault_rent_to_another_wallet_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let terms = terms_due_in(&chain, REWARD, 3, DAY);
    let deadline = terms.deadline.unwrap();
    let bounty = chain
        .post_member_bounty(&community, &poster, terms)
        .await
        .unwrap();
    let stranger = chain.wallet().await;
    chain.set_time(deadline).await;
    let watched = Watched::of(bounty.address, poster.pubkey(), stranger.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;
    let stranger_lamports = chain.lamports(&stranger.pubkey()).await;

    let thief = stranger.pubkey();
    let result = chain
        .end_bounty_with(&community, &bounty.address, &stranger, |accounts| {
            accounts.rent_payer = Some(thief)
        })
        .await;

    assert_error(result, AmpledError::WalletMismatch);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(chain.lamports(&stranger.pubkey()).await, stranger_lamports);
}

#[tokio::test]
async fn ending_a_member_bounty_without_its_vault_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), poster.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    // Ending it as if it were a co-op bounty would leave the escrow stuck in the vault.
    let result = chain
        .end_bounty_with(&community, &bounty.address, &poster, as_coop_bounty)
        .await;

    assert_error(result, AmpledError::WrongVault);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn ending_a_bounty_twice_is_refused() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), poster.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let with_vault = chain.end_bounty(&community, &bounty.address, &poster).await;
    let without_vault = chain
        .end_bounty_with(&community, &bounty.address, &poster, as_coop_bounty)
        .await;

    // Whether or not the (now closed) vault is passed, the program answers how the bounty ended.
    assert_error(with_vault, AmpledError::BountyCancelled);
    assert_error(without_vault, AmpledError::BountyCancelled);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert_eq!(after.poster_tokens, POSTER_FUNDS);
}

// ---------------------------------------------------------------------------------------------
// Conservation and rent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn after_a_full_lifecycle_every_escrowed_token_is_with_the_poster_or_the_paid_claimant() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    let escrow = chain.balance(&vault).await;
    let poster_after_posting = chain.wallet_balance(&community, &poster.pubkey()).await;
    assert_eq!(escrow, 30 * TOKEN);
    let (paid, rejected) = (chain.wallet().await, chain.wallet().await);
    chain.claim_and_submit(&bounty.address, &paid).await;
    chain.claim_and_submit(&bounty.address, &rejected).await;

    chain
        .approve_bounty_claim(&community, &bounty.address, &paid.pubkey(), &poster)
        .await
        .unwrap();
    chain
        .reject_bounty_claim(
            &bounty.address,
            &rejected.pubkey(),
            &poster,
            "not this time",
        )
        .await
        .unwrap();
    let cancelled = chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();

    let poster_refund =
        chain.wallet_balance(&community, &poster.pubkey()).await - poster_after_posting;
    let paid_out = chain.wallet_balance(&community, &paid.pubkey()).await;
    assert_eq!(paid_out, REWARD);
    assert_eq!(poster_refund, 20 * TOKEN);
    assert_eq!(
        chain.wallet_balance(&community, &rejected.pubkey()).await,
        0
    );
    assert!(!chain.exists(&vault).await, "no vault left holding tokens");
    assert_eq!(poster_refund + paid_out, escrow);
    assert_eq!(cancelled.one::<BountyCancelled>().refunded, poster_refund);
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await + paid_out,
        POSTER_FUNDS
    );
    assert_eq!(chain.supply(&community).await, POSTER_FUNDS);
}

#[tokio::test]
async fn an_ended_bounty_with_an_open_claim_cannot_be_closed_until_that_claim_is() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let idle = chain.wallet().await;
    chain
        .claim_bounty(&bounty.address, &idle)
        .await
        .expect("claim");
    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), idle.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let close = ix::close_bounty(&bounty.address, &poster.pubkey());
    let result = chain.send(&[close], &[]).await;

    assert_error(result, AmpledError::BountyNotSettled);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
}

#[tokio::test]
async fn closing_claims_and_the_ended_bounty_returns_each_rent_to_whoever_paid_it() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let (paid, idle) = (chain.wallet().await, chain.wallet().await);
    let paid_claim = chain.claim_and_submit(&bounty.address, &paid).await;
    chain
        .claim_bounty(&bounty.address, &idle)
        .await
        .expect("claim");
    let idle_claim = ix::claim_address(&bounty.address, &idle.pubkey());
    chain
        .approve_bounty_claim(&community, &bounty.address, &paid.pubkey(), &poster)
        .await
        .unwrap();
    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();

    // The idle claim is still open on the ended bounty: closing it releases the bounty too.
    let idle_rent = chain.lamports(&idle_claim).await;
    let idle_lamports = chain.lamports(&idle.pubkey()).await;
    let emitted = chain
        .close_claim(&bounty.address, &idle.pubkey())
        .await
        .unwrap();
    assert!(!chain.exists(&idle_claim).await);
    assert_eq!(
        chain.lamports(&idle.pubkey()).await,
        idle_lamports + idle_rent
    );
    let closed: ClaimClosed = emitted.one();
    assert_eq!(closed.status, ClaimStatus::Claimed);
    assert_eq!(closed.rent_returned_to, idle.pubkey());
    assert_eq!(
        chain.account::<Bounty>(&bounty.address).await.open_claims,
        0
    );

    // Now the bounty itself: its rent goes back to the poster.
    let bounty_rent = chain.lamports(&bounty.address).await;
    let poster_lamports = chain.lamports(&poster.pubkey()).await;
    let close = ix::close_bounty(&bounty.address, &poster.pubkey());
    let emitted = chain.send(&[close], &[]).await.unwrap();
    assert!(!chain.exists(&bounty.address).await);
    assert_eq!(
        chain.lamports(&poster.pubkey()).await,
        poster_lamports + bounty_rent
    );
    let closed: BountyClosed = emitted.one();
    assert_eq!(closed.bounty, bounty.address);
    assert_eq!(closed.rent_returned_to, poster.pubkey());

    // A settled claim can still be closed after its bounty is gone.
    let paid_rent = chain.lamports(&paid_claim).await;
    let paid_lamports = chain.lamports(&paid.pubkey()).await;
    let close_paid = ix::close_claim(&bounty.address, &paid.pubkey());
    let emitted = chain.send(&[close_paid], &[]).await.unwrap();
    assert!(!chain.exists(&paid_claim).await);
    assert_eq!(
        chain.lamports(&paid.pubkey()).await,
        paid_lamports + paid_rent
    );
    assert_eq!(emitted.one::<ClaimClosed>().status, ClaimStatus::Paid);
    assert_eq!(
        chain.wallet_balance(&community, &paid.pubkey()).await,
        REWARD
    );
}

#[tokio::test]
async fn a_paid_or_rejected_claim_stays_on_record_while_the_bounty_is_open() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let (paid, rejected) = (chain.wallet().await, chain.wallet().await);
    chain.claim_and_submit(&bounty.address, &paid).await;
    chain.claim_and_submit(&bounty.address, &rejected).await;
    chain
        .approve_bounty_claim(&community, &bounty.address, &paid.pubkey(), &poster)
        .await
        .unwrap();
    chain
        .reject_bounty_claim(&bounty.address, &rejected.pubkey(), &poster, "no")
        .await
        .unwrap();
    let paid_watched = Watched::of(bounty.address, poster.pubkey(), paid.pubkey());
    let rejected_watched = Watched::of(bounty.address, poster.pubkey(), rejected.pubkey());
    let paid_before = snapshot(&mut chain, &community, &paid_watched).await;
    let rejected_before = snapshot(&mut chain, &community, &rejected_watched).await;

    // Were the paid claim closable now, the same wallet could claim and be paid a second time.
    let close_paid = ix::close_claim(&bounty.address, &paid.pubkey());
    let close_paid = chain.send(&[close_paid], &[]).await;
    let close_rejected = ix::close_claim(&bounty.address, &rejected.pubkey());
    let close_rejected = chain.send(&[close_rejected], &[]).await;

    assert_error(close_paid, AmpledError::ClaimStillOpen);
    assert_error(close_rejected, AmpledError::ClaimStillOpen);
    assert_eq!(
        paid_before,
        snapshot(&mut chain, &community, &paid_watched).await
    );
    assert_eq!(
        rejected_before,
        snapshot(&mut chain, &community, &rejected_watched).await
    );
}

#[tokio::test]
async fn a_withdrawn_claim_can_be_closed_while_the_bounty_is_open() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    chain.withdraw_claim(&bounty.address, &fan).await.unwrap();
    let claim_rent = chain.lamports(&claim).await;
    let fan_lamports = chain.lamports(&fan.pubkey()).await;

    let close = ix::close_claim(&bounty.address, &fan.pubkey());
    let emitted = chain.send(&[close], &[]).await.unwrap();

    assert!(!chain.exists(&claim).await);
    assert_eq!(
        chain.lamports(&fan.pubkey()).await,
        fan_lamports + claim_rent
    );
    assert_eq!(emitted.one::<ClaimClosed>().status, ClaimStatus::Withdrawn);
    let state: Bounty = chain.account(&bounty.address).await;
    assert_eq!(state.status, BountyStatus::Open);
    assert_eq!((state.open_claims, state.submitted_claims), (0, 0));
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&bounty.address))
            .await,
        30 * TOKEN
    );
}

#[tokio::test]
async fn claim_rent_cannot_be_sent_to_anyone_but_the_claimant() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 3))
        .await
        .unwrap();
    let fan = chain.wallet().await;
    let claim = chain.claim_and_submit(&bounty.address, &fan).await;
    chain
        .reject_bounty_claim(&bounty.address, &fan.pubkey(), &poster, "no")
        .await
        .unwrap();
    // Ended, so the claim could be closed: only its rent's destination is wrong.
    chain
        .end_bounty(&community, &bounty.address, &poster)
        .await
        .unwrap();
    let watched = Watched::of(bounty.address, poster.pubkey(), fan.pubkey());
    let before = snapshot(&mut chain, &community, &watched).await;

    let close = ix::instruction(
        ampled::accounts::CloseClaim {
            claim,
            bounty: bounty.address,
            claimant: poster.pubkey(),
            event_authority: ix::event_authority(),
            program: ampled::ID,
        },
        ampled::instruction::CloseClaim {},
    );
    let result = chain.send(&[close], &[]).await;

    assert_error(result, AmpledError::WalletMismatch);
    let after = snapshot(&mut chain, &community, &watched).await;
    assert_eq!(before, after);
    assert!(chain.exists(&claim).await);
}

// ---------------------------------------------------------------------------------------------
// Program issues found: each test states what should hold and fails today (see the report).
// Run them with `cargo test -p ampled-tests --test member_bounties -- --ignored`.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn paying_yourself_through_your_own_bounty_is_refused_so_it_cannot_grow_your_time_bank() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let before = member_record(&mut chain, &community, &poster.pubkey()).await;

    // The poster escrows all their tokens, claims the bounty themselves and approves the claim:
    // the tokens come straight back. Repeated, it would grow the "earned" total without limit.
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(POSTER_FUNDS, 1))
        .await
        .unwrap();
    chain.claim_and_submit(&bounty.address, &poster).await;
    let result = chain
        .approve_bounty_claim(&community, &bounty.address, &poster.pubkey(), &poster)
        .await;

    assert_error(result, AmpledError::CannotApproveOwnBenefit);
    let after = member_record(&mut chain, &community, &poster.pubkey()).await;
    assert_eq!(
        chain
            .balance(&ix::bounty_vault_address(&bounty.address))
            .await,
        POSTER_FUNDS
    );
    assert_eq!(
        (after.total_earned, after.rewards_received),
        (before.total_earned, before.rewards_received),
        "nobody earns from paying themselves"
    );
}

#[tokio::test]
async fn the_last_claimant_receives_exactly_the_reward_even_if_the_vault_holds_more() {
    let mut chain = Chain::start().await;
    let (community, poster) = funded_community(&mut chain, 2).await;
    let donor = community.member(1).insecure_clone();
    chain
        .reward_member(&community, &donor.pubkey(), 5 * TOKEN)
        .await;
    let bounty = chain
        .post_member_bounty(&community, &poster, bounty_terms(REWARD, 1))
        .await
        .unwrap();
    let vault = ix::bounty_vault_address(&bounty.address);
    // Anyone can send tokens to the vault, by mistake or on purpose.
    chain
        .send_tokens(&community, &donor, &vault, 5 * TOKEN)
        .await;
    let fan = chain.wallet().await;
    chain.claim_and_submit(&bounty.address, &fan).await;

    let emitted = chain
        .approve_bounty_claim(&community, &bounty.address, &fan.pubkey(), &poster)
        .await
        .unwrap();

    let paid: BountyClaimPaid = emitted.one();
    assert_eq!(paid.amount, REWARD);
    assert_eq!(
        chain.wallet_balance(&community, &fan.pubkey()).await,
        paid.amount,
        "the claimant gets what the event reports"
    );
    assert_eq!(
        chain.wallet_balance(&community, &poster.pubkey()).await,
        POSTER_FUNDS - REWARD + 5 * TOKEN,
        "the surplus goes back to the poster"
    );
    assert!(!chain.exists(&vault).await);
}
