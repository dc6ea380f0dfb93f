//! Every way the program refuses a request. Messages are read by members, not engineers: each says
//! what went wrong and, where it helps, what to do instead.

use anchor_lang::prelude::*;

#[error_code]
pub enum AmpledError {
    // Community setup and rules.
    #[msg("A community name is 3 to 32 characters: lowercase letters a-z, digits and single hyphens between them (for example ampled or ampled-east)")]
    InvalidCommunityName,
    #[msg("A community needs at least one founding member")]
    NoFounders,
    #[msg("Too many founding members for one transaction (at most 10); add the rest by proposal")]
    TooManyFounders,
    #[msg("The same wallet is listed twice as a founding member")]
    DuplicateFounder,
    #[msg("The founders' membership accounts must follow the founders list, one per founder, in order")]
    FounderAccountMismatch,
    #[msg("Token decimals must be between 0 and 9")]
    InvalidDecimals,
    #[msg("Approval threshold must be between 1 and 10000 basis points (0.01% to 100% of voters)")]
    InvalidApprovalThreshold,
    #[msg("Minimum approvals must be at least 1 and no more than the active members")]
    InvalidMinApprovals,
    #[msg("Voting period must be between one minute and one year")]
    InvalidVotingPeriod,
    #[msg("A supply cap must be greater than zero and not below the tokens already minted")]
    InvalidSupplyCap,
    #[msg(
        "An issuance cap needs an amount above zero and a period between one minute and one year"
    )]
    InvalidIssuanceCap,

    // Membership.
    #[msg("This wallet is not an active member of the community")]
    NotActiveMember,
    #[msg("This wallet is already an active member of the community")]
    AlreadyMember,
    #[msg("The member already has this role")]
    RoleUnchanged,
    #[msg("Removing this member would leave fewer active members than the minimum approvals; lower the minimum first")]
    TooFewMembersLeft,
    #[msg("The community has reached its maximum number of membership slots")]
    MemberLimitReached,

    // Proposals and votes.
    #[msg("Reason is too long (at most 128 bytes); link to details instead")]
    ReasonTooLong,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("You joined after this proposal was created, so you cannot vote on it")]
    VoterJoinedAfterProposal,
    #[msg("You have already voted on this proposal; a vote cannot be changed")]
    AlreadyVoted,
    #[msg("You cannot approve a proposal that pays, admits or promotes you; other members must decide")]
    CannotApproveOwnBenefit,
    #[msg("The voting period of this proposal has ended; create a new proposal")]
    ProposalExpired,
    #[msg("The community's rules changed after this proposal was created; create a new proposal under the current rules")]
    ProposalStale,
    #[msg("This proposal has already been executed")]
    ProposalAlreadyExecuted,
    #[msg("This proposal was cancelled by its proposer")]
    ProposalCancelled,
    #[msg("This proposal was rejected: it can no longer reach enough approvals")]
    ProposalDefeated,
    #[msg("This proposal has not reached enough approvals from active members yet")]
    ThresholdNotReached,
    #[msg("This proposal already has enough approvals and can no longer be cancelled")]
    ProposalAlreadyApproved,
    #[msg("Only the member who made this proposal can cancel it")]
    NotProposer,
    #[msg("This proposal is still open; it can be closed once executed, rejected, cancelled or expired")]
    ProposalStillOpen,
    #[msg("This proposal asks for a different action than the one being executed")]
    WrongProposalAction,
    #[msg("The wallet passed in is not the one named in the proposal")]
    WalletMismatch,
    #[msg("This account belongs to a different community")]
    WrongCommunity,

    // Tokens.
    #[msg("This would mint more than the community's supply cap")]
    SupplyCapExceeded,
    #[msg("This would mint more than the community allows in the current issuance period; wait for the next period")]
    IssuanceCapExceeded,
    #[msg("The treasury does not hold enough tokens for this transfer")]
    InsufficientTreasury,
    #[msg("The mint passed in is not this community's token")]
    WrongMint,
    #[msg("The treasury passed in is not this community's treasury")]
    WrongTreasury,
    #[msg("A number went out of range (overflow); use a smaller amount")]
    MathOverflow,

    #[msg("Your token account does not hold enough tokens for this")]
    InsufficientBalance,

    // Bounties.
    #[msg("Bounty title must be 1 to 64 bytes long")]
    InvalidBountyTitle,
    #[msg("Link is too long (at most 200 bytes); use a shorter URL or a content hash")]
    UriTooLong,
    #[msg("A bounty accepts between 1 and 1000 claims")]
    InvalidMaxClaims,
    #[msg("The deadline must be in the future")]
    DeadlineInPast,
    #[msg("This bounty was cancelled by its poster")]
    BountyCancelled,
    #[msg("This bounty's deadline has passed")]
    BountyExpired,
    #[msg("This bounty has already paid all the claims it accepts")]
    BountyFullyPaid,
    #[msg("You already have a claim on this bounty")]
    AlreadyClaimed,
    #[msg("Submit evidence of the work before the claim can be decided")]
    EvidenceNotSubmitted,
    #[msg("This claim has already been paid")]
    ClaimAlreadyPaid,
    #[msg("This claim was already rejected or withdrawn")]
    ClaimSettled,
    #[msg("This claim belongs to a different bounty")]
    ClaimOfOtherBounty,
    #[msg("Only the member who posted this bounty can do this (anyone can close it after its deadline)")]
    NotBountyPoster,
    #[msg("This bounty is funded differently: co-op bounties are decided by proposal, member-funded ones by their poster")]
    WrongBountyFunding,
    #[msg(
        "Claims with submitted evidence are waiting for a decision; approve or reject them first"
    )]
    ClaimsAwaitingReview,
    #[msg("Evidence is required: link to the work you did")]
    EvidenceRequired,
    #[msg("A rejection needs a reason the claimant can read")]
    ReasonRequired,
    #[msg("The claim passed in is not the one named in the proposal")]
    ProposalTargetsOtherClaim,
    #[msg("This bounty is still open or has unsettled claims; it can be closed once ended and every claim is settled")]
    BountyNotSettled,
    #[msg("This claim can be closed once its bounty has ended, or once it is withdrawn")]
    ClaimStillOpen,
    #[msg("The escrow vault passed in is not this bounty's")]
    WrongVault,
    #[msg("The category's budget for this period is used up; wait for the next period or ask members to raise it")]
    CategoryBudgetExceeded,
    #[msg("A category budget needs a period between one minute and one year")]
    InvalidCategoryBudget,

    // Commissary.
    #[msg("Item title must be 1 to 64 bytes long")]
    InvalidItemTitle,
    #[msg("Auction times are invalid: it must end in the future, after it starts, within 90 days, with anti-sniping windows of at most a day")]
    InvalidAuctionTimes,
    #[msg("This auction has not started yet")]
    AuctionNotStarted,
    #[msg("This auction has ended; no more bids")]
    AuctionEnded,
    #[msg("This auction is still running; it can be settled once it ends")]
    AuctionStillRunning,
    #[msg("Bid too low: it must reach the reserve price and beat the highest bid by the minimum increment")]
    BidTooLow,
    #[msg("This auction was cancelled by its seller")]
    AuctionCancelled,
    #[msg("This auction has already been settled")]
    AuctionAlreadySettled,
    #[msg("Bids have been placed, so the auction can no longer be cancelled")]
    AuctionHasBids,
    #[msg("Only the seller can do this")]
    NotSeller,
    #[msg("Only the winner or the seller can mark the item handed over")]
    NotWinnerOrSeller,
    #[msg("The item was already marked handed over")]
    AlreadyHandedOver,
    #[msg("Only members may bid in this auction")]
    MembersOnlyAuction,
    #[msg("The account passed in for the previous highest bidder is not theirs")]
    WrongPreviousBidder,
    #[msg("Proceeds of a member's own item go to that member")]
    InvalidProceeds,
    #[msg("This auction has not ended in a way that lets it be closed")]
    AuctionNotFinished,

    // Framework-level guards.
    #[msg("This instruction takes no extra accounts")]
    UnexpectedRemainingAccounts,
    #[msg("An account would be left in an inconsistent state; nothing was changed")]
    InvariantViolated,
    #[msg("An account already exists at this address")]
    AccountAlreadyExists,

    // Appended after the first release: codes are pinned (see the test below), so new errors go
    // at the end and never renumber the ones clients and indexers already know.
    #[msg("This address is not a wallet: it is derived by a program and has no key, so tokens or a membership there could never be used; use the person's own wallet address")]
    NotAWallet,
    #[msg("What this proposal is about changed after it was made (the member was admitted, removed or re-roled, or the claim was withdrawn, re-claimed or its evidence replaced), so it can no longer execute; anyone can close it, and a new proposal can be made")]
    ProposalTargetChanged,
    #[msg("The account this proposal is about is missing or is not the one the proposal names")]
    WrongProposalTarget,
    #[msg("The seller cannot bid on their own auction")]
    SellerCannotBid,
    #[msg("This proposal could never pass: not enough members could approve it (a member cannot approve what pays, admits or promotes them); lower the minimum approvals first or ask fewer approvals")]
    ProposalCannotPass,
    #[msg("This claim is not waiting for a decision: it has no evidence yet, or it was already paid, rejected or withdrawn")]
    ClaimNotSubmitted,
    #[msg("The members decided this by vote, so one member cannot undo it: a co-op bounty ends at its deadline, a co-op auction at its end")]
    DecidedByMembers,
    #[msg("The token's name must be 1 to 32 bytes of printable text, as wallets show it")]
    InvalidTokenName,
    #[msg("The token's symbol must be 1 to 10 bytes with no spaces (up to 10 plain letters or digits), for example AMPLED")]
    InvalidTokenSymbol,
    #[msg("The token's uri must be at most 200 characters with no spaces, starting with https://, ipfs:// or ar:// (or empty for no image yet)")]
    InvalidTokenUri,
    #[msg("This proposal would leave the token's name, symbol and uri as they are; change at least one")]
    TokenMetadataUnchanged,
    #[msg("The token's metadata on the mint is not the one this community wrote; the mint may not be the community's")]
    WrongTokenMetadata,
    #[msg("A distribution pays 1 to 65,536 recipients, at least one base unit each")]
    InvalidDistributionSize,
    #[msg("A distribution's list must be published at an https://, ipfs:// or ar:// address, so members can check it")]
    InvalidDistributionUri,
    #[msg("The claim deadline must be in the future and at most two years away")]
    InvalidClaimWindow,
    #[msg("Claims on this distribution are closed: its deadline has passed, and unclaimed shares are never minted")]
    ClaimWindowClosed,
    #[msg("That share's index is outside this distribution's list")]
    ShareIndexOutOfRange,
    #[msg("This share has already been claimed")]
    ShareAlreadyClaimed,
    #[msg("The proof does not match this distribution's list for that wallet and amount")]
    InvalidShareProof,
    #[msg("Claims would pay more than the distribution's approved total")]
    DistributionTotalExceeded,
    #[msg("Claims are still open; a distribution closes after its deadline or once every share is claimed")]
    ClaimsStillOpen,
    #[msg(
        "A listing's category is 1 to 24 characters: lowercase letters, digits, spaces and hyphens"
    )]
    InvalidListingCategory,
    #[msg("A listing's title is 1 to 64 bytes of text, without control characters")]
    InvalidListingTitle,
    #[msg("A listing's description must be at an https://, ipfs:// or ar:// address of at most 200 bytes, without spaces")]
    InvalidListingUri,
    #[msg("A listing's contact is an https:// page, a mailto: address or a tel: number, at most 200 bytes, without spaces")]
    InvalidListingContact,
    #[msg("A listing stays up from now until at most a year from now")]
    InvalidListingPeriod,
    #[msg("Only the member who posted this listing can change or remove it")]
    NotListingOwner,
}

#[cfg(test)]
mod tests {
    use super::AmpledError;

    /// Anchor numbers errors by position from 6000. Clients, indexers and the IDL's readers keep
    /// these numbers, so an error inserted mid-list would silently renumber every later one.
    #[test]
    fn error_codes_are_pinned() {
        let pinned: &[(AmpledError, u32)] = &[
            (AmpledError::InvalidCommunityName, 6000),
            (AmpledError::NoFounders, 6001),
            (AmpledError::TooManyFounders, 6002),
            (AmpledError::DuplicateFounder, 6003),
            (AmpledError::FounderAccountMismatch, 6004),
            (AmpledError::InvalidDecimals, 6005),
            (AmpledError::InvalidApprovalThreshold, 6006),
            (AmpledError::InvalidMinApprovals, 6007),
            (AmpledError::InvalidVotingPeriod, 6008),
            (AmpledError::InvalidSupplyCap, 6009),
            (AmpledError::InvalidIssuanceCap, 6010),
            (AmpledError::NotActiveMember, 6011),
            (AmpledError::AlreadyMember, 6012),
            (AmpledError::RoleUnchanged, 6013),
            (AmpledError::TooFewMembersLeft, 6014),
            (AmpledError::MemberLimitReached, 6015),
            (AmpledError::ReasonTooLong, 6016),
            (AmpledError::ZeroAmount, 6017),
            (AmpledError::VoterJoinedAfterProposal, 6018),
            (AmpledError::AlreadyVoted, 6019),
            (AmpledError::CannotApproveOwnBenefit, 6020),
            (AmpledError::ProposalExpired, 6021),
            (AmpledError::ProposalStale, 6022),
            (AmpledError::ProposalAlreadyExecuted, 6023),
            (AmpledError::ProposalCancelled, 6024),
            (AmpledError::ProposalDefeated, 6025),
            (AmpledError::ThresholdNotReached, 6026),
            (AmpledError::ProposalAlreadyApproved, 6027),
            (AmpledError::NotProposer, 6028),
            (AmpledError::ProposalStillOpen, 6029),
            (AmpledError::WrongProposalAction, 6030),
            (AmpledError::WalletMismatch, 6031),
            (AmpledError::WrongCommunity, 6032),
            (AmpledError::SupplyCapExceeded, 6033),
            (AmpledError::IssuanceCapExceeded, 6034),
            (AmpledError::InsufficientTreasury, 6035),
            (AmpledError::WrongMint, 6036),
            (AmpledError::WrongTreasury, 6037),
            (AmpledError::MathOverflow, 6038),
            (AmpledError::InsufficientBalance, 6039),
            (AmpledError::InvalidBountyTitle, 6040),
            (AmpledError::UriTooLong, 6041),
            (AmpledError::InvalidMaxClaims, 6042),
            (AmpledError::DeadlineInPast, 6043),
            (AmpledError::BountyCancelled, 6044),
            (AmpledError::BountyExpired, 6045),
            (AmpledError::BountyFullyPaid, 6046),
            (AmpledError::AlreadyClaimed, 6047),
            (AmpledError::EvidenceNotSubmitted, 6048),
            (AmpledError::ClaimAlreadyPaid, 6049),
            (AmpledError::ClaimSettled, 6050),
            (AmpledError::ClaimOfOtherBounty, 6051),
            (AmpledError::NotBountyPoster, 6052),
            (AmpledError::WrongBountyFunding, 6053),
            (AmpledError::ClaimsAwaitingReview, 6054),
            (AmpledError::EvidenceRequired, 6055),
            (AmpledError::ReasonRequired, 6056),
            (AmpledError::ProposalTargetsOtherClaim, 6057),
            (AmpledError::BountyNotSettled, 6058),
            (AmpledError::ClaimStillOpen, 6059),
            (AmpledError::WrongVault, 6060),
            (AmpledError::CategoryBudgetExceeded, 6061),
            (AmpledError::InvalidCategoryBudget, 6062),
            (AmpledError::InvalidItemTitle, 6063),
            (AmpledError::InvalidAuctionTimes, 6064),
            (AmpledError::AuctionNotStarted, 6065),
            (AmpledError::AuctionEnded, 6066),
            (AmpledError::AuctionStillRunning, 6067),
            (AmpledError::BidTooLow, 6068),
            (AmpledError::AuctionCancelled, 6069),
            (AmpledError::AuctionAlreadySettled, 6070),
            (AmpledError::AuctionHasBids, 6071),
            (AmpledError::NotSeller, 6072),
            (AmpledError::NotWinnerOrSeller, 6073),
            (AmpledError::AlreadyHandedOver, 6074),
            (AmpledError::MembersOnlyAuction, 6075),
            (AmpledError::WrongPreviousBidder, 6076),
            (AmpledError::InvalidProceeds, 6077),
            (AmpledError::AuctionNotFinished, 6078),
            (AmpledError::UnexpectedRemainingAccounts, 6079),
            (AmpledError::InvariantViolated, 6080),
            (AmpledError::AccountAlreadyExists, 6081),
            (AmpledError::NotAWallet, 6082),
            (AmpledError::ProposalTargetChanged, 6083),
            (AmpledError::WrongProposalTarget, 6084),
            (AmpledError::SellerCannotBid, 6085),
            (AmpledError::ProposalCannotPass, 6086),
            (AmpledError::ClaimNotSubmitted, 6087),
            (AmpledError::DecidedByMembers, 6088),
            (AmpledError::InvalidTokenName, 6089),
            (AmpledError::InvalidTokenSymbol, 6090),
            (AmpledError::InvalidTokenUri, 6091),
            (AmpledError::TokenMetadataUnchanged, 6092),
            (AmpledError::WrongTokenMetadata, 6093),
            (AmpledError::InvalidDistributionSize, 6094),
            (AmpledError::InvalidDistributionUri, 6095),
            (AmpledError::InvalidClaimWindow, 6096),
            (AmpledError::ClaimWindowClosed, 6097),
            (AmpledError::ShareIndexOutOfRange, 6098),
            (AmpledError::ShareAlreadyClaimed, 6099),
            (AmpledError::InvalidShareProof, 6100),
            (AmpledError::DistributionTotalExceeded, 6101),
            (AmpledError::ClaimsStillOpen, 6102),
            (AmpledError::InvalidListingCategory, 6103),
            (AmpledError::InvalidListingTitle, 6104),
            (AmpledError::InvalidListingUri, 6105),
            (AmpledError::InvalidListingContact, 6106),
            (AmpledError::InvalidListingPeriod, 6107),
            (AmpledError::NotListingOwner, 6108),
        ];
        for (error, code) in pinned {
            assert_eq!(u32::from(*error), *code, "{error:?} was renumbered");
        }
    }
}
