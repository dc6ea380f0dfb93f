use crate::errors::AmpledError;
use crate::events::RewardMinted;
use crate::instructions::payout::*;
use crate::state::*;
use crate::utils::token::mint_from_community;
use anchor_lang::prelude::*;

/// Mints an approved reward to the recipient, within the supply and issuance caps, and adds it to
/// the recipient's time-bank total if the recipient is a member. Anyone may execute.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteMintReward<'info> {
    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    pub payout: TokenPayout<'info>,

    /// CHECK: the recipient's membership address. Always required, so the time bank cannot be
    /// skipped; it is credited when it holds a membership record and left alone when empty.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), payout.recipient.key().as_ref()],
        bump,
    )]
    pub recipient_member: UncheckedAccount<'info>,
}

impl ExecuteMintReward<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::MintReward { recipient, .. } = self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        self.payout.check(&self.community, recipient)
    }
}

pub fn handler(ctx: Context<ExecuteMintReward>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::MintReward {
        recipient,
        amount,
        reason,
    } = ctx.accounts.proposal.action.clone()
    else {
        return err!(AmpledError::WrongProposalAction);
    };
    let community = &mut ctx.accounts.community;
    ctx.accounts.proposal.mark_executed(community, now)?;
    community.record_issuance(amount, now)?;

    let payout = &mut ctx.accounts.payout;
    mint_from_community(
        community,
        &payout.mint,
        &payout.recipient_tokens,
        payout.token_program.key(),
        amount,
    )?;
    payout.mint.reload()?;
    let member_total_earned = credit_time_bank(&ctx.accounts.recipient_member, amount)?;

    community.invariant()?;
    ctx.accounts.proposal.invariant()?;
    emit_cpi!(RewardMinted {
        community: community.key(),
        proposal: ctx.accounts.proposal.key(),
        recipient,
        amount,
        reason,
        member_total_earned,
        supply_after: payout.mint.supply,
        timestamp: now,
    });
    Ok(())
}
