//! Instructions grouped by capability; `payout` holds the accounts every payment to a wallet shares.

pub mod community;
pub mod membership;
pub mod governance;
pub mod treasury;
pub mod bounties;
pub mod commissary;
pub mod payout;

pub use community::*;
pub use membership::*;
pub use governance::*;
pub use treasury::*;
pub use bounties::*;
pub use commissary::*;
pub use payout::*;
