//! The pass a node gives after a sign-in: a compact JWS (a JWT) signed with the node's ed25519
//! key (`alg: EdDSA`), so a docs, calendar or chat site checks it with the node's public key
//! alone, with no chain and no call back. [`verify_pass`] is that check; any JWT library with
//! EdDSA does the same with the key from `/.well-known/jwks.json`.
//!
//! A pass says what was true when it was issued. A member removed afterwards keeps a valid pass
//! until it expires, so its lifetime (ten minutes unless the node is told otherwise) bounds the
//! exposure; a site that must react sooner signs people in again.

use super::GateRefusal;
use crate::read::views::rfc3339;
use anchor_lang::prelude::Pubkey;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use solana_keypair::Keypair;
use solana_signature::Signature;
use solana_signer::Signer;

/// What a pass says, as its JWT claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassClaims {
    /// The node's public key (base58), which signed it.
    pub iss: String,
    /// The wallet that signed in.
    pub sub: String,
    /// The gate it opens.
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// The community whose rule it met.
    pub community: String,
    /// Whether the wallet was an active member, and its role then.
    pub member: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub role: Option<String>,
    /// Whole tokens held then.
    pub balance: String,
}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    typ: String,
    kid: String,
}

/// Signs `claims` as a compact JWS with `issuer`.
pub fn issue_pass(issuer: &Keypair, claims: &PassClaims) -> String {
    let header = Header {
        alg: "EdDSA".into(),
        typ: "JWT".into(),
        kid: issuer.pubkey().to_string(),
    };
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).expect("plain data")),
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("plain data"))
    );
    let signature = issuer.sign_message(signing_input.as_bytes());
    format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.as_ref())
    )
}

/// Checks a pass offline: signed by `issuer`, for `gate`, and not expired at `now`.
pub fn verify_pass(
    pass: &str,
    issuer: &Pubkey,
    gate: &str,
    now: i64,
) -> Result<PassClaims, GateRefusal> {
    let invalid = |why: &str| GateRefusal::PassInvalid(why.to_string());
    let mut parts = pass.trim().split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("a pass has three parts separated by dots"));
    };
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| invalid("it is not base64url"))
    };
    let header: Header = serde_json::from_slice(&decode(header)?)
        .map_err(|_| invalid("its header is not a JWS header"))?;
    if header.alg != "EdDSA" {
        return Err(invalid("it is not signed with EdDSA"));
    }
    let signature = Signature::try_from(decode(signature)?.as_slice())
        .map_err(|_| invalid("its signature is not 64 bytes"))?;
    let signing_input = &pass.trim()[..pass.trim().rfind('.').expect("three parts")];
    if !signature.verify(issuer.as_ref(), signing_input.as_bytes()) {
        return Err(GateRefusal::PassForged {
            issuer: issuer.to_string(),
        });
    }
    let claims: PassClaims = serde_json::from_slice(&decode(payload)?)
        .map_err(|_| invalid("its claims are not a pass's"))?;
    if claims.aud != gate {
        return Err(GateRefusal::PassForOtherGate {
            gate: gate.to_string(),
            opens: claims.aud,
        });
    }
    if now >= claims.exp {
        return Err(GateRefusal::PassExpired {
            at: rfc3339(claims.exp),
        });
    }
    Ok(claims)
}

/// The node's key as a JSON Web Key Set, for sites that verify passes with a JWT library.
pub fn jwks(issuer: &Pubkey) -> serde_json::Value {
    serde_json::json!({
        "keys": [{
            "kty": "OKP",
            "crv": "Ed25519",
            "alg": "EdDSA",
            "use": "sig",
            "kid": issuer.to_string(),
            "x": URL_SAFE_NO_PAD.encode(issuer.as_ref()),
        }]
    })
}
