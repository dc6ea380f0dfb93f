use crate::errors::AmpledError;
use crate::events::MemberRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

/// Removes the member named in an approved proposal. Their votes on open proposals stop counting
/// at once, because tallies only count active slots. Their record and time bank stay.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteRemoveMember<'info> {
    #[account(mut)]
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

impl ExecuteRemoveMember<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::RemoveMember { wallet } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(self.member.wallet, wallet, AmpledError::WalletMismatch);
        self.proposal
            .require_target_unchanged(&self.member.to_account_info())?;
        self.member.require_active()
    }
}

pub fn handler(ctx: Context<ExecuteRemoveMember>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let community = &mut ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;
    let member = &mut ctx.accounts.member;
    community.release(member.index)?;
    member.status = MemberStatus::Removed;
    member.removed_at = Some(now);
    member.bump_revision()?;

    member.invariant()?;
    community.invariant()?;
    ctx.accounts.proposal.invariant()?;
    emit_cpi!(MemberRemoved {
        community: community.key(),
        proposal: ctx.accounts.proposal.key(),
        wallet: member.wallet,
        active_member_count: community.active_member_count,
        timestamp: now,
    });
    Ok(())
}
