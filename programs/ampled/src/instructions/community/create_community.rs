use crate::errors::AmpledError;
use crate::events::{CommunityCreated, FounderJoined};
use crate::state::*;
use crate::utils::mint::{create_community_mint, MintAccounts};
use crate::utils::pda::{create_pda, init_program_account, write_account};
use crate::utils::token::create_token_account_pda;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::Token2022;

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
    /// The token's name, symbol and uri as wallets show them.
    pub token: TokenMetadataFields,
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

/// Creates a co-op: its community account, its Token-2022 mint carrying the token's name, symbol
/// and uri (mint and metadata authority: the community PDA; no freeze authority), its treasury,
/// and its founders' membership records.
///
/// Remaining accounts: the founders' member PDAs `[MEMBER_SEED, community, wallet]`, writable, in
/// the order of `args.founders`.
#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateCommunityArgs)]
pub struct CreateCommunity<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,

    /// CHECK: created by the handler; the seeds fix its address to the name.
    #[account(mut, seeds = [COMMUNITY_SEED, args.name_seed()], bump)]
    pub community: UncheckedAccount<'info>,

    /// CHECK: created and initialised as the community's Token-2022 mint by the handler.
    #[account(mut, seeds = [MINT_SEED, community.key().as_ref()], bump)]
    pub mint: UncheckedAccount<'info>,

    /// CHECK: created and initialised as the treasury token account by the handler.
    #[account(mut, seeds = [TREASURY_SEED, community.key().as_ref()], bump)]
    pub treasury: UncheckedAccount<'info>,

    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl CreateCommunityArgs {
    /// Every rule the arguments alone must meet; clients call it before sending.
    pub fn validate(&self) -> Result<()> {
        Community::validate_name(&self.name)?;
        require!(self.decimals <= MAX_DECIMALS, AmpledError::InvalidDecimals);
        self.token.validate()?;
        require!(!self.founders.is_empty(), AmpledError::NoFounders);
        require!(
            self.founders.len() <= MAX_FOUNDERS,
            AmpledError::TooManyFounders
        );
        for (i, founder) in self.founders.iter().enumerate() {
            require_wallet(&founder.wallet)?;
            require!(
                self.founders[..i]
                    .iter()
                    .all(|f| f.wallet != founder.wallet),
                AmpledError::DuplicateFounder
            );
        }
        self.rules.validate(self.founders.len() as u32)
    }
}

impl CreateCommunity<'_> {
    pub fn validate(&self, args: &CreateCommunityArgs) -> Result<()> {
        args.validate()
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
    let accounts = &ctx.accounts;
    let payer = accounts.payer.to_account_info();
    let system = accounts.system_program.to_account_info();
    let community_key = accounts.community.key();
    let community_bump = [ctx.bumps.community];
    let community_seeds: &[&[u8]] = &[COMMUNITY_SEED, args.name.as_bytes(), &community_bump];

    let mut community = Community {
        bump: ctx.bumps.community,
        mint_bump: ctx.bumps.mint,
        treasury_bump: ctx.bumps.treasury,
        name: args.name.clone(),
        mint: accounts.mint.key(),
        treasury: accounts.treasury.key(),
        rules: args.rules,
        rules_version: 0,
        member_slots: 0,
        active_member_count: 0,
        created_at: now,
        issuance_period_index: 0,
        issued_in_period: 0,
        issuance_anchor: now,
        total_minted: 0,
        active_members: Vec::new(),
    };
    create_pda(
        &payer,
        &accounts.community,
        &system,
        Community::space(args.founders.len() as u32),
        &crate::ID,
        community_seeds,
    )?;
    create_token_accounts(accounts, &ctx.bumps, community_seeds, &args)?;

    let mut founders = Vec::with_capacity(args.founders.len());
    for (founder, account) in args.founders.iter().zip(ctx.remaining_accounts) {
        let (address, bump) = Pubkey::find_program_address(
            &[MEMBER_SEED, community_key.as_ref(), founder.wallet.as_ref()],
            ctx.program_id,
        );
        require_keys_eq!(account.key(), address, AmpledError::FounderAccountMismatch);
        require!(account.is_writable, AmpledError::FounderAccountMismatch);
        let index = community.admit()?;
        let member = Member::new(
            bump,
            community_key,
            founder.wallet,
            founder.role,
            index,
            now,
        );
        member.invariant()?;
        let seeds: &[&[u8]] = &[
            MEMBER_SEED,
            community_key.as_ref(),
            founder.wallet.as_ref(),
            &[bump],
        ];
        init_program_account(&payer, account, &system, Member::SPACE, seeds, &member)?;
        founders.push(FounderJoined {
            wallet: founder.wallet,
            role: founder.role,
            index,
        });
    }
    community.invariant()?;
    write_account(&accounts.community, &community)?;

    emit_cpi!(CommunityCreated {
        community: community_key,
        name: args.name,
        mint: community.mint,
        treasury: community.treasury,
        decimals: args.decimals,
        token: args.token,
        rules: args.rules,
        founders,
        created_by: ctx.accounts.payer.key(),
        timestamp: now,
    });
    Ok(())
}

/// The mint, with the token's metadata, and the treasury it owns.
fn create_token_accounts(
    accounts: &CreateCommunity,
    bumps: &CreateCommunityBumps,
    community_seeds: &[&[u8]],
    args: &CreateCommunityArgs,
) -> Result<()> {
    let payer = accounts.payer.to_account_info();
    let system = accounts.system_program.to_account_info();
    let community = accounts.community.key();

    let mint_accounts = MintAccounts {
        payer: payer.clone(),
        mint: accounts.mint.to_account_info(),
        community: accounts.community.to_account_info(),
        system_program: system.clone(),
        token_program: accounts.token_program.to_account_info(),
    };
    create_community_mint(
        &mint_accounts,
        &[MINT_SEED, community.as_ref(), &[bumps.mint]],
        community_seeds,
        args.decimals,
        &args.token,
    )?;
    create_token_account_pda(
        &payer,
        &accounts.treasury,
        &accounts.mint,
        &accounts.community,
        &system,
        accounts.token_program.key(),
        &[TREASURY_SEED, community.as_ref(), &[bumps.treasury]],
    )
}
