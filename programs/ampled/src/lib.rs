//! $AMPLED: the earned, never-sold token of the Ampled music cooperative.
//!
//! Tokens are minted only when members approve a reward, one member one vote; the mint authority
//! and the treasury belong to a program PDA, so no key can mint or spend at will.
//!
//! This file only dispatches: each instruction lives in `instructions/<capability>/<verb_noun>.rs`.

// Every instruction module exports its own `handler`, called by path below; the glob re-exports
// exist for the account types Anchor's macros look up at the crate root.
#![allow(ambiguous_glob_reexports)]

use anchor_lang::prelude::*;

pub mod errors;
pub mod events;
pub mod instructions;
#[cfg(not(target_os = "solana"))]
pub mod native;
pub mod state;
pub mod utils;

use instructions::*;
use utils::only_declared_accounts;

declare_id!("2QZtyxQb7VARRYd1ZBsyy5XpmfmsEGe7UG4DJ5ayiVKC");

// Explorers and researchers read this from the deployed program to know whom to tell about a
// vulnerability; SECURITY.md is the policy it points to.
#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "$AMPLED",
    project_url: "https://ampled.com",
    contacts: "email:security@ampled.com",
    policy: "https://github.com/ampled/ampled-token/blob/main/SECURITY.md",
    preferred_languages: "en",
    source_code: "https://github.com/ampled/ampled-token"
}

#[program]
pub mod ampled {
    use super::*;

    /// Founds a co-op: its name, its Token-2022 mint with the token's name, symbol and uri (the
    /// community PDA is the only mint and metadata authority; no freeze authority), treasury,
    /// founders (1 to 10) and rules. Remaining accounts: the founders' member PDAs, in order.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn create_community<'info>(
        ctx: Context<'info, CreateCommunity<'info>>,
        args: CreateCommunityArgs,
    ) -> Result<()> {
        create_community::handler(ctx, args)
    }

    /// An active member puts one action to a vote. Actions about a member or a claim record that
    /// record's revision, so the proposal executes only while it is unchanged; a proposal that
    /// could never pass is refused.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn create_proposal(ctx: Context<CreateProposal>, args: CreateProposalArgs) -> Result<()> {
        create_proposal::handler(ctx, args)
    }

    /// One member, one vote: approve or reject, once, never weighted by tokens. A member cannot
    /// approve what pays, admits or promotes them.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn cast_vote(ctx: Context<CastVote>, args: CastVoteArgs) -> Result<()> {
        cast_vote::handler(ctx, args)
    }

    /// The proposer withdraws a proposal that has not reached enough approvals.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn cancel_proposal(ctx: Context<CancelProposal>) -> Result<()> {
        cancel_proposal::handler(ctx)
    }

    /// Anyone closes a finished proposal (executed, defeated, cancelled, expired, stale, unable to
    /// pass, or whose target changed); its rent returns to the proposer.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_proposal(ctx: Context<CloseProposal>) -> Result<()> {
        close_proposal::handler(ctx)
    }

    /// Mints an approved reward to the recipient's wallet, within the supply and issuance caps, and
    /// adds it to their time bank if they are a member.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_mint_reward(ctx: Context<ExecuteMintReward>) -> Result<()> {
        execute_mint_reward::handler(ctx)
    }

    /// An active member lists an offer or a request in the co-op's directory.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn post_listing(ctx: Context<PostListing>, args: PostListingArgs) -> Result<()> {
        post_listing::handler(ctx, args)
    }

    /// The owner edits, pauses, resumes or renews their listing.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn update_listing(ctx: Context<UpdateListing>, args: UpdateListingArgs) -> Result<()> {
        update_listing::handler(ctx, args)
    }

    /// The owner removes their listing and gets its rent back.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn remove_listing(ctx: Context<RemoveListing>) -> Result<()> {
        remove_listing::handler(ctx)
    }

    /// Opens an approved distribution, reserving its total under the caps.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_distribute(ctx: Context<ExecuteDistribute>) -> Result<()> {
        execute_distribute::handler(ctx)
    }

    /// Mints one recipient's share of a distribution to their wallet, proven by its Merkle proof.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn claim_share(ctx: Context<ClaimShare>, args: ClaimShareArgs) -> Result<()> {
        claim_share::handler(ctx, args)
    }

    /// Closes a distribution whose claims are over, releasing what was never claimed.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_distribution(ctx: Context<CloseDistribution>) -> Result<()> {
        close_distribution::handler(ctx)
    }

    /// Pays an approved amount from the treasury to the recipient's wallet.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_treasury_transfer(ctx: Context<ExecuteTreasuryTransfer>) -> Result<()> {
        execute_treasury_transfer::handler(ctx)
    }

    /// Admits the approved wallet (or re-admits a removed member with a new slot), unless its
    /// membership changed since the vote.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_add_member(ctx: Context<ExecuteAddMember>) -> Result<()> {
        execute_add_member::handler(ctx)
    }

    /// Removes the approved member: their votes stop counting at once; their record and time bank
    /// stay.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_remove_member(ctx: Context<ExecuteRemoveMember>) -> Result<()> {
        execute_remove_member::handler(ctx)
    }

    /// Gives the approved member the approved role, unless their membership changed since the vote.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_change_role(ctx: Context<ExecuteChangeRole>) -> Result<()> {
        execute_change_role::handler(ctx)
    }

    /// Replaces the community's rules with the approved ones; every other open proposal becomes
    /// stale.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_update_rules(ctx: Context<ExecuteUpdateRules>) -> Result<()> {
        execute_update_rules::handler(ctx)
    }

    /// Writes the approved name, symbol and uri into the token's mint, where wallets read them;
    /// the community PDA, their only update authority, signs.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_update_token_metadata(ctx: Context<ExecuteUpdateTokenMetadata>) -> Result<()> {
        execute_update_token_metadata::handler(ctx)
    }

    // Bounties.

    /// A member posts a bounty funded from their own tokens, escrowed in a vault only the program
    /// can spend.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn post_bounty(ctx: Context<PostBounty>, args: PostBountyArgs) -> Result<()> {
        post_bounty::handler(ctx, args)
    }

    /// Posts the approved co-op bounty; each accepted claim is minted when members approve it.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_post_bounty(ctx: Context<ExecutePostBounty>) -> Result<()> {
        execute_post_bounty::handler(ctx)
    }

    /// Any wallet, member or not, claims a bounty to work on it (one claim per wallet).
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn claim_bounty(ctx: Context<ClaimBounty>) -> Result<()> {
        claim_bounty::handler(ctx)
    }

    /// The claimant links the work done; replacing it changes the claim's revision, so a vote on
    /// older evidence cannot pay.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn submit_evidence(ctx: Context<SubmitEvidence>, args: SubmitEvidenceArgs) -> Result<()> {
        submit_evidence::handler(ctx, args)
    }

    /// The claimant gives up an undecided claim.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn withdraw_claim(ctx: Context<WithdrawClaim>) -> Result<()> {
        withdraw_claim::handler(ctx)
    }

    /// The poster of a member-funded bounty pays a submitted claim from its escrow.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn approve_bounty_claim(ctx: Context<ApproveBountyClaim>) -> Result<()> {
        approve_bounty_claim::handler(ctx)
    }

    /// The poster of a member-funded bounty rejects a submitted claim, with a reason on record.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn reject_bounty_claim(
        ctx: Context<RejectBountyClaim>,
        args: RejectBountyClaimArgs,
    ) -> Result<()> {
        reject_bounty_claim::handler(ctx, args)
    }

    /// Mints the reward of a co-op bounty claim the members approved, exactly for the evidence they
    /// saw.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_pay_bounty_claim(ctx: Context<ExecutePayBountyClaim>) -> Result<()> {
        execute_pay_bounty_claim::handler(ctx)
    }

    /// Rejects a co-op bounty claim as the members decided, with their reason on record.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_reject_bounty_claim(ctx: Context<ExecuteRejectBountyClaim>) -> Result<()> {
        execute_reject_bounty_claim::handler(ctx)
    }

    /// Sets what co-op bounties of one category may mint per period, as the members approved.
    #[access_control(only_declared_accounts(ctx.remaining_accounts))]
    pub fn execute_set_category_budget(ctx: Context<ExecuteSetCategoryBudget>) -> Result<()> {
        execute_set_category_budget::handler(ctx)
    }

    /// The poster cancels a bounty, or anyone expires it after its deadline; escrow returns to the
    /// poster. Never while evidence waits for a decision.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn end_bounty(ctx: Context<EndBounty>) -> Result<()> {
        end_bounty::handler(ctx)
    }

    /// Closes an ended bounty whose claims are all settled; rent returns to whoever paid it.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_bounty(ctx: Context<CloseBounty>) -> Result<()> {
        close_bounty::handler(ctx)
    }

    /// Closes a settled claim of an ended bounty, or a withdrawn claim; rent returns to the
    /// claimant.
    #[access_control(only_declared_accounts(ctx.remaining_accounts))]
    pub fn close_claim(ctx: Context<CloseClaim>) -> Result<()> {
        close_claim::handler(ctx)
    }

    // Commissary.

    /// A member auctions their own item for $AMPLED; proceeds go to them.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn list_auction(ctx: Context<ListAuction>, args: ListAuctionArgs) -> Result<()> {
        list_auction::handler(ctx, args)
    }

    /// Lists the approved co-op item; its bidding window starts no earlier than now, so the vote
    /// never eats bidding time.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_list_auction(ctx: Context<ExecuteListAuction>) -> Result<()> {
        execute_list_auction::handler(ctx)
    }

    /// Bids: the bid moves into escrow and the bid it beats returns to its bidder in the same
    /// transaction. The seller cannot bid.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn place_bid(ctx: Context<PlaceBid>, args: PlaceBidArgs) -> Result<()> {
        place_bid::handler(ctx, args)
    }

    /// Anyone settles an ended auction: the winning bid goes to the seller, the treasury, or is
    /// burned, as listed.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn settle_auction(ctx: Context<SettleAuction>) -> Result<()> {
        settle_auction::handler(ctx)
    }

    /// The lister cancels before the first bid.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn cancel_auction(ctx: Context<CancelAuction>) -> Result<()> {
        cancel_auction::handler(ctx)
    }

    /// The winner or the seller records that the item changed hands.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn mark_handed_over(ctx: Context<MarkHandedOver>) -> Result<()> {
        mark_handed_over::handler(ctx)
    }

    /// Closes a finished auction record; rent returns to whoever paid it.
    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_auction(ctx: Context<CloseAuction>) -> Result<()> {
        close_auction::handler(ctx)
    }
}
