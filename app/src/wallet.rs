//! Wallets as keypair files in the Solana CLI's format, named for people: `alice` is
//! `<home>/wallets/alice.json`. A wallet can also be any keypair file path, and any recipient a
//! plain address.

use crate::error::{ClientError, Result};
use anchor_lang::prelude::Pubkey;
use solana_keypair::{read_keypair_file, write_keypair_file, Keypair};
use solana_signer::Signer;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub struct Wallets {
    dir: PathBuf,
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Wallets {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
        }
    }

    fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Creates the keypair file of a new wallet called `name`.
    pub fn create(&self, name: &str) -> Result<Keypair> {
        if !valid_name(name) {
            return Err(ClientError::refused(format!(
                "\"{name}\" cannot name a wallet: use up to 32 letters, digits, - or _"
            )));
        }
        let path = self.path_of(name);
        if path.exists() {
            return Err(ClientError::refused(format!(
                "A wallet named \"{name}\" already exists ({}); pick another name",
                path.display()
            )));
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| ClientError::Io(format!("cannot create {}: {e}", self.dir.display())))?;
        let keypair = Keypair::new();
        write_keypair_file(&keypair, &path)
            .map_err(|e| ClientError::Io(format!("cannot write {}: {e}", path.display())))?;
        Ok(keypair)
    }

    /// The keypair named `name_or_path`: a wallet of this home, or a keypair file.
    pub fn load(&self, name_or_path: &str) -> Result<Keypair> {
        let named = self.path_of(name_or_path);
        let path = if valid_name(name_or_path) && named.exists() {
            named
        } else {
            PathBuf::from(shellexpand_home(name_or_path))
        };
        if !path.exists() {
            return Err(ClientError::refused(format!(
                "No wallet \"{name_or_path}\": create it with `ampled wallet new {name_or_path}`, or pass a keypair file with -k"
            )));
        }
        read_keypair_file(&path).map_err(|e| {
            ClientError::refused(format!("{} is not a keypair file: {e}", path.display()))
        })
    }

    /// Every named wallet of this home, by name.
    pub fn list(&self) -> Vec<(String, Pubkey)> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut wallets: Vec<(String, Pubkey)> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_stem()?.to_str()?.to_string();
                (path.extension()? == "json").then_some(())?;
                let keypair = read_keypair_file(&path).ok()?;
                Some((name, keypair.pubkey()))
            })
            .collect();
        wallets.sort();
        wallets
    }

    /// A wallet's address from its name, or an address as written.
    pub fn address(&self, name_or_address: &str) -> Result<Pubkey> {
        if let Some((_, address)) = self.list().into_iter().find(|(n, _)| n == name_or_address) {
            return Ok(address);
        }
        Pubkey::from_str(name_or_address).map_err(|_| {
            ClientError::refused(format!(
                "\"{name_or_address}\" is neither a wallet of yours nor an address: check the spelling, see `ampled wallet list`, or paste the full address"
            ))
        })
    }

    /// Names of known wallets, to label addresses in listings.
    pub fn labeller(&self) -> impl Fn(&Pubkey) -> String {
        let known = self.list();
        move |address: &Pubkey| {
            known
                .iter()
                .find(|(_, a)| a == address)
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| address.to_string())
        }
    }
}

fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}
