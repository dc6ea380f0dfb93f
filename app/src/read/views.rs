//! What listings and `show` commands tell, decided once from the chain's records: a status, a
//! time left, an amount. Each view is one type that serializes to JSON (for scripts) and displays
//! as text (for people), so the two can never disagree.
//!
//! JSON conventions, the same in every view: a wallet or record field holds its address, and
//! `<field>_name` the local nickname when this home knows one; an amount holds whole tokens as a
//! string and `<field>_base_units` the integer; a time holds RFC 3339 and `<field>_unix` seconds.

use super::CommunityView;
use crate::amount::{format_amount, format_duration, format_time, format_time_left};
use crate::events::{short, Describer, Event, EventFields};
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// The local nickname of a wallet, when this home knows one.
pub type Names<'a> = &'a dyn Fn(&Pubkey) -> Option<String>;

/// A wallet (or any address) with the nickname people know it by, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalletRef {
    pub address: Pubkey,
    pub name: Option<String>,
}

impl WalletRef {
    pub fn new(address: Pubkey, names: Names) -> Self {
        Self {
            name: names(&address),
            address,
        }
    }
}

impl fmt::Display for WalletRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.address),
        }
    }
}

/// An amount of the community token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub units: u64,
    pub decimals: u8,
}

impl Tokens {
    pub fn of(community: &CommunityView, units: u64) -> Self {
        Self {
            units,
            decimals: community.decimals,
        }
    }

    /// Whole tokens, as people write them: `12.5`.
    pub fn whole(&self) -> String {
        format_amount(self.units, self.decimals)
    }
}

impl fmt::Display for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} AMPLED", self.whole())
    }
}

/// A unix time as RFC 3339 in UTC: `2026-11-27T10:20:48Z`.
pub fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| unix.to_string())
}

/// `3d 2h left` while `end` is ahead, `ended` once it has passed.
pub fn time_left(now: i64, end: i64) -> String {
    match format_time_left(now, end) {
        ended if now >= end => ended,
        left => format!("{left} left"),
    }
}

/// A JSON object written with the conventions above.
#[derive(Default)]
pub struct Fields(Map<String, Value>);

impl Fields {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn put(mut self, key: &str, value: impl Serialize) -> Self {
        self.0.insert(
            key.to_string(),
            serde_json::to_value(value).unwrap_or(Value::Null),
        );
        self
    }

    pub fn address(self, key: &str, address: Option<&Pubkey>) -> Self {
        self.put(key, address.map(Pubkey::to_string))
    }

    pub fn wallet(self, key: &str, wallet: Option<&WalletRef>) -> Self {
        self.put(key, wallet.map(|w| w.address.to_string()))
            .put(&format!("{key}_name"), wallet.and_then(|w| w.name.clone()))
    }

    pub fn tokens(self, key: &str, tokens: Option<Tokens>) -> Self {
        self.put(key, tokens.map(|t| t.whole()))
            .put(&format!("{key}_base_units"), tokens.map(|t| t.units))
    }

    pub fn time(self, key: &str, unix: Option<i64>) -> Self {
        self.put(key, unix.map(rfc3339))
            .put(&format!("{key}_unix"), unix)
    }

    pub fn merge(mut self, other: Fields) -> Self {
        self.0.extend(other.0);
        self
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// A view that writes itself as [`Fields`]; it then serializes as that JSON object.
pub trait ToFields {
    fn fields(&self) -> Fields;
}

macro_rules! serialize_as_fields {
    ($($view:ty),* $(,)?) => {
        $(impl Serialize for $view {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.fields().0.serialize(serializer)
            }
        })*
    };
}

/// One line of a listing.
pub trait Row {
    fn row(&self) -> String;
}

/// Records listed one per line for people, as a JSON array for scripts.
pub struct Rows<T> {
    pub items: Vec<T>,
    /// What people read when there is nothing to list.
    pub empty: String,
    /// A first line naming the columns, if the rows need one.
    pub header: Option<String>,
}

impl<T> Rows<T> {
    pub fn new(items: Vec<T>, empty: impl Into<String>) -> Self {
        Self {
            items,
            empty: empty.into(),
            header: None,
        }
    }

    pub fn with_header(mut self, header: impl Into<String>) -> Self {
        self.header = Some(header.into());
        self
    }
}

impl<T: Serialize> Serialize for Rows<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

impl<T: Row> fmt::Display for Rows<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.items.is_empty() {
            return f.write_str(&self.empty);
        }
        if let Some(header) = &self.header {
            writeln!(f, "{header}")?;
        }
        let rows: Vec<String> = self.items.iter().map(Row::row).collect();
        f.write_str(&rows.join("\n"))
    }
}

/// A share in basis points as people write it: `60%`, `66.67%`.
pub fn percent(bps: u16) -> String {
    format!("{}%", format_amount(u64::from(bps), 2))
}

// Community.

/// The community's rules, as `community show` and a rules proposal tell them.
#[derive(Clone, Debug)]
pub struct RulesView {
    pub rules: CommunityRules,
    pub decimals: u8,
}

impl RulesView {
    fn tokens(&self, units: u64) -> Tokens {
        Tokens {
            units,
            decimals: self.decimals,
        }
    }
}

impl ToFields for RulesView {
    fn fields(&self) -> Fields {
        let rules = &self.rules;
        Fields::new()
            .put("approval_threshold", percent(rules.approval_threshold_bps))
            .put("approval_threshold_bps", rules.approval_threshold_bps)
            .put("min_approvals", rules.min_approvals)
            .put("voting_period", format_duration(rules.voting_period_secs))
            .put("voting_period_secs", rules.voting_period_secs)
            .tokens("supply_cap", rules.supply_cap.map(|cap| self.tokens(cap)))
            .put(
                "issuance_cap",
                rules.issuance_cap.map(|cap| {
                    Fields::new()
                        .tokens("amount", Some(self.tokens(cap.amount)))
                        .put("period", format_duration(cap.period_secs))
                        .put("period_secs", cap.period_secs)
                        .into_value()
                }),
            )
    }
}

impl fmt::Display for RulesView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = &self.rules;
        write!(
            f,
            "{} approval, at least {}, {} to vote, supply cap {}, issuance cap {}",
            percent(rules.approval_threshold_bps),
            rules.min_approvals,
            format_duration(rules.voting_period_secs),
            rules
                .supply_cap
                .map_or("none".into(), |cap| self.tokens(cap).to_string()),
            rules.issuance_cap.map_or("none".into(), |cap| format!(
                "{} per {}",
                self.tokens(cap.amount),
                format_duration(cap.period_secs)
            )),
        )
    }
}

/// `community show`: the community, its token and treasury, and its rules.
pub struct CommunityInfo {
    pub view: CommunityView,
}

impl ToFields for CommunityInfo {
    fn fields(&self) -> Fields {
        let c = &self.view;
        let tokens = |units| Some(Tokens::of(c, units));
        Fields::new()
            .put("name", c.name())
            .address("address", Some(&c.address))
            .address("mint", Some(&c.mint()))
            .put(
                "token",
                Fields::new()
                    .put("name", &c.token.name)
                    .put("symbol", &c.token.symbol)
                    .put("uri", &c.token.uri)
                    .address("program", Some(&c.token_program))
                    .put("program_name", token_program_name(&c.token_program))
                    .into_value(),
            )
            .address("treasury", Some(&c.state.treasury))
            .put("decimals", c.decimals)
            .tokens("supply", tokens(c.supply))
            .tokens("total_minted", tokens(c.state.total_minted))
            .tokens("treasury_balance", tokens(c.treasury_balance))
            .put("active_members", c.state.active_member_count)
            .time("created_at", Some(c.state.created_at))
            .put(
                "rules",
                RulesView {
                    rules: c.state.rules,
                    decimals: c.decimals,
                }
                .fields()
                .put("version", c.state.rules_version)
                .into_value(),
            )
    }
}

impl fmt::Display for CommunityInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.view;
        let rules = c.state.rules;
        let tokens = |units| Tokens::of(c, units);
        write!(
            f,
            "{} ({})\n  created      {}\n  members      {} active\n  token        {} ({}), shown in wallets from the mint\n  token uri    {}\n  mint         {} ({})\n  supply       {} ({} minted in all)\n  treasury     {}\n  rules (v{})   a proposal passes with {} of eligible members and at least {} approval(s); voting lasts {}",
            c.name(),
            c.address,
            format_time(c.state.created_at),
            c.state.active_member_count,
            c.token.name,
            c.token.symbol,
            if c.token.uri.is_empty() {
                "none yet (wallets show no image)"
            } else {
                &c.token.uri
            },
            c.mint(),
            token_program_name(&c.token_program),
            tokens(c.supply),
            c.amount(c.state.total_minted),
            tokens(c.treasury_balance),
            c.state.rules_version,
            percent(rules.approval_threshold_bps),
            rules.min_approvals,
            format_duration(rules.voting_period_secs),
        )?;
        if let Some(cap) = rules.supply_cap {
            write!(f, "\n  supply cap   {}", tokens(cap))?;
        }
        if let Some(cap) = rules.issuance_cap {
            write!(
                f,
                "\n  issuance cap {} per {}",
                tokens(cap.amount),
                format_duration(cap.period_secs)
            )?;
        }
        Ok(())
    }
}

/// The token program that owns a mint, in words.
pub fn token_program_name(program: &Pubkey) -> &'static str {
    if *program == anchor_spl::token_2022::ID {
        "Token-2022"
    } else if *program == anchor_spl::token::ID {
        "SPL Token"
    } else {
        "an unknown token program"
    }
}

// Members.

/// A member: role, status, time bank, and (when read) the tokens they hold.
pub struct MemberView {
    pub wallet: WalletRef,
    pub role: MemberRole,
    pub status: MemberStatus,
    pub joined_at: i64,
    pub removed_at: Option<i64>,
    pub total_earned: Tokens,
    pub rewards_received: u32,
    pub balance: Option<Tokens>,
    /// What they list in the directory now, when read.
    pub listings: Option<Vec<ListingView>>,
}

impl MemberView {
    pub fn new(community: &CommunityView, member: &Member, names: Names) -> Self {
        Self {
            wallet: WalletRef::new(member.wallet, names),
            role: member.role,
            status: member.status,
            joined_at: member.joined_at,
            removed_at: member.removed_at,
            total_earned: Tokens::of(community, member.total_earned),
            rewards_received: member.rewards_received,
            balance: None,
            listings: None,
        }
    }

    pub fn with_listings(mut self, listings: Vec<ListingView>) -> Self {
        self.listings = Some(listings);
        self
    }

    pub fn with_balance(mut self, community: &CommunityView, units: u64) -> Self {
        self.balance = Some(Tokens::of(community, units));
        self
    }

    /// The first line of a members listing, naming the columns of [`Row::row`].
    pub fn list_header() -> String {
        format!(
            "{:<44} {:<16} {:<8} {:>14}",
            "member", "role", "status", "earned"
        )
    }
}

impl ToFields for MemberView {
    fn fields(&self) -> Fields {
        Fields::new()
            .wallet("wallet", Some(&self.wallet))
            .put("role", format!("{:?}", self.role))
            .put("status", format!("{:?}", self.status))
            .time("joined_at", Some(self.joined_at))
            .time("removed_at", self.removed_at)
            .tokens("total_earned", Some(self.total_earned))
            .put("rewards_received", self.rewards_received)
            .tokens("balance", self.balance)
            .put(
                "listings",
                self.listings.as_ref().map(|l| {
                    l.iter()
                        .map(|v| v.fields().into_value())
                        .collect::<Vec<_>>()
                }),
            )
    }
}

impl Row for MemberView {
    fn row(&self) -> String {
        format!(
            "{:<44} {:<16} {:<8} {:>14}",
            self.wallet.to_string(),
            format!("{:?}", self.role),
            format!("{:?}", self.status),
            self.total_earned.whole()
        )
    }
}

impl fmt::Display for MemberView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})\n  role         {:?}\n  status       {:?}\n  joined       {}\n  time bank    {} earned from {} reward(s)",
            self.wallet,
            self.wallet.address,
            self.role,
            self.status,
            format_time(self.joined_at),
            self.total_earned,
            self.rewards_received,
        )?;
        if let Some(balance) = self.balance {
            write!(f, "\n  balance      {balance}")?;
        }
        if let Some(removed) = self.removed_at {
            write!(f, "\n  removed      {}", format_time(removed))?;
        }
        match self.listings.as_deref() {
            None => {}
            Some([]) => write!(f, "\n  directory    nothing listed")?,
            Some(listings) => {
                write!(f, "\n  directory")?;
                for listing in listings {
                    write!(f, "\n    {}", listing.row())?;
                }
            }
        }
        Ok(())
    }
}

// The directory.

/// A listing in the directory: what it offers or asks for, at what price, and whether people
/// find it now.
pub struct ListingView {
    pub address: Pubkey,
    pub owner: WalletRef,
    pub kind: ListingKind,
    pub category: String,
    pub title: String,
    pub uri: String,
    pub price: Option<Tokens>,
    pub contact: String,
    pub listed_until: i64,
    pub status: ListingStatus,
    pub created_at: i64,
    pub updated_at: i64,
    now: i64,
}

/// Whether a listing shows in the directory, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingStatus {
    Listed,
    Paused,
    Expired,
    /// Its owner is no longer a member.
    OwnerRemoved,
}

impl ListingView {
    pub fn new(
        community: &CommunityView,
        address: Pubkey,
        listing: &Listing,
        owner_active: bool,
        now: i64,
        names: Names,
    ) -> Self {
        let status = if !owner_active {
            ListingStatus::OwnerRemoved
        } else if listing.paused {
            ListingStatus::Paused
        } else if !listing.is_listed(now) {
            ListingStatus::Expired
        } else {
            ListingStatus::Listed
        };
        let terms = &listing.terms;
        Self {
            address,
            owner: WalletRef::new(listing.owner, names),
            kind: terms.kind,
            category: terms.category.clone(),
            title: terms.title.clone(),
            uri: terms.uri.clone(),
            price: terms.price.map(|p| Tokens::of(community, p)),
            contact: terms.contact.clone(),
            listed_until: terms.listed_until,
            status,
            created_at: listing.created_at,
            updated_at: listing.updated_at,
            now,
        }
    }

    fn price_text(&self) -> String {
        match self.price {
            Some(price) => price.to_string(),
            None => "price on request".into(),
        }
    }

    fn kind_text(&self) -> &'static str {
        match self.kind {
            ListingKind::Offer => "offer",
            ListingKind::Request => "request",
        }
    }

    fn status_text(&self) -> String {
        match self.status {
            ListingStatus::Listed => format!(
                "listed until {} ({})",
                format_time(self.listed_until),
                time_left(self.now, self.listed_until)
            ),
            ListingStatus::Paused => "paused by its owner".into(),
            ListingStatus::Expired => format!("expired {}", format_time(self.listed_until)),
            ListingStatus::OwnerRemoved => "hidden: its owner is no longer a member".into(),
        }
    }
}

impl ToFields for ListingView {
    fn fields(&self) -> Fields {
        Fields::new()
            .put("id", short(&self.address))
            .address("address", Some(&self.address))
            .wallet("owner", Some(&self.owner))
            .put("kind", self.kind_text())
            .put("category", &self.category)
            .put("title", &self.title)
            .put("uri", &self.uri)
            .tokens("price", self.price)
            .put("contact", &self.contact)
            .time("listed_until", Some(self.listed_until))
            .put("status", self.status)
            .time("created_at", Some(self.created_at))
            .time("updated_at", Some(self.updated_at))
    }
}

impl Row for ListingView {
    fn row(&self) -> String {
        format!(
            "{}  {:<7} {:<16} \"{}\"  {}  by {}{}",
            short(&self.address),
            self.kind_text(),
            self.category,
            self.title,
            self.price_text(),
            self.owner,
            match self.status {
                ListingStatus::Listed => String::new(),
                _ => format!("  ({})", self.status_text()),
            }
        )
    }
}

impl fmt::Display for ListingView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} \"{}\" ({})\n  {:<12} {}\n  {:<12} {}\n  {:<12} {}\n  {:<12} {}\n  {:<12} {}\n  {:<12} {}",
            self.kind_text(),
            self.title,
            self.address,
            "category",
            self.category,
            "price",
            self.price_text(),
            "by",
            self.owner,
            "details",
            self.uri,
            "contact",
            self.contact,
            "status",
            self.status_text(),
        )
    }
}

/// The time bank: what every member earned, and holds.
pub struct Timebank {
    pub community: String,
    pub members: Vec<MemberView>,
}

impl Serialize for Timebank {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.members.serialize(serializer)
    }
}

impl fmt::Display for Timebank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Time bank of {}: what each member earned (rewards and bounties)",
            self.community
        )?;
        for m in &self.members {
            write!(
                f,
                "\n{:<44} {:>14} AMPLED  {} reward(s)  {:?}",
                m.wallet.to_string(),
                m.total_earned.whole(),
                m.rewards_received,
                m.status
            )?;
        }
        Ok(())
    }
}

impl Timebank {
    /// The same rows as CSV, for spreadsheets.
    pub fn csv(&self) -> String {
        let mut csv =
            String::from("wallet,name,role,status,joined_at,rewards_received,total_earned,balance");
        for m in &self.members {
            csv.push_str(&format!(
                "\n{},{},{:?},{:?},{},{},{},{}",
                m.wallet.address,
                csv_field(m.wallet.name.as_deref().unwrap_or_default()),
                m.role,
                m.status,
                rfc3339(m.joined_at),
                m.rewards_received,
                m.total_earned.whole(),
                m.balance.map(|b| b.whole()).unwrap_or_default()
            ));
        }
        csv
    }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

// Proposals.

/// What a proposal would do: its kind, a sentence, and its terms as fields.
pub struct ActionView {
    pub action: ProposalAction,
    pub summary: String,
    decimals: u8,
    names: Vec<(Pubkey, Option<String>)>,
}

impl ActionView {
    pub fn new(action: &ProposalAction, decimals: u8, names: Names) -> Self {
        let label = |address: &Pubkey| names(address).unwrap_or_else(|| address.to_string());
        let mentioned: Vec<Pubkey> = match action {
            ProposalAction::MintReward { recipient, .. }
            | ProposalAction::TreasuryTransfer { recipient, .. } => vec![*recipient],
            ProposalAction::AddMember { wallet, .. }
            | ProposalAction::RemoveMember { wallet }
            | ProposalAction::ChangeRole { wallet, .. } => vec![*wallet],
            ProposalAction::PayBountyClaim { claimant, .. } => vec![*claimant],
            _ => vec![],
        };
        Self {
            summary: super::describe_action(action, decimals, &label),
            action: action.clone(),
            decimals,
            names: mentioned.into_iter().map(|a| (a, names(&a))).collect(),
        }
    }

    fn wallet(&self, address: &Pubkey) -> WalletRef {
        WalletRef {
            address: *address,
            name: self
                .names
                .iter()
                .find(|(a, _)| a == address)
                .and_then(|(_, name)| name.clone()),
        }
    }

    fn tokens(&self, units: u64) -> Option<Tokens> {
        Some(Tokens {
            units,
            decimals: self.decimals,
        })
    }

    pub fn kind(&self) -> &'static str {
        match self.action {
            ProposalAction::RemoveMember { .. } => "RemoveMember",
            ProposalAction::MintReward { .. } => "MintReward",
            ProposalAction::TreasuryTransfer { .. } => "TreasuryTransfer",
            ProposalAction::AddMember { .. } => "AddMember",
            ProposalAction::ChangeRole { .. } => "ChangeRole",
            ProposalAction::UpdateRules { .. } => "UpdateRules",
            ProposalAction::PostBounty { .. } => "PostBounty",
            ProposalAction::PayBountyClaim { .. } => "PayBountyClaim",
            ProposalAction::RejectBountyClaim { .. } => "RejectBountyClaim",
            ProposalAction::ListAuction { .. } => "ListAuction",
            ProposalAction::SetCategoryBudget { .. } => "SetCategoryBudget",
            ProposalAction::UpdateTokenMetadata { .. } => "UpdateTokenMetadata",
            ProposalAction::Distribute { .. } => "Distribute",
        }
    }
}

impl ToFields for ActionView {
    fn fields(&self) -> Fields {
        let fields = Fields::new()
            .put("kind", self.kind())
            .put("summary", &self.summary);
        match &self.action {
            ProposalAction::MintReward {
                recipient,
                amount,
                reason,
            }
            | ProposalAction::TreasuryTransfer {
                recipient,
                amount,
                reason,
            } => fields
                .wallet("recipient", Some(&self.wallet(recipient)))
                .tokens("amount", self.tokens(*amount))
                .put("reason", reason),
            ProposalAction::AddMember { wallet, role }
            | ProposalAction::ChangeRole { wallet, role } => fields
                .wallet("wallet", Some(&self.wallet(wallet)))
                .put("role", format!("{role:?}")),
            ProposalAction::RemoveMember { wallet } => {
                fields.wallet("wallet", Some(&self.wallet(wallet)))
            }
            ProposalAction::UpdateRules { rules } => fields.put(
                "rules",
                RulesView {
                    rules: *rules,
                    decimals: self.decimals,
                }
                .fields()
                .into_value(),
            ),
            ProposalAction::PostBounty { terms } => fields
                .put("title", &terms.title)
                .put("uri", &terms.uri)
                .put("category", format!("{:?}", terms.category))
                .tokens("reward", self.tokens(terms.reward))
                .put("max_claims", terms.max_claims)
                .time("deadline", terms.deadline),
            ProposalAction::PayBountyClaim { claim, claimant } => fields
                .address("claim", Some(claim))
                .wallet("claimant", Some(&self.wallet(claimant))),
            ProposalAction::RejectBountyClaim { claim, reason } => {
                fields.address("claim", Some(claim)).put("reason", reason)
            }
            ProposalAction::ListAuction {
                terms,
                burn_proceeds,
            } => fields
                .put("title", &terms.title)
                .put("uri", &terms.uri)
                .tokens("reserve_price", self.tokens(terms.reserve_price))
                .tokens("min_increment", self.tokens(terms.min_increment))
                .put("members_only", terms.members_only)
                .put("burn_proceeds", burn_proceeds),
            ProposalAction::SetCategoryBudget {
                category,
                amount_per_period,
                period_secs,
            } => fields
                .put("category", format!("{category:?}"))
                .tokens("amount_per_period", self.tokens(*amount_per_period))
                .put("period", format_duration(*period_secs))
                .put("period_secs", period_secs),
            ProposalAction::UpdateTokenMetadata { token } => fields
                .put("token_name", &token.name)
                .put("symbol", &token.symbol)
                .put("uri", &token.uri),
            ProposalAction::Distribute { terms } => fields
                .put("reason", &terms.reason)
                .put("recipients", terms.recipients)
                .tokens("total", self.tokens(terms.total))
                .put("root", hex(&terms.root))
                .put("list_sha256", hex(&terms.list_hash))
                .put("uri", &terms.uri)
                .time("claim_until", Some(terms.claim_until)),
        }
    }
}

/// Where a proposal stands now: what the program's status says, read against the clock, the
/// rules and the votes, so a proposal that can no longer pass is never shown as open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ProposalState {
    /// Open for votes; not enough approvals yet, and it can still get them.
    Voting,
    /// Enough approvals: anyone may execute it before voting ends.
    Approved,
    /// It can no longer pass: rejected by too many, or its approvers can never vote.
    Defeated,
    /// Voting ended before it was executed.
    Expired,
    /// The rules changed after it was made; it can never pass.
    Stale,
    /// What it is about (a member, a claim) changed after it was made; it can never execute.
    TargetChanged,
    Cancelled,
    Executed,
}

impl ProposalState {
    /// `target_changed`: whether the record it is about changed since ([`super::target_changed`]).
    pub fn of(proposal: &Proposal, community: &Community, now: i64, target_changed: bool) -> Self {
        match proposal.status {
            ProposalStatus::Executed => Self::Executed,
            ProposalStatus::Cancelled => Self::Cancelled,
            ProposalStatus::Defeated => Self::Defeated,
            ProposalStatus::Voting | ProposalStatus::Approved => {
                if proposal.rules_version != community.rules_version {
                    return Self::Stale;
                }
                if target_changed {
                    return Self::TargetChanged;
                }
                let tally = proposal.tally(community);
                if !tally.passed() && !tally.can_still_pass() {
                    Self::Defeated
                } else if now >= proposal.voting_ends_at {
                    Self::Expired
                } else if tally.passed() {
                    Self::Approved
                } else {
                    Self::Voting
                }
            }
        }
    }

    /// Whether votes can still change what happens to it.
    pub fn is_live(self) -> bool {
        matches!(self, Self::Voting | Self::Approved)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Voting => "Voting",
            Self::Approved => "Approved",
            Self::Defeated => "Defeated",
            Self::Expired => "Expired",
            Self::Stale => "Stale",
            Self::TargetChanged => "Outdated",
            Self::Cancelled => "Cancelled",
            Self::Executed => "Executed",
        }
    }
}

/// A proposal: what it does, its tally, where it stands and how long it has left.
pub struct ProposalView {
    pub address: Pubkey,
    pub proposer: WalletRef,
    pub action: ActionView,
    pub state: ProposalState,
    /// The status the program has recorded (it may lag: a proposal left in Voting that can no
    /// longer pass is Defeated here).
    pub recorded_status: ProposalStatus,
    pub tally: Tally,
    pub created_at: i64,
    pub voting_ends_at: i64,
    pub decided_at: Option<i64>,
    /// Seconds of voting left, while votes still matter.
    pub seconds_left: Option<i64>,
    /// Whether its rent can be returned to the proposer now (`proposal close`).
    pub closable: bool,
    /// Who approved and who rejected, when read (`proposal show`).
    pub votes: Option<(Vec<WalletRef>, Vec<WalletRef>)>,
}

impl ProposalView {
    /// `target_changed`: whether the record it is about changed since ([`super::target_changed`]).
    pub fn new(
        address: Pubkey,
        proposal: &Proposal,
        community: &CommunityView,
        now: i64,
        target_changed: bool,
        names: Names,
    ) -> Self {
        let state = ProposalState::of(proposal, &community.state, now, target_changed);
        Self {
            address,
            proposer: WalletRef::new(proposal.proposer, names),
            action: ActionView::new(&proposal.action, community.decimals, names),
            state,
            recorded_status: proposal.status,
            tally: proposal.tally(&community.state),
            created_at: proposal.created_at,
            voting_ends_at: proposal.voting_ends_at,
            decided_at: proposal.decided_at,
            seconds_left: state
                .is_live()
                .then(|| (proposal.voting_ends_at - now).max(0)),
            closable: proposal.is_finished(&community.state, now) || target_changed,
            votes: None,
        }
    }

    /// Adds who voted which way, from the community's membership records.
    pub fn with_votes(mut self, proposal: &Proposal, members: &[Member], names: Names) -> Self {
        let voted = |bits: &[u8]| -> Vec<WalletRef> {
            members
                .iter()
                .filter(|m| {
                    m.status == MemberStatus::Active && ampled::utils::bitmap::get(bits, m.index)
                })
                .map(|m| WalletRef::new(m.wallet, names))
                .collect()
        };
        self.votes = Some((voted(&proposal.approvals), voted(&proposal.rejections)));
        self
    }

    /// `3d 2h left`, why it cannot pass, or nothing once it is decided.
    fn outlook(&self) -> String {
        match (self.state, self.seconds_left) {
            (ProposalState::Defeated, _) if self.recorded_status != ProposalStatus::Defeated => {
                "cannot pass".into()
            }
            (_, Some(left)) => time_left(0, left),
            _ => String::new(),
        }
    }
}

impl ToFields for ProposalView {
    fn fields(&self) -> Fields {
        let wallets = |list: &Vec<WalletRef>| -> Vec<Value> {
            list.iter()
                .map(|w| Fields::new().wallet("wallet", Some(w)).into_value())
                .collect()
        };
        let mut fields = Fields::new()
            .address("address", Some(&self.address))
            .put("id", short(&self.address))
            .wallet("proposer", Some(&self.proposer))
            .put("action", self.action.fields().into_value())
            .put("summary", &self.action.summary)
            .put("status", self.state)
            .put("recorded_status", format!("{:?}", self.recorded_status))
            .put("approvals", self.tally.approvals)
            .put("rejections", self.tally.rejections)
            .put("required", self.tally.required)
            .put("eligible", self.tally.eligible)
            .put("can_still_pass", self.tally.can_still_pass())
            .time("created_at", Some(self.created_at))
            .time("voting_ends_at", Some(self.voting_ends_at))
            .time("decided_at", self.decided_at)
            .put("seconds_left", self.seconds_left)
            .put("closable", self.closable);
        if let Some((approved, rejected)) = &self.votes {
            fields = fields
                .put("approved_by", wallets(approved))
                .put("rejected_by", wallets(rejected));
        }
        fields
    }
}

impl Row for ProposalView {
    fn row(&self) -> String {
        let outlook = self.outlook();
        format!(
            "{}  {:<10} {}/{} approvals, {} against{}  {}",
            short(&self.address),
            self.state.label(),
            self.tally.approvals,
            self.tally.required,
            self.tally.rejections,
            if outlook.is_empty() {
                String::new()
            } else {
                format!(", {outlook}")
            },
            self.action.summary
        )
    }
}

impl fmt::Display for ProposalView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |list: &[WalletRef]| -> String {
            if list.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = list.iter().map(ToString::to_string).collect();
                format!(": {}", names.join(", "))
            }
        };
        let (approved, rejected) = self
            .votes
            .as_ref()
            .map(|(a, r)| (names(a), names(r)))
            .unwrap_or_default();
        let status = match self.state {
            ProposalState::Stale => "Stale (the rules changed since)".to_string(),
            ProposalState::TargetChanged => {
                "Outdated (what it is about changed since; it can never execute)".to_string()
            }
            ProposalState::Defeated if self.recorded_status != ProposalStatus::Defeated => {
                "Defeated (cannot pass: too many rejections)".to_string()
            }
            state => state.label().to_string(),
        };
        write!(
            f,
            "Proposal {} by {}\n  action       {}\n  status       {}\n  approvals    {} of {} needed ({} eligible){}\n  rejections   {}{}\n  voting ends  {}",
            self.address,
            self.proposer,
            self.action.summary,
            status,
            self.tally.approvals,
            self.tally.required,
            self.tally.eligible,
            approved,
            self.tally.rejections,
            rejected,
            format_time(self.voting_ends_at),
        )?;
        if let Some(left) = self.seconds_left {
            write!(f, " ({})", time_left(0, left))?;
        }
        if self.closable {
            write!(
                f,
                "\n  finished     its rent returns to the proposer with `ampled proposal close {}`",
                short(&self.address)
            )?;
        }
        Ok(())
    }
}

// Bounties.

/// Where a bounty stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BountyState {
    /// Accepting claims and evidence.
    Open,
    /// Its deadline passed; it waits to be ended (`bounty cancel`), which refunds the escrow.
    PastDeadline,
    /// Every claim it offered was paid.
    Completed,
    Cancelled,
    Expired,
}

impl BountyState {
    pub fn of(bounty: &Bounty, now: i64) -> Self {
        match bounty.status {
            BountyStatus::Open if bounty.is_past_deadline(now) => Self::PastDeadline,
            BountyStatus::Open => Self::Open,
            BountyStatus::Completed => Self::Completed,
            BountyStatus::Cancelled => Self::Cancelled,
            BountyStatus::Expired => Self::Expired,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::PastDeadline => "Past deadline",
            Self::Completed => "Completed",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
        }
    }
}

/// Whether an ended bounty can be closed, by the program's own rule.
pub fn bounty_closable(bounty: &Bounty) -> bool {
    bounty.require_closable().is_ok()
}

/// Whether a claim can be closed: withdrawn, or its bounty is over (or gone).
pub fn claim_closable(claim: &Claim, bounty: Option<&Bounty>) -> bool {
    claim.require_closable(bounty).is_ok()
}

/// Whether an auction is over for good: unsold, cancelled, or sold and handed over.
pub fn auction_closable(auction: &Auction) -> bool {
    auction.require_closable().is_ok()
}

pub struct ClaimView {
    pub address: Pubkey,
    pub bounty: Pubkey,
    pub claimant: WalletRef,
    pub status: ClaimStatus,
    pub evidence: String,
    pub rejection_reason: String,
    pub claimed_at: i64,
    pub submitted_at: Option<i64>,
    pub settled_at: Option<i64>,
    pub decided_by: Option<WalletRef>,
    pub closable: bool,
}

impl ClaimView {
    pub fn new(address: Pubkey, claim: &Claim, bounty: Option<&Bounty>, names: Names) -> Self {
        Self {
            address,
            bounty: claim.bounty,
            claimant: WalletRef::new(claim.claimant, names),
            status: claim.status,
            evidence: claim.evidence_uri.clone(),
            rejection_reason: claim.rejection_reason.clone(),
            claimed_at: claim.claimed_at,
            submitted_at: claim.submitted_at,
            settled_at: claim.settled_at,
            decided_by: claim.decided_by.map(|w| WalletRef::new(w, names)),
            closable: claim_closable(claim, bounty),
        }
    }
}

impl ToFields for ClaimView {
    fn fields(&self) -> Fields {
        Fields::new()
            .address("address", Some(&self.address))
            .address("bounty", Some(&self.bounty))
            .wallet("claimant", Some(&self.claimant))
            .put("status", format!("{:?}", self.status))
            .put("evidence", &self.evidence)
            .put("rejection_reason", &self.rejection_reason)
            .time("claimed_at", Some(self.claimed_at))
            .time("submitted_at", self.submitted_at)
            .time("settled_at", self.settled_at)
            .wallet("decided_by", self.decided_by.as_ref())
            .put("closable", self.closable)
    }
}

impl Row for ClaimView {
    fn row(&self) -> String {
        let mut line = format!("claim by {}: {:?}", self.claimant, self.status);
        if !self.evidence.is_empty() {
            line.push_str(&format!(", evidence {}", self.evidence));
        }
        if !self.rejection_reason.is_empty() {
            line.push_str(&format!(", rejected: {}", self.rejection_reason));
        }
        line
    }
}

pub struct BountyView {
    pub address: Pubkey,
    pub title: String,
    pub uri: String,
    pub category: BountyCategory,
    pub funding: BountyFunding,
    pub poster: WalletRef,
    pub rent_payer: WalletRef,
    pub reward: Tokens,
    pub max_claims: u32,
    pub paid_claims: u32,
    pub open_claims: u32,
    pub submitted_claims: u32,
    pub state: BountyState,
    pub deadline: Option<i64>,
    /// Seconds left to claim and submit work, while it is open and has a deadline.
    pub seconds_left: Option<i64>,
    pub created_at: i64,
    pub ended_at: Option<i64>,
    pub closable: bool,
    /// Its claims, when read (`bounty show`).
    pub claims: Option<Vec<ClaimView>>,
}

impl BountyView {
    pub fn new(
        address: Pubkey,
        bounty: &Bounty,
        community: &CommunityView,
        now: i64,
        names: Names,
    ) -> Self {
        let state = BountyState::of(bounty, now);
        Self {
            address,
            title: bounty.title.clone(),
            uri: bounty.uri.clone(),
            category: bounty.category,
            funding: bounty.funding,
            poster: WalletRef::new(bounty.poster, names),
            rent_payer: WalletRef::new(bounty.rent_payer, names),
            reward: Tokens::of(community, bounty.reward),
            max_claims: bounty.max_claims,
            paid_claims: bounty.paid_claims,
            open_claims: bounty.open_claims,
            submitted_claims: bounty.submitted_claims,
            state,
            deadline: bounty.deadline,
            seconds_left: bounty
                .deadline
                .filter(|_| state == BountyState::Open)
                .map(|deadline| (deadline - now).max(0)),
            created_at: bounty.created_at,
            ended_at: bounty.ended_at,
            closable: bounty_closable(bounty),
            claims: None,
        }
    }

    pub fn with_claims(mut self, claims: Vec<ClaimView>) -> Self {
        self.claims = Some(claims);
        self
    }
}

impl ToFields for BountyView {
    fn fields(&self) -> Fields {
        let mut fields = Fields::new()
            .address("address", Some(&self.address))
            .put("id", short(&self.address))
            .put("title", &self.title)
            .put("uri", &self.uri)
            .put("category", format!("{:?}", self.category))
            .put("funding", format!("{:?}", self.funding))
            .wallet("poster", Some(&self.poster))
            .wallet("rent_payer", Some(&self.rent_payer))
            .tokens("reward", Some(self.reward))
            .put("max_claims", self.max_claims)
            .put("paid_claims", self.paid_claims)
            .put("open_claims", self.open_claims)
            .put("submitted_claims", self.submitted_claims)
            .put("status", self.state)
            .time("deadline", self.deadline)
            .put("seconds_left", self.seconds_left)
            .time("created_at", Some(self.created_at))
            .time("ended_at", self.ended_at)
            .put("closable", self.closable);
        if let Some(claims) = &self.claims {
            fields = fields.put(
                "claims",
                claims
                    .iter()
                    .map(|c| c.fields().into_value())
                    .collect::<Vec<_>>(),
            );
        }
        fields
    }
}

impl Row for BountyView {
    fn row(&self) -> String {
        format!(
            "{}  {:<13} {:<12} {:>10} AMPLED  {}/{} paid  {:<7} {}{}",
            short(&self.address),
            self.state.label(),
            format!("{:?}", self.category),
            self.reward.whole(),
            self.paid_claims,
            self.max_claims,
            match self.funding {
                BountyFunding::Coop => "co-op",
                BountyFunding::Member => "member",
            },
            self.title,
            self.seconds_left
                .map(|left| format!("  ({})", time_left(0, left)))
                .unwrap_or_default()
        )
    }
}

impl fmt::Display for BountyView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Bounty {} \"{}\" ({:?}, {:?}-funded) by {}\n  reward       {} per claim, {}/{} paid\n  status       {}\n  details      {}",
            self.address,
            self.title,
            self.category,
            self.funding,
            self.poster,
            self.reward,
            self.paid_claims,
            self.max_claims,
            self.state.label(),
            if self.uri.is_empty() { "-" } else { &self.uri },
        )?;
        if let Some(deadline) = self.deadline {
            write!(f, "\n  deadline     {}", format_time(deadline))?;
            if let Some(left) = self.seconds_left {
                write!(f, " ({})", time_left(0, left))?;
            }
        }
        for claim in self.claims.iter().flatten() {
            write!(f, "\n  {}", claim.row())?;
        }
        if self.closable {
            write!(
                f,
                "\n  finished     its rent returns to {} with `ampled bounty close {}`",
                self.rent_payer,
                short(&self.address)
            )?;
        }
        Ok(())
    }
}

// Commissary.

/// Where an auction stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum AuctionState {
    /// Bidding opens later.
    NotStarted,
    /// Taking bids.
    Open,
    /// Bidding ended; anyone may settle it.
    Ended,
    Settled,
    Unsold,
    Cancelled,
}

impl AuctionState {
    pub fn of(auction: &Auction, now: i64) -> Self {
        match auction.status {
            AuctionStatus::Open if now < auction.terms.starts_at => Self::NotStarted,
            AuctionStatus::Open if now >= auction.ends_at => Self::Ended,
            AuctionStatus::Open => Self::Open,
            AuctionStatus::Settled => Self::Settled,
            AuctionStatus::Unsold => Self::Unsold,
            AuctionStatus::Cancelled => Self::Cancelled,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::Open => "Open",
            Self::Ended => "Ended, to settle",
            Self::Settled => "Settled",
            Self::Unsold => "Unsold",
            Self::Cancelled => "Cancelled",
        }
    }

    /// Whether a bid could be accepted now or later.
    pub fn biddable(self) -> bool {
        matches!(self, Self::NotStarted | Self::Open)
    }
}

pub struct AuctionView {
    pub address: Pubkey,
    pub title: String,
    pub uri: String,
    pub lister: WalletRef,
    pub rent_payer: WalletRef,
    pub state: AuctionState,
    pub reserve_price: Tokens,
    pub min_increment: Tokens,
    pub highest_bid: Option<Tokens>,
    pub highest_bidder: Option<WalletRef>,
    /// The lowest bid accepted now, while bidding is open.
    pub minimum_bid: Option<Tokens>,
    pub bids: u32,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Seconds of bidding left, while bids can still come.
    pub seconds_left: Option<i64>,
    pub members_only: bool,
    pub proceeds: Proceeds,
    pub proceeds_to: Option<WalletRef>,
    pub settled_at: Option<i64>,
    pub handed_over_at: Option<i64>,
    pub closable: bool,
}

impl AuctionView {
    pub fn new(
        address: Pubkey,
        auction: &Auction,
        community: &CommunityView,
        now: i64,
        names: Names,
    ) -> Self {
        let state = AuctionState::of(auction, now);
        let tokens = |units| Tokens::of(community, units);
        Self {
            address,
            title: auction.terms.title.clone(),
            uri: auction.terms.uri.clone(),
            lister: WalletRef::new(auction.lister, names),
            rent_payer: WalletRef::new(auction.rent_payer, names),
            state,
            reserve_price: tokens(auction.terms.reserve_price),
            min_increment: tokens(auction.terms.min_increment),
            highest_bid: auction.highest_bidder.map(|_| tokens(auction.highest_bid)),
            highest_bidder: auction.highest_bidder.map(|b| WalletRef::new(b, names)),
            minimum_bid: state
                .biddable()
                .then(|| auction.minimum_bid().ok())
                .flatten()
                .map(tokens),
            bids: auction.bid_count,
            starts_at: auction.terms.starts_at,
            ends_at: auction.ends_at,
            seconds_left: state.biddable().then(|| (auction.ends_at - now).max(0)),
            members_only: auction.terms.members_only,
            proceeds: auction.proceeds,
            proceeds_to: match auction.proceeds {
                Proceeds::Seller { wallet } => Some(WalletRef::new(wallet, names)),
                Proceeds::Treasury => Some(WalletRef {
                    address: community.state.treasury,
                    name: Some("treasury".into()),
                }),
                Proceeds::Burn => None,
            },
            settled_at: auction.settled_at,
            handed_over_at: auction.handed_over_at,
            closable: auction_closable(auction),
        }
    }
}

impl ToFields for AuctionView {
    fn fields(&self) -> Fields {
        Fields::new()
            .address("address", Some(&self.address))
            .put("id", short(&self.address))
            .put("title", &self.title)
            .put("uri", &self.uri)
            .wallet("lister", Some(&self.lister))
            .wallet("rent_payer", Some(&self.rent_payer))
            .put("status", self.state)
            .tokens("reserve_price", Some(self.reserve_price))
            .tokens("min_increment", Some(self.min_increment))
            .tokens("highest_bid", self.highest_bid)
            .wallet("highest_bidder", self.highest_bidder.as_ref())
            .tokens("minimum_bid", self.minimum_bid)
            .put("bids", self.bids)
            .time("starts_at", Some(self.starts_at))
            .time("ends_at", Some(self.ends_at))
            .put("seconds_left", self.seconds_left)
            .put("members_only", self.members_only)
            .put(
                "proceeds",
                match self.proceeds {
                    Proceeds::Seller { .. } => "seller",
                    Proceeds::Treasury => "treasury",
                    Proceeds::Burn => "burn",
                },
            )
            .wallet("proceeds_to", self.proceeds_to.as_ref())
            .time("settled_at", self.settled_at)
            .put("handed_over", self.handed_over_at.is_some())
            .time("handed_over_at", self.handed_over_at)
            .put("closable", self.closable)
    }
}

impl Row for AuctionView {
    fn row(&self) -> String {
        let bid = match (&self.highest_bidder, self.highest_bid) {
            (Some(bidder), Some(bid)) => format!("{bid} by {bidder}"),
            _ => format!("no bids (reserve {})", self.reserve_price.whole()),
        };
        format!(
            "{}  {:<24} {:<40} {}",
            short(&self.address),
            self.title,
            bid,
            match (self.state, self.seconds_left) {
                (AuctionState::Open, Some(left)) => time_left(0, left),
                (state, _) => state.label().to_string(),
            }
        )
    }
}

impl fmt::Display for AuctionView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Auction {} \"{}\" by {}\n  status       {}\n  highest bid  {}\n  next bid     {}\n  ends         {}{}\n  proceeds     {}\n  details      {}",
            self.address,
            self.title,
            self.lister,
            self.state.label(),
            match (&self.highest_bidder, self.highest_bid) {
                (Some(bidder), Some(bid)) => format!("{bid} by {bidder} ({} bid(s))", self.bids),
                _ => "none yet".into(),
            },
            match self.minimum_bid {
                Some(minimum) => format!("at least {minimum}"),
                None => "none: bidding is closed".into(),
            },
            format_time(self.ends_at),
            self.seconds_left
                .map(|left| format!(" ({})", time_left(0, left)))
                .unwrap_or_default(),
            match (&self.proceeds, &self.proceeds_to) {
                (Proceeds::Burn, _) => "burned".to_string(),
                (_, Some(to)) => to.to_string(),
                (_, None) => "-".to_string(),
            },
            if self.uri.is_empty() { "-" } else { &self.uri },
        )?;
        if let Some(at) = self.handed_over_at {
            write!(f, "\n  handed over  {}", format_time(at))?;
        }
        if self.closable {
            write!(
                f,
                "\n  finished     its rent returns to {} with `ampled auction close {}`",
                self.rent_payer,
                short(&self.address)
            )?;
        }
        Ok(())
    }
}

// The ledger.

/// One line of history: an event of the program, or a transfer of the token, with its terms as
/// fields beside the sentence.
pub struct LedgerEntry {
    pub time: Option<i64>,
    pub signature: String,
    pub kind: String,
    pub summary: String,
    pub amount: Option<Tokens>,
    pub from: Option<WalletRef>,
    pub to: Option<WalletRef>,
    pub by: Option<WalletRef>,
    pub wallet: Option<WalletRef>,
    pub memo: Option<String>,
    pub reason: Option<String>,
    pub proposal: Option<Pubkey>,
    pub bounty: Option<Pubkey>,
    pub claim: Option<Pubkey>,
    pub auction: Option<Pubkey>,
    /// Every wallet the entry concerns: whose history it belongs in.
    pub wallets: Vec<Pubkey>,
}

impl LedgerEntry {
    pub fn from_event(event: &Event, signature: &str, decimals: u8, names: Names) -> Self {
        let label = |address: &Pubkey| names(address).unwrap_or_else(|| address.to_string());
        let describer = Describer {
            decimals,
            label: &label,
        };
        let fields = event.fields();
        Self::from_fields(
            fields,
            Some(event.timestamp()),
            signature,
            event.kind(),
            event.describe(&describer),
            event.wallets(),
            decimals,
            names,
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub fn from_fields(
        fields: EventFields,
        time: Option<i64>,
        signature: &str,
        kind: &str,
        summary: String,
        wallets: Vec<Pubkey>,
        decimals: u8,
        names: Names,
    ) -> Self {
        let wallet = |address: Option<Pubkey>| address.map(|a| WalletRef::new(a, names));
        Self {
            time,
            signature: signature.to_string(),
            kind: kind.to_string(),
            summary,
            amount: fields.amount.map(|units| Tokens { units, decimals }),
            from: wallet(fields.from),
            to: wallet(fields.to),
            by: wallet(fields.by),
            wallet: wallet(fields.wallet),
            memo: fields.memo,
            reason: fields.reason,
            proposal: fields.proposal,
            bounty: fields.bounty,
            claim: fields.claim,
            auction: fields.auction,
            wallets,
        }
    }
}

impl ToFields for LedgerEntry {
    fn fields(&self) -> Fields {
        Fields::new()
            .time("time", self.time)
            .put("signature", &self.signature)
            .put("kind", &self.kind)
            .put("summary", &self.summary)
            .tokens("amount", self.amount)
            .wallet("from", self.from.as_ref())
            .wallet("to", self.to.as_ref())
            .wallet("by", self.by.as_ref())
            .wallet("wallet", self.wallet.as_ref())
            .put("memo", &self.memo)
            .put("reason", &self.reason)
            .address("proposal", self.proposal.as_ref())
            .address("bounty", self.bounty.as_ref())
            .address("claim", self.claim.as_ref())
            .address("auction", self.auction.as_ref())
            .put(
                "wallets",
                self.wallets
                    .iter()
                    .map(Pubkey::to_string)
                    .collect::<Vec<_>>(),
            )
    }
}

impl Row for LedgerEntry {
    fn row(&self) -> String {
        format!(
            "{}  {}",
            self.time
                .map(format_time)
                .unwrap_or_else(|| "unknown time    ".into()),
            self.summary
        )
    }
}

serialize_as_fields!(
    RulesView,
    CommunityInfo,
    MemberView,
    ActionView,
    ProposalView,
    ClaimView,
    BountyView,
    AuctionView,
    LedgerEntry,
    ListingView,
);

/// Lowercase hex, as `sha256sum` prints a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_write_addresses_names_amounts_and_times_the_same_way_everywhere() {
        let alice = Pubkey::new_unique();
        let known = WalletRef {
            address: alice,
            name: Some("alice".into()),
        };
        let value = Fields::new()
            .wallet("to", Some(&known))
            .wallet("from", None)
            .tokens(
                "amount",
                Some(Tokens {
                    units: 12_500_000,
                    decimals: 6,
                }),
            )
            .time("ends_at", Some(1_790_000_000))
            .time("settled_at", None)
            .into_value();

        assert_eq!(
            value,
            serde_json::json!({
                "to": alice.to_string(),
                "to_name": "alice",
                "from": null,
                "from_name": null,
                "amount": "12.5",
                "amount_base_units": 12_500_000,
                "ends_at": "2026-09-21T14:13:20Z",
                "ends_at_unix": 1_790_000_000,
                "settled_at": null,
                "settled_at_unix": null,
            })
        );
    }

    #[test]
    fn shares_and_time_left_read_as_people_write_them() {
        assert_eq!(percent(6_000), "60%");
        assert_eq!(percent(6_667), "66.67%");
        assert_eq!(time_left(0, 90_000), "1d 1h left");
        assert_eq!(time_left(10, 10), "ended");
    }
}
