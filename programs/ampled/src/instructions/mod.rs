//! Instructions grouped by capability; `payout` holds the accounts every payment to a wallet shares.

pub mod bounties;
pub mod commissary;
pub mod community;
pub mod directory;
pub mod distributions;
pub mod governance;
pub mod membership;
pub mod payout;
pub mod treasury;

pub use bounties::*;
pub use commissary::*;
pub use community::*;
pub use directory::*;
pub use distributions::*;
pub use governance::*;
pub use membership::*;
pub use payout::*;
pub use treasury::*;
