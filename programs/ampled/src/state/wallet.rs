use crate::errors::AmpledError;
use anchor_lang::prelude::*;

/// Refuses an address no key controls (a program-derived address: the community, its treasury,
/// its mint, a vault, any other program's PDA). Tokens paid there, or a membership given to it,
/// could never be used again, so every wallet the co-op pays, admits or names must pass this.
pub fn require_wallet(address: &Pubkey) -> Result<()> {
    require!(address.is_on_curve(), AmpledError::NotAWallet);
    Ok(())
}
