//! The embedded chain: `solana-program-test`'s bank in this process, with the $AMPLED program
//! loaded natively and the real Token-2022, Associated Token Account and Memo programs in the SBF
//! VM. Between commands its accounts, slot, clock offset and transaction records live in one file,
//! so a person can run one command after another as on a real cluster.
//!
//! Reads are served from that file without starting a bank; only sending starts one, loaded with
//! every stored account. Every account a transaction can change is named by it, so after a
//! transaction exactly those accounts are read back and stored.

use super::{touched_accounts, Chain, RecordedInstruction, TxRecord};
use crate::error::{explain_failure, ClientError, Result};
use anchor_lang::prelude::{Clock, Pubkey};
use anchor_lang::{AnchorDeserialize, AnchorSerialize};
use sha2::{Digest, Sha256};
use solana_account::Account;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_test::{processor, BanksClientError, ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::Transaction;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

const STATE_FILE: &str = "chain.bin";
/// The generation before the last save, kept so a damaged file can be recovered by hand.
const PREVIOUS_FILE: &str = "chain.bin.prev";
/// Bumped whenever the file's layout changes, so an old file is reported rather than misread.
/// 2: the state behind a magic number and a SHA-256 checksum (1 was the bare state).
const STATE_VERSION: u32 = 2;
/// Files of version 1 carried no checksum; they are still read, and saved as version 2.
const UNCHECKED_VERSION: u32 = 1;
/// How a chain file starts: `MAGIC`, the SHA-256 of the rest, then the borsh-encoded state
/// (whose first field is its version).
const MAGIC: &[u8; 8] = b"AMPLEDCH";
const CHECKSUM_LEN: usize = 32;
const SYSVAR_OWNER: Pubkey = solana_sdk_ids::sysvar::ID;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
struct StoredAccount {
    lamports: u64,
    owner: Pubkey,
    data: Vec<u8>,
    rent_epoch: u64,
}

impl StoredAccount {
    fn to_account(&self) -> Account {
        Account {
            lamports: self.lamports,
            data: self.data.clone(),
            owner: self.owner,
            executable: false,
            rent_epoch: self.rent_epoch,
        }
    }
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
struct StoredTx {
    signature: String,
    slot: u64,
    time: i64,
    instructions: Vec<RecordedInstruction>,
    events: Vec<Vec<u8>>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
struct State {
    version: u32,
    /// Last slot a transaction was tried in; the next one goes to a later slot.
    slot: u64,
    /// Seconds the clock runs ahead of wall time (moved with `advance_clock`).
    clock_offset: i64,
    /// Latest clock value a transaction saw: the clock never goes back, whatever the wall clock does.
    last_time: i64,
    accounts: Vec<(Pubkey, StoredAccount)>,
    transactions: Vec<StoredTx>,
}

pub struct EmbeddedChain {
    /// Held while this chain is open: two commands writing at once would each save their own
    /// view, and one's transactions would vanish.
    _lock: std::fs::File,
    dir: PathBuf,
    state: State,
    bank: Option<ProgramTestContext>,
    /// Whether to keep the native program's log lines (printed on stdout) out of the output.
    capture_program_output: bool,
}

impl EmbeddedChain {
    /// Opens the chain kept in `dir`, creating an empty one if there is none. Waits while
    /// another process has it open (so one process must not open the same chain twice).
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| {
            ClientError::Io(format!(
                "cannot create the chain directory {}: {e}",
                dir.display()
            ))
        })?;
        let lock = lock_directory(dir)?;
        let path = dir.join(STATE_FILE);
        let state = match std::fs::read(&path) {
            Ok(bytes) => match decode_state(&bytes) {
                Ok(state) => state,
                Err(FileProblem::OtherVersion(version)) => {
                    return Err(ClientError::Io(format!(
                        "{} was written by another version of ampled (its format is {version}, this one reads {STATE_VERSION}); use that version, or move the file away to start afresh",
                        path.display()
                    )))
                }
                Err(FileProblem::Damaged(problem)) => {
                    let previous = dir.join(PREVIOUS_FILE);
                    let recoverable = std::fs::read(&previous)
                        .is_ok_and(|bytes| decode_state(&bytes).is_ok());
                    return Err(ClientError::ChainFileDamaged {
                        file: path,
                        problem,
                        previous: recoverable.then_some(previous),
                    });
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => State {
                version: STATE_VERSION,
                slot: 2,
                ..State::default()
            },
            Err(e) => {
                return Err(ClientError::Io(format!(
                    "cannot read {}: {e}",
                    path.display()
                )))
            }
        };
        Ok(Self {
            _lock: lock,
            dir: dir.to_path_buf(),
            state,
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

    /// Writes the state so that a crash at any moment leaves a whole file: the new generation
    /// goes to a temporary file, synced, then renamed over the old one, which is kept as
    /// [`PREVIOUS_FILE`] first.
    fn save(&self) -> Result<()> {
        let path = self.dir.join(STATE_FILE);
        let cannot =
            |e: std::io::Error| ClientError::Io(format!("cannot write {}: {e}", path.display()));
        let temporary = self.dir.join(format!("{STATE_FILE}.tmp"));
        let bytes = encode_state(&self.state)?;
        let mut file = std::fs::File::create(&temporary).map_err(cannot)?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(cannot)?;
        drop(file);
        if path.exists() {
            self.keep_previous_generation(&path).map_err(cannot)?;
        }
        std::fs::rename(&temporary, &path).map_err(cannot)?;
        // The renames are durable only once the directory itself is synced.
        std::fs::File::open(&self.dir)
            .and_then(|dir| dir.sync_all())
            .map_err(cannot)
    }

    /// Makes the current file also [`PREVIOUS_FILE`], replacing the older one in one rename, so
    /// that `chain.bin` exists at every moment. The current file was checked when the chain was
    /// opened, and the lock kept it unchanged since.
    fn keep_previous_generation(&self, current: &Path) -> std::io::Result<()> {
        let previous = self.dir.join(PREVIOUS_FILE);
        let staged = self.dir.join(format!("{PREVIOUS_FILE}.tmp"));
        match std::fs::remove_file(&staged) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        // A hard link costs nothing; a file system without them gets a copy.
        if std::fs::hard_link(current, &staged).is_err() {
            std::fs::copy(current, &staged)?;
            std::fs::File::open(&staged)?.sync_all()?;
        }
        std::fs::rename(&staged, &previous)
    }

    fn stored(&self, address: &Pubkey) -> Option<&StoredAccount> {
        self.state
            .accounts
            .iter()
            .find(|(key, _)| key == address)
            .map(|(_, account)| account)
    }

    fn store(&mut self, address: Pubkey, account: Option<StoredAccount>) {
        let position = self
            .state
            .accounts
            .iter()
            .position(|(key, _)| *key == address);
        match (position, account) {
            (Some(i), Some(account)) => self.state.accounts[i].1 = account,
            (Some(i), None) => {
                self.state.accounts.remove(i);
            }
            (None, Some(account)) => self.state.accounts.push((address, account)),
            (None, None) => {}
        }
    }

    fn clock_now(&self) -> i64 {
        (chrono::Utc::now().timestamp() + self.state.clock_offset).max(self.state.last_time)
    }

    async fn bank(&mut self) -> Result<&mut ProgramTestContext> {
        if self.bank.is_none() {
            let mut program = ProgramTest::new(
                "ampled",
                ampled::ID,
                processor!(ampled::native::process_instruction),
            );
            program.prefer_bpf(false);
            for (address, stored) in &self.state.accounts {
                program.add_account(*address, stored.to_account());
            }
            let context = program.start_with_context().await;
            self.bank = Some(context);
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

/// Why a chain file's bytes are not a state this version can use.
#[derive(Debug, PartialEq, Eq)]
enum FileProblem {
    /// The bytes are not what ampled wrote: cut short, changed, or not a chain file at all.
    Damaged(String),
    /// A whole file of a format this version does not read.
    OtherVersion(u32),
}

fn encode_state(state: &State) -> Result<Vec<u8>> {
    let body = anchor_lang::prelude::borsh::to_vec(state)
        .map_err(|e| ClientError::Io(format!("cannot encode the chain: {e}")))?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + CHECKSUM_LEN + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&Sha256::digest(&body));
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

fn decode_state(bytes: &[u8]) -> std::result::Result<State, FileProblem> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        // Version 1 files start with their version; they had no checksum to check.
        if bytes.starts_with(&UNCHECKED_VERSION.to_le_bytes()) {
            let mut state = State::try_from_slice(bytes)
                .map_err(|e| FileProblem::Damaged(format!("it cannot be read as a chain ({e})")))?;
            state.version = STATE_VERSION;
            return Ok(state);
        }
        return Err(FileProblem::Damaged(
            "it does not start the way ampled writes a chain file".into(),
        ));
    };
    if rest.len() < CHECKSUM_LEN {
        return Err(FileProblem::Damaged("it is cut short".into()));
    }
    let (checksum, body) = rest.split_at(CHECKSUM_LEN);
    if Sha256::digest(body).as_slice() != checksum {
        return Err(FileProblem::Damaged(
            "its checksum does not match its contents, so it was cut short or changed after ampled wrote it".into(),
        ));
    }
    let version = body
        .get(..4)
        .and_then(|v| <[u8; 4]>::try_from(v).ok())
        .map(u32::from_le_bytes);
    match version {
        Some(STATE_VERSION) => State::try_from_slice(body)
            .map_err(|e| FileProblem::Damaged(format!("it cannot be read as a chain ({e})"))),
        Some(other) => Err(FileProblem::OtherVersion(other)),
        None => Err(FileProblem::Damaged("it is cut short".into())),
    }
}

fn lock_directory(dir: &Path) -> Result<std::fs::File> {
    use std::os::fd::AsRawFd;
    let path = dir.join("lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| ClientError::Io(format!("cannot open {}: {e}", path.display())))?;
    // SAFETY: flock on a descriptor this function owns; released when the file is closed.
    let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    if !locked {
        eprintln!(
            "… waiting for another ampled command using {}",
            dir.display()
        );
        // SAFETY: as above, blocking this time.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(ClientError::Io(format!("cannot lock {}", path.display())));
        }
    }
    Ok(file)
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

fn is_chain_furniture(account: &Account) -> bool {
    // Programs and sysvars come with every bank; only user state is stored.
    account.executable || account.owner == SYSVAR_OWNER
}

impl Chain for EmbeddedChain {
    fn describe(&self) -> String {
        format!("embedded chain in {}", self.dir.display())
    }

    fn is_embedded(&self) -> bool {
        true
    }

    async fn account(&mut self, address: &Pubkey) -> Result<Option<Account>> {
        Ok(self.stored(address).map(StoredAccount::to_account))
    }

    async fn program_accounts(
        &mut self,
        program: &Pubkey,
        discriminator: &[u8],
        community: Option<(usize, Pubkey)>,
    ) -> Result<Vec<(Pubkey, Account)>> {
        let mut found = Vec::new();
        for (address, stored) in &self.state.accounts {
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
        let now = self.clock_now();
        // Every attempt takes a new slot: the bank cannot warp back to one a refused
        // transaction already moved it to.
        self.state.slot += 1;
        let slot = self.state.slot;
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
        let (logs, inner_instructions) = simulation
            .simulation_details
            .map(|details| (details.logs, details.inner_instructions))
            .unwrap_or_default();
        if let Some(Err(failure)) = simulation.result {
            let mut logs = logs;
            logs.append(&mut program_output);
            return Err(explain_failure(&failure, instructions, logs));
        }
        let client = self.bank().await?.banks_client.clone();
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

        // Store what changed: every account the transaction named.
        let client = self.bank().await?.banks_client.clone();
        for address in touched_accounts(instructions, &payer.pubkey()) {
            let account = client.get_account(address).await.map_err(transport)?;
            match account {
                Some(account) if is_chain_furniture(&account) => {}
                Some(account) if account.lamports > 0 => self.store(
                    address,
                    Some(StoredAccount {
                        lamports: account.lamports,
                        owner: account.owner,
                        data: account.data,
                        rent_epoch: account.rent_epoch,
                    }),
                ),
                _ => self.store(address, None),
            }
        }

        let keys = &transaction.message.account_keys;
        let events = inner_instructions
            .unwrap_or_default()
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
        self.state.slot = slot;
        self.state.last_time = now;
        self.state.transactions.push(record.clone());
        self.save()?;
        Ok(to_record(&record))
    }

    async fn now(&mut self) -> Result<i64> {
        Ok(self.clock_now())
    }

    async fn airdrop(&mut self, to: &Pubkey, lamports: u64) -> Result<()> {
        // A System account stored at a program's address would replace that program when the
        // bank next starts, and break every transaction that uses it: only wallets are funded.
        let stored = self.stored(to).map(StoredAccount::to_account);
        if let Some(reason) = crate::wallet::not_a_wallet(to, stored.as_ref()) {
            return Err(ClientError::refused(reason.refusal(to)));
        }
        let mut account = self.stored(to).cloned().unwrap_or(StoredAccount {
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
        self.store(*to, Some(account));
        self.save()
    }

    async fn history(&mut self, address: &Pubkey, limit: usize) -> Result<Vec<TxRecord>> {
        let matching: Vec<&StoredTx> = self
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
        self.state.clock_offset = self
            .state
            .clock_offset
            .checked_add(seconds)
            .ok_or_else(|| ClientError::refused("That is too far into the future"))?;
        self.save()?;
        Ok(self.clock_now())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn some_state() -> State {
        State {
            version: STATE_VERSION,
            slot: 7,
            clock_offset: 60,
            last_time: 1_800_000_000,
            accounts: vec![(
                Pubkey::new_from_array([9; 32]),
                StoredAccount {
                    lamports: 1_000,
                    owner: anchor_lang::system_program::ID,
                    data: vec![1, 2, 3],
                    rent_epoch: 0,
                },
            )],
            transactions: Vec::new(),
        }
    }

    fn slot_of(bytes: &[u8]) -> Option<u64> {
        decode_state(bytes).ok().map(|state| state.slot)
    }

    #[test]
    fn a_saved_state_reads_back_whole() {
        let bytes = encode_state(&some_state()).unwrap();

        assert_eq!(slot_of(&bytes), Some(7));
    }

    #[test]
    fn any_flipped_byte_is_detected_as_damage() {
        let bytes = encode_state(&some_state()).unwrap();

        for position in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[position] ^= 0x01;
            assert!(
                matches!(decode_state(&damaged), Err(FileProblem::Damaged(_))),
                "a flipped bit at byte {position} went unnoticed"
            );
        }
    }

    #[test]
    fn a_file_cut_short_anywhere_is_detected_as_damage() {
        let bytes = encode_state(&some_state()).unwrap();

        for length in 0..bytes.len() {
            assert!(
                matches!(decode_state(&bytes[..length]), Err(FileProblem::Damaged(_))),
                "a file cut to {length} bytes went unnoticed"
            );
        }
    }

    #[test]
    fn a_file_of_another_format_is_reported_as_such_not_as_damage() {
        let mut state = some_state();
        state.version = STATE_VERSION + 1;

        let bytes = encode_state(&state).unwrap();

        assert_eq!(
            decode_state(&bytes).map(|_| ()),
            Err(FileProblem::OtherVersion(STATE_VERSION + 1))
        );
    }

    #[test]
    fn a_version_1_file_without_a_checksum_is_still_read() {
        let mut state = some_state();
        state.version = UNCHECKED_VERSION;
        let bytes = anchor_lang::prelude::borsh::to_vec(&state).unwrap();

        let read = decode_state(&bytes).unwrap();

        assert_eq!((read.version, read.slot), (STATE_VERSION, 7));
    }
}
