//! Reading the program's records and the community's token accounts back from a chain.

use crate::amount::{format_amount, format_duration, format_time};
use crate::chain::Chain;
use crate::error::{ClientError, Missing, Result};
use crate::ix;
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AccountDeserialize, Discriminator};
use anchor_spl::token_interface::{Mint, TokenAccount};

pub mod views;

/// Where each record type keeps its community: after the discriminator and its bump(s).
const COMMUNITY_OFFSET_AFTER_ONE_BUMP: usize = 8 + 1;
const COMMUNITY_OFFSET_AFTER_TWO_BUMPS: usize = 8 + 2;

/// Decodes `T` at `address`, or `None` when nothing is there.
pub async fn fetch<T: AccountDeserialize>(
    chain: &mut impl Chain,
    address: &Pubkey,
) -> Result<Option<T>> {
    match chain.account(address).await? {
        None => Ok(None),
        Some(account) => T::try_deserialize(&mut account.data.as_slice())
            .map(Some)
            .map_err(|e| {
                ClientError::Io(format!(
                    "the account at {address} is not what was expected: {e}"
                ))
            }),
    }
}

/// Every `T` record of `community`, with its address.
async fn records<T: AccountDeserialize + Discriminator>(
    chain: &mut impl Chain,
    community: &Pubkey,
    community_offset: usize,
) -> Result<Vec<(Pubkey, T)>> {
    let accounts = chain
        .program_accounts(
            &ampled::ID,
            T::DISCRIMINATOR,
            Some((community_offset, *community)),
        )
        .await?;
    let mut decoded = Vec::with_capacity(accounts.len());
    for (address, account) in accounts {
        if let Ok(record) = T::try_deserialize(&mut account.data.as_slice()) {
            decoded.push((address, record));
        }
    }
    Ok(decoded)
}

/// A community with what people ask about it alongside: its token's decimals and supply, and
/// the treasury's balance.
#[derive(Debug, Clone)]
pub struct CommunityView {
    pub address: Pubkey,
    pub state: Community,
    pub decimals: u8,
    pub supply: u64,
    pub treasury_balance: u64,
    /// The program that owns the mint (Token-2022).
    pub token_program: Pubkey,
    /// The token's name, symbol and uri as wallets read them from the mint.
    pub token: TokenMetadataFields,
}

impl CommunityView {
    pub fn mint(&self) -> Pubkey {
        self.state.mint
    }

    pub fn name(&self) -> &str {
        &self.state.name
    }

    pub fn ata(&self, wallet: &Pubkey) -> Pubkey {
        ix::associated_token_address(wallet, &self.state.mint)
    }

    pub fn member_address(&self, wallet: &Pubkey) -> Pubkey {
        ix::member_address(&self.address, wallet)
    }

    pub fn amount(&self, units: u64) -> String {
        format_amount(units, self.decimals)
    }
}

pub async fn community(chain: &mut impl Chain, name: &str) -> Result<CommunityView> {
    let address = ix::community_address(name);
    let state: Community = fetch(chain, &address).await?.ok_or_else(|| {
        ClientError::Missing(Missing::Community {
            name: name.to_string(),
            chain: chain.describe(),
        })
    })?;
    let mint_account = chain
        .account(&state.mint)
        .await?
        .ok_or_else(|| ClientError::Io("the community's mint is missing".into()))?;
    let damaged = |e: anchor_lang::error::Error| {
        ClientError::Io(format!(
            "the community's mint {} is unreadable: {e}",
            state.mint
        ))
    };
    let mint = Mint::try_deserialize(&mut mint_account.data.as_slice()).map_err(damaged)?;
    let metadata = ampled::utils::mint::read_token_metadata(&mint_account.data).map_err(damaged)?;
    let treasury_balance = token_balance(chain, &state.treasury).await?;
    Ok(CommunityView {
        address,
        decimals: mint.decimals,
        supply: mint.supply,
        treasury_balance,
        token_program: mint_account.owner,
        token: TokenMetadataFields {
            name: metadata.name,
            symbol: metadata.symbol,
            uri: metadata.uri,
        },
        state,
    })
}

/// Balance of a token account; 0 when it does not exist (nothing received yet).
pub async fn token_balance(chain: &mut impl Chain, token_account: &Pubkey) -> Result<u64> {
    Ok(fetch::<TokenAccount>(chain, token_account)
        .await?
        .map(|account| account.amount)
        .unwrap_or(0))
}

/// `wallet`'s balance of the community token (its associated token account).
pub async fn wallet_balance(
    chain: &mut impl Chain,
    community: &CommunityView,
    wallet: &Pubkey,
) -> Result<u64> {
    token_balance(chain, &community.ata(wallet)).await
}

pub async fn sol_balance(chain: &mut impl Chain, wallet: &Pubkey) -> Result<u64> {
    Ok(chain
        .account(wallet)
        .await?
        .map(|a| a.lamports)
        .unwrap_or(0))
}

pub async fn member(
    chain: &mut impl Chain,
    community: &CommunityView,
    wallet: &Pubkey,
) -> Result<Option<Member>> {
    fetch(chain, &community.member_address(wallet)).await
}

/// Every membership record, active and removed, in order of admission.
pub async fn members(chain: &mut impl Chain, community: &Pubkey) -> Result<Vec<Member>> {
    let mut members: Vec<Member> =
        records::<Member>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP)
            .await?
            .into_iter()
            .map(|(_, member)| member)
            .collect();
    members.sort_by_key(|m| m.index);
    Ok(members)
}

pub async fn proposals(
    chain: &mut impl Chain,
    community: &Pubkey,
) -> Result<Vec<(Pubkey, Proposal)>> {
    let mut proposals =
        records::<Proposal>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP).await?;
    proposals.sort_by_key(|(_, p)| p.created_at);
    Ok(proposals)
}

pub async fn bounties(chain: &mut impl Chain, community: &Pubkey) -> Result<Vec<(Pubkey, Bounty)>> {
    let mut bounties =
        records::<Bounty>(chain, community, COMMUNITY_OFFSET_AFTER_TWO_BUMPS).await?;
    bounties.sort_by_key(|(_, b)| b.created_at);
    Ok(bounties)
}

/// Every claim on `bounty` still on record.
pub async fn claims(
    chain: &mut impl Chain,
    community: &Pubkey,
    bounty: &Pubkey,
) -> Result<Vec<(Pubkey, Claim)>> {
    let mut claims: Vec<(Pubkey, Claim)> =
        records::<Claim>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP)
            .await?
            .into_iter()
            .filter(|(_, claim)| claim.bounty == *bounty)
            .collect();
    claims.sort_by_key(|(_, c)| c.claimed_at);
    Ok(claims)
}

/// Whether the record a proposal is about (a membership, a claim) changed since it was made, so
/// it can never execute. As the program reads it: a membership never created is at revision 0, a
/// claim that is gone never matches.
pub async fn target_changed(chain: &mut impl Chain, proposal: &Proposal) -> Result<bool> {
    Ok(match target_revision(chain, proposal).await? {
        Some(current) => proposal.require_target_revision(current).is_err(),
        None => false,
    })
}

/// The current revision of the record a proposal is about, if it is about one.
pub async fn target_revision(chain: &mut impl Chain, proposal: &Proposal) -> Result<Option<u64>> {
    let (Some(kind), Some(target)) = (proposal.action.target(), proposal.target) else {
        return Ok(None);
    };
    let current = match kind {
        ProposalTarget::Member { .. } => {
            ProposalTarget::member_revision(fetch::<Member>(chain, &target).await?.as_ref())
        }
        ProposalTarget::Claim { .. } => {
            ProposalTarget::claim_revision(fetch::<Claim>(chain, &target).await?.as_ref())
        }
    };
    Ok(Some(current))
}

/// Every claim in `community` still on record, on any bounty.
pub async fn all_claims(
    chain: &mut impl Chain,
    community: &Pubkey,
) -> Result<Vec<(Pubkey, Claim)>> {
    let mut claims = records::<Claim>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP).await?;
    claims.sort_by_key(|(_, c)| c.claimed_at);
    Ok(claims)
}

pub async fn auctions(
    chain: &mut impl Chain,
    community: &Pubkey,
) -> Result<Vec<(Pubkey, Auction)>> {
    let mut auctions =
        records::<Auction>(chain, community, COMMUNITY_OFFSET_AFTER_TWO_BUMPS).await?;
    auctions.sort_by_key(|(_, a)| a.terms.starts_at);
    Ok(auctions)
}

/// The one record whose address starts with `prefix` (as listings show them), or a clear
/// refusal when none or several do.
pub fn pick<T>(records: Vec<(Pubkey, T)>, prefix: &str, kind: &str) -> Result<(Pubkey, T)> {
    let mut matching: Vec<(Pubkey, T)> = records
        .into_iter()
        .filter(|(address, _)| address.to_string().starts_with(prefix))
        .collect();
    match matching.len() {
        1 => Ok(matching.remove(0)),
        0 => Err(ClientError::Missing(Missing::RecordPrefix {
            kind: kind.to_string(),
            prefix: prefix.to_string(),
        })),
        n => Err(ClientError::refused(format!(
            "{n} {kind}s have addresses starting with \"{prefix}\"; give more characters"
        ))),
    }
}

/// What a proposal would do, in a sentence.
pub fn describe_action(
    action: &ProposalAction,
    decimals: u8,
    label: &dyn Fn(&Pubkey) -> String,
) -> String {
    let tokens = |units: u64| format!("{} AMPLED", format_amount(units, decimals));
    match action {
        ProposalAction::MintReward {
            recipient,
            amount,
            reason,
        } => {
            format!(
                "reward {} with {} for \"{reason}\"",
                label(recipient),
                tokens(*amount)
            )
        }
        ProposalAction::TreasuryTransfer {
            recipient,
            amount,
            reason,
        } => format!(
            "pay {} {} from the treasury for \"{reason}\"",
            label(recipient),
            tokens(*amount)
        ),
        ProposalAction::AddMember { wallet, role } => {
            format!("admit {} as {role:?}", label(wallet))
        }
        ProposalAction::RemoveMember { wallet } => format!("remove {}", label(wallet)),
        ProposalAction::ChangeRole { wallet, role } => {
            format!("make {} a {role:?}", label(wallet))
        }
        ProposalAction::UpdateRules { rules } => format!(
            "change the rules to {}",
            views::RulesView {
                rules: *rules,
                decimals
            }
        ),
        ProposalAction::PostBounty { terms } => format!(
            "post co-op bounty \"{}\" ({:?}): {} per claim, up to {} claim(s)",
            terms.title,
            terms.category,
            tokens(terms.reward),
            terms.max_claims
        ),
        ProposalAction::PayBountyClaim { claimant, .. } => {
            format!("pay {}'s bounty claim", label(claimant))
        }
        ProposalAction::RejectBountyClaim { reason, .. } => {
            format!("reject a bounty claim: \"{reason}\"")
        }
        ProposalAction::ListAuction {
            terms,
            burn_proceeds,
        } => format!(
            "auction co-op item \"{}\" (reserve {}), proceeds {}",
            terms.title,
            tokens(terms.reserve_price),
            if *burn_proceeds {
                "burned"
            } else {
                "to the treasury"
            }
        ),
        ProposalAction::SetCategoryBudget {
            category,
            amount_per_period,
            period_secs,
        } => format!(
            "let {category:?} bounties mint {} per {}",
            tokens(*amount_per_period),
            format_duration(*period_secs)
        ),
        ProposalAction::UpdateTokenMetadata { token } => format!(
            "show the token in wallets as \"{}\" ({}){}",
            token.name,
            token.symbol,
            if token.uri.is_empty() {
                ", with no image".to_string()
            } else {
                format!(", image and description from {}", token.uri)
            }
        ),
        ProposalAction::Distribute { terms } => format!(
            "distribute {} for \"{}\" to {} recipient(s) listed at {} (sha256 {}), claimable until {}",
            tokens(terms.total),
            terms.reason,
            terms.recipients,
            terms.uri,
            views::hex(&terms.list_hash),
            format_time(terms.claim_until)
        ),
    }
}

/// Every distribution of `community` still on record, oldest first.
pub async fn distributions(
    chain: &mut impl Chain,
    community: &Pubkey,
) -> Result<Vec<(Pubkey, Distribution)>> {
    let mut distributions =
        records::<Distribution>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP).await?;
    distributions.sort_by_key(|(_, d)| d.created_at);
    Ok(distributions)
}

/// Every listing in the directory, shown or not, newest first.
pub async fn listings(
    chain: &mut impl Chain,
    community: &Pubkey,
) -> Result<Vec<(Pubkey, Listing)>> {
    let mut listings =
        records::<Listing>(chain, community, COMMUNITY_OFFSET_AFTER_ONE_BUMP).await?;
    listings.sort_by_key(|(_, l)| std::cmp::Reverse(l.created_at));
    Ok(listings)
}
