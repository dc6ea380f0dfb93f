use crate::errors::AmpledError;
use crate::events::ShareClaimed;
use crate::instructions::payout::*;
use crate::state::*;
use crate::utils::merkle::Hash;
use crate::utils::token::mint_from_community;
use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct ClaimShareArgs {
    pub index: u32,
    pub amount: u64,
    /// Siblings from the leaf up to the root.
    pub proof: Vec<Hash>,
}

/// Mints one recipient's share to their associated token account (created if needed) and adds it
/// to their time bank if they are a member. Anyone may send it, paying the fees and any account
/// rent: the tokens can only go to the wallet in the leaf, so a friend (or the co-op) can claim
/// for someone who holds no SOL.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimShare<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub distribution: Box<Account<'info, Distribution>>,

    /// `payout.recipient` is the leaf's wallet; `payout.payer` sends the claim.
    pub payout: TokenPayout<'info>,

    /// CHECK: the recipient's membership address: credited when it holds a membership record.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), payout.recipient.key().as_ref()],
        bump,
    )]
    pub recipient_member: UncheckedAccount<'info>,
}

impl ClaimShare<'_> {
    pub fn validate(&self) -> Result<()> {
        self.payout
            .check(&self.community, self.payout.recipient.key())
    }
}

pub fn handler(ctx: Context<ClaimShare>, args: ClaimShareArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let wallet = ctx.accounts.payout.recipient.key();
    let distribution = &mut ctx.accounts.distribution;
    distribution.claim(args.index, &wallet, args.amount, &args.proof, now)?;

    let payout = &mut ctx.accounts.payout;
    mint_from_community(
        &ctx.accounts.community,
        &payout.mint,
        &payout.recipient_tokens,
        payout.token_program.key(),
        args.amount,
    )?;
    let member_total_earned = credit_time_bank(&ctx.accounts.recipient_member, args.amount)?;
    distribution.invariant()?;

    emit_cpi!(ShareClaimed {
        community: ctx.accounts.community.key(),
        distribution: distribution.key(),
        index: args.index,
        wallet,
        amount: args.amount,
        claimed_by: payout.payer.key(),
        member_total_earned,
        claimed_total: distribution.claimed_total,
        timestamp: now,
    });
    Ok(())
}
