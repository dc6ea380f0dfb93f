use crate::errors::AmpledError;
use crate::events::ProposalClosed;
use crate::state::*;
use anchor_lang::prelude::*;

/// Anyone may close a finished proposal; its rent goes back to the proposer who paid it. A
/// proposal whose target changed since it was made (pass that record as `target`) is finished
/// too: it can never execute.
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

    /// CHECK: the record the proposal is about, to show it changed (`Proposal::target`).
    pub target: Option<UncheckedAccount<'info>>,
}

impl CloseProposal<'_> {
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        if self.proposal.is_finished(&self.community, now) {
            return Ok(());
        }
        // Any other record passed as the target proves nothing: the proposal stays open.
        let target_changed = match &self.target {
            Some(target) if self.proposal.target == Some(target.key()) => {
                self.proposal.target_changed(target)?
            }
            _ => false,
        };
        require!(target_changed, AmpledError::ProposalStillOpen);
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
