//! The embedded chain: `solana-program-test`'s bank in this process, with the $AMPLED program
//! loaded natively and the real Token-2022, Associated Token Account and Memo programs in the SBF
//! VM. Between commands its accounts, slot, clock offset and transaction records live in one file,
//! so a person can run one command after another as on a real cluster.
//!
//! Reads are served from that file without starting a bank; only sending starts one, loaded with
//! every stored account. Every account a transaction can change is named by it, so after a
//! transaction exactly those accounts are read back and stored.

use super::{Chain, RecordedInstruction, TxRecord};
use crate::error::{explain_failure, ClientError, Result};
use anchor_lang::prelude::{Clock, Pubkey};
use solana_account::Account;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_test::{BanksClientError, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction::Transaction;
use std::io::{Read, Seek, Write};
use std::path::Path;

mod store;

pub use store::ChainStore;
pub(crate) use store::{
    stored_form, JournalEntry, StoredInnerInstructions, TxDetail, COMPACT_AFTER,
};
pub(crate) use store::{StoredAccount, StoredTx};

pub struct EmbeddedChain {
    store: ChainStore,
    bank: Option<ProgramTestContext>,
    /// Whether to keep the native program's log lines (printed on stdout) out of the output.
    capture_program_output: bool,
}

impl EmbeddedChain {
    /// Opens the chain kept in `dir`, creating an empty one if there is none. Waits while
    /// another process has it open (so one process must not open the same chain twice).
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            store: ChainStore::open(dir)?,
            bank: None,
            capture_program_output: false,
        })
    }

    /// Keeps what the native program prints (its `msg!` lines go to stdout off-chain) out of
    /// the command's own output; refusals still carry those lines in their logs.
    pub fn capture_program_output(mut self, capture: bool) -> Self {
        self.capture_program_output = capture;
        self
    }

    async fn bank(&mut self) -> Result<&mut ProgramTestContext> {
        if self.bank.is_none() {
            self.bank = Some(self.store.start_bank().await);
        }
        Ok(self.bank.as_mut().expect("bank just started"))
    }

    /// Runs `work` with the process's stdout sent to a file when capturing; returns its lines.
    async fn with_program_output<T>(
        &mut self,
        work: impl std::future::Future<Output = T>,
    ) -> (T, Vec<String>) {
        if !self.capture_program_output {
            return (work.await, Vec::new());
        }
        let capture = StdoutCapture::begin();
        let result = work.await;
        let lines = capture.map(StdoutCapture::end).unwrap_or_default();
        (result, lines)
    }
}

/// Redirects file descriptor 1 into a temporary file for as long as it lives.
struct StdoutCapture {
    saved: libc::c_int,
    file: std::fs::File,
}

impl StdoutCapture {
    fn begin() -> Option<Self> {
        use std::os::fd::AsRawFd;
        std::io::stdout().flush().ok()?;
        let file = tempfile_in_tmp()?;
        // SAFETY: plain descriptor calls on descriptors this process owns; the saved copy of
        // stdout is restored and closed in `end`.
        unsafe {
            let saved = libc::dup(1);
            if saved < 0 {
                return None;
            }
            if libc::dup2(file.as_raw_fd(), 1) < 0 {
                libc::close(saved);
                return None;
            }
            Some(Self { saved, file })
        }
    }

    fn end(mut self) -> Vec<String> {
        let _ = std::io::stdout().flush();
        // SAFETY: restores the descriptor saved in `begin` and closes the copy.
        unsafe {
            libc::dup2(self.saved, 1);
            libc::close(self.saved);
        }
        let mut text = String::new();
        let _ = self.file.rewind();
        let _ = self.file.read_to_string(&mut text);
        text.lines().map(str::to_string).collect()
    }
}

fn tempfile_in_tmp() -> Option<std::fs::File> {
    let path = std::env::temp_dir().join(format!(
        "ampled-program-output-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .ok()?;
    // The open descriptor keeps the file readable; nothing is left behind on disk.
    let _ = std::fs::remove_file(&path);
    Some(file)
}

impl Chain for EmbeddedChain {
    fn describe(&self) -> String {
        format!("embedded chain in {}", self.store.dir.display())
    }

    fn is_embedded(&self) -> bool {
        true
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        Ok(self.store.stored(address).map(StoredAccount::to_account))
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>> {
        let mut found = Vec::new();
        for (address, stored) in &self.store.state.accounts {
            let in_community = community.is_none_or(|(offset, community)| {
                stored.data.get(offset..offset + 32) == Some(community.as_ref())
            });
            if stored.owner == *program && stored.data.starts_with(discriminator) && in_community {
                found.push((*address, stored.to_account()));
            }
        }
        Ok(found)
    }

    async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<TxRecord> {
        let now = self.store.clock_now();
        // Every attempt takes a new slot: the bank cannot warp back to one a refused
        // transaction already moved it to.
        self.store.state.slot += 1;
        let slot = self.store.state.slot;
        let bank = self.bank().await?;
        bank.warp_to_slot(slot)
            .map_err(|e| ClientError::Io(format!("embedded chain: {e:?}")))?;
        let mut clock: Clock = bank.banks_client.get_sysvar().await.map_err(transport)?;
        clock.unix_timestamp = now;
        bank.set_sysvar(&clock);
        let blockhash = bank
            .banks_client
            .get_latest_blockhash()
            .await
            .map_err(transport)?;

        let mut transaction = Transaction::new_with_payer(instructions, Some(&payer.pubkey()));
        let mut all_signers: Vec<&Keypair> = vec![payer];
        all_signers.extend(signers.iter().filter(|s| s.pubkey() != payer.pubkey()));
        transaction
            .try_sign(&all_signers, blockhash)
            .map_err(|e| ClientError::Refused(format!("cannot sign the transaction: {e}")))?;

        // Simulating first yields the inner instructions (events) and the logs of a refusal;
        // only a transaction that passes is processed for real.
        let client = bank.banks_client.clone();
        let simulated = transaction.clone();
        let (simulation, mut program_output) = self
            .with_program_output(async move { client.simulate_transaction(simulated).await })
            .await;
        let simulation = simulation.map_err(transport)?;
        let (logs, inner_instructions, units) = simulation
            .simulation_details
            .map(|details| {
                (
                    details.logs,
                    details.inner_instructions,
                    details.units_consumed,
                )
            })
            .unwrap_or_default();
        if let Some(Err(failure)) = simulation.result {
            let mut logs = logs;
            logs.append(&mut program_output);
            return Err(explain_failure(&failure, instructions, logs));
        }
        let client = self.bank().await?.banks_client.clone();
        let keys = &transaction.message.account_keys;
        let mut pre_balances = Vec::with_capacity(keys.len());
        for key in keys {
            pre_balances.push(client.get_balance(*key).await.map_err(transport)?);
        }
        let fee = client
            .get_fee_for_message(transaction.message.clone())
            .await
            .map_err(transport)?
            .unwrap_or_default();
        let processed = transaction.clone();
        // Committed straight into the working bank: polling for a confirmation, as
        // `process_transaction` does, only adds waiting on a chain nobody else writes to.
        let (result, _) = self
            .with_program_output(async move {
                client.process_transaction_with_metadata(processed).await
            })
            .await;
        match result.map(|outcome| outcome.result) {
            Ok(Ok(())) => {}
            Ok(Err(failure)) => return Err(explain_failure(&failure, instructions, Vec::new())),
            Err(BanksClientError::TransactionError(failure))
            | Err(BanksClientError::SimulationError { err: failure, .. }) => {
                return Err(explain_failure(&failure, instructions, Vec::new()))
            }
            Err(other) => return Err(transport(other)),
        }

        // What changed: every account the transaction named, which are exactly its keys.
        let client = self.bank().await?.banks_client.clone();
        let mut accounts = Vec::with_capacity(keys.len());
        let mut post_balances = Vec::with_capacity(keys.len());
        for address in keys {
            let account = client.get_account(*address).await.map_err(transport)?;
            post_balances.push(account.as_ref().map_or(0, |a| a.lamports));
            if let Some(change) = stored_form(account) {
                accounts.push((*address, change));
            }
        }
        let inner_instructions = inner_instructions.unwrap_or_default();
        // What a node answers for it (`getTransaction`), should `ampled serve` open this chain.
        let detail = TxDetail {
            signature: transaction.signatures[0].to_string(),
            slot,
            time: now,
            wire: bincode::serialize(&VersionedTransaction::from(transaction.clone()))
                .map_err(|e| ClientError::Io(format!("embedded chain: cannot encode: {e}")))?,
            fee,
            error: None,
            logs,
            units,
            inner: StoredInnerInstructions::from_groups(inner_instructions.clone()),
            pre_balances,
            post_balances,
        };
        let events = inner_instructions
            .into_iter()
            .flatten()
            .filter(|inner| {
                keys.get(usize::from(inner.instruction.program_id_index)) == Some(&ampled::ID)
            })
            .filter_map(|inner| crate::events::event_payload(&inner.instruction.data))
            .collect::<Vec<_>>();
        let record = StoredTx {
            signature: transaction.signatures[0].to_string(),
            slot,
            time: now,
            instructions: instructions.iter().map(RecordedInstruction::from).collect(),
            events,
        };
        let recorded = to_record(&record);
        // The whole file is rewritten, keeping the generation before it beside it: what a
        // damaged file is recovered from (a node appends to a journal instead).
        self.store.apply(JournalEntry {
            slot,
            last_time: now,
            accounts,
            ledger: Some(record),
            detail,
        });
        self.store.save()?;
        Ok(recorded)
    }

    async fn now(&mut self) -> Result<i64> {
        Ok(self.store.clock_now())
    }

    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()> {
        // A System account stored at a program's address would replace that program when the
        // bank next starts, and break every transaction that uses it: only wallets are funded.
        let stored = self.store.stored(to).map(StoredAccount::to_account);
        if let Some(reason) = crate::wallet::not_a_wallet(to, stored.as_ref()) {
            return Err(ClientError::refused(reason.refusal(to)));
        }
        let mut account = self.store.stored(to).cloned().unwrap_or(StoredAccount {
            owner: anchor_lang::system_program::ID,
            ..StoredAccount::default()
        });
        account.lamports = account
            .lamports
            .checked_add(lamports)
            .ok_or_else(|| ClientError::refused("that wallet cannot hold more SOL"))?;
        if let Some(bank) = self.bank.as_mut() {
            bank.set_account(to, &account.to_account().into());
        }
        self.store.store(*to, Some(account));
        self.store.save()
    }

    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>> {
        let matching: Vec<&StoredTx> = self
            .store
            .state
            .transactions
            .iter()
            .filter(|tx| {
                tx.instructions
                    .iter()
                    .any(|ix| ix.program_id == *address || ix.accounts.contains(address))
            })
            .collect();
        let skip = matching.len().saturating_sub(limit);
        Ok(matching.into_iter().skip(skip).map(to_record).collect())
    }

    async fn advance_clock(&mut self, seconds: i64) -> Result<i64> {
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
        self.store.save()?;
        Ok(self.store.clock_now())
    }
}

fn to_record(stored: &StoredTx) -> TxRecord {
    TxRecord {
        signature: stored.signature.clone(),
        slot: stored.slot,
        time: Some(stored.time),
        instructions: stored.instructions.clone(),
        events: stored.events.clone(),
    }
}

fn transport(error: BanksClientError) -> ClientError {
    ClientError::Io(format!("embedded chain: {error}"))
}
