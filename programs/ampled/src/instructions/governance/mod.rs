pub mod cancel_proposal;
pub mod cast_vote;
pub mod close_proposal;
pub mod create_proposal;

pub use cancel_proposal::*;
pub use cast_vote::*;
pub use close_proposal::*;
pub use create_proposal::*;
