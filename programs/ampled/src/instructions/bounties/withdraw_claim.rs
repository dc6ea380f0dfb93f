use crate::events::ClaimWithdrawn;
use crate::state::*;
use anchor_lang::prelude::*;

/// The claimant gives up a claim that has not been decided; the wallet may claim again later.
#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawClaim<'info> {
    pub claimant: Signer<'info>,

    #[account(mut)]
    pub bounty: Box<Account<'info, Bounty>>,

    #[account(
        mut,
        seeds = [CLAIM_SEED, bounty.key().as_ref(), claimant.key().as_ref()],
        bump = claim.bump,
    )]
    pub claim: Box<Account<'info, Claim>>,
}

impl WithdrawClaim<'_> {
    pub fn validate(&self) -> Result<()> {
        self.claim.require_unsettled()
    }
}

pub fn handler(ctx: Context<WithdrawClaim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bounty = &mut ctx.accounts.bounty;
    let claim = &mut ctx.accounts.claim;
    claim.settle(bounty, ClaimStatus::Withdrawn, None, now)?;
    claim.revision = bounty.next_claim_revision()?;
    claim.invariant()?;
    bounty.invariant()?;

    emit_cpi!(ClaimWithdrawn {
        community: bounty.community,
        bounty: bounty.key(),
        claim: claim.key(),
        claimant: claim.claimant,
        timestamp: now,
    });
    Ok(())
}
