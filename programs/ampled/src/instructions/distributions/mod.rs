pub mod claim_share;
pub mod close_distribution;
pub mod execute_distribute;

pub use claim_share::*;
pub use close_distribution::*;
pub use execute_distribute::*;
