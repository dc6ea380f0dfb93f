use crate::errors::AmpledError;
use crate::events::MemberAdded;
use crate::state::*;
use crate::utils::pda::{init_program_account, read_account, write_account};
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

    /// CHECK: the wallet's membership record: created here, or re-opened if it was removed.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), wallet.key().as_ref()],
        bump,
    )]
    pub member: UncheckedAccount<'info>,

    pub system_program: Program<'info, System>,
}

impl ExecuteAddMember<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::AddMember { wallet, .. } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        require_keys_eq!(self.wallet.key(), wallet, AmpledError::WalletMismatch);
        require_wallet(&wallet)?;
        self.proposal.require_target_unchanged(&self.member)?;
        if let Some(existing) = read_account::<Member>(&self.member)? {
            require!(!existing.is_active(), AmpledError::AlreadyMember);
        }
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
    let community_key = community.key();

    // A returning member keeps its time bank and counters; only its membership starts anew.
    let returning = read_account::<Member>(&ctx.accounts.member)?;
    let is_returning = returning.is_some();
    let mut member = returning
        .unwrap_or_else(|| Member::new(ctx.bumps.member, community_key, wallet, role, index, now));
    member.role = role;
    member.status = MemberStatus::Active;
    member.index = index;
    member.joined_at = now;
    member.admitted_by = Some(ctx.accounts.proposal.key());
    member.removed_at = None;
    if is_returning {
        member.bump_revision()?;
    }
    member.invariant()?;
    if is_returning {
        write_account(&ctx.accounts.member, &member)?;
    } else {
        let seeds: &[&[u8]] = &[
            MEMBER_SEED,
            community_key.as_ref(),
            wallet.as_ref(),
            &[ctx.bumps.member],
        ];
        init_program_account(
            &ctx.accounts.executor.to_account_info(),
            &ctx.accounts.member,
            &ctx.accounts.system_program.to_account_info(),
            Member::SPACE,
            seeds,
            &member,
        )?;
    }

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
