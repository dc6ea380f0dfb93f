use crate::errors::AmpledError;
use crate::events::RulesUpdated;
use crate::state::*;
use anchor_lang::prelude::*;

/// Replaces the community's rules with the approved ones. Every other open proposal becomes stale:
/// nothing approved under the old rules can execute under the new ones.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteUpdateRules<'info> {
    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,
}

impl ExecuteUpdateRules<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::UpdateRules { rules } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        rules.validate_for(&self.community)
    }
}

pub fn handler(ctx: Context<ExecuteUpdateRules>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::UpdateRules { rules } = ctx.accounts.proposal.action else {
        return err!(AmpledError::WrongProposalAction);
    };
    let community = &mut ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;
    let old_rules = community.rules;
    community.adopt_rules(rules, now)?;

    community.invariant()?;
    ctx.accounts.proposal.invariant()?;
    emit_cpi!(RulesUpdated {
        community: community.key(),
        proposal: ctx.accounts.proposal.key(),
        old_rules,
        new_rules: rules,
        rules_version: community.rules_version,
        timestamp: now,
    });
    Ok(())
}
