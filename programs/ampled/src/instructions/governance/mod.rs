pub mod create_proposal;
pub mod cast_vote;
pub mod cancel_proposal;
pub mod close_proposal;

pub use create_proposal::*;
pub use cast_vote::*;
pub use cancel_proposal::*;
pub use close_proposal::*;
