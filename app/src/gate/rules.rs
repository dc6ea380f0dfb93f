//! Gate rules: what opens each member-only resource, written in a small TOML file.
//!
//! ```toml
//! community = "ampled"          # whose members and tokens count (default: the home's community)
//!
//! [gates.docs]
//! about = "Member docs"
//! member = true
//!
//! [gates.artists-calendar]
//! about = "The artists' calendar"
//! roles = ["artist"]            # any of: worker, artist, community
//!
//! [gates.workspace]
//! member = true
//! min_tokens = 25               # whole tokens held; "2.5" for fractions
//! ```

use crate::amount::{format_amount, parse_amount};
use ampled::state::{Member, MemberRole, MAX_DECIMALS};
use anchor_lang::prelude::Pubkey;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The gate a node offers when it is given no rule file: active members only.
pub const DEFAULT_GATE: &str = "members";

/// Every gate a node offers, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct GateRules {
    /// The community whose members and tokens the gates read, when the file names one.
    pub community: Option<String>,
    pub gates: BTreeMap<String, GateRule>,
}

/// What opens one gate. Every condition given must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateRule {
    /// What it opens, in words people read before signing.
    pub about: String,
    /// An active membership is needed (implied by `roles`).
    pub member: bool,
    /// Any one of these roles is needed; empty for any role.
    pub roles: Vec<MemberRole>,
    /// Whole tokens held at least, as written ("25", "2.5"): read in base units with the
    /// token's decimals when asked, since a node may start before its co-op exists.
    pub min_tokens: Option<String>,
}

/// What the chain says about a wallet, when a gate is asked.
#[derive(Debug, Clone)]
pub struct Facts {
    pub wallet: Pubkey,
    pub community: String,
    pub member: Option<Member>,
    /// Base units held.
    pub balance: u64,
    pub decimals: u8,
}

impl Facts {
    pub fn active_role(&self) -> Option<MemberRole> {
        self.member
            .as_ref()
            .filter(|m| m.is_active())
            .map(|m| m.role)
    }
}

impl GateRule {
    /// Why `facts` do not open this gate, or `None` when they do.
    pub fn unmet(&self, facts: &Facts) -> Option<String> {
        let needs_member = self.member || !self.roles.is_empty();
        let role = facts.active_role();
        if needs_member && role.is_none() {
            return Some(match &facts.member {
                Some(_) => format!(
                    "{} is no longer a member of {}: their membership was removed",
                    facts.wallet, facts.community
                ),
                None => format!(
                    "{} is not a member of {}: members admit new members by vote",
                    facts.wallet, facts.community
                ),
            });
        }
        if let Some(role) = role.filter(|r| !self.roles.is_empty() && !self.roles.contains(r)) {
            let wanted: Vec<&str> = self.roles.iter().map(|r| role_word(*r)).collect();
            return Some(format!(
                "{} is a {} member; this is for {} members",
                facts.wallet,
                role_word(role),
                wanted.join(" or ")
            ));
        }
        match self.min_units(facts.decimals) {
            Some(min) if facts.balance < min => Some(format!(
                "{} holds {} AMPLED; this needs at least {}",
                facts.wallet,
                format_amount(facts.balance, facts.decimals),
                format_amount(min, facts.decimals)
            )),
            _ => None,
        }
    }

    /// The minimum in base units. A minimum finer than the token's decimals rounds up, so the
    /// gate never opens for less than the file says.
    pub fn min_units(&self, decimals: u8) -> Option<u64> {
        let text = self.min_tokens.as_deref()?;
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let whole = if whole.is_empty() { "0" } else { whole };
        let kept = &fraction[..fraction.len().min(decimals.into())];
        let units = parse_amount(&format!("{whole}.{kept}"), decimals).unwrap_or(u64::MAX);
        let dropped_nonzero = fraction[kept.len()..].bytes().any(|b| b != b'0');
        Some(if dropped_nonzero {
            units.saturating_add(1)
        } else {
            units
        })
    }

    /// The rule in words: "active members holding at least 25 AMPLED".
    pub fn describe(&self, decimals: u8) -> String {
        let who = if self.roles.is_empty() {
            if self.member {
                "active members".to_string()
            } else {
                "anyone".to_string()
            }
        } else {
            let roles: Vec<&str> = self.roles.iter().map(|r| role_word(*r)).collect();
            format!("active {} members", roles.join(" or "))
        };
        match self.min_units(decimals) {
            Some(min) => format!(
                "{who} holding at least {} AMPLED",
                format_amount(min, decimals)
            ),
            None => who,
        }
    }
}

pub fn role_word(role: MemberRole) -> &'static str {
    match role {
        MemberRole::Worker => "worker",
        MemberRole::Artist => "artist",
        MemberRole::CommunityMember => "community",
    }
}

/// The file as written; amounts are read once the token's decimals are known.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    community: Option<String>,
    #[serde(default)]
    gates: BTreeMap<String, RuleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    about: Option<String>,
    #[serde(default)]
    member: bool,
    #[serde(default)]
    roles: Vec<String>,
    min_tokens: Option<TokensText>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TokensText {
    Whole(u64),
    Text(String),
    /// `2.5` written as a TOML number: refused, since a float cannot say 0.1 exactly.
    Fraction(f64),
}

impl GateRules {
    /// One gate, [`DEFAULT_GATE`], open to active members.
    pub fn members_only() -> Self {
        let rule = GateRule {
            about: "Member-only materials".into(),
            member: true,
            roles: Vec::new(),
            min_tokens: None,
        };
        Self {
            community: None,
            gates: BTreeMap::from([(DEFAULT_GATE.to_string(), rule)]),
        }
    }

    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the gate rules {}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let file: RulesFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if file.gates.is_empty() {
            return Err("no gates: add one, e.g. [gates.docs] with member = true".into());
        }
        let mut gates = BTreeMap::new();
        for (name, rule) in file.gates {
            let valid_name = !name.is_empty()
                && name.len() <= 32
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid_name {
                return Err(format!(
                    "gate \"{name}\": a name is 1 to 32 lowercase letters, digits and hyphens"
                ));
            }
            let roles = rule
                .roles
                .iter()
                .map(|r| parse_role(r).ok_or_else(|| format!("gate \"{name}\": \"{r}\" is not a role: use worker, artist or community")))
                .collect::<Result<Vec<_>, _>>()?;
            let min_tokens = match rule.min_tokens {
                None => None,
                Some(TokensText::Whole(whole)) => Some(whole.to_string()),
                Some(TokensText::Text(text)) => {
                    parse_amount(&text, MAX_DECIMALS)
                        .map_err(|e| format!("gate \"{name}\": min_tokens: {e}"))?;
                    Some(text.trim().to_string())
                }
                Some(TokensText::Fraction(fraction)) => {
                    return Err(format!(
                        "gate \"{name}\": write a fractional min_tokens as a string, min_tokens = \"{fraction}\""
                    ))
                }
            };
            let holds_nothing = min_tokens
                .as_deref()
                .is_none_or(|min| parse_amount(min, MAX_DECIMALS) == Ok(0));
            if !rule.member && roles.is_empty() && holds_nothing {
                return Err(format!(
                    "gate \"{name}\" opens to anyone: say member = true, roles or min_tokens"
                ));
            }
            gates.insert(
                name.clone(),
                GateRule {
                    about: rule.about.unwrap_or_else(|| name.clone()),
                    member: rule.member,
                    roles,
                    min_tokens,
                },
            );
        }
        Ok(Self {
            community: file.community,
            gates,
        })
    }
}

fn parse_role(text: &str) -> Option<MemberRole> {
    match text.to_ascii_lowercase().as_str() {
        "worker" => Some(MemberRole::Worker),
        "artist" => Some(MemberRole::Artist),
        "community" | "community-member" | "member" => Some(MemberRole::CommunityMember),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
community = "ampled"

[gates.docs]
about = "Member docs"
member = true

[gates.artists]
roles = ["artist"]

[gates.workspace]
member = true
min_tokens = 25

[gates.studio]
min_tokens = "2.5"
"#;

    #[test]
    fn a_rule_file_reads_as_written() {
        let rules = GateRules::parse(FILE).unwrap();
        assert_eq!(rules.community.as_deref(), Some("ampled"));
        assert_eq!(rules.gates["docs"].about, "Member docs");
        assert_eq!(rules.gates["artists"].roles, vec![MemberRole::Artist]);
        assert_eq!(rules.gates["workspace"].min_units(6), Some(25_000_000));
        assert_eq!(rules.gates["studio"].min_units(6), Some(2_500_000));
        // Finer than the token: rounded up, never down.
        assert_eq!(rules.gates["studio"].min_units(0), Some(3));
        assert_eq!(
            rules.gates["workspace"].describe(6),
            "active members holding at least 25 AMPLED"
        );
        assert_eq!(rules.gates["artists"].describe(6), "active artist members");
    }

    #[test]
    fn a_bad_rule_file_says_what_is_wrong() {
        let refusal = |text: &str| GateRules::parse(text).unwrap_err();
        assert!(refusal("[gates.open]\nabout = \"x\"").contains("opens to anyone"));
        assert!(refusal("[gates.open]\nmin_tokens = 0").contains("opens to anyone"));
        assert!(refusal("[gates.a]\nmin_tokens = 2.5").contains("min_tokens = \"2.5\""));
        assert!(refusal("[gates.a]\nroles = [\"drummer\"]").contains("\"drummer\" is not a role"));
        assert!(refusal("[gates.Docs]\nmember = true").contains("lowercase"));
        assert!(refusal("[gates.a]\nmembr = true").contains("unknown field"));
        assert!(refusal("community = \"x\"").contains("no gates"));
        assert!(refusal("[gates.a]\nmin_tokens = \"1.2.3\"").contains("min_tokens"));
    }
}
