use crate::errors::AmpledError;
use crate::events::ClaimClosed;
use crate::state::*;
use crate::utils::pda::{read_account, write_account};
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

/// Anyone closes a withdrawn claim, or any claim once its bounty has ended; the rent goes back to
/// the claimant who paid it. A paid or rejected claim stays while its bounty is open: it is what
/// stops the same wallet from claiming (and being paid) again.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseClaim<'info> {
    #[account(
        mut,
        close = claimant,
        has_one = claimant @ AmpledError::WalletMismatch,
        has_one = bounty @ AmpledError::ClaimOfOtherBounty,
    )]
    pub claim: Box<Account<'info, Claim>>,

    /// CHECK: the claim's bounty (`has_one` above); it may already be closed, which it only can be
    /// once ended.
    #[account(mut)]
    pub bounty: UncheckedAccount<'info>,

    /// CHECK: receives the rent; must be the claimant (`has_one` above).
    #[account(mut)]
    pub claimant: UncheckedAccount<'info>,
}

pub fn handler(ctx: Context<CloseClaim>) -> Result<()> {
    let claim = &ctx.accounts.claim;
    let bounty = read_account::<Bounty>(&ctx.accounts.bounty)?;
    claim.require_closable(bounty.as_ref())?;
    if !claim.is_settled() {
        // An open claim on a bounty that ended: it leaves the bounty's count of open claims.
        let mut bounty = bounty.ok_or_else(|| error!(AmpledError::InvariantViolated))?;
        if claim.status == ClaimStatus::Submitted {
            bounty.submitted_claims = bounty.submitted_claims.safe_sub(1)?;
        }
        bounty.open_claims = bounty.open_claims.safe_sub(1)?;
        bounty.invariant()?;
        write_account(&ctx.accounts.bounty, &bounty)?;
    }

    emit_cpi!(ClaimClosed {
        community: claim.community,
        bounty: claim.bounty,
        claim: claim.key(),
        status: claim.status,
        rent_returned_to: claim.claimant,
        timestamp: Clock::get()?.unix_timestamp,
    });
    Ok(())
}
