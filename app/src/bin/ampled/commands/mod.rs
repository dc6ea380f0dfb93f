//! One module per area of the command line.

pub mod auction;
pub mod bounty;
pub mod community;
pub mod directory;
pub mod distribution;
pub mod gate;
pub mod governance;
pub mod ledger;
pub mod serve;
pub mod tidy;
pub mod tokens;
pub mod wallet;

use ampled::state::MemberRole;
use ampled_client::amount::parse_duration;
use ampled_client::{ClientError, Result};

/// A role as people write it.
pub fn parse_role(text: &str) -> Result<MemberRole> {
    match text.to_ascii_lowercase().as_str() {
        "worker" => Ok(MemberRole::Worker),
        "artist" => Ok(MemberRole::Artist),
        "community" | "community-member" | "member" => Ok(MemberRole::CommunityMember),
        _ => Err(ClientError::refused(format!(
            "\"{text}\" is not a role: use worker, artist or community"
        ))),
    }
}

/// A duration that must be positive, named `what` in the refusal.
pub fn positive_duration(text: &str, what: &str) -> Result<i64> {
    match parse_duration(text)? {
        0 => Err(ClientError::refused(format!(
            "{what} must be longer than zero"
        ))),
        secs => Ok(secs),
    }
}
