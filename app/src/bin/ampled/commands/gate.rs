//! Gating that proves who is asking: `ampled check --prove` signs in to a node's gate from a
//! keypair; `ampled gate verify` checks a pass as a docs or chat site would, offline.

use super::serve::GATE_KEY_FILE;
use crate::context::{Context, OutputFormat};
use crate::print;
use crate::Status;
use ampled_client::chain::AnyChain;
use ampled_client::gate::{self, verify_pass, Proved};
use ampled_client::read::views::rfc3339;
use ampled_client::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use clap::Subcommand;
use serde_json::json;
use solana_signer::Signer;

#[derive(Subcommand)]
pub enum GateCommand {
    /// Check a pass offline, as a site does: signed by the node's key, for this gate, not
    /// expired. Exit 0 when it is good, 1 when it is not.
    Verify {
        /// The pass (from `ampled check --prove` or the web app's sign-in).
        pass: String,
        /// The gate the site guards.
        #[arg(long)]
        gate: String,
        /// The node's public key (default: this home's gate key, which `ampled serve` uses).
        #[arg(long)]
        issuer: Option<String>,
    },
    /// The public key this home's node signs passes with, and the same as a JSON Web Key Set
    /// for JWT libraries (also served at /.well-known/jwks.json).
    Key,
}

pub async fn run(ctx: &mut Context, command: GateCommand) -> Result<Status> {
    match command {
        GateCommand::Verify { pass, gate, issuer } => {
            let issuer = match issuer {
                Some(key) => key
                    .parse::<Pubkey>()
                    .map_err(|_| ClientError::refused(format!("\"{key}\" is not a public key")))?,
                None => home_issuer(ctx)?,
            };
            let now = gate::wall_clock();
            match verify_pass(&pass, &issuer, &gate, now) {
                Ok(claims) => {
                    let value = json!({ "valid": true, "claims": claims });
                    print::either(ctx, value, || {
                        format!(
                            "VALID: {} may open \"{}\" until {}; at sign-in: {}, {} AMPLED held",
                            claims.sub,
                            claims.aud,
                            rfc3339(claims.exp),
                            match &claims.role {
                                Some(role) => format!("an active {role} member"),
                                None => "not a member".into(),
                            },
                            claims.balance
                        )
                    });
                    Ok(Status::Done)
                }
                Err(refusal) => {
                    let value = json!({ "valid": false, "code": refusal.code(), "reason": refusal.to_string() });
                    print::either(ctx, value, || format!("INVALID: {refusal}"));
                    Ok(Status::Unmet)
                }
            }
        }
        GateCommand::Key => {
            let issuer = home_issuer(ctx)?;
            let jwks = gate::jwks(&issuer);
            let value = json!({ "issuer": issuer.to_string(), "jwks": jwks });
            print::either(ctx, value, || {
                format!(
                    "Passes from this home's node are signed by {issuer}\nAs a JSON Web Key Set (for JWT libraries):\n{jwks}"
                )
            });
            Ok(Status::Done)
        }
    }
}

/// The public key of this home's gate key, which its node signs passes with.
fn home_issuer(ctx: &Context) -> Result<Pubkey> {
    let path = ctx.home.join(GATE_KEY_FILE);
    if !path.exists() {
        return Err(ClientError::refused(format!(
            "This home has no gate key yet ({}): `ampled serve` makes it; or give the node's key with --issuer",
            path.display()
        )));
    }
    Ok(super::serve::gate_key(&path)?.pubkey())
}

/// `ampled check --prove --gate <gate>`: signs in from the signing wallet.
pub async fn prove(ctx: &mut Context, gate: &str) -> Result<Status> {
    let node_url = match &ctx.chain {
        AnyChain::Rpc(chain) => chain.url().to_string(),
        AnyChain::Embedded(_) => {
            return Err(ClientError::refused(
                "Proving needs a node to sign the pass: start `ampled serve` for this home (in another terminal), or name one with -u http://host:port",
            ))
        }
    };
    let signer = ctx.signer()?;
    let label = ctx.label();
    let wallet = signer.pubkey();
    print::progress(
        ctx,
        &format!(
            "signing in to \"{gate}\" at {node_url} as {}",
            label(&wallet)
        ),
    );
    match gate::prove(&node_url, gate, &signer).await? {
        Proved::Pass(issued) if ctx.output == OutputFormat::Quiet => {
            // `-q`: the pass alone, for `PASS=$(ampled -q check --prove ...)`.
            println!("{}", issued.pass);
            Ok(Status::Done)
        }
        Proved::Pass(issued) => {
            let claims = &issued.claims;
            let value = json!({
                "passes": true,
                "gate": gate,
                "wallet": wallet.to_string(),
                "pass": issued.pass,
                "expires_at": rfc3339(claims.exp),
                "claims": claims,
            });
            print::either(ctx, value, || {
                format!(
                    "PASS: {} proved they may open \"{gate}\"; the pass is good until {} (issued by {})\n{}",
                    label(&wallet),
                    rfc3339(claims.exp),
                    claims.iss,
                    issued.pass
                )
            });
            Ok(Status::Done)
        }
        Proved::Refused { code, message } if code == "rule_unmet" => {
            let value = json!({ "passes": false, "gate": gate, "wallet": wallet.to_string(), "code": code, "reason": message });
            print::either(ctx, value, || format!("FAIL: {message}"));
            Ok(Status::Unmet)
        }
        Proved::Refused { message, .. } => Err(ClientError::refused(message)),
    }
}
