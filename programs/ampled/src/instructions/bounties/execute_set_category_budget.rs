use crate::errors::AmpledError;
use crate::events::CategoryBudgetSet;
use crate::state::*;
use crate::utils::pda::{init_program_account, read_account, write_account};
use anchor_lang::prelude::*;

/// Sets what co-op bounties of one category may mint per period, as the members approved. What
/// was already minted in the current period still counts against the new amount.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteSetCategoryBudget<'info> {
    #[account(mut)]
    pub executor: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: the budget record for the proposal's category, created on first use.
    #[account(
        mut,
        seeds = [BUDGET_SEED, community.key().as_ref(), &proposal.action.budget_category_seed()],
        bump,
    )]
    pub category_budget: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<ExecuteSetCategoryBudget>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::SetCategoryBudget {
        category,
        amount_per_period,
        period_secs,
    } = ctx.accounts.proposal.action
    else {
        return err!(AmpledError::WrongProposalAction);
    };
    let bump = ctx.bumps.category_budget;
    let community = ctx.accounts.community.key();
    let proposal = ctx.accounts.proposal.key();
    ctx.accounts
        .proposal
        .mark_executed(&ctx.accounts.community, now)?;

    let existing = read_account::<CategoryBudget>(&ctx.accounts.category_budget)?;
    let is_new = existing.is_none();
    let mut budget = existing.unwrap_or(CategoryBudget {
        bump,
        community,
        category,
        amount_per_period,
        period_secs,
        period_index: 0,
        minted_in_period: 0,
        set_by: proposal,
    });
    if budget.period_secs != period_secs {
        // A new period length starts a fresh count from the current period.
        budget.period_index = u64::MAX;
    }
    budget.amount_per_period = amount_per_period;
    budget.period_secs = period_secs;
    budget.set_by = proposal;
    budget.invariant()?;
    if is_new {
        let seeds: &[&[u8]] = &[BUDGET_SEED, community.as_ref(), &category.seed(), &[bump]];
        init_program_account(
            &ctx.accounts.executor.to_account_info(),
            &ctx.accounts.category_budget,
            &ctx.accounts.system_program.to_account_info(),
            CategoryBudget::SPACE,
            seeds,
            &budget,
        )?;
    } else {
        write_account(&ctx.accounts.category_budget, &budget)?;
    }
    ctx.accounts.proposal.invariant()?;

    emit_cpi!(CategoryBudgetSet {
        community,
        proposal,
        category,
        amount_per_period,
        period_secs,
        timestamp: now,
    });
    Ok(())
}
