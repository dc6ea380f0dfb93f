use crate::errors::AmpledError;
use crate::events::ProposalCancelled;
use crate::state::*;
use anchor_lang::prelude::*;

/// The proposer withdraws a proposal that has not yet gathered enough approvals.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelProposal<'info> {
    pub proposer: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        has_one = community @ AmpledError::WrongCommunity,
        has_one = proposer @ AmpledError::NotProposer,
    )]
    pub proposal: Box<Account<'info, Proposal>>,
}

impl CancelProposal<'_> {
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.proposal.require_open(&self.community, now)?;
        // Recounted rather than read from the status: a removal may have changed the outcome.
        require!(
            !self.proposal.tally(&self.community).passed(),
            AmpledError::ProposalAlreadyApproved
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<CancelProposal>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &mut ctx.accounts.proposal;
    proposal.status = ProposalStatus::Cancelled;
    proposal.decided_at = Some(now);
    proposal.invariant()?;

    emit_cpi!(ProposalCancelled {
        community: proposal.community,
        proposal: proposal.key(),
        proposer: proposal.proposer,
        timestamp: now,
    });
    Ok(())
}
