//! One event per state change, emitted through `emit_cpi!` so that it survives log truncation and
//! an indexer can rebuild the whole ledger (the time bank) from events alone. Grouped by capability,
//! as the instructions are.

pub mod bounties;
pub mod commissary;
pub mod community;
pub mod directory;
pub mod distributions;
pub mod governance;
pub mod membership;
pub mod treasury;

pub use bounties::*;
pub use commissary::*;
pub use community::*;
pub use directory::*;
pub use distributions::*;
pub use governance::*;
pub use membership::*;
pub use treasury::*;
