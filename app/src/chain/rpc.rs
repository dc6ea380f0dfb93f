//! A Solana cluster over JSON-RPC (mainnet, devnet, testnet, a local validator, any URL).

use super::{Chain, RecordedInstruction, TxRecord};
use crate::error::{explain_failure, ClientError, Result};
use anchor_lang::prelude::Pubkey;
use solana_account::Account;
use solana_commitment_config::CommitmentConfig;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client::rpc_client::GetConfirmedSignaturesForAddress2Config;
use solana_rpc_client_api::client_error::{Error as RpcError, ErrorKind};
use solana_rpc_client_api::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTransactionConfig,
};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_rpc_client_api::request::{RpcError as RpcRequestError, RpcResponseErrorData};
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_status_client_types::option_serializer::OptionSerializer;
use solana_transaction_status_client_types::{UiInstruction, UiTransactionEncoding};
use std::str::FromStr;

pub struct RpcChain {
    url: String,
    client: RpcClient,
}

impl RpcChain {
    pub fn new(url: &str) -> Self {
        Self {
            url: url.to_string(),
            client: RpcClient::new_with_commitment(url.to_string(), CommitmentConfig::confirmed()),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    fn unreachable(&self, error: RpcError) -> ClientError {
        ClientError::Io(format!(
            "cannot reach the cluster at {} ({error}); check the URL and your connection",
            self.url
        ))
    }

    fn send_failure(&self, error: RpcError, instructions: &[Instruction]) -> ClientError {
        if let ErrorKind::RpcError(RpcRequestError::RpcResponseError {
            data: RpcResponseErrorData::SendTransactionPreflightFailure(simulation),
            ..
        }) = error.kind()
        {
            if let Some(failure) = &simulation.err {
                let failure = failure.clone().into();
                return explain_failure(
                    &failure,
                    instructions,
                    simulation.logs.clone().unwrap_or_default(),
                );
            }
        }
        match error.get_transaction_error() {
            Some(failure) => explain_failure(&failure, instructions, Vec::new()),
            None => self.unreachable(error),
        }
    }
}

impl Chain for RpcChain {
    fn describe(&self) -> String {
        format!("cluster at {}", self.url)
    }

    fn is_embedded(&self) -> bool {
        false
    }

    fn funds_new_wallets(&self) -> bool {
        let host = self
            .url
            .split("://")
            .nth(1)
            .unwrap_or(&self.url)
            .split([':', '/'])
            .next()
            .unwrap_or_default();
        matches!(host, "127.0.0.1" | "localhost" | "[::1]")
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        self.client
            .get_account_with_commitment(address, self.client.commitment())
            .await
            .map(|response| response.value)
            .map_err(|e| self.unreachable(e))
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>> {
        let mut filters = vec![RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
            0,
            discriminator.to_vec(),
        ))];
        if let Some((offset, community)) = community {
            filters.push(RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
                offset,
                community.to_bytes().to_vec(),
            )));
        }
        let config = RpcProgramAccountsConfig {
            filters: Some(filters),
            account_config: RpcAccountInfoConfig {
                encoding: Some(solana_account_decoder_client_types::UiAccountEncoding::Base64),
                commitment: Some(self.client.commitment()),
                ..RpcAccountInfoConfig::default()
            },
            ..RpcProgramAccountsConfig::default()
        };
        self.client
            .get_program_accounts_with_config(program, config)
            .await
            .map_err(|e| self.unreachable(e))
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<TxRecord> {
        let blockhash = self
            .client
            .get_latest_blockhash()
            .await
            .map_err(|e| self.unreachable(e))?;
        let mut transaction = Transaction::new_with_payer(instructions, Some(&payer.pubkey()));
        let mut all_signers: Vec<&Keypair> = vec![payer];
        all_signers.extend(signers.iter().filter(|s| s.pubkey() != payer.pubkey()));
        transaction
            .try_sign(&all_signers, blockhash)
            .map_err(|e| ClientError::Refused(format!("cannot sign the transaction: {e}")))?;
        let signature = self
            .client
            .send_and_confirm_transaction(&transaction)
            .await
            .map_err(|e| self.send_failure(e, instructions))?;
        match self.transaction(&signature).await {
            Ok(record) => Ok(record),
            // Confirmed but not yet served by the node's history: report what we sent.
            Err(_) => Ok(TxRecord {
                signature: signature.to_string(),
                slot: 0,
                time: None,
                instructions: instructions.iter().map(RecordedInstruction::from).collect(),
                events: Vec::new(),
            }),
        }
    }

    async fn now(&mut self) -> Result<i64> {
        let clock = self
            .account(&solana_sdk_ids::sysvar::clock::ID)
            .await?
            .ok_or_else(|| ClientError::Io("the cluster did not return its clock".into()))?;
        let clock: anchor_lang::prelude::Clock = bincode_clock(&clock.data)?;
        Ok(clock.unix_timestamp)
    }

    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()> {
        let signature = self
            .client
            .request_airdrop(to, lamports)
            .await
            .map_err(|e| {
                ClientError::Io(format!(
                    "the cluster at {} refused an airdrop ({e}); on mainnet, send SOL from an exchange or another wallet",
                    self.url
                ))
            })?;
        for _ in 0..60 {
            if self
                .client
                .confirm_transaction(&signature)
                .await
                .map_err(|e| self.unreachable(e))?
            {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        Err(ClientError::Io(format!(
            "the airdrop {signature} was not confirmed within 30 s; check your balance later"
        )))
    }

    /// Only an `ampled serve` node has a clock to move; a cluster refuses the method.
    async fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
        let method = solana_rpc_client_api::request::RpcRequest::Custom {
            method: crate::node::ADVANCE_CLOCK,
        };
        self.client
            .send::<i64>(method, serde_json::json!([seconds]))
            .await
            .map_err(|e| match e.kind() {
                ErrorKind::RpcError(RpcRequestError::RpcResponseError { message, .. }) => {
                    ClientError::refused(if message.starts_with("Method not found") {
                        "Only the embedded chain's clock can be moved (directly or through `ampled serve`); a cluster's clock follows real time".to_string()
                    } else {
                        message.trim_start_matches("Invalid params: ").to_string()
                    })
                }
                _ => self.unreachable(e),
            })
    }

    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>> {
        let config = GetConfirmedSignaturesForAddress2Config {
            limit: Some(limit.min(1_000)),
            commitment: Some(self.client.commitment()),
            ..GetConfirmedSignaturesForAddress2Config::default()
        };
        let statuses = self
            .client
            .get_signatures_for_address_with_config(address, config)
            .await
            .map_err(|e| self.unreachable(e))?;
        let mut records = Vec::new();
        // Newest first from the node; the ledger reads oldest first. Failed ones changed nothing.
        for status in statuses.into_iter().rev().filter(|s| s.err.is_none()) {
            let signature = Signature::from_str(&status.signature)
                .map_err(|e| ClientError::Io(format!("bad signature from node: {e}")))?;
            records.push(self.transaction(&signature).await?);
        }
        Ok(records)
    }
}

impl RpcChain {
    async fn transaction(&self, signature: &Signature) -> Result<TxRecord> {
        let config = RpcTransactionConfig {
            encoding: Some(UiTransactionEncoding::Base64),
            commitment: Some(self.client.commitment()),
            max_supported_transaction_version: Some(0),
        };
        let confirmed = self
            .client
            .get_transaction_with_config(signature, config)
            .await
            .map_err(|e| self.unreachable(e))?;
        let transaction = confirmed
            .transaction
            .transaction
            .decode()
            .ok_or_else(|| ClientError::Io(format!("cannot decode transaction {signature}")))?;
        let keys = transaction.message.static_account_keys();
        let key = |index: u8| keys.get(usize::from(index)).copied().unwrap_or_default();
        let instructions = transaction
            .message
            .instructions()
            .iter()
            .map(|ix| RecordedInstruction {
                program_id: key(ix.program_id_index),
                accounts: ix.accounts.iter().map(|&i| key(i)).collect(),
                data: ix.data.clone(),
            })
            .collect();
        let mut events = Vec::new();
        if let Some(meta) = confirmed.transaction.meta {
            if let OptionSerializer::Some(inner) = meta.inner_instructions {
                for ix in inner.into_iter().flat_map(|group| group.instructions) {
                    if let UiInstruction::Compiled(ix) = ix {
                        let data = bs58::decode(&ix.data).into_vec().unwrap_or_default();
                        if key(ix.program_id_index) == ampled::ID {
                            events.extend(crate::events::event_payload(&data));
                        }
                    }
                }
            }
        }
        Ok(TxRecord {
            signature: signature.to_string(),
            slot: confirmed.slot,
            time: confirmed.block_time,
            instructions,
            events,
        })
    }
}

/// The Clock sysvar's bytes are five little-endian 64-bit fields.
fn bincode_clock(data: &[u8]) -> Result<anchor_lang::prelude::Clock> {
    let field = |i: usize| -> Result<[u8; 8]> {
        data.get(i * 8..i * 8 + 8)
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or_else(|| ClientError::Io("the cluster's clock sysvar is malformed".into()))
    };
    Ok(anchor_lang::prelude::Clock {
        slot: u64::from_le_bytes(field(0)?),
        epoch_start_timestamp: i64::from_le_bytes(field(1)?),
        epoch: u64::from_le_bytes(field(2)?),
        leader_schedule_epoch: u64::from_le_bytes(field(3)?),
        unix_timestamp: i64::from_le_bytes(field(4)?),
    })
}
