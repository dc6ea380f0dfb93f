//! The node's chain: one bank kept running over the home's chain file. Transactions from any
//! client are verified and executed once (their events recorded; with preflight, a failing one is
//! not committed and its logs come back), then recorded for JSON-RPC and the ledger and journaled
//! before they are reported. Slots advance on a clock, as a validator's do, with one blockhash
//! each.

use super::bank::{LocalBank, Refusal};
use crate::chain::embedded::{
    stored_form, ChainStore, JournalEntry, StoredAccount, StoredInnerInstructions, StoredTx,
    TxDetail, COMPACT_AFTER,
};
use crate::chain::RecordedInstruction;
use crate::error::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use solana_account::Account;
use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
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

/// How often the accounts database is cleaned, as a validator's background service does; without
/// it every account write stays in memory.
const MAINTAIN_EVERY_SLOTS: u64 = 100;

pub(crate) struct Engine {
    store: ChainStore,
    bank: LocalBank,
    /// The bank's own funded keypair (`bank.faucet()`) pays `requestAirdrop`. A new one each
    /// start, so it is never stored with the chain.
    faucet: Pubkey,
    by_signature: SignatureIndex,
    events: tokio::sync::broadcast::Sender<NodeEvent>,
}

impl Engine {
    /// Starts a bank over the chain in `store`, at its slot and clock.
    pub fn start(mut store: ChainStore) -> Result<Self> {
        let builtin: Option<BuiltinFunctionWithContext> =
            solana_program_test::processor!(ampled::native::process_instruction);
        let builtin = builtin.expect("the program's entrypoint");
        let accounts = store
            .state
            .accounts
            .iter()
            .map(|(address, stored)| (*address, stored.to_account()))
            .collect();
        // Slot numbers never go back across restarts.
        let bank = LocalBank::start(
            accounts,
            &[(ampled::ID, "ampled", builtin)],
            store.state.slot + 1,
            store.clock_now(),
        );
        if store.state.node.genesis_hash == [0; 32] {
            store.state.node.genesis_hash = bank.genesis_hash().to_bytes();
        }
        store.state.slot = bank.slot();
        let by_signature = index_signatures(&store);
        let faucet = bank.faucet().pubkey();
        Ok(Self {
            store,
            bank,
            faucet,
            by_signature,
            events: tokio::sync::broadcast::channel(EVENT_BACKLOG).0,
        })
    }

    pub fn slot(&self) -> u64 {
        self.store.state.slot
    }

    pub fn genesis_hash(&self) -> [u8; 32] {
        self.store.state.node.genesis_hash
    }

    /// The chain's clock (unix seconds) in the current slot.
    pub fn unix_timestamp(&self) -> i64 {
        self.store.state.last_time
    }

    pub fn transaction_count(&self) -> u64 {
        self.store.state.node.details.len() as u64
    }

    /// Moves to the next slot, with the clock at wall time plus the chain's offset (never back).
    pub fn advance_slot(&mut self) -> Result<()> {
        let now = self.store.clock_now();
        self.bank.advance_slot(now);
        let slot = self.bank.slot();
        if slot.is_multiple_of(MAINTAIN_EVERY_SLOTS) {
            self.bank.maintain_accounts();
        }
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
    pub fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
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
        self.advance_slot()?;
        self.store.save()?;
        Ok(self.store.clock_now())
    }

    /// The latest blockhash and the last block height at which it is valid.
    pub fn latest_blockhash(&self) -> (solana_hash::Hash, u64) {
        self.bank.latest_blockhash()
    }

    pub fn is_blockhash_valid(&self, hash: &solana_hash::Hash) -> bool {
        self.bank.is_blockhash_valid(hash)
    }

    pub fn block_height(&self) -> u64 {
        self.bank.block_height()
    }

    /// An account as the bank holds it now (programs and sysvars included).
    pub fn account(&self, address: &Pubkey) -> Option<Account> {
        self.bank.account(address)
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
    pub fn fee_for(&self, message: solana_message::VersionedMessage) -> Option<u64> {
        self.bank.fee_for_message(message)
    }

    /// Runs `transaction` without committing it (signatures unchecked, as RPC's default).
    pub fn simulate(&self, transaction: VersionedTransaction) -> Execution {
        match self.bank.simulate(transaction, false) {
            Ok(simulated) => Execution {
                error: simulated.error,
                logs: simulated.logs,
                units: simulated.units,
                inner: StoredInnerInstructions::from_groups(simulated.inner),
            },
            Err(error) => Execution {
                error: Some(error),
                ..Execution::default()
            },
        }
    }

    /// Verifies and executes `transaction` once: with preflight, one that fails is not
    /// committed and its execution comes back; otherwise it is committed, failed or not, as
    /// validators do. A committed transaction is recorded and journaled before its signature is
    /// returned.
    pub fn send(
        &mut self,
        transaction: VersionedTransaction,
        skip_preflight: bool,
    ) -> Result<std::result::Result<Signature, SendRefusal>> {
        let Some(signature) = transaction.signatures.first().copied() else {
            return Ok(Err(SendRefusal::Malformed(
                "the transaction carries no signature".into(),
            )));
        };
        if self.by_signature.contains_key(&signature) {
            // Sent again: it happened once and will not again. As on a validator, preflight
            // says so, and without preflight the copy is dropped and its signature answered.
            return Ok(if skip_preflight {
                Ok(signature)
            } else {
                Err(SendRefusal::Preflight(Execution {
                    error: Some(TransactionError::AlreadyProcessed),
                    ..Execution::default()
                }))
            });
        }
        let executed = match self.bank.send(transaction.clone(), !skip_preflight) {
            Ok(executed) => executed,
            Err(Refusal::NotLoaded(TransactionError::SignatureFailure)) => {
                return Ok(Err(SendRefusal::BadSignature))
            }
            Err(Refusal::NotLoaded(error)) => {
                return Ok(Err(SendRefusal::Preflight(Execution {
                    error: Some(error),
                    ..Execution::default()
                })))
            }
            Err(Refusal::Preflight(failed)) => {
                let failed = *failed;
                return Ok(Err(SendRefusal::Preflight(Execution {
                    error: failed.error,
                    logs: failed.logs,
                    units: failed.units,
                    inner: StoredInnerInstructions::from_groups(failed.inner),
                })));
            }
        };
        let keys = transaction.message.static_account_keys().to_vec();
        let mut accounts = Vec::with_capacity(keys.len());
        let mut changes = Vec::with_capacity(keys.len());
        for address in &keys {
            let account = self.bank.account(address);
            if *address != self.faucet {
                if let Some(change) = stored_form(account.clone()) {
                    changes.push((*address, change));
                }
            }
            accounts.push((*address, account));
        }
        let error = executed.error.clone();
        let event = NodeEvent::Transaction {
            signature,
            slot: self.store.state.slot,
            error: error.clone(),
            accounts,
        };
        let inner = if error.is_none() {
            StoredInnerInstructions::from_groups(executed.inner)
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
                fee: executed.fee,
                error: error
                    .as_ref()
                    .map(|e| bincode::serialize(e).unwrap_or_default()),
                logs: executed.logs,
                units: executed.units,
                inner,
                pre_balances: executed.pre_balances,
                post_balances: executed.post_balances,
            },
        )?;
        let _ = self.events.send(event);
        Ok(Ok(signature))
    }

    /// Gives `to` SOL from the bank's faucet, as a real transfer with a signature to confirm.
    pub fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<Signature> {
        let account = self.account(to);
        if let Some(reason) = crate::wallet::not_a_wallet(to, account.as_ref()) {
            return Err(ClientError::refused(reason.refusal(to)));
        }
        let (blockhash, _) = self.latest_blockhash();
        let transfer =
            anchor_lang::solana_program::system_instruction::transfer(&self.faucet, to, lamports);
        let transaction = solana_transaction::Transaction::new_signed_with_payer(
            &[transfer],
            Some(&self.faucet),
            &[self.bank.faucet()],
            blockhash,
        );
        match self.send(transaction.into(), false)? {
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
