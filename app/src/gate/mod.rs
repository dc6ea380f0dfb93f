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
/// Most challenges waiting at once, and most used ones remembered: enough for a co-op, and a
/// bound on memory. Past it, new challenges wait until old ones expire (`busy`).
pub const MAX_OPEN_CHALLENGES: usize = 10_000;
/// Most challenges one address (a browser, a script) may have waiting: a person needs one or
/// two, so nobody fills the node's table alone.
pub const MAX_OPEN_PER_REQUESTER: usize = 16;

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
    TooManyWaiting,
    ForAnotherWallet { wallet: String },
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
            Self::TooManyWaiting => "too_many_waiting",
            Self::ForAnotherWallet { .. } => "for_another_wallet",
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
            Self::TooManyWaiting => 429,
            Self::NoCommunity(_) => 503,
            Self::BadSignature { .. }
            | Self::Replayed
            | Self::ChallengeExpired { .. }
            | Self::UnknownChallenge
            | Self::ForAnotherWallet { .. }
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
            Self::TooManyWaiting => write!(
                f,
                "You have {MAX_OPEN_PER_REQUESTER} sign-ins waiting already: sign one of them, or wait a few minutes"
            ),
            Self::ForAnotherWallet { wallet } => write!(
                f,
                "That challenge was given to {wallet}: ask for one with the wallet you sign with"
            ),
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
    /// The wallet it was asked for, if named: only that wallet may use it.
    wallet: Option<Pubkey>,
    /// Who asked for it (a network address), to bound what one asker holds.
    requester: Option<std::net::IpAddr>,
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

    /// A fresh challenge for `gate`, good once until `now + challenge_secs`, for the wallet at
    /// `address` alone when it is named.
    pub fn challenge(
        &mut self,
        gate: &str,
        community: &str,
        address: Option<&Pubkey>,
        now: i64,
    ) -> Result<SignInInput, GateRefusal> {
        self.challenge_from(None, gate, community, address, now)
    }

    /// [`Self::challenge`], asked by `requester`, who may have at most
    /// [`MAX_OPEN_PER_REQUESTER`] waiting.
    pub fn challenge_from(
        &mut self,
        requester: Option<std::net::IpAddr>,
        gate: &str,
        community: &str,
        address: Option<&Pubkey>,
        now: i64,
    ) -> Result<SignInInput, GateRefusal> {
        let about = self.rule(gate)?.about.clone();
        self.forget_expired(now);
        if requester.is_some()
            && self
                .open
                .values()
                .filter(|open| open.requester == requester)
                .count()
                >= MAX_OPEN_PER_REQUESTER
        {
            return Err(GateRefusal::TooManyWaiting);
        }
        // Used nonces come only from given challenges, but a wallet can sign its own as fast as
        // it likes; both lists are bounded, so memory is too.
        if self.open.len() >= MAX_OPEN_CHALLENGES || self.used.len() >= MAX_OPEN_CHALLENGES {
            return Err(GateRefusal::Busy);
        }
        let nonce = new_nonce();
        let expires_at = now + self.challenge_secs;
        self.open.insert(
            nonce.clone(),
            Open {
                gate: gate.to_string(),
                expires_at,
                wallet: address.copied(),
                requester,
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
        // Checked before the nonce is looked at, so a bad signature uses nothing up.
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
        match self.open.get(&nonce) {
            None => return Err(GateRefusal::UnknownChallenge),
            // Left for its wallet: nobody else can use it up.
            Some(Open {
                wallet: Some(given_to),
                ..
            }) if given_to != wallet => {
                return Err(GateRefusal::ForAnotherWallet {
                    wallet: given_to.to_string(),
                })
            }
            Some(_) => {}
        }
        let open = self.open.remove(&nonce).expect("just found");
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

#[cfg(test)]
mod tests {
    use super::*;
    use ampled::state::{Member, MemberRole, MemberStatus};
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    /// 2026-11-27T10:00:00Z: every time below is written from it, nothing sleeps.
    const NOW: i64 = 1_795_773_600;
    const DOMAIN: &str = "gate.coop.example:8899";
    const TOKEN: u64 = 1_000_000;
    const RULES: &str = r#"
[gates.members]
member = true

[gates.artists]
roles = ["artist"]

[gates.workspace]
member = true
min_tokens = 25
"#;

    fn gatekeeper() -> Gatekeeper {
        Gatekeeper::new(
            DOMAIN.into(),
            format!("http://{DOMAIN}"),
            GateRules::parse(RULES).unwrap(),
            Keypair::new(),
        )
    }

    /// A challenge to `gate` given at `now`, its message for `wallet`, and that message signed
    /// by `wallet`.
    fn signed(
        keeper: &mut Gatekeeper,
        gate: &str,
        wallet: &Keypair,
        now: i64,
    ) -> (String, Signature) {
        let input = keeper
            .challenge(gate, "coop", Some(&wallet.pubkey()), now)
            .unwrap();
        let message = input.message(&wallet.pubkey().to_string());
        let signature = wallet.sign_message(message.as_bytes());
        (message, signature)
    }

    fn facts(wallet: &Pubkey, role: Option<(MemberRole, MemberStatus)>, balance: u64) -> Facts {
        Facts {
            wallet: *wallet,
            community: "coop".into(),
            member: role.map(|(role, status)| {
                let mut member = Member::new(255, Pubkey::new_unique(), *wallet, role, 0, NOW);
                if status == MemberStatus::Removed {
                    member.status = MemberStatus::Removed;
                    member.removed_at = Some(NOW - 60);
                }
                member
            }),
            balance,
            decimals: 6,
        }
    }

    fn active(role: MemberRole) -> Option<(MemberRole, MemberStatus)> {
        Some((role, MemberStatus::Active))
    }

    // Sign-in: challenges.

    #[test]
    fn a_signed_challenge_is_accepted_once_and_a_replay_is_named_one() {
        let mut keeper = gatekeeper();
        let ana = Keypair::new();
        let (message, signature) = signed(&mut keeper, "artists", &ana, NOW);

        assert_eq!(
            keeper.accept(&ana.pubkey(), &message, &signature, NOW + 10),
            Ok("artists".to_string())
        );
        let replay = keeper
            .accept(&ana.pubkey(), &message, &signature, NOW + 11)
            .unwrap_err();
        assert_eq!(replay, GateRefusal::Replayed);
        assert_eq!((replay.code(), replay.status()), ("replayed", 401));
        assert_eq!(
            replay.to_string(),
            "That signed challenge was already used: each sign-in is good once, so sign in again"
        );

        // Long after, once the node has forgotten the nonce, the replay is still refused.
        let later = NOW + keeper.challenge_secs + 1;
        signed(&mut keeper, "members", &ana, later);
        assert_eq!(
            keeper.accept(&ana.pubkey(), &message, &signature, later),
            Err(GateRefusal::UnknownChallenge)
        );
    }

    #[test]
    fn a_challenge_expires_at_its_issue_plus_its_lifetime() {
        let mut keeper = gatekeeper();
        keeper.challenge_secs = 60;
        let ana = Keypair::new();
        let (in_time, in_time_signature) = signed(&mut keeper, "members", &ana, NOW);
        let (late, late_signature) = signed(&mut keeper, "members", &ana, NOW);

        assert_eq!(
            keeper.accept(&ana.pubkey(), &in_time, &in_time_signature, NOW + 59),
            Ok("members".to_string())
        );
        let expired = keeper
            .accept(&ana.pubkey(), &late, &late_signature, NOW + 60)
            .unwrap_err();
        assert_eq!(
            expired,
            GateRefusal::ChallengeExpired {
                at: "2026-11-27T10:01:00Z".into()
            }
        );
        assert_eq!(
            (expired.code(), expired.status()),
            ("challenge_expired", 401)
        );
        assert_eq!(
            expired.to_string(),
            "The challenge expired at 2026-11-27T10:01:00Z: ask for a new one and sign it straight away"
        );
        // An expired challenge is used up too: it never opens anything afterwards.
        assert_eq!(
            keeper.accept(&ana.pubkey(), &late, &late_signature, NOW + 60),
            Err(GateRefusal::Replayed)
        );
    }

    #[test]
    fn a_signature_by_another_key_is_refused_and_leaves_the_challenge_to_the_wallet() {
        let mut keeper = gatekeeper();
        let (ana, eve) = (Keypair::new(), Keypair::new());
        let input = keeper
            .challenge("members", "coop", Some(&ana.pubkey()), NOW)
            .unwrap();
        let message = input.message(&ana.pubkey().to_string());

        // Eve signs ana's message and claims to be ana.
        let forged = eve.sign_message(message.as_bytes());
        let refusal = keeper
            .accept(&ana.pubkey(), &message, &forged, NOW + 1)
            .unwrap_err();
        assert_eq!(
            refusal,
            GateRefusal::BadSignature {
                wallet: ana.pubkey().to_string()
            }
        );
        assert_eq!((refusal.code(), refusal.status()), ("bad_signature", 401));
        assert_eq!(
            refusal.to_string(),
            format!(
                "The signature is not by {}: sign the challenge with that wallet",
                ana.pubkey()
            )
        );
        // Eve signs ana's message and claims to be herself: the address in it is not hers.
        assert_eq!(
            keeper.accept(&eve.pubkey(), &message, &forged, NOW + 2),
            Err(GateRefusal::BadSignature {
                wallet: eve.pubkey().to_string()
            })
        );

        // Neither used the nonce up: ana still signs in with it.
        let signature = ana.sign_message(message.as_bytes());
        assert_eq!(
            keeper.accept(&ana.pubkey(), &message, &signature, NOW + 3),
            Ok("members".to_string())
        );
    }

    #[test]
    fn a_message_for_another_domain_is_refused_and_leaves_the_challenge() {
        let mut keeper = gatekeeper();
        let ana = Keypair::new();
        let (message, signature) = signed(&mut keeper, "members", &ana, NOW);
        let elsewhere = message.replacen(DOMAIN, "evil.example", 1);
        assert!(elsewhere.starts_with("evil.example wants you"));
        let elsewhere_signature = ana.sign_message(elsewhere.as_bytes());

        let refusal = keeper
            .accept(&ana.pubkey(), &elsewhere, &elsewhere_signature, NOW + 1)
            .unwrap_err();
        assert_eq!(
            refusal,
            GateRefusal::WrongDomain {
                expected: DOMAIN.into(),
                found: "evil.example".into()
            }
        );
        assert_eq!((refusal.code(), refusal.status()), ("wrong_domain", 400));
        assert_eq!(
            refusal.to_string(),
            "This sign-in is for evil.example, not gate.coop.example:8899: sign in on gate.coop.example:8899 itself"
        );
        assert_eq!(
            keeper.accept(&ana.pubkey(), &message, &signature, NOW + 2),
            Ok("members".to_string())
        );
    }

    #[test]
    fn a_nonce_the_node_never_gave_is_refused() {
        let mut keeper = gatekeeper();
        let ana = Keypair::new();
        let input = keeper
            .challenge("members", "coop", Some(&ana.pubkey()), NOW)
            .unwrap();
        let made_up = SignInInput {
            nonce: "00112233445566778899aabbccddeeff".into(),
            ..input.clone()
        };
        let message = made_up.message(&ana.pubkey().to_string());
        let signature = ana.sign_message(message.as_bytes());
        let refusal = keeper
            .accept(&ana.pubkey(), &message, &signature, NOW + 1)
            .unwrap_err();
        assert_eq!(refusal, GateRefusal::UnknownChallenge);
        assert_eq!(
            (refusal.code(), refusal.status()),
            ("unknown_challenge", 401)
        );

        // A challenge another node gave (same domain, its own nonces) is unknown here too.
        let mut other = gatekeeper();
        let (theirs, their_signature) = signed(&mut other, "members", &ana, NOW);
        assert_eq!(
            keeper.accept(&ana.pubkey(), &theirs, &their_signature, NOW + 1),
            Err(GateRefusal::UnknownChallenge)
        );
        // Text that is no sign-in at all.
        let hello = ana.sign_message(b"hello");
        assert_eq!(
            keeper.accept(&ana.pubkey(), "hello", &hello, NOW + 1),
            Err(GateRefusal::NotSignIn)
        );
    }

    #[test]
    fn a_challenge_to_a_gate_that_does_not_exist_names_the_gates() {
        let mut keeper = gatekeeper();
        let refusal = keeper.challenge("nope", "coop", None, NOW).unwrap_err();
        assert_eq!((refusal.code(), refusal.status()), ("unknown_gate", 404));
        assert_eq!(
            refusal.to_string(),
            "There is no gate \"nope\" here; the gates are: artists, members, workspace"
        );
    }

    #[test]
    fn a_challenge_says_what_it_opens_and_until_when() {
        let mut keeper = gatekeeper();
        let ana = Keypair::new();
        let input = keeper
            .challenge("members", "coop", Some(&ana.pubkey()), NOW)
            .unwrap();
        assert_eq!(input.domain, DOMAIN);
        assert_eq!(input.uri, format!("http://{DOMAIN}"));
        assert_eq!(input.address, Some(ana.pubkey().to_string()));
        assert_eq!(
            input.statement,
            "Sign in to open \"members\" of the coop co-op."
        );
        assert_eq!(input.issued_at, "2026-11-27T10:00:00Z");
        assert_eq!(input.expiration_time, "2026-11-27T10:05:00Z");
        assert_eq!(input.nonce.len(), 32);
        let again = keeper.challenge("members", "coop", None, NOW).unwrap();
        assert_ne!(again.nonce, input.nonce, "each challenge has its own nonce");
    }

    #[test]
    fn at_most_so_many_challenges_wait_at_once() {
        let mut keeper = gatekeeper();
        keeper.challenge_secs = 60;
        for _ in 0..MAX_OPEN_CHALLENGES {
            keeper.challenge("members", "coop", None, NOW).unwrap();
        }
        let refusal = keeper
            .challenge("members", "coop", None, NOW + 59)
            .unwrap_err();
        assert_eq!(refusal, GateRefusal::Busy);
        assert_eq!((refusal.code(), refusal.status()), ("busy", 503));
        // Once they expire they are forgotten, and challenges are given again.
        assert!(keeper.challenge("members", "coop", None, NOW + 60).is_ok());
        assert_eq!(keeper.open.len(), 1);
    }

    #[test]
    fn one_asker_holds_only_so_many_challenges() {
        let mut keeper = gatekeeper();
        let browser = Some(std::net::IpAddr::from([192, 0, 2, 7]));
        for _ in 0..MAX_OPEN_PER_REQUESTER {
            keeper
                .challenge_from(browser, "members", "coop", None, NOW)
                .unwrap();
        }

        let refusal = keeper
            .challenge_from(browser, "members", "coop", None, NOW)
            .unwrap_err();

        assert_eq!(refusal, GateRefusal::TooManyWaiting);
        assert_eq!(
            (refusal.code(), refusal.status()),
            ("too_many_waiting", 429)
        );
        let neighbour = Some(std::net::IpAddr::from([192, 0, 2, 8]));
        assert!(keeper
            .challenge_from(neighbour, "members", "coop", None, NOW)
            .is_ok());
    }

    #[test]
    fn a_challenge_given_to_a_wallet_cannot_be_used_up_by_another() {
        let mut keeper = gatekeeper();
        let ben = Keypair::new();
        let mallory = Keypair::new();
        let input = keeper
            .challenge("members", "coop", Some(&ben.pubkey()), NOW)
            .unwrap();
        // Mallory saw the nonce and signs it as herself, first.
        let hers = input.message(&mallory.pubkey().to_string());
        let refusal = keeper
            .accept(
                &mallory.pubkey(),
                &hers,
                &mallory.sign_message(hers.as_bytes()),
                NOW,
            )
            .unwrap_err();
        assert_eq!(
            refusal,
            GateRefusal::ForAnotherWallet {
                wallet: ben.pubkey().to_string()
            }
        );

        let his = input.message(&ben.pubkey().to_string());
        assert_eq!(
            keeper.accept(&ben.pubkey(), &his, &ben.sign_message(his.as_bytes()), NOW),
            Ok("members".to_string())
        );
    }

    // Passes: issued when the chain's facts meet the rule.

    #[test]
    fn a_pass_is_issued_for_a_role_the_rule_names_and_says_what_was_true() {
        let keeper = gatekeeper();
        let ana = Pubkey::new_unique();
        let issued = keeper
            .issue(
                "artists",
                &facts(&ana, active(MemberRole::Artist), 30 * TOKEN),
                NOW,
            )
            .unwrap();
        assert_eq!(
            issued.claims,
            PassClaims {
                iss: keeper.issuer().to_string(),
                sub: ana.to_string(),
                aud: "artists".into(),
                iat: NOW,
                exp: NOW + PASS_SECS,
                community: "coop".into(),
                member: true,
                role: Some("artist".into()),
                balance: "30".into(),
            }
        );
        assert_eq!(
            verify_pass(&issued.pass, &keeper.issuer(), "artists", NOW),
            Ok(issued.claims)
        );

        let ben = Pubkey::new_unique();
        let refusal = keeper
            .issue("artists", &facts(&ben, active(MemberRole::Worker), 0), NOW)
            .unwrap_err();
        assert_eq!((refusal.code(), refusal.status()), ("rule_unmet", 403));
        assert_eq!(
            refusal.to_string(),
            format!(
                "Not let into \"artists\": {ben} is a worker member; this is for artist members"
            )
        );
    }

    #[test]
    fn a_pass_to_a_gate_of_tokens_needs_the_whole_minimum() {
        let keeper = gatekeeper();
        let ana = Pubkey::new_unique();
        let worker = active(MemberRole::Worker);
        let issued = keeper
            .issue("workspace", &facts(&ana, worker, 25 * TOKEN), NOW)
            .unwrap();
        assert_eq!(issued.claims.balance, "25");
        assert_eq!(
            keeper
                .issue("workspace", &facts(&ana, worker, 25 * TOKEN - 1), NOW)
                .unwrap_err()
                .to_string(),
            format!(
                "Not let into \"workspace\": {ana} holds 24.999999 AMPLED; this needs at least 25"
            )
        );
        // Tokens without a membership do not open a gate that needs one.
        let dan = Pubkey::new_unique();
        assert_eq!(
            keeper
                .issue("workspace", &facts(&dan, None, 100 * TOKEN), NOW)
                .unwrap_err(),
            GateRefusal::RuleUnmet {
                gate: "workspace".into(),
                reason: format!("{dan} is not a member of coop: members admit new members by vote"),
            }
        );
    }

    #[test]
    fn a_removed_member_and_a_stranger_are_refused_a_pass_with_different_reasons() {
        let keeper = gatekeeper();
        let cleo = Pubkey::new_unique();
        let removed = Some((MemberRole::Artist, MemberStatus::Removed));
        let refusal = keeper
            .issue("members", &facts(&cleo, removed, 30 * TOKEN), NOW)
            .unwrap_err();
        assert_eq!(
            refusal.to_string(),
            format!(
                "Not let into \"members\": {cleo} is no longer a member of coop: their membership was removed"
            )
        );
        // A removed artist does not keep the artists' gate either.
        assert!(keeper
            .issue("artists", &facts(&cleo, removed, 0), NOW)
            .unwrap_err()
            .to_string()
            .contains("is no longer a member"));

        let dan = Pubkey::new_unique();
        assert_eq!(
            keeper
                .issue("members", &facts(&dan, None, 0), NOW)
                .unwrap_err()
                .to_string(),
            format!("Not let into \"members\": {dan} is not a member of coop: members admit new members by vote")
        );
    }

    #[test]
    fn a_minimum_finer_than_the_token_rounds_up_however_it_is_written() {
        let rules = GateRules::parse("[gates.a]\nmin_tokens = \".5\"\n").unwrap();
        let rule = &rules.gates["a"];
        assert_eq!(rule.min_units(6), Some(500_000));
        // A token without decimals: half a token rounds up to one, not to "never".
        assert_eq!(rule.min_units(0), Some(1));
        assert_eq!(rule.describe(0), "anyone holding at least 1 AMPLED");
        let keeper = Gatekeeper::new(
            DOMAIN.into(),
            format!("http://{DOMAIN}"),
            rules,
            Keypair::new(),
        );
        let holder = Facts {
            decimals: 0,
            ..facts(&Pubkey::new_unique(), None, 1)
        };
        assert!(keeper.issue("a", &holder, NOW).is_ok());
    }

    // Passes: checked offline.

    fn a_pass(keeper: &Gatekeeper) -> IssuedPass {
        let facts = facts(&Pubkey::new_unique(), active(MemberRole::Worker), 0);
        keeper.issue("members", &facts, NOW).unwrap()
    }

    #[test]
    fn a_pass_is_good_until_its_expiry_and_expired_at_it() {
        let mut keeper = gatekeeper();
        keeper.pass_secs = 120;
        let issued = a_pass(&keeper);
        let issuer = keeper.issuer();
        assert_eq!(issued.claims.exp, NOW + 120);

        assert_eq!(
            verify_pass(&issued.pass, &issuer, "members", NOW + 119),
            Ok(issued.claims.clone())
        );
        let expired = verify_pass(&issued.pass, &issuer, "members", NOW + 120).unwrap_err();
        assert_eq!(
            expired,
            GateRefusal::PassExpired {
                at: "2026-11-27T10:02:00Z".into()
            }
        );
        assert_eq!((expired.code(), expired.status()), ("pass_expired", 401));
        assert_eq!(
            expired.to_string(),
            "That pass expired at 2026-11-27T10:02:00Z: sign in again for a new one"
        );
    }

    #[test]
    fn a_pass_opens_only_its_own_gate() {
        let keeper = gatekeeper();
        let issued = a_pass(&keeper);
        let refusal = verify_pass(&issued.pass, &keeper.issuer(), "workspace", NOW).unwrap_err();
        assert_eq!(
            refusal,
            GateRefusal::PassForOtherGate {
                gate: "workspace".into(),
                opens: "members".into()
            }
        );
        assert_eq!(
            refusal.to_string(),
            "That pass opens \"members\", not \"workspace\""
        );
    }

    #[test]
    fn an_altered_pass_or_one_from_another_node_is_forged() {
        let keeper = gatekeeper();
        let issued = a_pass(&keeper);
        let issuer = keeper.issuer();
        let parts: Vec<&str> = issued.pass.split('.').collect();

        // Its holder gives themselves a longer life and an artist's role, keeping the signature.
        let altered_claims = PassClaims {
            exp: NOW + 365 * 24 * 3600,
            role: Some("artist".into()),
            ..issued.claims.clone()
        };
        let altered_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&altered_claims).unwrap());
        let altered = format!("{}.{altered_payload}.{}", parts[0], parts[2]);
        let refusal = verify_pass(&altered, &issuer, "members", NOW).unwrap_err();
        assert_eq!(
            refusal,
            GateRefusal::PassForged {
                issuer: issuer.to_string()
            }
        );
        assert_eq!((refusal.code(), refusal.status()), ("pass_forged", 401));
        assert_eq!(
            refusal.to_string(),
            format!("That pass was not signed by {issuer}: it was forged, altered, or given by another node")
        );

        // The same claims, signed by another node's key (naming this node as the issuer).
        let other_node = Keypair::new();
        let theirs = issue_pass(&other_node, &issued.claims);
        assert_eq!(
            verify_pass(&theirs, &issuer, "members", NOW),
            Err(GateRefusal::PassForged {
                issuer: issuer.to_string()
            })
        );
        // This node's pass checked against another node's key.
        assert!(matches!(
            verify_pass(&issued.pass, &other_node.pubkey(), "members", NOW),
            Err(GateRefusal::PassForged { .. })
        ));
    }

    #[test]
    fn garbage_is_not_a_pass() {
        let issuer = gatekeeper().issuer();
        let invalid = |text: &str| match verify_pass(text, &issuer, "members", NOW) {
            Err(GateRefusal::PassInvalid(why)) => why,
            other => panic!("{text:?} should be an invalid pass, not {other:?}"),
        };
        assert_eq!(invalid(""), "a pass has three parts separated by dots");
        assert_eq!(invalid("hello"), "a pass has three parts separated by dots");
        assert_eq!(
            invalid("a.b.c.d"),
            "a pass has three parts separated by dots"
        );
        assert_eq!(invalid("*.*.*"), "it is not base64url");
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT","kid":"x"}"#);
        assert_eq!(
            invalid(&format!("{header}.e30.AAAA")),
            "it is not signed with EdDSA"
        );
        let refusal = GateRefusal::PassInvalid("it is not base64url".into());
        assert_eq!((refusal.code(), refusal.status()), ("pass_invalid", 400));
        assert_eq!(
            refusal.to_string(),
            "That is not a valid pass: it is not base64url"
        );
    }
}
