use crate::errors::AmpledError;
use crate::events::{CommunityCreated, FounderJoined};
use crate::state::*;
use crate::utils::pda::create_program_account;
use anchor_lang::prelude::*;
use anchor_spl::token::{Mint, Token, TokenAccount};

pub const MAX_FOUNDERS: usize = 10;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct Founder {
    pub wallet: Pubkey,
    pub role: MemberRole,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateCommunityArgs {
    /// Unique short name; the community's address is derived from it.
    pub name: String,
    /// Decimals of the community token (0..=9).
    pub decimals: u8,
    pub rules: CommunityRules,
    /// Founding members, admitted without a vote. Later members join by proposal.
    pub founders: Vec<Founder>,
}

impl CreateCommunityArgs {
    /// The PDA seed for the name. A name longer than a seed allows is cut here only so that
    /// address derivation cannot fail before `validate` refuses it with a clear error.
    pub fn name_seed(&self) -> &[u8] {
        let bytes = self.name.as_bytes();
        &bytes[..bytes.len().min(MAX_NAME_LEN)]
    }
}

/// Creates a co-op: its community account, its token (mint authority: the community PDA; no
/// freeze authority), its treasury, and its founders' membership records.
///
/// Remaining accounts: the founders' member PDAs `[MEMBER_SEED, community, wallet]`, writable, in
/// the order of `args.founders`.
#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateCommunityArgs)]
pub struct CreateCommunity<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(
        init,
        payer = payer,
        space = Community::space(args.founders.len().min(MAX_FOUNDERS) as u32),
        seeds = [COMMUNITY_SEED, args.name_seed()],
        bump,
    )]
    pub community: Box<Account<'info, Community>>,

    #[account(
        init,
        payer = payer,
        seeds = [MINT_SEED, community.key().as_ref()],
        bump,
        mint::decimals = args.decimals,
        mint::authority = community,
        mint::token_program = token_program,
    )]
    pub mint: Box<Account<'info, Mint>>,

    #[account(
        init,
        payer = payer,
        seeds = [TREASURY_SEED, community.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = community,
        token::token_program = token_program,
    )]
    pub treasury: Box<Account<'info, TokenAccount>>,

    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

impl CreateCommunity<'_> {
    pub fn validate(&self, args: &CreateCommunityArgs) -> Result<()> {
        require!(
            !args.name.is_empty() && args.name.len() <= MAX_NAME_LEN,
            AmpledError::InvalidCommunityName
        );
        require!(args.decimals <= MAX_DECIMALS, AmpledError::InvalidDecimals);
        require!(!args.founders.is_empty(), AmpledError::NoFounders);
        require!(
            args.founders.len() <= MAX_FOUNDERS,
            AmpledError::TooManyFounders
        );
        for (i, founder) in args.founders.iter().enumerate() {
            require!(
                args.founders[..i]
                    .iter()
                    .all(|f| f.wallet != founder.wallet),
                AmpledError::DuplicateFounder
            );
        }
        args.rules.validate(args.founders.len() as u32)
    }
}

pub fn handler<'info>(
    ctx: Context<'info, CreateCommunity<'info>>,
    args: CreateCommunityArgs,
) -> Result<()> {
    require!(
        ctx.remaining_accounts.len() == args.founders.len(),
        AmpledError::FounderAccountMismatch
    );
    let now = Clock::get()?.unix_timestamp;
    let community_key = ctx.accounts.community.key();

    let community = &mut ctx.accounts.community;
    community.bump = ctx.bumps.community;
    community.mint_bump = ctx.bumps.mint;
    community.treasury_bump = ctx.bumps.treasury;
    community.name = args.name.clone();
    community.mint = ctx.accounts.mint.key();
    community.treasury = ctx.accounts.treasury.key();
    community.rules = args.rules;
    community.rules_version = 0;
    community.created_at = now;

    let mut founders = Vec::with_capacity(args.founders.len());
    for (founder, account) in args.founders.iter().zip(ctx.remaining_accounts) {
        let (address, bump) = Pubkey::find_program_address(
            &[MEMBER_SEED, community_key.as_ref(), founder.wallet.as_ref()],
            ctx.program_id,
        );
        require_keys_eq!(account.key(), address, AmpledError::FounderAccountMismatch);
        require!(account.is_writable, AmpledError::FounderAccountMismatch);
        create_program_account(
            &ctx.accounts.payer.to_account_info(),
            account,
            &ctx.accounts.system_program.to_account_info(),
            Member::SPACE,
            &[
                MEMBER_SEED,
                community_key.as_ref(),
                founder.wallet.as_ref(),
                &[bump],
            ],
        )?;
        let index = community.admit()?;
        let member = Member {
            bump,
            community: community_key,
            wallet: founder.wallet,
            role: founder.role,
            status: MemberStatus::Active,
            index,
            joined_at: now,
            admitted_by: None,
            removed_at: None,
            total_earned: 0,
            rewards_received: 0,
            proposals_created: 0,
        };
        member.invariant()?;
        member.try_serialize(&mut &mut account.try_borrow_mut_data()?[..])?;
        founders.push(FounderJoined {
            wallet: founder.wallet,
            role: founder.role,
            index,
        });
    }
    community.invariant()?;

    emit_cpi!(CommunityCreated {
        community: community_key,
        name: args.name,
        mint: ctx.accounts.mint.key(),
        treasury: ctx.accounts.treasury.key(),
        decimals: args.decimals,
        rules: args.rules,
        founders,
        created_by: ctx.accounts.payer.key(),
        timestamp: now,
    });
    Ok(())
}
