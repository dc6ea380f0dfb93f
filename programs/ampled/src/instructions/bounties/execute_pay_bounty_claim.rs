use crate::errors::AmpledError;
use crate::events::BountyClaimPaid;
use crate::instructions::payout::*;
use crate::state::*;
use crate::utils::pda::{read_account, write_account};
use crate::utils::token::mint_from_community;
use anchor_lang::prelude::*;

/// Pays a claim on a co-op bounty that members approved: the reward is minted to the claimant,
/// within the community's caps and the category's budget, and added to their time bank.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecutePayBountyClaim<'info> {
    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub bounty: Box<Account<'info, Bounty>>,

    #[account(mut, has_one = bounty @ AmpledError::ClaimOfOtherBounty)]
    pub claim: Box<Account<'info, Claim>>,

    pub payout: TokenPayout<'info>,

    /// CHECK: the claimant's membership address, credited in the time bank if it holds a record.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), payout.recipient.key().as_ref()],
        bump,
    )]
    pub claimant_member: UncheckedAccount<'info>,

    /// CHECK: the category's budget address. Always required, so a budget cannot be skipped;
    /// enforced when the members have set one.
    #[account(
        mut,
        seeds = [BUDGET_SEED, community.key().as_ref(), &bounty.category.seed()],
        bump,
    )]
    pub category_budget: UncheckedAccount<'info>,
}

impl ExecutePayBountyClaim<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::PayBountyClaim { claim, claimant } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(
            self.claim.key(),
            claim,
            AmpledError::ProposalTargetsOtherClaim
        );
        require_keys_eq!(self.claim.claimant, claimant, AmpledError::WalletMismatch);
        self.proposal
            .require_target_unchanged(&self.claim.to_account_info())?;
        require!(
            self.bounty.funding == BountyFunding::Coop,
            AmpledError::WrongBountyFunding
        );
        self.claim.require_submitted()?;
        self.bounty.require_open()?;
        self.payout.check(&self.community, claimant)
    }
}

pub fn handler(mut ctx: Context<ExecutePayBountyClaim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut ctx.accounts;
    let reward = accounts.bounty.reward;
    accounts.proposal.mark_executed(&accounts.community, now)?;
    accounts.community.record_issuance(reward, now)?;
    if let Some(mut budget) = read_account::<CategoryBudget>(&accounts.category_budget)? {
        budget.record(reward, accounts.community.created_at, now)?;
        budget.invariant()?;
        write_account(&accounts.category_budget, &budget)?;
    }
    mint_from_community(
        &accounts.community,
        &accounts.payout.mint,
        &accounts.payout.recipient_tokens,
        accounts.payout.token_program.key(),
        reward,
    )?;
    let member_total_earned = credit_time_bank(&accounts.claimant_member, reward)?;
    let proposal = accounts.proposal.key();
    accounts
        .claim
        .settle(&mut accounts.bounty, ClaimStatus::Paid, Some(proposal), now)?;
    accounts.claim.invariant()?;
    accounts.bounty.invariant()?;
    accounts.community.invariant()?;
    accounts.proposal.invariant()?;

    let bounty = &ctx.accounts.bounty;
    emit_cpi!(BountyClaimPaid {
        community: bounty.community,
        bounty: bounty.key(),
        claim: ctx.accounts.claim.key(),
        claimant: ctx.accounts.claim.claimant,
        category: bounty.category,
        funding: bounty.funding,
        amount: reward,
        approved_by: proposal,
        member_total_earned,
        timestamp: now,
    });
    Ok(())
}
