use crate::errors::AmpledError;
use crate::events::{AuctionSettled, AuctionUnsold};
use crate::state::*;
use crate::utils::token::{
    associated_token_address, burn_from_community, close_community_token_account, drain_and_close,
    vault_balance,
};
use anchor_lang::prelude::*;
use anchor_spl::associated_token::{self, AssociatedToken, Create};
use anchor_spl::token_interface::{Mint, Token2022};

/// Anyone settles an auction once it has ended: the escrowed winning bid goes to the seller's
/// associated token account (created if missing), to the treasury, or is burned, as listed; an
/// auction without a bid ends unsold. The vault is closed and its rent returned.
#[event_cpi]
#[derive(Accounts)]
pub struct SettleAuction<'info> {
    #[account(mut)]
    pub caller: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub auction: Box<Account<'info, Auction>>,

    /// CHECK: the escrow vault at its seeds; read (`vault_balance`) after the record is checked.
    #[account(
        mut,
        seeds = [AUCTION_VAULT_SEED, auction.key().as_ref()],
        bump = auction.vault_bump,
    )]
    pub vault: UncheckedAccount<'info>,

    #[account(mut, address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: where the proceeds go: the seller's associated token account (created if missing)
    /// or the treasury, as the listing says; unused when proceeds are burned (checked in
    /// `validate`).
    #[account(mut)]
    pub proceeds_account: UncheckedAccount<'info>,

    /// CHECK: the seller's wallet for a member's item (any account otherwise); it owns the
    /// associated token account created for the proceeds.
    pub seller: UncheckedAccount<'info>,

    /// CHECK: receives the vault's rent; must be who paid it (checked in `validate`).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,

    pub token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl SettleAuction<'_> {
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.auction.require_open()?;
        require!(
            now >= self.auction.ends_at,
            AmpledError::AuctionStillRunning
        );
        require_keys_eq!(
            self.rent_payer.key(),
            self.auction.rent_payer,
            AmpledError::WalletMismatch
        );
        match self.auction.proceeds {
            Proceeds::Seller { wallet } => {
                require_keys_eq!(self.seller.key(), wallet, AmpledError::WalletMismatch);
                require_keys_eq!(
                    self.proceeds_account.key(),
                    associated_token_address(&wallet, &self.community.mint),
                    AmpledError::WalletMismatch
                );
            }
            Proceeds::Treasury => require_keys_eq!(
                self.proceeds_account.key(),
                self.community.treasury,
                AmpledError::WrongTreasury
            ),
            Proceeds::Burn => {}
        }
        Ok(())
    }
}

impl<'info> SettleAuction<'info> {
    /// Re-creates the seller's associated token account if they have none.
    fn ensure_seller_account(&self) -> Result<()> {
        if !self.proceeds_account.data_is_empty() {
            return Ok(());
        }
        let accounts = Create {
            payer: self.caller.to_account_info(),
            associated_token: self.proceeds_account.to_account_info(),
            authority: self.seller.to_account_info(),
            mint: self.mint.to_account_info(),
            system_program: self.system_program.to_account_info(),
            token_program: self.token_program.to_account_info(),
        };
        associated_token::create(CpiContext::new(
            self.associated_token_program.key(),
            accounts,
        ))
    }
}

pub fn handler(ctx: Context<SettleAuction>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &ctx.accounts;
    let token_program = accounts.token_program.key();
    let rent_payer = accounts.rent_payer.to_account_info();
    let winner = accounts.auction.highest_bidder;
    let amount = accounts.auction.highest_bid;

    // Whatever the vault holds (the winning bid, plus anything sent to it) follows the listing's
    // proceeds, even without a winner, so a stray deposit cannot keep the vault from closing.
    let held = vault_balance(&accounts.vault)?;
    if accounts.auction.proceeds == Proceeds::Burn {
        if held > 0 {
            burn_from_community(
                &accounts.community,
                &accounts.mint,
                &accounts.vault,
                token_program,
                held,
            )?;
        }
        close_community_token_account(
            &accounts.community,
            &accounts.vault,
            &rent_payer,
            token_program,
        )?;
    } else {
        if held > 0 {
            accounts.ensure_seller_account()?;
        }
        drain_and_close(
            &accounts.community,
            &accounts.mint,
            &accounts.vault,
            &accounts.proceeds_account.to_account_info(),
            &rent_payer,
            token_program,
        )?;
    }

    let auction = &mut ctx.accounts.auction;
    auction.status = if winner.is_some() {
        AuctionStatus::Settled
    } else {
        AuctionStatus::Unsold
    };
    auction.settled_at = Some(now);
    auction.invariant()?;

    let (community, key, proceeds) = (auction.community, auction.key(), auction.proceeds);
    match winner {
        Some(winner) => emit_cpi!(AuctionSettled {
            community,
            auction: key,
            winner,
            amount,
            proceeds,
            timestamp: now,
        }),
        None => emit_cpi!(AuctionUnsold {
            community,
            auction: key,
            timestamp: now,
        }),
    }
    Ok(())
}
