use crate::errors::AmpledError;
use crate::events::BountyPosted;
use crate::state::*;
use crate::utils::pda::init_program_account;
use crate::utils::token::create_token_account_pda;
use crate::utils::SafeMath;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, Token2022, TokenAccount, TransferChecked};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct PostBountyArgs {
    pub terms: BountyTerms,
}

/// A member posts a bounty paid from their own tokens: `reward * max_claims` moves into an escrow
/// vault only this program can spend, and what is not paid out comes back when the bounty ends.
#[event_cpi]
#[derive(Accounts)]
pub struct PostBounty<'info> {
    #[account(mut)]
    pub poster: Signer<'info>,

    pub community: Box<Account<'info, Community>>,

    #[account(
        mut,
        seeds = [MEMBER_SEED, community.key().as_ref(), poster.key().as_ref()],
        bump = poster_member.bump,
    )]
    pub poster_member: Box<Account<'info, Member>>,

    /// CHECK: created by the handler; its address comes from the poster's bounty counter.
    #[account(
        mut,
        seeds = [
            BOUNTY_SEED,
            community.key().as_ref(),
            poster.key().as_ref(),
            &poster_member.bounties_posted.to_le_bytes(),
        ],
        bump,
    )]
    pub bounty: UncheckedAccount<'info>,

    /// CHECK: created by the handler as the bounty's escrow, owned by the community PDA.
    #[account(mut, seeds = [BOUNTY_VAULT_SEED, bounty.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,

    #[account(address = community.mint @ AmpledError::WrongMint)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// The poster's own token account the escrow comes from.
    #[account(mut, token::mint = mint, token::authority = poster, token::token_program = token_program)]
    pub poster_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl PostBounty<'_> {
    pub fn validate(&self, args: &PostBountyArgs) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.poster_member.require_active()?;
        let escrow = args.terms.validate(now)?;
        require!(
            self.poster_tokens.amount >= escrow,
            AmpledError::InsufficientBalance
        );
        Ok(())
    }
}

pub fn handler(ctx: Context<PostBounty>, args: PostBountyArgs) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let escrow = args.terms.validate(now)?;
    let accounts = &ctx.accounts;
    let payer = accounts.poster.to_account_info();
    let system = accounts.system_program.to_account_info();
    let community = accounts.community.key();
    let poster = accounts.poster.key();
    let bounty_key = accounts.bounty.key();
    let nonce = accounts.poster_member.bounties_posted;

    let mut bounty = Bounty::new(
        ctx.bumps.bounty,
        community,
        poster,
        poster,
        nonce,
        BountyFunding::Member,
        &args.terms,
        now,
    );
    bounty.vault_bump = ctx.bumps.vault;
    bounty.invariant()?;
    let bounty_seeds: &[&[u8]] = &[
        BOUNTY_SEED,
        community.as_ref(),
        poster.as_ref(),
        &nonce.to_le_bytes(),
        &[ctx.bumps.bounty],
    ];
    init_program_account(
        &payer,
        &accounts.bounty,
        &system,
        Bounty::SPACE,
        bounty_seeds,
        &bounty,
    )?;
    create_token_account_pda(
        &payer,
        &accounts.vault,
        &accounts.mint.to_account_info(),
        &accounts.community.to_account_info(),
        &system,
        accounts.token_program.key(),
        &[BOUNTY_VAULT_SEED, bounty_key.as_ref(), &[ctx.bumps.vault]],
    )?;

    let escrow_transfer = TransferChecked {
        from: accounts.poster_tokens.to_account_info(),
        mint: accounts.mint.to_account_info(),
        to: accounts.vault.to_account_info(),
        authority: payer,
    };
    token_interface::transfer_checked(
        CpiContext::new(accounts.token_program.key(), escrow_transfer),
        escrow,
        accounts.mint.decimals,
    )?;

    let member = &mut ctx.accounts.poster_member;
    member.bounties_posted = nonce.safe_add(1)?;
    member.invariant()?;

    emit_cpi!(BountyPosted {
        community,
        bounty: bounty_key,
        poster,
        funding: BountyFunding::Member,
        terms: args.terms,
        escrowed: escrow,
        proposal: None,
        timestamp: now,
    });
    Ok(())
}
