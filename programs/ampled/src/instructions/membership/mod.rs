pub mod execute_add_member;
pub mod execute_change_role;
pub mod execute_remove_member;

pub use execute_add_member::*;
pub use execute_change_role::*;
pub use execute_remove_member::*;
