pub mod auction;
pub mod bounty;
pub mod community;
pub mod member;
pub mod proposal;
pub mod seeds;
pub mod token_metadata;
pub mod wallet;

pub use auction::*;
pub use bounty::*;
pub use community::*;
pub use member::*;
pub use proposal::*;
pub use seeds::*;
pub use token_metadata::*;
pub use wallet::*;
