use crate::errors::AmpledError;
use crate::events::BountyClaimRejected;
use crate::instructions::bounties::reject_bounty_claim::validate_reason;
use crate::state::*;
use anchor_lang::prelude::*;

/// Rejects a claim on a co-op bounty, as the members decided, with their reason on record.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteRejectBountyClaim<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub bounty: Box<Account<'info, Bounty>>,

    #[account(mut, has_one = bounty @ AmpledError::ClaimOfOtherBounty)]
    pub claim: Box<Account<'info, Claim>>,
}

impl ExecuteRejectBountyClaim<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::RejectBountyClaim { claim, reason } = &self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(
            self.claim.key(),
            *claim,
            AmpledError::ProposalTargetsOtherClaim
        );
        self.proposal
            .require_target_unchanged(&self.claim.to_account_info())?;
        require!(
            self.bounty.funding == BountyFunding::Coop,
            AmpledError::WrongBountyFunding
        );
        validate_reason(reason)?;
        self.claim.require_submitted()
    }
}

pub fn handler(mut ctx: Context<ExecuteRejectBountyClaim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::RejectBountyClaim { reason, .. } = ctx.accounts.proposal.action.clone()
    else {
        return err!(AmpledError::WrongProposalAction);
    };
    let accounts = &mut ctx.accounts;
    accounts.proposal.mark_executed(&accounts.community, now)?;
    let proposal = accounts.proposal.key();
    let claim = &mut accounts.claim;
    claim.settle(
        &mut accounts.bounty,
        ClaimStatus::Rejected,
        Some(proposal),
        now,
    )?;
    claim.rejection_reason = reason.clone();
    claim.invariant()?;
    accounts.bounty.invariant()?;
    accounts.proposal.invariant()?;

    let claim = &ctx.accounts.claim;
    emit_cpi!(BountyClaimRejected {
        community: claim.community,
        bounty: claim.bounty,
        claim: claim.key(),
        claimant: claim.claimant,
        reason,
        rejected_by: proposal,
        timestamp: now,
    });
    Ok(())
}
