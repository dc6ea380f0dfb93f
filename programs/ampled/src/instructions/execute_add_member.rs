use crate::errors::AmpledError;
use crate::events::MemberAdded;
use crate::state::*;
use anchor_lang::prelude::*;

/// Admits the wallet named in an approved proposal, or re-admits a removed member with a fresh
/// slot (keeping its time-bank totals). The executor pays the new record's rent.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteAddMember<'info> {
    #[account(mut)]
    pub executor: Signer<'info>,

    #[account(
        mut,
        realloc = Community::space(community.member_slots.saturating_add(1)),
        realloc::payer = executor,
        realloc::zero = false,
    )]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: the wallet being admitted; compared with the proposal in `validate`.
    pub wallet: UncheckedAccount<'info>,

    #[account(
        init_if_needed,
        payer = executor,
        space = Member::SPACE,
        seeds = [MEMBER_SEED, community.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub member: Box<Account<'info, Member>>,

    pub system_program: Program<'info, System>,
}

impl ExecuteAddMember<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::AddMember { wallet, .. } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(self.wallet.key(), wallet, AmpledError::WalletMismatch);
        // A fresh record is all zeroes; an existing one names its wallet.
        let is_returning = self.member.wallet == wallet;
        require!(
            !(is_returning && self.member.is_active()),
            AmpledError::AlreadyMember
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<ExecuteAddMember>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::AddMember { wallet, role } = ctx.accounts.proposal.action else {
        return err!(AmpledError::WrongProposalAction);
    };
    let community = &mut ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;
    let index = community.admit()?;

    let member = &mut ctx.accounts.member;
    member.bump = ctx.bumps.member;
    member.community = community.key();
    member.wallet = wallet;
    member.role = role;
    member.status = MemberStatus::Active;
    member.index = index;
    member.joined_at = now;
    member.admitted_by = Some(ctx.accounts.proposal.key());
    member.removed_at = None;

    member.invariant()?;
    community.invariant()?;
    ctx.accounts.proposal.invariant()?;
    emit_cpi!(MemberAdded {
        community: community.key(),
        proposal: ctx.accounts.proposal.key(),
        wallet,
        role,
        index,
        active_member_count: community.active_member_count,
        timestamp: now,
    });
    Ok(())
}
