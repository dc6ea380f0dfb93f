use crate::errors::AmpledError;
use crate::events::BidPlaced;
use crate::state::*;
use crate::utils::token::{associated_token_address, transfer_from_community, vault_balance};
use anchor_lang::prelude::*;
use anchor_spl::associated_token::{self, AssociatedToken, Create};
use anchor_spl::token_interface::{self, Mint, Token2022, TokenAccount, TransferChecked};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceBidArgs {
    /// The whole bid (base units), not the raise.
    pub amount: u64,
}

/// A bid moves into the auction's escrow, and the bid it beats goes back to its bidder's
/// associated token account in the same transaction, re-created (at the new bidder's cost) if the
/// outbid bidder closed it: nobody can make an auction unbeatable or lock a refund. Writes the
/// auction, its vault and the two bidders' token accounts, never the community.
#[event_cpi]
#[derive(Accounts)]
pub struct PlaceBid<'info> {
    #[account(mut)]
    pub bidder: Signer<'info>,

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

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The bidder's tokens, any account of theirs holding the community token.
    #[account(mut, token::mint = mint, token::authority = bidder, token::token_program = token_program)]
    pub bidder_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    /// The bidder's membership, required in members-only auctions.
    #[account(
        seeds = [MEMBER_SEED, community.key().as_ref(), bidder.key().as_ref()],
        bump = bidder_member.bump,
    )]
    pub bidder_member: Option<Box<Account<'info, Member>>>,

    /// CHECK: the current highest bidder's wallet, when there is one (checked in `validate`).
    pub previous_bidder: Option<UncheckedAccount<'info>>,

    /// CHECK: the current highest bidder's associated token account, where the refund goes; it is
    /// created if missing (checked in `validate`).
    #[account(mut)]
    pub previous_bidder_tokens: Option<UncheckedAccount<'info>>,

    pub token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl PlaceBid<'_> {
    pub fn validate(&self, args: &PlaceBidArgs) -> Result<()> {
        let is_active_member = self
            .bidder_member
            .as_ref()
            .is_some_and(|member| member.is_active());
        self.auction
            .require_eligible_bidder(&self.bidder.key(), is_active_member)?;
        if let Some(previous) = self.auction.highest_bidder {
            let wallet = self
                .previous_bidder
                .as_ref()
                .ok_or_else(|| error!(AmpledError::WrongPreviousBidder))?;
            let tokens = self
                .previous_bidder_tokens
                .as_ref()
                .ok_or_else(|| error!(AmpledError::WrongPreviousBidder))?;
            require_keys_eq!(wallet.key(), previous, AmpledError::WrongPreviousBidder);
            require_keys_eq!(
                tokens.key(),
                associated_token_address(&previous, &self.community.mint),
                AmpledError::WrongPreviousBidder
            );
        }
        require!(
            self.bidder_tokens.amount >= args.amount,
            AmpledError::InsufficientBalance
        );
        Ok(())
    }
}

impl<'info> PlaceBid<'info> {
    /// Re-creates the outbid bidder's associated token account if they closed it.
    fn ensure_refund_account(
        &self,
        wallet: &UncheckedAccount<'info>,
        tokens: &UncheckedAccount<'info>,
    ) -> Result<()> {
        if !tokens.data_is_empty() {
            return Ok(());
        }
        let accounts = Create {
            payer: self.bidder.to_account_info(),
            associated_token: tokens.to_account_info(),
            authority: wallet.to_account_info(),
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

pub fn handler(ctx: Context<PlaceBid>, args: PlaceBidArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let bidder = ctx.accounts.bidder.key();
    let outbid = ctx.accounts.auction.highest_bidder;
    let refund = ctx.accounts.auction.highest_bid;
    ctx.accounts.auction.record_bid(bidder, args.amount, now)?;

    let accounts = &ctx.accounts;
    let escrow = TransferChecked {
        from: accounts.bidder_tokens.to_account_info(),
        mint: accounts.mint.to_account_info(),
        to: accounts.vault.to_account_info(),
        authority: accounts.bidder.to_account_info(),
    };
    token_interface::transfer_checked(
        CpiContext::new(accounts.token_program.key(), escrow),
        args.amount,
        accounts.mint.decimals,
    )?;
    if let (Some(_), Some(wallet), Some(tokens)) = (
        outbid,
        &accounts.previous_bidder,
        &accounts.previous_bidder_tokens,
    ) {
        accounts.ensure_refund_account(wallet, tokens)?;
        transfer_from_community(
            &accounts.community,
            &accounts.mint,
            &accounts.vault,
            &tokens.to_account_info(),
            accounts.token_program.key(),
            refund,
        )?;
    }
    // At least: anyone can send tokens to a token account, and that must not block bidding.
    require!(
        vault_balance(&ctx.accounts.vault)? >= args.amount,
        AmpledError::InvariantViolated
    );
    ctx.accounts.auction.invariant()?;

    let auction = &ctx.accounts.auction;
    emit_cpi!(BidPlaced {
        community: auction.community,
        auction: auction.key(),
        bidder,
        amount: args.amount,
        outbid,
        refunded: if outbid.is_some() { refund } else { 0 },
        ends_at: auction.ends_at,
        timestamp: now,
    });
    Ok(())
}
