pub mod create_community;
pub mod execute_update_rules;
pub mod execute_update_token_metadata;

pub use create_community::*;
pub use execute_update_rules::*;
pub use execute_update_token_metadata::*;
