//! Where a cluster and a keypair come from, as the `solana` and `spl-token` command lines read
//! them: a URL or moniker, and the Solana CLI's `config.yml`.

use crate::error::{ClientError, Result};
use std::path::{Path, PathBuf};

/// The cluster a moniker names (`m`, `d`, `t`, `l` or their long forms); any other value is taken
/// as an RPC URL.
pub fn resolve_url(url_or_moniker: &str) -> String {
    match url_or_moniker {
        "m" | "mainnet-beta" | "mainnet" => "https://api.mainnet-beta.solana.com".into(),
        "d" | "devnet" => "https://api.devnet.solana.com".into(),
        "t" | "testnet" => "https://api.testnet.solana.com".into(),
        "l" | "localhost" | "localnet" => "http://localhost:8899".into(),
        url => url.into(),
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `~/.config/solana/cli/config.yml`, the Solana CLI's default config file.
pub fn default_config_path() -> PathBuf {
    home().join(".config/solana/cli/config.yml")
}

/// `~/.config/solana/id.json`, the Solana CLI's default keypair.
pub fn default_keypair_path() -> PathBuf {
    home().join(".config/solana/id.json")
}

/// The settings of a Solana CLI config file this client uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SolanaConfig {
    pub json_rpc_url: Option<String>,
    pub keypair_path: Option<String>,
}

impl SolanaConfig {
    /// Reads `path`; a missing file at the default location is an empty config.
    pub fn load(path: &Path, explicit: bool) -> Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Self::parse(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Self::default()),
            Err(e) => Err(ClientError::refused(format!(
                "cannot read the Solana config {}: {e}",
                path.display()
            ))),
        }
    }

    /// The file is flat YAML written by `solana config set`: `key: value` lines, values
    /// optionally quoted.
    pub fn parse(text: &str) -> Self {
        let mut config = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_string();
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "json_rpc_url" => config.json_rpc_url = Some(value),
                "keypair_path" => config.keypair_path = Some(value),
                _ => {}
            }
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monikers_name_the_public_clusters_and_anything_else_is_a_url() {
        assert_eq!(resolve_url("d"), "https://api.devnet.solana.com");
        assert_eq!(resolve_url("m"), "https://api.mainnet-beta.solana.com");
        assert_eq!(resolve_url("t"), "https://api.testnet.solana.com");
        assert_eq!(resolve_url("l"), "http://localhost:8899");
        assert_eq!(
            resolve_url("https://rpc.example.org"),
            "https://rpc.example.org"
        );
    }

    #[test]
    fn solana_cli_config_yields_its_url_and_keypair() {
        let text = "---\njson_rpc_url: \"https://api.devnet.solana.com\"\nwebsocket_url: \"\"\nkeypair_path: /home/ana/.config/solana/id.json\ncommitment: confirmed\n";
        let config = SolanaConfig::parse(text);
        assert_eq!(
            config.json_rpc_url.as_deref(),
            Some("https://api.devnet.solana.com")
        );
        assert_eq!(
            config.keypair_path.as_deref(),
            Some("/home/ana/.config/solana/id.json")
        );
    }
}
