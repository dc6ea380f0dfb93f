//! One `Chain` method per program instruction, taking fixtures and signers, grouped by capability
//! as the program is. Each has a `_with` variant whose `tamper` closure changes the instruction
//! before it is sent, so an attack test reuses the honest call and says only what it changed:
//! the accounts by name where the client library builds the program's accounts struct (through
//! `Chain::send_accounts_tampered`), otherwise the instruction itself (through
//! `Chain::send_tampered`, usually with `redirect`). The `execute_*` instructions share
//! `Chain::execute` / `execute_with`, built by the client library's one dispatcher, with typed
//! variants for the executions attack tests aim at (mint reward, treasury transfer, pay claim).
mod bounties;
mod commissary;
mod community;
mod distributions;
mod governance;

pub use bounties::{BountyFixture, PROOF};
pub use commissary::AuctionFixture;
pub use distributions::{ShareList, LIST_URI};
pub use governance::assert_proposal_closes_at_once;
