//! The embedded chain's state on disk: its accounts, slot, clock and transaction records in one
//! checksummed file, written whole and atomically, with the previous generation kept beside it.
//! Both the one-shot embedded chain and the `ampled serve` node keep their chain here.

use crate::chain::RecordedInstruction;
use crate::error::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, AnchorSerialize};
use sha2::{Digest, Sha256};
use solana_account::Account;
use solana_program_test::{processor, ProgramTest, ProgramTestContext};
use std::io::Write;
use std::path::{Path, PathBuf};

const STATE_FILE: &str = "chain.bin";
/// The generation before the last save, kept so a damaged file can be recovered by hand.
const PREVIOUS_FILE: &str = "chain.bin.prev";
/// Bumped whenever the file's layout changes, so an old file is reported rather than misread.
/// 3: what a node keeps for JSON-RPC clients (whole transactions with their status, the genesis
/// hash); 2: the state behind a magic number and a SHA-256 checksum (1 was the bare state).
const STATE_VERSION: u32 = 3;
/// Version 2 had no node state; it is still read, and saved as version 3.
const WITHOUT_NODE_STATE: u32 = 2;
/// Files of version 1 carried no checksum either; they are still read too.
const UNCHECKED_VERSION: u32 = 1;
/// How a chain file starts: `MAGIC`, the SHA-256 of the rest, then the borsh-encoded state
/// (whose first field is its version).
const MAGIC: &[u8; 8] = b"AMPLEDCH";
/// What a node committed since the last whole save: one checksummed entry per transaction,
/// appended as it is confirmed and replayed over `chain.bin` when the chain is opened.
const JOURNAL_FILE: &str = "chain.journal";
/// Each journal entry: its body's length (u32, little-endian), the SHA-256 of the body, the body.
const JOURNAL_HEADER_LEN: usize = 4 + 32;
/// After this many entries the node saves the chain whole and starts an empty journal.
pub(crate) const COMPACT_AFTER: usize = 2_048;
const CHECKSUM_LEN: usize = 32;
const SYSVAR_OWNER: Pubkey = solana_sdk_ids::sysvar::ID;

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub(crate) struct StoredAccount {
    pub(crate) lamports: u64,
    pub(crate) owner: Pubkey,
    pub(crate) data: Vec<u8>,
    pub(crate) rent_epoch: u64,
}

impl StoredAccount {
    pub(crate) fn to_account(&self) -> Account {
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
pub(crate) struct StoredTx {
    pub(crate) signature: String,
    pub(crate) slot: u64,
    pub(crate) time: i64,
    pub(crate) instructions: Vec<RecordedInstruction>,
    pub(crate) events: Vec<Vec<u8>>,
}

/// A transaction as a node returns it to JSON-RPC clients (`getTransaction`,
/// `getSignatureStatuses`): the whole wire transaction, and what executing it did. Refused
/// transactions that were committed (sent without preflight) are kept here too, never in the
/// ledger's `transactions`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub(crate) struct TxDetail {
    pub(crate) signature: String,
    pub(crate) slot: u64,
    pub(crate) time: i64,
    /// The transaction as sent (bincode of a `VersionedTransaction`).
    pub(crate) wire: Vec<u8>,
    pub(crate) fee: u64,
    /// Why it failed (bincode of a `TransactionError`), if it did.
    pub(crate) error: Option<Vec<u8>>,
    pub(crate) logs: Vec<String>,
    pub(crate) units: u64,
    pub(crate) inner: Vec<StoredInnerInstructions>,
    pub(crate) pre_balances: Vec<u64>,
    pub(crate) post_balances: Vec<u64>,
}

/// The instructions one top-level instruction invoked (events among them).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub(crate) struct StoredInnerInstructions {
    pub(crate) index: u8,
    pub(crate) instructions: Vec<StoredInner>,
}

impl StoredInnerInstructions {
    /// The SVM's record (one group per top-level instruction, empty ones included), as kept.
    pub(crate) fn from_groups(
        groups: Vec<Vec<solana_message::inner_instruction::InnerInstruction>>,
    ) -> Vec<Self> {
        groups
            .into_iter()
            .enumerate()
            .filter(|(_, group)| !group.is_empty())
            .map(|(index, group)| Self {
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
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub(crate) struct StoredInner {
    pub(crate) program_id_index: u8,
    pub(crate) accounts: Vec<u8>,
    pub(crate) data: Vec<u8>,
    pub(crate) stack_height: Option<u32>,
}

/// What only a node needs: a genesis hash that stays the same across restarts (each start builds
/// a new bank, whose own genesis differs), and its clients' view of every transaction.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub(crate) struct NodeState {
    pub(crate) genesis_hash: [u8; 32],
    pub(crate) details: Vec<TxDetail>,
}

/// Version 2's layout, read to be carried forward.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
struct StateWithoutNode {
    version: u32,
    slot: u64,
    clock_offset: i64,
    last_time: i64,
    accounts: Vec<(Pubkey, StoredAccount)>,
    transactions: Vec<StoredTx>,
}

impl From<StateWithoutNode> for State {
    fn from(old: StateWithoutNode) -> Self {
        Self {
            version: STATE_VERSION,
            slot: old.slot,
            clock_offset: old.clock_offset,
            last_time: old.last_time,
            accounts: old.accounts,
            transactions: old.transactions,
            node: NodeState::default(),
        }
    }
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default)]
pub(crate) struct State {
    pub(crate) version: u32,
    /// Last slot a transaction was tried in; the next one goes to a later slot.
    pub(crate) slot: u64,
    /// Seconds the clock runs ahead of wall time (moved with `advance_clock`).
    pub(crate) clock_offset: i64,
    /// Latest clock value a transaction saw: the clock never goes back, whatever the wall clock does.
    pub(crate) last_time: i64,
    pub(crate) accounts: Vec<(Pubkey, StoredAccount)>,
    pub(crate) transactions: Vec<StoredTx>,
    pub(crate) node: NodeState,
}

/// One confirmed transaction's changes, as the journal records them.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub(crate) struct JournalEntry {
    pub(crate) slot: u64,
    pub(crate) last_time: i64,
    /// Every account the transaction named, as it is now (`None`: closed or never user state).
    pub(crate) accounts: Vec<(Pubkey, Option<StoredAccount>)>,
    /// Its ledger record, when it succeeded.
    pub(crate) ledger: Option<StoredTx>,
    pub(crate) detail: TxDetail,
}

/// The chain's state, open for this process alone.
pub struct ChainStore {
    /// Held while this chain is open: two processes writing at once would each save their own
    /// view, and one's transactions would vanish.
    _lock: std::fs::File,
    pub(crate) dir: PathBuf,
    pub(crate) state: State,
    /// The open journal, once a node appended to it.
    journal: Option<std::fs::File>,
    journal_entries: usize,
}

impl ChainStore {
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
        let mut store = Self {
            _lock: lock,
            dir: dir.to_path_buf(),
            state,
            journal: None,
            journal_entries: 0,
        };
        store.replay_journal()?;
        Ok(store)
    }

    /// Applies what the journal holds over the saved state. An entry cut short or changed (the
    /// node stopped mid-write, before it confirmed that transaction) ends the replay, and the
    /// journal is cut back to the entries before it, so later ones can follow.
    fn replay_journal(&mut self) -> Result<()> {
        let path = self.dir.join(JOURNAL_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(ClientError::Io(format!(
                    "cannot read {}: {e}",
                    path.display()
                )))
            }
        };
        let mut at = 0;
        while let Some((entry, length)) = decode_journal_entry(&bytes[at..]) {
            self.apply(entry);
            at += length;
            self.journal_entries += 1;
        }
        if at < bytes.len() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .and_then(|file| file.set_len(at as u64).map(|()| file));
            file.map_err(|e| ClientError::Io(format!("cannot repair {}: {e}", path.display())))?;
        }
        Ok(())
    }

    /// Applies a confirmed transaction to the state in memory.
    pub(crate) fn apply(&mut self, entry: JournalEntry) {
        self.state.slot = self.state.slot.max(entry.slot);
        self.state.last_time = self.state.last_time.max(entry.last_time);
        for (address, account) in entry.accounts {
            self.store(address, account);
        }
        self.state.transactions.extend(entry.ledger);
        self.state.node.details.push(entry.detail);
    }

    /// Records a confirmed transaction: applied to the state and appended to the journal in one
    /// write, before the node reports it. The write survives the node's process ending at any
    /// moment after it; `sync_journal` makes it survive the machine's too.
    pub(crate) fn commit(&mut self, entry: JournalEntry) -> Result<()> {
        let path = self.dir.join(JOURNAL_FILE);
        let cannot =
            |e: std::io::Error| ClientError::Io(format!("cannot write {}: {e}", path.display()));
        let body = anchor_lang::prelude::borsh::to_vec(&entry)
            .map_err(|e| ClientError::Io(format!("cannot encode a journal entry: {e}")))?;
        let length = u32::try_from(body.len())
            .map_err(|_| ClientError::Io("a journal entry is too large".into()))?;
        let mut record = Vec::with_capacity(JOURNAL_HEADER_LEN + body.len());
        record.extend_from_slice(&length.to_le_bytes());
        record.extend_from_slice(&Sha256::digest(&body));
        record.extend_from_slice(&body);
        if self.journal.is_none() {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(cannot)?;
            self.journal = Some(file);
        }
        let journal = self.journal.as_mut().expect("just opened");
        journal.write_all(&record).map_err(cannot)?;
        self.apply(entry);
        self.journal_entries += 1;
        Ok(())
    }

    /// Flushes the journal to the disk.
    pub(crate) fn sync_journal(&self) -> Result<()> {
        match &self.journal {
            Some(journal) => journal.sync_data().map_err(|e| {
                ClientError::Io(format!(
                    "cannot sync {}: {e}",
                    self.dir.join(JOURNAL_FILE).display()
                ))
            }),
            None => Ok(()),
        }
    }

    /// Entries in the journal since the last whole save.
    pub(crate) fn journal_entries(&self) -> usize {
        self.journal_entries
    }

    /// Writes the state so that a crash at any moment leaves a whole file: the new generation
    /// goes to a temporary file, synced, then renamed over the old one, which is kept as
    /// [`PREVIOUS_FILE`] first.
    pub(crate) fn save(&mut self) -> Result<()> {
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
            .map_err(cannot)?;
        // Everything the journal held is in the file now.
        self.journal = None;
        self.journal_entries = 0;
        match std::fs::remove_file(self.dir.join(JOURNAL_FILE)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(cannot(e)),
            _ => Ok(()),
        }
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

    pub(crate) fn stored(&self, address: &Pubkey) -> Option<&StoredAccount> {
        self.state
            .accounts
            .iter()
            .find(|(key, _)| key == address)
            .map(|(_, account)| account)
    }

    pub(crate) fn store(&mut self, address: Pubkey, account: Option<StoredAccount>) {
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

    pub(crate) fn clock_now(&self) -> i64 {
        (chrono::Utc::now().timestamp() + self.state.clock_offset).max(self.state.last_time)
    }

    /// A bank loaded with every stored account: the program natively, the SPL programs as SBF.
    pub(crate) async fn start_bank(&self) -> ProgramTestContext {
        let mut program = ProgramTest::new(
            "ampled",
            ampled::ID,
            processor!(ampled::native::process_instruction),
        );
        program.prefer_bpf(false);
        for (address, stored) in &self.state.accounts {
            program.add_account(*address, stored.to_account());
        }
        program.start_with_context().await
    }
}

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
            return StateWithoutNode::try_from_slice(bytes)
                .map(State::from)
                .map_err(|e| FileProblem::Damaged(format!("it cannot be read as a chain ({e})")));
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
        Some(WITHOUT_NODE_STATE) => StateWithoutNode::try_from_slice(body)
            .map(State::from)
            .map_err(|e| FileProblem::Damaged(format!("it cannot be read as a chain ({e})"))),
        Some(other) => Err(FileProblem::OtherVersion(other)),
        None => Err(FileProblem::Damaged("it is cut short".into())),
    }
}

/// What the store keeps of an account as a bank holds it: `None` for chain furniture (programs and
/// sysvars come with every bank), `Some(None)` for an account that is gone.
pub(crate) fn stored_form(account: Option<Account>) -> Option<Option<StoredAccount>> {
    match account {
        Some(account) if is_chain_furniture(&account) => None,
        Some(account) if account.lamports > 0 => Some(Some(StoredAccount {
            lamports: account.lamports,
            owner: account.owner,
            data: account.data,
            rent_epoch: account.rent_epoch,
        })),
        _ => Some(None),
    }
}

/// The journal entry at the start of `bytes` and its length, if it is whole and unchanged.
fn decode_journal_entry(bytes: &[u8]) -> Option<(JournalEntry, usize)> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let checksum = bytes.get(4..JOURNAL_HEADER_LEN)?;
    let body = bytes.get(JOURNAL_HEADER_LEN..JOURNAL_HEADER_LEN + length)?;
    if Sha256::digest(body).as_slice() != checksum {
        return None;
    }
    let entry = JournalEntry::try_from_slice(body).ok()?;
    Some((entry, JOURNAL_HEADER_LEN + length))
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

fn is_chain_furniture(account: &Account) -> bool {
    // Programs and sysvars come with every bank; only user state is stored.
    account.executable || account.owner == SYSVAR_OWNER
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
            node: NodeState::default(),
        }
    }

    /// `some_state` as version 2 wrote it, before nodes kept their own state.
    fn some_state_without_node(version: u32) -> StateWithoutNode {
        let state = some_state();
        StateWithoutNode {
            version,
            slot: state.slot,
            clock_offset: state.clock_offset,
            last_time: state.last_time,
            accounts: state.accounts,
            transactions: state.transactions,
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
        let state = some_state_without_node(UNCHECKED_VERSION);
        let bytes = anchor_lang::prelude::borsh::to_vec(&state).unwrap();

        let read = decode_state(&bytes).unwrap();

        assert_eq!((read.version, read.slot), (STATE_VERSION, 7));
    }

    #[test]
    fn a_version_2_file_is_read_and_carried_forward_with_an_empty_node_state() {
        let body =
            anchor_lang::prelude::borsh::to_vec(&some_state_without_node(WITHOUT_NODE_STATE))
                .unwrap();
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&Sha256::digest(&body));
        bytes.extend_from_slice(&body);

        let read = decode_state(&bytes).unwrap();

        assert_eq!((read.version, read.slot), (STATE_VERSION, 7));
        assert_eq!(read.accounts.len(), 1);
        assert!(read.node.details.is_empty());
    }

    fn entry(n: u8) -> JournalEntry {
        JournalEntry {
            slot: 10 + u64::from(n),
            last_time: 1_800_000_000 + i64::from(n),
            accounts: vec![(
                Pubkey::new_from_array([n; 32]),
                Some(StoredAccount {
                    lamports: 100 * u64::from(n),
                    owner: anchor_lang::system_program::ID,
                    data: Vec::new(),
                    rent_epoch: 0,
                }),
            )],
            ledger: None,
            detail: TxDetail {
                signature: format!("signature-{n}"),
                slot: 10 + u64::from(n),
                time: 0,
                wire: vec![n; 8],
                fee: 5_000,
                error: None,
                logs: Vec::new(),
                units: 0,
                inner: Vec::new(),
                pre_balances: Vec::new(),
                post_balances: Vec::new(),
            },
        }
    }

    fn committed(dir: &Path, entries: std::ops::RangeInclusive<u8>) {
        let mut store = ChainStore::open(dir).unwrap();
        for n in entries {
            store.commit(entry(n)).unwrap();
        }
        // Dropped without a whole save: as if the node's process ended here.
    }

    #[test]
    fn what_a_node_committed_is_there_when_the_chain_is_next_opened() {
        let dir = tempfile::tempdir().unwrap();
        committed(dir.path(), 1..=3);

        let store = ChainStore::open(dir.path()).unwrap();

        assert_eq!(store.state.node.details.len(), 3);
        assert_eq!(store.state.slot, 13);
        assert_eq!(
            store
                .stored(&Pubkey::new_from_array([2; 32]))
                .map(|a| a.lamports),
            Some(200)
        );
    }

    #[test]
    fn an_entry_cut_short_by_a_crash_is_dropped_and_later_entries_follow_the_whole_ones() {
        let dir = tempfile::tempdir().unwrap();
        committed(dir.path(), 1..=2);
        let journal = dir.path().join(JOURNAL_FILE);
        let whole = std::fs::metadata(&journal).unwrap().len();
        committed(dir.path(), 3..=3);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&journal)
            .unwrap();
        file.set_len(whole + 10).unwrap();

        committed(dir.path(), 4..=4);
        let store = ChainStore::open(dir.path()).unwrap();

        let signatures: Vec<&str> = store
            .state
            .node
            .details
            .iter()
            .map(|d| d.signature.as_str())
            .collect();
        assert_eq!(signatures, ["signature-1", "signature-2", "signature-4"]);
    }

    #[test]
    fn a_whole_save_takes_in_the_journal_and_empties_it() {
        let dir = tempfile::tempdir().unwrap();
        committed(dir.path(), 1..=2);
        let mut store = ChainStore::open(dir.path()).unwrap();

        store.save().unwrap();
        drop(store);

        assert!(!dir.path().join(JOURNAL_FILE).exists());
        assert_eq!(
            ChainStore::open(dir.path())
                .unwrap()
                .state
                .node
                .details
                .len(),
            2
        );
    }
}
