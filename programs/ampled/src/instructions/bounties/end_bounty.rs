use crate::errors::AmpledError;
use crate::events::{BountyCancelled, BountyExpired};
use crate::state::*;
use crate::utils::token::{associated_token_address, drain_and_close};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, Token2022, TokenAccount};

/// Ends an open bounty: the poster of a member-funded bounty cancels it at any time; anyone
/// expires any bounty once its deadline has passed (a co-op bounty, posted by vote, ends only
/// so). A member-funded bounty's remaining escrow goes back to the poster's associated token
/// account and the vault's rent to whoever paid it. Never while evidence waits for a decision.
#[event_cpi]
#[derive(Accounts)]
pub struct EndBounty<'info> {
    pub caller: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub bounty: Box<Account<'info, Bounty>>,

    /// CHECK: the escrow of a member-funded bounty, omitted for co-op bounties; its address is
    /// checked in `validate` once the bounty is known to be open, so a bounty that already ended
    /// (and closed its vault) says so.
    #[account(mut)]
    pub vault: Option<UncheckedAccount<'info>>,

    /// The poster's associated token account, where the escrow returns.
    #[account(mut)]
    pub poster_tokens: Option<Box<InterfaceAccount<'info, TokenAccount>>>,

    /// CHECK: receives the vault's rent; must be who paid it (checked in `validate`).
    #[account(mut)]
    pub rent_payer: Option<UncheckedAccount<'info>>,

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    pub token_program: Program<'info, Token2022>,
}

impl EndBounty<'_> {
    pub fn validate(&self) -> Result<()> {
        self.bounty.require_open()?;
        if self.bounty.funding == BountyFunding::Member {
            let vault = self
                .vault
                .as_ref()
                .ok_or_else(|| error!(AmpledError::WrongVault))?;
            require_keys_eq!(
                vault.key(),
                self.bounty.vault_address(&self.bounty.key())?,
                AmpledError::WrongVault
            );
            let poster_tokens = self
                .poster_tokens
                .as_ref()
                .ok_or_else(|| error!(AmpledError::WalletMismatch))?;
            require_keys_eq!(
                poster_tokens.key(),
                associated_token_address(&self.bounty.poster, &self.community.mint),
                AmpledError::WalletMismatch
            );
            let rent_payer = self
                .rent_payer
                .as_ref()
                .ok_or_else(|| error!(AmpledError::WalletMismatch))?;
            require_keys_eq!(
                rent_payer.key(),
                self.bounty.rent_payer,
                AmpledError::WalletMismatch
            );
        }
        Ok(())
    }
}

pub fn handler(ctx: Context<EndBounty>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let caller = ctx.accounts.caller.key();
    let status = ctx.accounts.bounty.end(caller, now)?;
    ctx.accounts.bounty.invariant()?;

    let accounts = &ctx.accounts;
    let refunded = match (
        &accounts.vault,
        &accounts.poster_tokens,
        &accounts.rent_payer,
    ) {
        (Some(vault), Some(poster_tokens), Some(rent_payer))
            if accounts.bounty.funding == BountyFunding::Member =>
        {
            drain_and_close(
                &accounts.community,
                &accounts.mint,
                &vault.to_account_info(),
                &poster_tokens.to_account_info(),
                &rent_payer.to_account_info(),
                accounts.token_program.key(),
            )?
        }
        _ => 0,
    };

    let bounty = &ctx.accounts.bounty;
    if status == BountyStatus::Cancelled {
        emit_cpi!(BountyCancelled {
            community: bounty.community,
            bounty: bounty.key(),
            poster: bounty.poster,
            refunded,
            timestamp: now,
        });
    } else {
        emit_cpi!(BountyExpired {
            community: bounty.community,
            bounty: bounty.key(),
            closed_by: caller,
            refunded,
            timestamp: now,
        });
    }
    Ok(())
}
