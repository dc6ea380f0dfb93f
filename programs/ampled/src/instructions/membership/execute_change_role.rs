use crate::errors::AmpledError;
use crate::events::MemberRoleChanged;
use crate::state::*;
use anchor_lang::prelude::*;

/// Gives an active member the role named in an approved proposal.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteChangeRole<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), member.wallet.as_ref()],
        bump = member.bump,
    )]
    pub member: Box<Account<'info, Member>>,
}

impl ExecuteChangeRole<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::ChangeRole { wallet, role } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(self.member.wallet, wallet, AmpledError::WalletMismatch);
        self.proposal
            .require_target_unchanged(&self.member.to_account_info())?;
        self.member.require_active()?;
        require!(self.member.role != role, AmpledError::RoleUnchanged);
        Ok(())
    }
}

pub fn handler(ctx: Context<ExecuteChangeRole>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::ChangeRole { role, .. } = ctx.accounts.proposal.action else {
        return err!(AmpledError::WrongProposalAction);
    };
    ctx.accounts
        .proposal
        .mark_executed(&ctx.accounts.community, now)?;
    let member = &mut ctx.accounts.member;
    let old_role = member.role;
    member.role = role;
    member.bump_revision()?;

    member.invariant()?;
    ctx.accounts.proposal.invariant()?;
    emit_cpi!(MemberRoleChanged {
        community: ctx.accounts.community.key(),
        proposal: ctx.accounts.proposal.key(),
        wallet: member.wallet,
        old_role,
        new_role: role,
        timestamp: now,
    });
    Ok(())
}
