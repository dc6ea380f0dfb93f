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

    // Framework-level guards.
    #[msg("This instruction takes no extra accounts")]
    UnexpectedRemainingAccounts,
    #[msg("An account would be left in an inconsistent state; nothing was changed")]
    InvariantViolated,
}
