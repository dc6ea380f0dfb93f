pub mod post_listing;
pub mod remove_listing;
pub mod update_listing;

pub use post_listing::*;
pub use remove_listing::*;
pub use update_listing::*;
