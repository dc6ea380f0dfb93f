use crate::errors::AmpledError;
use crate::events::BountyClaimPaid;
use crate::instructions::payout::*;
use crate::state::*;
use crate::utils::token::{
    associated_token_address, drain_and_close, transfer_from_community, vault_balance,
};
use anchor_lang::prelude::*;

/// The poster of a member-funded bounty approves a submitted claim: its reward moves from the
/// escrow to the claimant's token account in the same step. The last payment closes the vault,
/// returning anything beyond the rewards (tokens someone sent to it) to the poster.
#[event_cpi]
#[derive(Accounts)]
pub struct ApproveBountyClaim<'info> {
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub bounty: Box<Account<'info, Bounty>>,

    #[account(mut, has_one = bounty @ AmpledError::ClaimOfOtherBounty)]
    pub claim: Box<Account<'info, Claim>>,

    /// CHECK: the escrow vault; its address and balance are checked in `validate` once the bounty
    /// is known to be member-funded and open (a co-op bounty has no vault at all).
    #[account(mut)]
    pub vault: UncheckedAccount<'info>,

    /// `payout.payer` is the poster, who signs the approval.
    pub payout: TokenPayout<'info>,

    /// CHECK: the poster's associated token account (checked in `validate`): what the vault holds
    /// beyond the rewards (tokens someone sent to it) goes there when the last claim is paid.
    #[account(mut)]
    pub poster_tokens: UncheckedAccount<'info>,

    /// CHECK: the claimant's membership address, credited in the time bank if it holds a record.
    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), payout.recipient.key().as_ref()],
        bump,
    )]
    pub claimant_member: UncheckedAccount<'info>,
}

impl ApproveBountyClaim<'_> {
    pub fn validate(&self) -> Result<()> {
        require_keys_eq!(
            self.payout.payer.key(),
            self.bounty.poster,
            AmpledError::NotBountyPoster
        );
        require!(
            self.bounty.funding == BountyFunding::Member,
            AmpledError::WrongBountyFunding
        );
        // Paying yourself from your own escrow would earn nothing yet grow your time bank.
        require_keys_neq!(
            self.claim.claimant,
            self.bounty.poster,
            AmpledError::CannotApproveOwnBenefit
        );
        self.claim.require_submitted()?;
        self.payout.check(&self.community, self.claim.claimant)?;
        require_keys_eq!(
            self.poster_tokens.key(),
            associated_token_address(&self.bounty.poster, &self.community.mint),
            AmpledError::WalletMismatch
        );
        self.bounty.require_open()?;
        require_keys_eq!(
            self.vault.key(),
            self.bounty.vault_address(&self.bounty.key())?,
            AmpledError::WrongVault
        );
        require!(
            vault_balance(&self.vault)? >= self.bounty.reward,
            AmpledError::InsufficientBalance
        );
        Ok(())
    }
}

pub fn handler(mut ctx: Context<ApproveBountyClaim>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut ctx.accounts;
    let poster = accounts.payout.payer.key();
    let reward = accounts.bounty.reward;
    transfer_from_community(
        &accounts.community,
        &accounts.payout.mint,
        &accounts.vault,
        &accounts.payout.recipient_tokens.to_account_info(),
        accounts.payout.token_program.key(),
        reward,
    )?;
    let member_total_earned = credit_time_bank(&accounts.claimant_member, reward)?;
    accounts
        .claim
        .settle(&mut accounts.bounty, ClaimStatus::Paid, Some(poster), now)?;
    if accounts.bounty.status == BountyStatus::Completed {
        drain_and_close(
            &accounts.community,
            &accounts.payout.mint,
            &accounts.vault,
            &accounts.poster_tokens.to_account_info(),
            &accounts.payout.payer.to_account_info(),
            accounts.payout.token_program.key(),
        )?;
    }
    accounts.claim.invariant()?;
    accounts.bounty.invariant()?;

    let bounty = &ctx.accounts.bounty;
    emit_cpi!(BountyClaimPaid {
        community: bounty.community,
        bounty: bounty.key(),
        claim: ctx.accounts.claim.key(),
        claimant: ctx.accounts.claim.claimant,
        category: bounty.category,
        funding: bounty.funding,
        amount: reward,
        approved_by: poster,
        member_total_earned,
        timestamp: now,
    });
    Ok(())
}
