pub mod bitmap;
pub mod math;
pub mod merkle;
pub mod mint;
pub mod pda;
pub mod token;

pub use math::SafeMath;

use crate::errors::AmpledError;
use anchor_lang::prelude::*;

/// Refuses accounts beyond those an instruction declares, so nothing unvalidated rides along.
pub fn only_declared_accounts(remaining_accounts: &[AccountInfo]) -> Result<()> {
    require!(
        remaining_accounts.is_empty(),
        AmpledError::UnexpectedRemainingAccounts
    );
    Ok(())
}
