use crate::errors::AmpledError;
use crate::events::EvidenceSubmitted;
use crate::state::*;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct SubmitEvidenceArgs {
    /// Link to the work: a pull request, photos of the flyering, a note from the artist helped.
    pub evidence_uri: String,
}

/// The claimant links the work done. Evidence can be replaced until the claim is decided.
#[event_cpi]
#[derive(Accounts)]
pub struct SubmitEvidence<'info> {
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

impl SubmitEvidence<'_> {
    pub fn validate(&self, args: &SubmitEvidenceArgs) -> Result<()> {
        require!(!args.evidence_uri.is_empty(), AmpledError::EvidenceRequired);
        require!(
            args.evidence_uri.len() <= MAX_URI_LEN,
            AmpledError::UriTooLong
        );
        self.bounty
            .require_accepting_work(Clock::get()?.unix_timestamp)?;
        self.claim.require_unsettled()
    }
}

pub fn handler(ctx: Context<SubmitEvidence>, args: SubmitEvidenceArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bounty = &mut ctx.accounts.bounty;
    let claim = &mut ctx.accounts.claim;
    if claim.status == ClaimStatus::Claimed {
        bounty.submitted_claims = bounty.submitted_claims.safe_add(1)?;
        claim.status = ClaimStatus::Submitted;
    }
    claim.evidence_uri = args.evidence_uri.clone();
    claim.revision = bounty.next_claim_revision()?;
    claim.submitted_at = Some(now);
    claim.invariant()?;
    bounty.invariant()?;

    emit_cpi!(EvidenceSubmitted {
        community: bounty.community,
        bounty: bounty.key(),
        claim: claim.key(),
        claimant: claim.claimant,
        evidence_uri: args.evidence_uri,
        timestamp: now,
    });
    Ok(())
}
