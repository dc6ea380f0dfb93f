//! Every way the program refuses a request. Messages are read by members, not engineers: each says
//! what went wrong and, where it helps, what to do instead.

use anchor_lang::prelude::*;

#[error_code]
pub enum AmpledError {
    // Community setup and rules.
    #[msg("Community name must be 1 to 32 bytes long")]
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
}
