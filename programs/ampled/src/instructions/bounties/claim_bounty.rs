use crate::errors::AmpledError;
use crate::events::BountyClaimed;
use crate::state::*;
use crate::utils::pda::{init_program_account, read_account, write_account};
use crate::utils::SafeMath;
use anchor_lang::prelude::*;

/// Anyone with a wallet, member or not, claims a bounty to work on it. One claim per wallet; a
/// withdrawn claim can be renewed.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimBounty<'info> {
    #[account(mut)]
    pub claimant: Signer<'info>,

    #[account(mut)]
    pub bounty: Box<Account<'info, Bounty>>,

    /// CHECK: the claim record, created here (or renewed after a withdrawal).
    #[account(
        mut,
        seeds = [CLAIM_SEED, bounty.key().as_ref(), claimant.key().as_ref()],
        bump,
    )]
    pub claim: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

impl ClaimBounty<'_> {
    pub fn validate(&self) -> Result<()> {
        // Payouts go to the claimant's associated token account: a key must control it.
        require_wallet(&self.claimant.key())?;
        self.bounty
            .require_accepting_work(Clock::get()?.unix_timestamp)?;
        if let Some(existing) = read_account::<Claim>(&self.claim)? {
            require!(
                existing.status == ClaimStatus::Withdrawn,
                AmpledError::AlreadyClaimed
            );
        }
        Ok(())
    }
}

pub fn handler(ctx: Context<ClaimBounty>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bounty_key = ctx.accounts.bounty.key();
    let claimant = ctx.accounts.claimant.key();
    let bounty = &mut ctx.accounts.bounty;
    bounty.open_claims = bounty.open_claims.safe_add(1)?;
    let revision = bounty.next_claim_revision()?;

    let claim = Claim {
        bump: ctx.bumps.claim,
        community: bounty.community,
        bounty: bounty_key,
        claimant,
        status: ClaimStatus::Claimed,
        evidence_uri: String::new(),
        rejection_reason: String::new(),
        claimed_at: now,
        submitted_at: None,
        settled_at: None,
        decided_by: None,
        revision,
    };
    claim.invariant()?;
    bounty.invariant()?;
    if read_account::<Claim>(&ctx.accounts.claim)?.is_some() {
        write_account(&ctx.accounts.claim, &claim)?;
    } else {
        let seeds: &[&[u8]] = &[
            CLAIM_SEED,
            bounty_key.as_ref(),
            claimant.as_ref(),
            &[ctx.bumps.claim],
        ];
        init_program_account(
            &ctx.accounts.claimant.to_account_info(),
            &ctx.accounts.claim,
            &ctx.accounts.system_program.to_account_info(),
            Claim::SPACE,
            seeds,
            &claim,
        )?;
    }

    emit_cpi!(BountyClaimed {
        community: bounty.community,
        bounty: bounty_key,
        claim: ctx.accounts.claim.key(),
        claimant,
        timestamp: now,
    });
    Ok(())
}
