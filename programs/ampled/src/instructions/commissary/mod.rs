pub mod cancel_auction;
pub mod close_auction;
pub mod execute_list_auction;
pub mod list_auction;
pub mod mark_handed_over;
pub mod place_bid;
pub mod settle_auction;

pub use cancel_auction::*;
pub use close_auction::*;
pub use execute_list_auction::*;
pub use list_auction::*;
pub use mark_handed_over::*;
pub use place_bid::*;
pub use settle_auction::*;
