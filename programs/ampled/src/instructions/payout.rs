use crate::errors::AmpledError;
use crate::state::{require_wallet, Community, Member};
use crate::utils::pda::{read_account, write_account};
use crate::utils::SafeMath;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{Mint, Token2022, TokenAccount};

/// The accounts every payment to a wallet needs. Tokens always land in the recipient's associated
/// token account, created (at the payer's cost) if the recipient has none or closed it.
#[derive(Accounts)]
pub struct TokenPayout<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(mut)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// CHECK: the wallet being paid; `TokenPayout::check` compares it with what was approved.
    pub recipient: UncheckedAccount<'info>,

    #[account(
        init_if_needed,
        payer = payer,
        associated_token::mint = mint,
        associated_token::authority = recipient,
        associated_token::token_program = token_program,
    )]
    pub recipient_tokens: Box<InterfaceAccount<'info, TokenAccount>>,

    pub token_program: Program<'info, Token2022>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl TokenPayout<'_> {
    /// The payout must be in the community's token and to the wallet members approved.
    pub fn check(&self, community: &Community, approved_recipient: Pubkey) -> Result<()> {
        require_keys_eq!(self.mint.key(), community.mint, AmpledError::WrongMint);
        require_keys_eq!(
            self.recipient.key(),
            approved_recipient,
            AmpledError::WalletMismatch
        );
        require_wallet(&approved_recipient)?;
        // Program ids are on the curve, yet nothing could ever sign for tokens paid to them.
        require!(!self.recipient.executable, AmpledError::NotAWallet);
        Ok(())
    }
}

/// Adds `amount` to the member's lifetime earnings if `account` holds a membership record.
/// Returns the new total, or `None` when the recipient is not a member.
pub fn credit_time_bank(account: &AccountInfo, amount: u64) -> Result<Option<u64>> {
    let Some(mut member) = read_account::<Member>(account)? else {
        return Ok(None);
    };
    member.total_earned = member.total_earned.safe_add(amount)?;
    member.rewards_received = member.rewards_received.safe_add(1)?;
    member.invariant()?;
    write_account(account, &member)?;
    Ok(Some(member.total_earned))
}
