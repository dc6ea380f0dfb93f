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

#[program]
pub mod ampled {
    use super::*;

    #[access_control(ctx.accounts.validate(&args))]
    pub fn create_community<'info>(
        ctx: Context<'info, CreateCommunity<'info>>,
        args: CreateCommunityArgs,
    ) -> Result<()> {
        create_community::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn create_proposal(ctx: Context<CreateProposal>, args: CreateProposalArgs) -> Result<()> {
        create_proposal::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn cast_vote(ctx: Context<CastVote>, args: CastVoteArgs) -> Result<()> {
        cast_vote::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn cancel_proposal(ctx: Context<CancelProposal>) -> Result<()> {
        cancel_proposal::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_proposal(ctx: Context<CloseProposal>) -> Result<()> {
        close_proposal::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_mint_reward(ctx: Context<ExecuteMintReward>) -> Result<()> {
        execute_mint_reward::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_treasury_transfer(ctx: Context<ExecuteTreasuryTransfer>) -> Result<()> {
        execute_treasury_transfer::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_add_member(ctx: Context<ExecuteAddMember>) -> Result<()> {
        execute_add_member::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_remove_member(ctx: Context<ExecuteRemoveMember>) -> Result<()> {
        execute_remove_member::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_change_role(ctx: Context<ExecuteChangeRole>) -> Result<()> {
        execute_change_role::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_update_rules(ctx: Context<ExecuteUpdateRules>) -> Result<()> {
        execute_update_rules::handler(ctx)
    }

    // Bounties.

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn post_bounty(ctx: Context<PostBounty>, args: PostBountyArgs) -> Result<()> {
        post_bounty::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_post_bounty(ctx: Context<ExecutePostBounty>) -> Result<()> {
        execute_post_bounty::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn claim_bounty(ctx: Context<ClaimBounty>) -> Result<()> {
        claim_bounty::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn submit_evidence(ctx: Context<SubmitEvidence>, args: SubmitEvidenceArgs) -> Result<()> {
        submit_evidence::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn withdraw_claim(ctx: Context<WithdrawClaim>) -> Result<()> {
        withdraw_claim::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn approve_bounty_claim(ctx: Context<ApproveBountyClaim>) -> Result<()> {
        approve_bounty_claim::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn reject_bounty_claim(
        ctx: Context<RejectBountyClaim>,
        args: RejectBountyClaimArgs,
    ) -> Result<()> {
        reject_bounty_claim::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_pay_bounty_claim(ctx: Context<ExecutePayBountyClaim>) -> Result<()> {
        execute_pay_bounty_claim::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_reject_bounty_claim(ctx: Context<ExecuteRejectBountyClaim>) -> Result<()> {
        execute_reject_bounty_claim::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts))]
    pub fn execute_set_category_budget(ctx: Context<ExecuteSetCategoryBudget>) -> Result<()> {
        execute_set_category_budget::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn end_bounty(ctx: Context<EndBounty>) -> Result<()> {
        end_bounty::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_bounty(ctx: Context<CloseBounty>) -> Result<()> {
        close_bounty::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts))]
    pub fn close_claim(ctx: Context<CloseClaim>) -> Result<()> {
        close_claim::handler(ctx)
    }

    // Commissary.

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn list_auction(ctx: Context<ListAuction>, args: ListAuctionArgs) -> Result<()> {
        list_auction::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn execute_list_auction(ctx: Context<ExecuteListAuction>) -> Result<()> {
        execute_list_auction::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate(&args))]
    pub fn place_bid(ctx: Context<PlaceBid>, args: PlaceBidArgs) -> Result<()> {
        place_bid::handler(ctx, args)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn settle_auction(ctx: Context<SettleAuction>) -> Result<()> {
        settle_auction::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn cancel_auction(ctx: Context<CancelAuction>) -> Result<()> {
        cancel_auction::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn mark_handed_over(ctx: Context<MarkHandedOver>) -> Result<()> {
        mark_handed_over::handler(ctx)
    }

    #[access_control(only_declared_accounts(ctx.remaining_accounts), ctx.accounts.validate())]
    pub fn close_auction(ctx: Context<CloseAuction>) -> Result<()> {
        close_auction::handler(ctx)
    }
}
