use crate::errors::AmpledError;
use crate::events::ProposalClosed;
use crate::state::*;
use anchor_lang::prelude::*;

/// Anyone may close a finished proposal; its rent goes back to the proposer who paid it.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseProposal<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        close = proposer,
        has_one = community @ AmpledError::WrongCommunity,
        has_one = proposer @ AmpledError::WalletMismatch,
    )]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: receives the rent; must be the wallet recorded as proposer (`has_one` above).
    #[account(mut)]
    pub proposer: UncheckedAccount<'info>,
}

impl CloseProposal<'_> {
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        require!(
            self.proposal.is_finished(&self.community, now),
            AmpledError::ProposalStillOpen
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<CloseProposal>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let proposal = &ctx.accounts.proposal;
    emit_cpi!(ProposalClosed {
        community: proposal.community,
        proposal: proposal.key(),
        status: proposal.status,
        rent_returned_to: proposal.proposer,
        timestamp: now,
    });
    Ok(())
}
