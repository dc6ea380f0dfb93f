pub mod execute_mint_reward;
pub mod execute_treasury_transfer;

pub use execute_mint_reward::*;
pub use execute_treasury_transfer::*;
