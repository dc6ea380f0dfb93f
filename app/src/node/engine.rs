//! The node's chain: one bank kept running over the home's chain file. Transactions from any
//! client are verified, simulated (their events and a refusal's logs come from the simulation),
//! committed, recorded for JSON-RPC and the ledger, and saved before they are reported. Slots
//! advance on a clock, as a validator's do, rather than once per transaction.

use crate::chain::embedded::{
    stored_form, ChainStore, JournalEntry, StoredAccount, StoredInner, StoredInnerInstructions,
    StoredTx, TxDetail, COMPACT_AFTER,
};
use crate::chain::RecordedInstruction;
use crate::error::{ClientError, Result};
use anchor_lang::prelude::{Clock, Pubkey};
use solana_account::Account;
use solana_message::inner_instruction::InnerInstruction;
use solana_program_test::{BanksClientError, ProgramTestContext};
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_error::TransactionError;
use std::collections::HashMap;

/// Where each recorded transaction is: signature to its place in the node state's details.
type SignatureIndex = HashMap<Signature, usize>;

/// What executing (or simulating) a transaction did.
#[derive(Clone, Debug, Default)]
pub(crate) struct Execution {
    pub error: Option<TransactionError>,
    pub logs: Vec<String>,
    pub units: u64,
    pub inner: Vec<StoredInnerInstructions>,
}

/// Why `sendTransaction` refused a transaction before committing it.
#[derive(Debug)]
pub(crate) enum SendRefusal {
    /// A signature does not verify against its key and the message.
    BadSignature,
    /// The transaction is not well formed (no signatures, too few, ...).
    Malformed(String),
    /// Preflight simulation failed: nothing was committed.
    Preflight(Execution),
}

/// What subscribers hear about: a new slot, or a committed transaction with the accounts it
/// left behind.
#[derive(Clone, Debug)]
pub(crate) enum NodeEvent {
    Slot {
        slot: u64,
    },
    Transaction {
        signature: Signature,
        slot: u64,
        error: Option<TransactionError>,
        /// Every account the transaction named, as it is now (`None`: closed).
        accounts: Vec<(Pubkey, Option<Account>)>,
    },
}

/// How many events a slow subscriber may fall behind before it misses some.
const EVENT_BACKLOG: usize = 4_096;

pub(crate) struct Engine {
    store: ChainStore,
    bank: ProgramTestContext,
    /// The bank's own funded keypair: the faucet of `requestAirdrop`. A new one each start, so
    /// it is never stored with the chain.
    faucet: Pubkey,
    by_signature: SignatureIndex,
    events: tokio::sync::broadcast::Sender<NodeEvent>,
}

impl Engine {
    /// Starts a bank over the chain in `store`, at its slot and clock.
    pub async fn start(mut store: ChainStore) -> Result<Self> {
        let bank = store.start_bank().await;
        if store.state.node.genesis_hash == [0; 32] {
            store.state.node.genesis_hash = bank.last_blockhash.to_bytes();
        }
        let by_signature = index_signatures(&store);
        let faucet = bank.payer.pubkey();
        let mut engine = Self {
            store,
            bank,
            faucet,
            by_signature,
            events: tokio::sync::broadcast::channel(EVENT_BACKLOG).0,
        };
        engine.advance_slot().await?;
        Ok(engine)
    }

    pub fn slot(&self) -> u64 {
        self.store.state.slot
    }

    pub fn genesis_hash(&self) -> [u8; 32] {
        self.store.state.node.genesis_hash
    }

    pub fn transaction_count(&self) -> u64 {
        self.store.state.node.details.len() as u64
    }

    /// Moves to the next slot, with the clock at wall time plus the chain's offset (never back).
    pub async fn advance_slot(&mut self) -> Result<()> {
        let slot = self.store.state.slot + 1;
        self.bank
            .warp_to_slot(slot)
            .map_err(|e| ClientError::Io(format!("node: cannot move to slot {slot}: {e:?}")))?;
        let now = self.store.clock_now();
        let mut clock: Clock = self
            .bank
            .banks_client
            .get_sysvar()
            .await
            .map_err(transport)?;
        clock.unix_timestamp = now;
        self.bank.set_sysvar(&clock);
        self.store.state.slot = slot;
        self.store.state.last_time = now;
        // Nobody listening is not an error.
        let _ = self.events.send(NodeEvent::Slot { slot });
        Ok(())
    }

    /// Events from now on: new slots and committed transactions.
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<NodeEvent> {
        self.events.subscribe()
    }

    /// Moves the clock forward by `seconds` (the embedded chain's `clock advance`), from the next
    /// slot on.
    pub async fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
        if seconds <= 0 {
            return Err(ClientError::refused(
                "The clock only moves forward: give a positive duration such as 2h or 3d",
            ));
        }
        self.store.state.clock_offset = self
            .store
            .state
            .clock_offset
            .checked_add(seconds)
            .ok_or_else(|| ClientError::refused("That is too far into the future"))?;
        self.advance_slot().await?;
        self.store.save()?;
        Ok(self.store.clock_now())
    }

    /// The latest blockhash and the last block height at which it is valid.
    pub async fn latest_blockhash(&mut self) -> Result<(solana_hash::Hash, u64)> {
        let hash = self
            .bank
            .banks_client
            .get_latest_blockhash()
            .await
            .map_err(transport)?;
        let height = self.block_height().await?;
        Ok((hash, height + 150))
    }

    pub async fn block_height(&mut self) -> Result<u64> {
        self.bank
            .banks_client
            .get_root_block_height()
            .await
            .map_err(transport)
    }

    /// An account as the bank holds it now (programs and sysvars included).
    pub async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        self.bank
            .banks_client
            .get_account(*address)
            .await
            .map_err(transport)
    }

    /// Every stored account owned by `program` (user state: programs and sysvars are not stored).
    pub fn accounts_of(&self, program: &Pubkey) -> Vec<(Pubkey, Account)> {
        self.store
            .state
            .accounts
            .iter()
            .filter(|(_, stored)| stored.owner == *program)
            .map(|(address, stored)| (*address, stored.to_account()))
            .collect()
    }

    /// What the fee for `message` would be, if its blockhash is still valid.
    pub async fn fee_for(&mut self, message: solana_message::Message) -> Result<Option<u64>> {
        self.bank
            .banks_client
            .get_fee_for_message(message)
            .await
            .map_err(transport)
    }

    /// Runs `transaction` without committing it.
    pub async fn simulate(&mut self, transaction: VersionedTransaction) -> Result<Execution> {
        let simulated = self
            .bank
            .banks_client
            .simulate_transaction(transaction)
            .await
            .map_err(transport)?;
        let (logs, units, inner) = simulated
            .simulation_details
            .map(|details| {
                (
                    details.logs,
                    details.units_consumed,
                    details.inner_instructions,
                )
            })
            .unwrap_or_default();
        Ok(Execution {
            error: simulated.result.and_then(|result| result.err()),
            logs,
            units,
            inner: inner.map(store_inner).unwrap_or_default(),
        })
    }

    /// Verifies, simulates unless `skip_preflight`, commits and records `transaction`, then
    /// saves the chain. Returns its signature once it is saved.
    pub async fn send(
        &mut self,
        transaction: VersionedTransaction,
        skip_preflight: bool,
    ) -> Result<std::result::Result<Signature, SendRefusal>> {
        let Some(signature) = transaction.signatures.first().copied() else {
            return Ok(Err(SendRefusal::Malformed(
                "the transaction carries no signature".into(),
            )));
        };
        if transaction.verify_with_results().iter().any(|ok| !ok) {
            return Ok(Err(SendRefusal::BadSignature));
        }
        if self.by_signature.contains_key(&signature) {
            // Sent again (a client retrying): it already happened, once.
            return Ok(Ok(signature));
        }
        // The simulation is what yields the inner instructions (events); its verdict decides
        // whether a preflighted transaction is committed at all.
        let simulated = self.simulate(transaction.clone()).await?;
        if simulated.error.is_some() && !skip_preflight {
            return Ok(Err(SendRefusal::Preflight(simulated)));
        }
        let keys = transaction.message.static_account_keys().to_vec();
        let pre_balances = self.balances(&keys).await?;
        let fee = self
            .fee_for_versioned(&transaction)
            .await?
            .unwrap_or_default();
        let processed = self
            .bank
            .banks_client
            .process_transaction_with_metadata(transaction.clone())
            .await;
        let (error, logs, units) = match processed {
            Ok(outcome) => {
                let (logs, units) = outcome
                    .metadata
                    .map(|m| (m.log_messages, m.compute_units_consumed))
                    .unwrap_or_default();
                (outcome.result.err(), logs, units)
            }
            // Not even loaded (an unknown blockhash, an unfunded payer): nothing happened.
            Err(BanksClientError::TransactionError(error))
            | Err(BanksClientError::SimulationError { err: error, .. }) => {
                return Ok(Err(SendRefusal::Preflight(Execution {
                    error: Some(error),
                    ..simulated
                })))
            }
            Err(other) => return Err(transport(other)),
        };
        let mut accounts = Vec::with_capacity(keys.len());
        let mut changes = Vec::with_capacity(keys.len());
        for address in &keys {
            let account = self.account(address).await?;
            if *address != self.faucet {
                if let Some(change) = stored_form(account.clone()) {
                    changes.push((*address, change));
                }
            }
            accounts.push((*address, account));
        }
        let post_balances = accounts
            .iter()
            .map(|(_, account)| account.as_ref().map_or(0, |a| a.lamports))
            .collect();
        let event = NodeEvent::Transaction {
            signature,
            slot: self.store.state.slot,
            error: error.clone(),
            accounts,
        };
        let inner = if error.is_none() {
            simulated.inner
        } else {
            Vec::new()
        };
        self.record(
            &transaction,
            changes,
            TxDetail {
                signature: signature.to_string(),
                slot: self.store.state.slot,
                time: self.store.state.last_time,
                wire: bincode::serialize(&transaction)
                    .map_err(|e| ClientError::Io(format!("node: cannot encode: {e}")))?,
                fee,
                error: error
                    .as_ref()
                    .map(|e| bincode::serialize(e).unwrap_or_default()),
                logs,
                units,
                inner,
                pre_balances,
                post_balances,
            },
        )?;
        let _ = self.events.send(event);
        Ok(Ok(signature))
    }

    /// Gives `to` SOL from the bank's faucet, as a real transfer with a signature to confirm.
    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<Signature> {
        let account = self.account(to).await?;
        if let Some(reason) = crate::wallet::not_a_wallet(to, account.as_ref()) {
            return Err(ClientError::refused(reason.refusal(to)));
        }
        let (blockhash, _) = self.latest_blockhash().await?;
        let transfer =
            anchor_lang::solana_program::system_instruction::transfer(&self.faucet, to, lamports);
        let transaction = solana_transaction::Transaction::new_signed_with_payer(
            &[transfer],
            Some(&self.faucet),
            &[&self.bank.payer],
            blockhash,
        );
        match self.send(transaction.into(), false).await? {
            Ok(signature) => Ok(signature),
            Err(refusal) => Err(ClientError::Io(format!(
                "node: the airdrop failed: {refusal:?}"
            ))),
        }
    }

    /// The recorded transaction with `signature`, if the node has it.
    pub fn detail(&self, signature: &Signature) -> Option<&TxDetail> {
        self.by_signature
            .get(signature)
            .and_then(|&i| self.store.state.node.details.get(i))
    }

    /// Recorded transactions that name `address`, newest first.
    pub fn details_naming(&self, address: &Pubkey) -> Vec<&TxDetail> {
        self.store
            .state
            .node
            .details
            .iter()
            .rev()
            .filter(|detail| {
                bincode::deserialize::<VersionedTransaction>(&detail.wire)
                    .map(|tx| tx.message.static_account_keys().contains(address))
                    .unwrap_or(false)
            })
            .collect()
    }

    /// Saves the chain whole (on shutdown, after the last slot), emptying the journal.
    pub fn save(&mut self) -> Result<()> {
        self.store.save()
    }

    /// Makes what the journal holds survive the machine stopping, not only the node.
    pub fn sync(&self) -> Result<()> {
        self.store.sync_journal()
    }

    async fn balances(&mut self, keys: &[Pubkey]) -> Result<Vec<u64>> {
        let mut balances = Vec::with_capacity(keys.len());
        for key in keys {
            balances.push(self.account(key).await?.map_or(0, |a| a.lamports));
        }
        Ok(balances)
    }

    async fn fee_for_versioned(
        &mut self,
        transaction: &VersionedTransaction,
    ) -> Result<Option<u64>> {
        match &transaction.message {
            solana_message::VersionedMessage::Legacy(message) => {
                self.fee_for(message.clone()).await
            }
            // Fees here are per signature only.
            solana_message::VersionedMessage::V0(_) => Ok(Some(
                5_000 * u64::from(transaction.message.header().num_required_signatures),
            )),
        }
    }

    /// Commits a confirmed transaction to the store (state and journal) and indexes it; once the
    /// journal is long, saves the chain whole.
    fn record(
        &mut self,
        transaction: &VersionedTransaction,
        accounts: Vec<(Pubkey, Option<StoredAccount>)>,
        detail: TxDetail,
    ) -> Result<()> {
        let signature = transaction.signatures[0];
        // The ledger (the embedded chain's history) keeps what succeeded, with its events.
        let ledger = detail.error.is_none().then(|| {
            let keys = transaction.message.static_account_keys();
            let key = |i: u8| keys.get(usize::from(i)).copied().unwrap_or_default();
            StoredTx {
                signature: detail.signature.clone(),
                slot: detail.slot,
                time: detail.time,
                instructions: transaction
                    .message
                    .instructions()
                    .iter()
                    .map(|ix| RecordedInstruction {
                        program_id: key(ix.program_id_index),
                        accounts: ix.accounts.iter().map(|&i| key(i)).collect(),
                        data: ix.data.clone(),
                    })
                    .collect(),
                events: detail
                    .inner
                    .iter()
                    .flat_map(|group| &group.instructions)
                    .filter(|inner| key(inner.program_id_index) == ampled::ID)
                    .filter_map(|inner| crate::events::event_payload(&inner.data))
                    .collect(),
            }
        });
        self.store.commit(JournalEntry {
            slot: self.store.state.slot,
            last_time: self.store.state.last_time,
            accounts,
            ledger,
            detail,
        })?;
        self.by_signature
            .insert(signature, self.store.state.node.details.len() - 1);
        if self.store.journal_entries() >= COMPACT_AFTER {
            self.store.save()?;
        }
        Ok(())
    }
}

fn index_signatures(store: &ChainStore) -> SignatureIndex {
    store
        .state
        .node
        .details
        .iter()
        .enumerate()
        .filter_map(|(i, detail)| detail.signature.parse().ok().map(|s| (s, i)))
        .collect()
}

fn store_inner(groups: Vec<Vec<InnerInstruction>>) -> Vec<StoredInnerInstructions> {
    groups
        .into_iter()
        .enumerate()
        .filter(|(_, group)| !group.is_empty())
        .map(|(index, group)| StoredInnerInstructions {
            index: index as u8,
            instructions: group
                .into_iter()
                .map(|inner| StoredInner {
                    program_id_index: inner.instruction.program_id_index,
                    accounts: inner.instruction.accounts,
                    data: inner.instruction.data,
                    stack_height: Some(u32::from(inner.stack_height)),
                })
                .collect(),
        })
        .collect()
}

fn transport(error: BanksClientError) -> ClientError {
    ClientError::Io(format!("node: {error}"))
}
