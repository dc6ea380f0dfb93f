use crate::errors::AmpledError;
use crate::events::DistributionOpened;
use crate::state::*;
use crate::utils::bitmap;
use crate::utils::pda::init_program_account;
use anchor_lang::prelude::*;

/// Opens the distribution the members approved. Its whole total is counted against the supply and
/// issuance caps now, so no claim can ever fail for want of room; what is never claimed is
/// released when the distribution closes. Anyone may execute; they pay the record's rent.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteDistribute<'info> {
    #[account(mut)]
    pub executor: Signer<'info>,

    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: created by the handler, once per proposal.
    #[account(mut, seeds = [DISTRIBUTION_SEED, proposal.key().as_ref()], bump)]
    pub distribution: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

impl ExecuteDistribute<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::Distribute { .. } = &self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        Ok(())
    }
}

pub fn handler(ctx: Context<ExecuteDistribute>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::Distribute { terms } = ctx.accounts.proposal.action.clone() else {
        return err!(AmpledError::WrongProposalAction);
    };
    // The deadline may have come while members voted.
    require!(now < terms.claim_until, AmpledError::InvalidClaimWindow);
    let community = &mut ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;
    community.record_issuance(terms.total, now)?;

    let proposal = ctx.accounts.proposal.key();
    let distribution = Distribution {
        bump: ctx.bumps.distribution,
        community: community.key(),
        proposal,
        rent_payer: ctx.accounts.executor.key(),
        terms: terms.clone(),
        claimed_total: 0,
        claimed_count: 0,
        created_at: now,
        claimed: vec![0; bitmap::bytes_for(terms.recipients)],
    };
    distribution.invariant()?;
    init_program_account(
        &ctx.accounts.executor.to_account_info(),
        &ctx.accounts.distribution,
        &ctx.accounts.system_program.to_account_info(),
        Distribution::space(&terms),
        &[
            DISTRIBUTION_SEED,
            proposal.as_ref(),
            &[ctx.bumps.distribution],
        ],
        &distribution,
    )?;
    community.invariant()?;
    ctx.accounts.proposal.invariant()?;

    emit_cpi!(DistributionOpened {
        community: community.key(),
        proposal,
        distribution: ctx.accounts.distribution.key(),
        terms,
        total_minted_after: community.total_minted,
        timestamp: now,
    });
    Ok(())
}
