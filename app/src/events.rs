//! The program's events, decoded from its self-CPI event instructions, and told as ledger lines.

use crate::amount::{format_amount, format_duration, format_time};
use ampled::events::*;
use ampled::state::{BountyFunding, Proceeds, ProposalStatus};
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator};

/// The event body of an `emit_cpi!` instruction's data, if it is one.
pub fn event_payload(instruction_data: &[u8]) -> Option<Vec<u8>> {
    instruction_data
        .strip_prefix(anchor_lang::event::EVENT_IX_TAG_LE)
        .map(<[u8]>::to_vec)
}

macro_rules! events {
    ($($name:ident),* $(,)?) => {
        /// Every event the program emits.
        pub enum Event {
            $($name($name),)*
        }

        impl Event {
            /// The name of every event decoded here.
            pub const KINDS: &'static [&'static str] = &[$(stringify!($name),)*];

            /// Decodes an event payload (discriminator and Borsh body).
            pub fn decode(payload: &[u8]) -> Option<Self> {
                $(
                    if let Some(body) = payload.strip_prefix($name::DISCRIMINATOR) {
                        return $name::deserialize(&mut &body[..]).ok().map(Self::$name);
                    }
                )*
                None
            }

            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$name(_) => stringify!($name),)*
                }
            }

            /// When it happened, by the chain's clock.
            pub fn timestamp(&self) -> i64 {
                match self {
                    $(Self::$name(e) => e.timestamp,)*
                }
            }
        }
    };
}

events!(
    CommunityCreated,
    ProposalCreated,
    VoteCast,
    ProposalCancelled,
    ProposalClosed,
    RewardMinted,
    TreasuryTransferred,
    MemberAdded,
    MemberRemoved,
    MemberRoleChanged,
    RulesUpdated,
    TokenMetadataUpdated,
    DistributionOpened,
    ShareClaimed,
    DistributionClosed,
    ListingPosted,
    ListingUpdated,
    ListingRemoved,
    BountyPosted,
    BountyClaimed,
    EvidenceSubmitted,
    ClaimWithdrawn,
    BountyClaimPaid,
    BountyClaimRejected,
    BountyCancelled,
    BountyExpired,
    BountyClosed,
    ClaimClosed,
    CategoryBudgetSet,
    AuctionListed,
    BidPlaced,
    AuctionSettled,
    AuctionUnsold,
    AuctionCancelled,
    ItemHandedOver,
    AuctionClosed,
);

/// An event's terms, for scripts: what moved, between whom, about which record.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EventFields {
    /// Tokens (base units) that moved, were minted, escrowed or refunded.
    pub amount: Option<u64>,
    /// Whose tokens they were (the treasury, a vault or a wallet); none when minted.
    pub from: Option<Pubkey>,
    /// Who received them; none when burned or kept in escrow.
    pub to: Option<Pubkey>,
    /// Who acted (voted, approved, expired, marked).
    pub by: Option<Pubkey>,
    /// The member or claimant the event is about.
    pub wallet: Option<Pubkey>,
    /// A note sent with a transfer.
    pub memo: Option<String>,
    /// Why: a reward's or payment's reason, a rejection's reason, or submitted evidence.
    pub reason: Option<String>,
    pub proposal: Option<Pubkey>,
    pub bounty: Option<Pubkey>,
    pub claim: Option<Pubkey>,
    pub auction: Option<Pubkey>,
}

/// How to show addresses and amounts in ledger lines.
pub struct Describer<'a> {
    pub decimals: u8,
    /// A name for a wallet or record, when one is known ("alice"); the address otherwise.
    pub label: &'a dyn Fn(&Pubkey) -> String,
}

impl Describer<'_> {
    fn who(&self, wallet: &Pubkey) -> String {
        (self.label)(wallet)
    }

    fn tokens(&self, amount: u64) -> String {
        format!("{} AMPLED", format_amount(amount, self.decimals))
    }
}

impl Event {
    /// The community the event belongs to.
    pub fn community(&self) -> Pubkey {
        match self {
            Self::CommunityCreated(e) => e.community,
            Self::ProposalCreated(e) => e.community,
            Self::VoteCast(e) => e.community,
            Self::ProposalCancelled(e) => e.community,
            Self::ProposalClosed(e) => e.community,
            Self::RewardMinted(e) => e.community,
            Self::TreasuryTransferred(e) => e.community,
            Self::MemberAdded(e) => e.community,
            Self::MemberRemoved(e) => e.community,
            Self::MemberRoleChanged(e) => e.community,
            Self::RulesUpdated(e) => e.community,
            Self::TokenMetadataUpdated(e) => e.community,
            Self::BountyPosted(e) => e.community,
            Self::BountyClaimed(e) => e.community,
            Self::EvidenceSubmitted(e) => e.community,
            Self::ClaimWithdrawn(e) => e.community,
            Self::BountyClaimPaid(e) => e.community,
            Self::BountyClaimRejected(e) => e.community,
            Self::BountyCancelled(e) => e.community,
            Self::BountyExpired(e) => e.community,
            Self::BountyClosed(e) => e.community,
            Self::ClaimClosed(e) => e.community,
            Self::CategoryBudgetSet(e) => e.community,
            Self::AuctionListed(e) => e.community,
            Self::BidPlaced(e) => e.community,
            Self::AuctionSettled(e) => e.community,
            Self::AuctionUnsold(e) => e.community,
            Self::AuctionCancelled(e) => e.community,
            Self::ItemHandedOver(e) => e.community,
            Self::AuctionClosed(e) => e.community,
            Self::DistributionOpened(e) => e.community,
            Self::ShareClaimed(e) => e.community,
            Self::DistributionClosed(e) => e.community,
            Self::ListingPosted(e) => e.community,
            Self::ListingUpdated(e) => e.community,
            Self::ListingRemoved(e) => e.community,
        }
    }

    /// Wallets the event is about: whose history it belongs in.
    pub fn wallets(&self) -> Vec<Pubkey> {
        match self {
            Self::CommunityCreated(e) => {
                let mut wallets: Vec<Pubkey> = e.founders.iter().map(|f| f.wallet).collect();
                wallets.push(e.created_by);
                wallets
            }
            Self::ProposalCreated(e) => {
                let mut wallets = vec![e.proposer];
                wallets.extend(e.action.beneficiary());
                wallets
            }
            Self::VoteCast(e) => vec![e.voter],
            Self::ProposalCancelled(e) => vec![e.proposer],
            Self::ProposalClosed(e) => vec![e.rent_returned_to],
            Self::RewardMinted(e) => vec![e.recipient],
            Self::TreasuryTransferred(e) => vec![e.recipient],
            Self::MemberAdded(e) => vec![e.wallet],
            Self::MemberRemoved(e) => vec![e.wallet],
            Self::MemberRoleChanged(e) => vec![e.wallet],
            Self::RulesUpdated(_)
            | Self::TokenMetadataUpdated(_)
            | Self::CategoryBudgetSet(_)
            | Self::AuctionUnsold(_) => vec![],
            Self::BountyPosted(e) => vec![e.poster],
            Self::BountyClaimed(e) => vec![e.claimant],
            Self::EvidenceSubmitted(e) => vec![e.claimant],
            Self::ClaimWithdrawn(e) => vec![e.claimant],
            Self::BountyClaimPaid(e) => vec![e.claimant, e.approved_by],
            Self::BountyClaimRejected(e) => vec![e.claimant, e.rejected_by],
            Self::BountyCancelled(e) => vec![e.poster],
            Self::BountyExpired(e) => vec![e.closed_by],
            Self::BountyClosed(e) => vec![e.rent_returned_to],
            Self::ClaimClosed(e) => vec![e.rent_returned_to],
            Self::AuctionListed(e) => vec![e.lister],
            Self::BidPlaced(e) => {
                let mut wallets = vec![e.bidder];
                wallets.extend(e.outbid);
                wallets
            }
            Self::AuctionSettled(e) => {
                let mut wallets = vec![e.winner];
                if let Proceeds::Seller { wallet } = e.proceeds {
                    wallets.push(wallet);
                }
                wallets
            }
            Self::AuctionCancelled(e) => vec![e.lister],
            Self::ItemHandedOver(e) => vec![e.winner, e.marked_by],
            Self::AuctionClosed(e) => vec![e.rent_returned_to],
            Self::DistributionOpened(_) => vec![],
            Self::ShareClaimed(e) => {
                let mut wallets = vec![e.wallet];
                if e.claimed_by != e.wallet {
                    wallets.push(e.claimed_by);
                }
                wallets
            }
            Self::DistributionClosed(e) => vec![e.rent_returned_to],
            Self::ListingPosted(e) => vec![e.owner],
            Self::ListingUpdated(_) => vec![],
            Self::ListingRemoved(e) => vec![e.owner],
        }
    }

    /// The event's terms as fields, beside [`Self::describe`]'s sentence.
    pub fn fields(&self) -> EventFields {
        let none = EventFields::default();
        match self {
            Self::CommunityCreated(e) => EventFields {
                by: Some(e.created_by),
                ..none
            },
            Self::ProposalCreated(e) => EventFields {
                by: Some(e.proposer),
                wallet: e.action.beneficiary(),
                proposal: Some(e.proposal),
                ..none
            },
            Self::VoteCast(e) => EventFields {
                by: Some(e.voter),
                proposal: Some(e.proposal),
                ..none
            },
            Self::ProposalCancelled(e) => EventFields {
                by: Some(e.proposer),
                proposal: Some(e.proposal),
                ..none
            },
            Self::ProposalClosed(e) => EventFields {
                wallet: Some(e.rent_returned_to),
                proposal: Some(e.proposal),
                ..none
            },
            Self::RewardMinted(e) => EventFields {
                amount: Some(e.amount),
                to: Some(e.recipient),
                reason: Some(e.reason.clone()),
                proposal: Some(e.proposal),
                ..none
            },
            Self::TreasuryTransferred(e) => EventFields {
                amount: Some(e.amount),
                from: Some(crate::ix::treasury_address(&e.community)),
                to: Some(e.recipient),
                reason: Some(e.reason.clone()),
                proposal: Some(e.proposal),
                ..none
            },
            Self::MemberAdded(e) => EventFields {
                wallet: Some(e.wallet),
                proposal: Some(e.proposal),
                ..none
            },
            Self::MemberRemoved(e) => EventFields {
                wallet: Some(e.wallet),
                proposal: Some(e.proposal),
                ..none
            },
            Self::MemberRoleChanged(e) => EventFields {
                wallet: Some(e.wallet),
                proposal: Some(e.proposal),
                ..none
            },
            Self::RulesUpdated(e) => EventFields {
                proposal: Some(e.proposal),
                ..none
            },
            Self::TokenMetadataUpdated(e) => EventFields {
                proposal: Some(e.proposal),
                ..none
            },
            Self::BountyPosted(e) => EventFields {
                amount: (e.escrowed > 0).then_some(e.escrowed),
                from: (e.escrowed > 0).then_some(e.poster),
                to: (e.escrowed > 0).then(|| crate::ix::bounty_vault_address(&e.bounty)),
                by: Some(e.poster),
                proposal: e.proposal,
                bounty: Some(e.bounty),
                ..none
            },
            Self::BountyClaimed(e) => EventFields {
                wallet: Some(e.claimant),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::EvidenceSubmitted(e) => EventFields {
                wallet: Some(e.claimant),
                reason: Some(e.evidence_uri.clone()),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::ClaimWithdrawn(e) => EventFields {
                wallet: Some(e.claimant),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::BountyClaimPaid(e) => EventFields {
                amount: Some(e.amount),
                from: match e.funding {
                    BountyFunding::Member => Some(crate::ix::bounty_vault_address(&e.bounty)),
                    BountyFunding::Coop => None,
                },
                to: Some(e.claimant),
                by: Some(e.approved_by),
                wallet: Some(e.claimant),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::BountyClaimRejected(e) => EventFields {
                by: Some(e.rejected_by),
                wallet: Some(e.claimant),
                reason: Some(e.reason.clone()),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::BountyCancelled(e) => EventFields {
                amount: (e.refunded > 0).then_some(e.refunded),
                from: (e.refunded > 0).then(|| crate::ix::bounty_vault_address(&e.bounty)),
                to: (e.refunded > 0).then_some(e.poster),
                by: Some(e.poster),
                bounty: Some(e.bounty),
                ..none
            },
            Self::BountyExpired(e) => EventFields {
                amount: (e.refunded > 0).then_some(e.refunded),
                from: (e.refunded > 0).then(|| crate::ix::bounty_vault_address(&e.bounty)),
                by: Some(e.closed_by),
                bounty: Some(e.bounty),
                ..none
            },
            Self::BountyClosed(e) => EventFields {
                wallet: Some(e.rent_returned_to),
                bounty: Some(e.bounty),
                ..none
            },
            Self::ClaimClosed(e) => EventFields {
                wallet: Some(e.rent_returned_to),
                bounty: Some(e.bounty),
                claim: Some(e.claim),
                ..none
            },
            Self::CategoryBudgetSet(e) => EventFields {
                amount: Some(e.amount_per_period),
                proposal: Some(e.proposal),
                ..none
            },
            Self::AuctionListed(e) => EventFields {
                by: Some(e.lister),
                proposal: e.proposal,
                auction: Some(e.auction),
                ..none
            },
            Self::BidPlaced(e) => EventFields {
                amount: Some(e.amount),
                from: Some(e.bidder),
                to: Some(crate::ix::auction_vault_address(&e.auction)),
                by: Some(e.bidder),
                wallet: e.outbid,
                auction: Some(e.auction),
                ..none
            },
            Self::AuctionSettled(e) => EventFields {
                amount: Some(e.amount),
                from: Some(crate::ix::auction_vault_address(&e.auction)),
                to: match e.proceeds {
                    Proceeds::Seller { wallet } => Some(wallet),
                    Proceeds::Treasury => Some(crate::ix::treasury_address(&e.community)),
                    Proceeds::Burn => None,
                },
                wallet: Some(e.winner),
                auction: Some(e.auction),
                ..none
            },
            Self::AuctionUnsold(e) => EventFields {
                auction: Some(e.auction),
                ..none
            },
            Self::AuctionCancelled(e) => EventFields {
                by: Some(e.lister),
                auction: Some(e.auction),
                ..none
            },
            Self::ItemHandedOver(e) => EventFields {
                by: Some(e.marked_by),
                wallet: Some(e.winner),
                auction: Some(e.auction),
                ..none
            },
            Self::AuctionClosed(e) => EventFields {
                wallet: Some(e.rent_returned_to),
                auction: Some(e.auction),
                ..none
            },
            Self::DistributionOpened(e) => EventFields {
                proposal: Some(e.proposal),
                ..none
            },
            Self::ShareClaimed(e) => EventFields {
                amount: Some(e.amount),
                to: Some(e.wallet),
                by: Some(e.claimed_by),
                wallet: Some(e.wallet),
                ..none
            },
            Self::DistributionClosed(e) => EventFields {
                wallet: Some(e.rent_returned_to),
                ..none
            },
            Self::ListingPosted(e) => EventFields {
                wallet: Some(e.owner),
                amount: e.terms.price,
                reason: Some(e.terms.title.clone()),
                ..none
            },
            Self::ListingUpdated(e) => EventFields {
                amount: e.terms.price,
                reason: Some(e.terms.title.clone()),
                ..none
            },
            Self::ListingRemoved(e) => EventFields {
                wallet: Some(e.owner),
                ..none
            },
        }
    }

    /// One line for people: who did what, for how much.
    pub fn describe(&self, d: &Describer) -> String {
        match self {
            Self::CommunityCreated(e) => format!(
                "{} founded \"{}\" with {} founder(s)",
                d.who(&e.created_by),
                e.name,
                e.founders.len()
            ),
            Self::ProposalCreated(e) => format!(
                "{} proposed {}: {}",
                d.who(&e.proposer),
                short(&e.proposal),
                crate::read::describe_action(&e.action, d.decimals, d.label)
            ),
            Self::VoteCast(e) => format!(
                "{} {} proposal {} ({}/{} approvals{})",
                d.who(&e.voter),
                if e.approve { "approved" } else { "rejected" },
                short(&e.proposal),
                e.approvals,
                e.required,
                match e.status {
                    ProposalStatus::Approved => ", passed",
                    ProposalStatus::Defeated => ", defeated",
                    _ => "",
                }
            ),
            Self::ProposalCancelled(e) => {
                format!(
                    "{} cancelled proposal {}",
                    d.who(&e.proposer),
                    short(&e.proposal)
                )
            }
            Self::ProposalClosed(e) => format!("proposal {} closed", short(&e.proposal)),
            Self::RewardMinted(e) => format!(
                "{} minted to {} for \"{}\"",
                d.tokens(e.amount),
                d.who(&e.recipient),
                e.reason
            ),
            Self::TreasuryTransferred(e) => format!(
                "treasury paid {} to {} for \"{}\"",
                d.tokens(e.amount),
                d.who(&e.recipient),
                e.reason
            ),
            Self::MemberAdded(e) => {
                format!("{} joined as {:?}", d.who(&e.wallet), e.role)
            }
            Self::MemberRemoved(e) => format!("{} was removed", d.who(&e.wallet)),
            Self::MemberRoleChanged(e) => format!(
                "{} is now {:?} (was {:?})",
                d.who(&e.wallet),
                e.new_role,
                e.old_role
            ),
            Self::RulesUpdated(e) => format!("rules changed (version {})", e.rules_version),
            Self::TokenMetadataUpdated(e) => {
                let shown = |token: &ampled::state::TokenMetadataFields| {
                    let uri = if token.uri.is_empty() {
                        "none"
                    } else {
                        &token.uri
                    };
                    format!("\"{}\" ({}), uri {uri}", token.name, token.symbol)
                };
                format!(
                    "the token now shows in wallets as {} (was {})",
                    shown(&e.new),
                    shown(&e.old)
                )
            }
            Self::BountyPosted(e) => format!(
                "{} posted {} bounty {} \"{}\": {} per claim, up to {} claim(s)",
                d.who(&e.poster),
                match e.funding {
                    BountyFunding::Coop => "co-op",
                    BountyFunding::Member => "member-funded",
                },
                short(&e.bounty),
                e.terms.title,
                d.tokens(e.terms.reward),
                e.terms.max_claims
            ),
            Self::BountyClaimed(e) => {
                format!("{} claimed bounty {}", d.who(&e.claimant), short(&e.bounty))
            }
            Self::EvidenceSubmitted(e) => format!(
                "{} submitted evidence for bounty {}: {}",
                d.who(&e.claimant),
                short(&e.bounty),
                e.evidence_uri
            ),
            Self::ClaimWithdrawn(e) => format!(
                "{} withdrew their claim on bounty {}",
                d.who(&e.claimant),
                short(&e.bounty)
            ),
            Self::BountyClaimPaid(e) => format!(
                "{} paid to {} for bounty {}",
                d.tokens(e.amount),
                d.who(&e.claimant),
                short(&e.bounty)
            ),
            Self::BountyClaimRejected(e) => format!(
                "{}'s claim on bounty {} was rejected: {}",
                d.who(&e.claimant),
                short(&e.bounty),
                e.reason
            ),
            Self::BountyCancelled(e) => format!(
                "{} cancelled bounty {} ({} refunded)",
                d.who(&e.poster),
                short(&e.bounty),
                d.tokens(e.refunded)
            ),
            Self::BountyExpired(e) => format!(
                "bounty {} expired ({} refunded)",
                short(&e.bounty),
                d.tokens(e.refunded)
            ),
            Self::BountyClosed(e) => format!("bounty {} closed", short(&e.bounty)),
            Self::ClaimClosed(e) => format!("a claim on bounty {} closed", short(&e.bounty)),
            Self::CategoryBudgetSet(e) => format!(
                "{:?} bounties may mint {} per {}",
                e.category,
                d.tokens(e.amount_per_period),
                format_duration(e.period_secs)
            ),
            Self::AuctionListed(e) => format!(
                "{} listed \"{}\" in the commissary as {} (reserve {}, ends {})",
                d.who(&e.lister),
                e.terms.title,
                short(&e.auction),
                d.tokens(e.terms.reserve_price),
                format_time(e.terms.ends_at)
            ),
            Self::BidPlaced(e) => {
                let mut line = format!(
                    "{} bid {} on auction {}",
                    d.who(&e.bidder),
                    d.tokens(e.amount),
                    short(&e.auction)
                );
                if let Some(outbid) = e.outbid {
                    line.push_str(&format!(
                        "; {} refunded to {}",
                        d.tokens(e.refunded),
                        d.who(&outbid)
                    ));
                }
                line
            }
            Self::AuctionSettled(e) => format!(
                "auction {} won by {} for {}, paid to {}",
                short(&e.auction),
                d.who(&e.winner),
                d.tokens(e.amount),
                match e.proceeds {
                    Proceeds::Seller { wallet } => d.who(&wallet),
                    Proceeds::Treasury => "the treasury".into(),
                    Proceeds::Burn => "nobody (burned)".into(),
                }
            ),
            Self::AuctionUnsold(e) => format!("auction {} ended unsold", short(&e.auction)),
            Self::AuctionCancelled(e) => format!(
                "{} cancelled auction {}",
                d.who(&e.lister),
                short(&e.auction)
            ),
            Self::ItemHandedOver(e) => format!(
                "item of auction {} handed over to {}",
                short(&e.auction),
                d.who(&e.winner)
            ),
            Self::AuctionClosed(e) => format!("auction {} closed", short(&e.auction)),
            Self::DistributionOpened(e) => format!(
                "distribution {} opened: {} to {} recipient(s), claimable until {}",
                short(&e.distribution),
                d.tokens(e.terms.total),
                e.terms.recipients,
                format_time(e.terms.claim_until)
            ),
            Self::ShareClaimed(e) => format!(
                "{} claimed {} from distribution {}{}",
                d.who(&e.wallet),
                d.tokens(e.amount),
                short(&e.distribution),
                if e.claimed_by == e.wallet {
                    String::new()
                } else {
                    format!(" (sent by {})", d.who(&e.claimed_by))
                }
            ),
            Self::DistributionClosed(e) => format!(
                "distribution {} closed: {} claimed, {} never claimed and released",
                short(&e.distribution),
                d.tokens(e.claimed_total),
                d.tokens(e.released)
            ),
            Self::ListingPosted(e) => format!(
                "{} listed {} \"{}\" ({}), {}",
                d.who(&e.owner),
                match e.terms.kind {
                    ampled::state::ListingKind::Offer => "an offer",
                    ampled::state::ListingKind::Request => "a request",
                },
                e.terms.title,
                e.terms.category,
                e.terms
                    .price
                    .map_or("price on request".to_string(), |price| d.tokens(price))
            ),
            Self::ListingUpdated(e) => format!(
                "listing {} {}: \"{}\"",
                short(&e.listing),
                if e.paused { "paused" } else { "updated" },
                e.terms.title
            ),
            Self::ListingRemoved(e) => {
                format!("{} removed listing {}", d.who(&e.owner), short(&e.listing))
            }
        }
    }
}

/// The first characters of an address: enough to tell records apart in a listing.
pub fn short(address: &Pubkey) -> String {
    address.to_string()[..8].to_string()
}

#[cfg(test)]
mod idl_coverage {
    use super::Event;

    /// The list above is written by hand; the IDL is generated from the program. A new event the
    /// client cannot decode would vanish from the ledger and the time bank, so they must agree.
    #[test]
    fn every_event_in_the_idl_is_decoded() {
        let idl: serde_json::Value =
            serde_json::from_str(include_str!("../../idl/ampled.json")).expect("the IDL parses");
        let mut emitted: Vec<&str> = idl["events"]
            .as_array()
            .expect("the IDL lists events")
            .iter()
            .map(|event| event["name"].as_str().expect("an event has a name"))
            .collect();
        let mut decoded = Event::KINDS.to_vec();
        emitted.sort_unstable();
        decoded.sort_unstable();
        assert_eq!(decoded, emitted);
    }
}
