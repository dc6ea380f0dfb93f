//! What every command needs: the home directory, the chain, the signing wallet, the community,
//! and how to print.

use ampled_client::chain::config::{
    default_config_path, default_keypair_path, resolve_url, SolanaConfig,
};
use ampled_client::chain::{AnyChain, Chain, EmbeddedChain, RpcChain};
use ampled_client::read::{self, CommunityView};
use ampled_client::wallet::Wallets;
use ampled_client::{Client, ClientError, Result};
use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};
use solana_keypair::Keypair;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    /// `-q`: only the address of the record a command created (see `print::quiet_outcome`).
    #[value(skip)]
    Quiet,
}

/// Choices remembered in `<home>/settings.json` between commands.
#[derive(Default, Serialize, Deserialize)]
pub struct Settings {
    pub community: Option<String>,
    pub wallet: Option<String>,
}

pub struct Context {
    pub home: PathBuf,
    pub wallets: Wallets,
    pub chain: AnyChain,
    pub settings: Settings,
    pub keypair: Option<String>,
    pub community: Option<String>,
    pub output: OutputFormat,
}

pub struct Global {
    pub url: Option<String>,
    pub keypair: Option<String>,
    pub config: Option<PathBuf>,
    pub home: Option<PathBuf>,
    pub community: Option<String>,
    pub output: OutputFormat,
    pub verbose: bool,
}

pub fn default_home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
        .join(".ampled")
}

impl Context {
    pub fn open(global: Global) -> Result<Self> {
        let home = global.home.unwrap_or_else(default_home);
        let settings: Settings = std::fs::read_to_string(home.join("settings.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let explicit_config = global.config.is_some();
        let config_path = global.config.unwrap_or_else(default_config_path);
        let (chain, keypair) = match (global.url, explicit_config) {
            (None, false) => match ampled_client::node::NodeAddress::of(&home.join("chain")) {
                // While `ampled serve` keeps this chain, every command goes through it.
                Some(node) => (AnyChain::Rpc(RpcChain::new(&node.url)), global.keypair),
                None => {
                    let chain =
                        EmbeddedChain::open(&home.join("chain"))?.capture_program_output(true);
                    (AnyChain::Embedded(Box::new(chain)), global.keypair)
                }
            },
            (url, _) => {
                let config = SolanaConfig::load(&config_path, explicit_config)?;
                let url = url
                    .or(config.json_rpc_url)
                    .unwrap_or_else(|| "https://api.mainnet-beta.solana.com".into());
                let keypair = global
                    .keypair
                    .or(config.keypair_path)
                    .or_else(|| Some(default_keypair_path().to_string_lossy().into_owned()));
                (AnyChain::Rpc(RpcChain::new(&resolve_url(&url))), keypair)
            }
        };
        Ok(Self {
            wallets: Wallets::new(&home.join("wallets")),
            home,
            chain,
            keypair,
            community: global.community,
            settings,
            output: global.output,
        })
    }

    pub fn json(&self) -> bool {
        self.output == OutputFormat::Json
    }

    pub fn save_settings(&self) -> Result<()> {
        std::fs::create_dir_all(&self.home)
            .and_then(|()| {
                std::fs::write(
                    self.home.join("settings.json"),
                    serde_json::to_string_pretty(&self.settings).unwrap_or_default(),
                )
            })
            .map_err(|e| {
                ClientError::Io(format!(
                    "cannot save settings in {}: {e}",
                    self.home.display()
                ))
            })
    }

    /// The wallet that signs: `-k`, else the one chosen with `ampled wallet use`.
    pub fn signer(&self) -> Result<Keypair> {
        let chosen = self
            .keypair
            .clone()
            .or_else(|| self.settings.wallet.clone());
        match chosen {
            Some(name_or_path) => self.wallets.load(&name_or_path),
            None => Err(ClientError::refused(
                "Which wallet signs? Pass -k <wallet name or keypair file>, or choose one with `ampled wallet use <name>` (create one with `ampled wallet new <name>`)",
            )),
        }
    }

    /// The signer's address, for read commands that default to "me".
    pub fn my_address(&self) -> Result<Pubkey> {
        use solana_signer::Signer;
        self.signer().map(|k| k.pubkey())
    }

    pub fn community_name(&self) -> Result<String> {
        self.community
            .clone()
            .or_else(|| self.settings.community.clone())
            .ok_or_else(|| {
                ClientError::refused(
                    "Which community? Pass --community <name>, or choose one with `ampled community use <name>`",
                )
            })
    }

    pub async fn community(&mut self) -> Result<CommunityView> {
        let name = self.community_name()?;
        read::community(&mut self.chain, &name).await
    }

    /// A client signing with the chosen wallet. The chain moves into it and back with `finish`.
    pub fn client(&mut self) -> Result<Client<&mut AnyChain>> {
        let signer = self.signer()?;
        Ok(Client::new(&mut self.chain, signer))
    }

    /// An address from a wallet name or an address.
    pub fn address(&self, name_or_address: &str) -> Result<Pubkey> {
        self.wallets.address(name_or_address)
    }

    pub fn label(&self) -> impl Fn(&Pubkey) -> String {
        self.wallets.labeller()
    }

    pub fn describe_chain(&self) -> String {
        self.chain.describe()
    }
}
