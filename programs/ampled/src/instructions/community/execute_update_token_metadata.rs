use crate::errors::AmpledError;
use crate::events::TokenMetadataUpdated;
use crate::state::*;
use crate::utils::mint::{update_community_token_metadata, MintAccounts};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::Token2022;

/// Writes the approved name, symbol and uri into the mint. The community PDA is the metadata's
/// only update authority and signs nothing else of the kind, so this is the only way they change.
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteUpdateTokenMetadata<'info> {
    /// Pays the rent a longer name, symbol or uri needs in the mint.
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(mut)]
    pub community: Box<Account<'info, Community>>,

    #[account(mut, has_one = community @ AmpledError::WrongCommunity)]
    pub proposal: Box<Account<'info, Proposal>>,

    /// CHECK: the community's mint (address checked); Token-2022 rewrites its metadata.
    #[account(mut, address = community.mint @ AmpledError::WrongMint)]
    pub mint: UncheckedAccount<'info>,

    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl ExecuteUpdateTokenMetadata<'_> {
    pub fn validate(&self) -> Result<()> {
        let ProposalAction::UpdateTokenMetadata { token } = &self.proposal.action else {
            return err!(AmpledError::WrongProposalAction);
        };
        token.validate()
    }
}

pub fn handler(ctx: Context<ExecuteUpdateTokenMetadata>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let ProposalAction::UpdateTokenMetadata { token } = ctx.accounts.proposal.action.clone() else {
        return err!(AmpledError::WrongProposalAction);
    };
    ctx.accounts
        .proposal
        .mark_executed(&ctx.accounts.community, now)?;

    let accounts = &ctx.accounts;
    let community = &accounts.community;
    let bump = [community.bump];
    let community_seeds: &[&[u8]] = &[COMMUNITY_SEED, community.name.as_bytes(), &bump];
    let mint_accounts = MintAccounts {
        payer: accounts.payer.to_account_info(),
        mint: accounts.mint.to_account_info(),
        community: community.to_account_info(),
        system_program: accounts.system_program.to_account_info(),
        token_program: accounts.token_program.to_account_info(),
    };
    let old = update_community_token_metadata(&mint_accounts, community_seeds, &token)?;

    community.invariant()?;
    accounts.proposal.invariant()?;
    let (community, proposal, mint) = (community.key(), accounts.proposal.key(), community.mint);
    emit_cpi!(TokenMetadataUpdated {
        community,
        proposal,
        mint,
        old,
        new: token,
        timestamp: now,
    });
    Ok(())
}
