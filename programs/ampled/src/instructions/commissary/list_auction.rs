use crate::errors::AmpledError;
use crate::events::AuctionListed;
use crate::state::*;
use crate::utils::pda::init_program_account;
use crate::utils::token::create_token_account_pda;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, Token2022};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct ListAuctionArgs {
    pub terms: AuctionTerms,
}

/// A member auctions their own gear; the winning bid goes to them.
#[event_cpi]
#[derive(Accounts)]
pub struct ListAuction<'info> {
    #[account(mut)]
    pub lister: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), lister.key().as_ref()],
        bump = lister_member.bump,
    )]
    pub lister_member: Box<Account<'info, Member>>,

    /// CHECK: created by the handler; its address comes from the lister's auction counter.
    #[account(
        mut,
        seeds = [
            AUCTION_SEED,
            community.key().as_ref(),
            lister.key().as_ref(),
            &lister_member.auctions_listed.to_le_bytes(),
        ],
        bump,
    )]
    pub auction: UncheckedAccount<'info>,

    /// CHECK: created by the handler as the bid escrow, owned by the community PDA.
    #[account(mut, seeds = [AUCTION_VAULT_SEED, auction.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl ListAuction<'_> {
    pub fn validate(&self, args: &ListAuctionArgs) -> Result<()> {
        self.lister_member.require_active()?;
        args.terms.validate(Clock::get()?.unix_timestamp)
    }
}

/// Accounts both kinds of listing create.
pub struct NewAuction<'a, 'info> {
    pub payer: &'a AccountInfo<'info>,
    pub community: &'a AccountInfo<'info>,
    pub auction: &'a AccountInfo<'info>,
    pub auction_bump: u8,
    pub vault: &'a AccountInfo<'info>,
    pub vault_bump: u8,
    pub mint: &'a AccountInfo<'info>,
    pub token_program: Pubkey,
    pub system_program: &'a AccountInfo<'info>,
}

impl NewAuction<'_, '_> {
    /// Creates the auction record and its empty escrow vault.
    pub fn create(
        &self,
        lister: &mut Member,
        terms: &AuctionTerms,
        proceeds: Proceeds,
    ) -> Result<Auction> {
        let community = self.community.key();
        let nonce = lister.auctions_listed;
        lister.auctions_listed = nonce.safe_add(1)?;
        let auction = Auction {
            bump: self.auction_bump,
            vault_bump: self.vault_bump,
            community,
            lister: lister.wallet,
            nonce,
            rent_payer: self.payer.key(),
            terms: terms.clone(),
            proceeds,
            ends_at: terms.ends_at,
            status: AuctionStatus::Open,
            highest_bid: 0,
            highest_bidder: None,
            bid_count: 0,
            settled_at: None,
            handed_over_at: None,
        };
        auction.invariant()?;
        lister.invariant()?;
        let seeds: &[&[u8]] = &[
            AUCTION_SEED,
            community.as_ref(),
            lister.wallet.as_ref(),
            &nonce.to_le_bytes(),
            &[self.auction_bump],
        ];
        init_program_account(
            self.payer,
            self.auction,
            self.system_program,
            Auction::SPACE,
            seeds,
            &auction,
        )?;
        let auction_key = self.auction.key();
        create_token_account_pda(
            self.payer,
            self.vault,
            self.mint,
            self.community,
            self.system_program,
            self.token_program,
            &[AUCTION_VAULT_SEED, auction_key.as_ref(), &[self.vault_bump]],
        )?;
        Ok(auction)
    }
}

pub fn handler(ctx: Context<ListAuction>, args: ListAuctionArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let accounts = &ctx.accounts;
    let new_auction = NewAuction {
        payer: &accounts.lister.to_account_info(),
        community: &accounts.community.to_account_info(),
        auction: &accounts.auction,
        auction_bump: ctx.bumps.auction,
        vault: &accounts.vault,
        vault_bump: ctx.bumps.vault,
        mint: &accounts.mint.to_account_info(),
        token_program: accounts.token_program.key(),
        system_program: &accounts.system_program.to_account_info(),
    };
    let proceeds = Proceeds::Seller {
        wallet: accounts.lister.key(),
    };
    let mut lister = (**accounts.lister_member).clone();
    let auction = new_auction.create(&mut lister, &args.terms, proceeds)?;
    ctx.accounts.lister_member.set_inner(lister);

    emit_cpi!(AuctionListed {
        community: auction.community,
        auction: ctx.accounts.auction.key(),
        lister: auction.lister,
        terms: args.terms,
        proceeds,
        proposal: None,
        timestamp: now,
    });
    Ok(())
}
