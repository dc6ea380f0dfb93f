use crate::errors::AmpledError;
use crate::events::BountyClaimRejected;
use crate::state::*;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RejectBountyClaimArgs {
    /// Why, in words the claimant can act on.
    pub reason: String,
}

/// The poster of a member-funded bounty rejects a submitted claim, with a reason on record.
#[event_cpi]
#[derive(Accounts)]
pub struct RejectBountyClaim<'info> {
    pub poster: Signer<'info>,

    #[account(mut, has_one = poster @ AmpledError::NotBountyPoster)]
    pub bounty: Box<Account<'info, Bounty>>,

    #[account(mut, has_one = bounty @ AmpledError::ClaimOfOtherBounty)]
    pub claim: Box<Account<'info, Claim>>,
}

impl RejectBountyClaim<'_> {
    pub fn validate(&self, args: &RejectBountyClaimArgs) -> Result<()> {
        require!(
            self.bounty.funding == BountyFunding::Member,
            AmpledError::WrongBountyFunding
        );
        validate_reason(&args.reason)?;
        self.claim.require_submitted()
    }
}

pub fn validate_reason(reason: &str) -> Result<()> {
    require!(!reason.is_empty(), AmpledError::ReasonRequired);
    require!(reason.len() <= MAX_REASON_LEN, AmpledError::ReasonTooLong);
    Ok(())
}

pub fn handler(ctx: Context<RejectBountyClaim>, args: RejectBountyClaimArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let poster = ctx.accounts.poster.key();
    let bounty = &mut ctx.accounts.bounty;
    let claim = &mut ctx.accounts.claim;
    claim.settle(bounty, ClaimStatus::Rejected, Some(poster), now)?;
    claim.rejection_reason = args.reason.clone();
    claim.invariant()?;
    bounty.invariant()?;

    emit_cpi!(BountyClaimRejected {
        community: bounty.community,
        bounty: bounty.key(),
        claim: claim.key(),
        claimant: claim.claimant,
        reason: args.reason,
        rejected_by: poster,
        timestamp: now,
    });
    Ok(())
}
