//! Gating that proves who is asking. `ampled check <wallet>` believes whoever names a wallet;
//! here the wallet signs a Sign-In With Solana challenge, the node checks the signature and the
//! chain against the gate's rule, and gives a short-lived pass signed with its own key.
//!
//! A challenge is good once, within its lifetime, for the domain the node serves. The
//! [`Gatekeeper`] holds what a node must remember for that; it takes the time as an argument so
//! each rule about time is tested as it is written.

pub mod pass;
mod prove;
pub mod rules;
pub mod siws;

pub use pass::{issue_pass, jwks, verify_pass, PassClaims};
pub use prove::{prove, IssuedPass, Proved};
pub use rules::{Facts, GateRule, GateRules, DEFAULT_GATE};
pub use siws::{SignInInput, SignInMessage};

use crate::read::views::rfc3339;
use anchor_lang::prelude::Pubkey;
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;
use std::collections::HashMap;

/// How long a challenge may wait to be signed, unless the node is told otherwise.
pub const CHALLENGE_SECS: i64 = 5 * 60;
/// How long a pass lasts, unless the node is told otherwise: the longest a removed member keeps
/// access.
pub const PASS_SECS: i64 = 10 * 60;
/// Most challenges waiting at once: enough for a co-op, and a bound on memory.
pub const MAX_OPEN_CHALLENGES: usize = 10_000;

/// Why a sign-in or a pass is refused, in words for the person and a code for programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateRefusal {
    UnknownGate { gate: String, known: Vec<String> },
    NotSignIn,
    WrongDomain { expected: String, found: String },
    BadSignature { wallet: String },
    UnknownChallenge,
    Replayed,
    ChallengeExpired { at: String },
    Busy,
    RuleUnmet { gate: String, reason: String },
    NoCommunity(String),
    PassInvalid(String),
    PassForged { issuer: String },
    PassForOtherGate { gate: String, opens: String },
    PassExpired { at: String },
}

impl GateRefusal {
    /// A stable name for programs (the JSON `code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownGate { .. } => "unknown_gate",
            Self::NotSignIn => "not_a_sign_in",
            Self::WrongDomain { .. } => "wrong_domain",
            Self::BadSignature { .. } => "bad_signature",
            Self::UnknownChallenge => "unknown_challenge",
            Self::Replayed => "replayed",
            Self::ChallengeExpired { .. } => "challenge_expired",
            Self::Busy => "busy",
            Self::RuleUnmet { .. } => "rule_unmet",
            Self::NoCommunity(_) => "no_community",
            Self::PassInvalid(_) => "pass_invalid",
            Self::PassForged { .. } => "pass_forged",
            Self::PassForOtherGate { .. } => "pass_for_other_gate",
            Self::PassExpired { .. } => "pass_expired",
        }
    }

    /// The HTTP status a node answers with.
    pub fn status(&self) -> u16 {
        match self {
            Self::UnknownGate { .. } => 404,
            Self::RuleUnmet { .. } => 403,
            Self::Busy => 503,
            Self::NoCommunity(_) => 503,
            Self::BadSignature { .. }
            | Self::Replayed
            | Self::ChallengeExpired { .. }
            | Self::UnknownChallenge
            | Self::PassForged { .. }
            | Self::PassExpired { .. } => 401,
            _ => 400,
        }
    }
}

impl std::fmt::Display for GateRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownGate { gate, known } => write!(
                f,
                "There is no gate \"{gate}\" here; the gates are: {}",
                known.join(", ")
            ),
            Self::NotSignIn => f.write_str(
                "That is not a Sign-In With Solana message: sign the challenge this node gave",
            ),
            Self::WrongDomain { expected, found } => write!(
                f,
                "This sign-in is for {found}, not {expected}: sign in on {expected} itself"
            ),
            Self::BadSignature { wallet } => write!(
                f,
                "The signature is not by {wallet}: sign the challenge with that wallet"
            ),
            Self::UnknownChallenge => f.write_str(
                "This node did not give that challenge (or has restarted since): ask for a new one",
            ),
            Self::Replayed => f.write_str(
                "That signed challenge was already used: each sign-in is good once, so sign in again",
            ),
            Self::ChallengeExpired { at } => write!(
                f,
                "The challenge expired at {at}: ask for a new one and sign it straight away"
            ),
            Self::Busy => f.write_str("Too many sign-ins are waiting: try again in a minute"),
            Self::RuleUnmet { gate, reason } => write!(f, "Not let into \"{gate}\": {reason}"),
            Self::NoCommunity(why) => write!(f, "The gates cannot be checked: {why}"),
            Self::PassInvalid(why) => write!(f, "That is not a valid pass: {why}"),
            Self::PassForged { issuer } => write!(
                f,
                "That pass was not signed by {issuer}: it was forged, altered, or given by another node"
            ),
            Self::PassForOtherGate { gate, opens } => write!(
                f,
                "That pass opens \"{opens}\", not \"{gate}\""
            ),
            Self::PassExpired { at } => {
                write!(f, "That pass expired at {at}: sign in again for a new one")
            }
        }
    }
}

impl std::error::Error for GateRefusal {}

/// A challenge given and not yet used.
struct Open {
    gate: String,
    expires_at: i64,
}

/// What a node remembers to check sign-ins: its domain, its key, the rules, and the challenges
/// it gave.
pub struct Gatekeeper {
    pub domain: String,
    /// The address pages sign in from (`http://<domain>` unless told otherwise).
    pub uri: String,
    pub rules: GateRules,
    issuer: Keypair,
    pub challenge_secs: i64,
    pub pass_secs: i64,
    open: HashMap<String, Open>,
    /// Nonces used, kept until they would have expired, so a replay is named as one.
    used: HashMap<String, i64>,
}

impl Gatekeeper {
    pub fn new(domain: String, uri: String, rules: GateRules, issuer: Keypair) -> Self {
        Self {
            domain,
            uri,
            rules,
            issuer,
            challenge_secs: CHALLENGE_SECS,
            pass_secs: PASS_SECS,
            open: HashMap::new(),
            used: HashMap::new(),
        }
    }

    pub fn issuer(&self) -> Pubkey {
        self.issuer.pubkey()
    }

    pub fn rule(&self, gate: &str) -> Result<&GateRule, GateRefusal> {
        self.rules
            .gates
            .get(gate)
            .ok_or_else(|| GateRefusal::UnknownGate {
                gate: gate.to_string(),
                known: self.rules.gates.keys().cloned().collect(),
            })
    }

    /// A fresh challenge for `gate`, good once until `now + challenge_secs`.
    pub fn challenge(
        &mut self,
        gate: &str,
        community: &str,
        address: Option<&Pubkey>,
        now: i64,
    ) -> Result<SignInInput, GateRefusal> {
        let about = self.rule(gate)?.about.clone();
        self.forget_expired(now);
        if self.open.len() >= MAX_OPEN_CHALLENGES {
            return Err(GateRefusal::Busy);
        }
        let nonce = new_nonce();
        let expires_at = now + self.challenge_secs;
        self.open.insert(
            nonce.clone(),
            Open {
                gate: gate.to_string(),
                expires_at,
            },
        );
        Ok(SignInInput {
            domain: self.domain.clone(),
            address: address.map(Pubkey::to_string),
            statement: format!("Sign in to open \"{about}\" of the {community} co-op."),
            uri: self.uri.clone(),
            version: "1".into(),
            nonce,
            issued_at: rfc3339(now),
            expiration_time: rfc3339(expires_at),
        })
    }

    /// Checks a signed challenge and uses it up: the message is a sign-in for this domain,
    /// signed by `wallet`, with a nonce this node gave, not used, not expired. Returns the gate
    /// it was given for.
    pub fn accept(
        &mut self,
        wallet: &Pubkey,
        message: &str,
        signature: &Signature,
        now: i64,
    ) -> Result<String, GateRefusal> {
        let read = SignInMessage::parse(message).ok_or(GateRefusal::NotSignIn)?;
        if read.domain != self.domain {
            return Err(GateRefusal::WrongDomain {
                expected: self.domain.clone(),
                found: read.domain,
            });
        }
        // Checked before the nonce is looked at, so nobody but the wallet can use it up.
        if read.address != wallet.to_string()
            || !signature.verify(wallet.as_ref(), message.as_bytes())
        {
            return Err(GateRefusal::BadSignature {
                wallet: wallet.to_string(),
            });
        }
        let nonce = read.nonce.ok_or(GateRefusal::NotSignIn)?;
        if self.used.contains_key(&nonce) {
            return Err(GateRefusal::Replayed);
        }
        let open = self
            .open
            .remove(&nonce)
            .ok_or(GateRefusal::UnknownChallenge)?;
        self.used.insert(nonce, open.expires_at);
        if now >= open.expires_at {
            return Err(GateRefusal::ChallengeExpired {
                at: rfc3339(open.expires_at),
            });
        }
        Ok(open.gate)
    }

    /// A pass for `gate` when `facts` meet its rule.
    pub fn issue(&self, gate: &str, facts: &Facts, now: i64) -> Result<IssuedPass, GateRefusal> {
        let rule = self.rule(gate)?;
        if let Some(reason) = rule.unmet(facts) {
            return Err(GateRefusal::RuleUnmet {
                gate: gate.to_string(),
                reason,
            });
        }
        let claims = PassClaims {
            iss: self.issuer().to_string(),
            sub: facts.wallet.to_string(),
            aud: gate.to_string(),
            iat: now,
            exp: now + self.pass_secs,
            community: facts.community.clone(),
            member: facts.active_role().is_some(),
            role: facts.active_role().map(|r| rules::role_word(r).to_string()),
            balance: crate::amount::format_amount(facts.balance, facts.decimals),
        };
        Ok(IssuedPass {
            pass: issue_pass(&self.issuer, &claims),
            claims,
        })
    }

    fn forget_expired(&mut self, now: i64) {
        self.open.retain(|_, open| open.expires_at > now);
        self.used.retain(|_, expires_at| *expires_at > now);
    }
}

/// 16 random bytes as hex: the SIWS nonce (at least 8 alphanumerics).
fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the system's randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds since the Unix epoch by this machine's clock: passes are checked by sites' clocks,
/// not the chain's.
pub fn wall_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
