//! Signing in from a keypair, as a script does: `ampled check --prove`. The same two requests a
//! web page makes, so a script's pass is the one a person would get.

use super::{PassClaims, SignInInput};
use crate::error::{ClientError, Result};
use serde::{Deserialize, Serialize};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// A pass and what it says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedPass {
    pub pass: String,
    pub claims: PassClaims,
}

/// What the node answered.
pub enum Proved {
    Pass(IssuedPass),
    /// Refused, with the node's code (`rule_unmet`, `replayed`, ...) and reason.
    Refused {
        code: String,
        message: String,
    },
}

#[derive(Deserialize)]
struct Challenge {
    input: SignInInput,
}

#[derive(Deserialize)]
struct Refusal {
    error: RefusalBody,
}

#[derive(Deserialize)]
struct RefusalBody {
    code: String,
    message: String,
}

/// Asks the node at `node_url` for a challenge to `gate`, signs it with `signer`, and hands it
/// back for a pass.
pub async fn prove(node_url: &str, gate: &str, signer: &Keypair) -> Result<Proved> {
    let http = reqwest::Client::new();
    let base = node_url.trim_end_matches('/');
    let address = signer.pubkey().to_string();
    let unreachable = |e: reqwest::Error| {
        ClientError::Io(format!(
            "cannot reach the node at {base}: {e}; is `ampled serve` running there?"
        ))
    };
    let challenge = http
        .post(format!("{base}/siws/challenge"))
        .json(&serde_json::json!({ "gate": gate, "address": address }))
        .send()
        .await
        .map_err(unreachable)?;
    if !challenge.status().is_success() {
        return refused(challenge).await;
    }
    let challenge: Challenge = challenge.json().await.map_err(unreachable)?;
    // A node (or anyone between) could pass on another site's challenge; signing it would
    // hand that site a sign-in as this wallet.
    let asked = node_domain(base)?;
    if challenge.input.domain != asked {
        return Err(ClientError::refused(format!(
            "The node at {base} asked to sign in to {}, not {asked}: nothing was signed. Reach the node by the domain it signs in for (-u http://{})",
            challenge.input.domain, challenge.input.domain
        )));
    }
    let message = challenge.input.message(&address);
    let signature = signer.sign_message(message.as_bytes());
    let answer = http
        .post(format!("{base}/siws/verify"))
        .json(&serde_json::json!({
            "address": address,
            "message": message,
            "signature": signature.to_string(),
        }))
        .send()
        .await
        .map_err(unreachable)?;
    if !answer.status().is_success() {
        return refused(answer).await;
    }
    Ok(Proved::Pass(answer.json().await.map_err(unreachable)?))
}

async fn refused(response: reqwest::Response) -> Result<Proved> {
    let status = response.status();
    match response.json::<Refusal>().await {
        Ok(refusal) => Ok(Proved::Refused {
            code: refusal.error.code,
            message: refusal.error.message,
        }),
        Err(_) => Err(ClientError::Io(format!(
            "the node answered {status} without a reason: is it an `ampled serve` node with sign-in?"
        ))),
    }
}

/// `host:port` of a node's URL, as its sign-in messages name it.
fn node_domain(url: &str) -> Result<String> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| ClientError::refused(format!("\"{url}\" is not a node's URL: {e}")))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| ClientError::refused(format!("\"{url}\" names no host")))?;
    Ok(match parsed.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_node_url_names_its_domain() {
        assert_eq!(
            super::node_domain("http://127.0.0.1:8899").unwrap(),
            "127.0.0.1:8899"
        );
        assert_eq!(
            super::node_domain("https://gate.ampled.com").unwrap(),
            "gate.ampled.com"
        );
    }
}
