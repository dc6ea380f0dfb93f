//! Every user's flow as one call: it reads what it needs, checks everything the program would
//! check that can be known beforehand (so bad input is refused before anything is sent), builds
//! the instructions and sends them. The command line and the demo are thin layers over this.
//!
//! One module per capability, as in the program.

mod bounties;
mod closing;
mod commissary;
mod community;
mod directory;
pub mod distribution_list;
mod distributions;
mod governance;
mod tokens;

pub use closing::*;
pub use community::{default_symbol, default_token_metadata};
pub use directory::{
    active_wallets, listing_in_memo, listing_memo, shown_listings, DirectoryQuery,
};
pub use governance::{RulesChange, TokenMetadataChange};

use crate::chain::{Chain, TxRecord};
use crate::error::{ClientError, Missing, Result};
use crate::events::Event;
use crate::ix;
use crate::read::{self, CommunityView};
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token_2022::spl_token_2022;
use solana_instruction::{AccountMeta, Instruction};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The SPL Memo program (v2), which the bank and every cluster carry.
pub const MEMO_PROGRAM_ID: Pubkey =
    anchor_lang::pubkey!("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
/// Longest memo accepted: it must fit in one transaction with the transfer.
pub const MAX_MEMO_LEN: usize = 500;

/// What a sent transaction did.
pub struct Outcome {
    pub signature: String,
    pub events: Vec<Event>,
    /// The record it created (proposal, bounty, auction), if any.
    pub created: Option<Pubkey>,
}

impl Outcome {
    fn from_record(record: TxRecord, created: Option<Pubkey>) -> Self {
        Self {
            signature: record.signature,
            events: record
                .events
                .iter()
                .filter_map(|e| Event::decode(e))
                .collect(),
            created,
        }
    }
}

/// A program rule checked before sending, turned into the same words the program would use.
pub fn precheck<T>(rule: anchor_lang::Result<T>) -> Result<T> {
    rule.map_err(|error| match error {
        anchor_lang::error::Error::AnchorError(e) => ClientError::Rule {
            code: e.error_code_number,
            name: e.error_name.clone(),
            message: e.error_msg.clone(),
        },
        anchor_lang::error::Error::ProgramError(e) => ClientError::Refused(e.to_string()),
    })
}

/// A chain and the wallet that signs and pays.
pub struct Client<C: Chain> {
    pub chain: C,
    pub signer: Keypair,
}

impl<C: Chain> Client<C> {
    pub fn new(chain: C, signer: Keypair) -> Self {
        Self { chain, signer }
    }

    pub fn wallet(&self) -> Pubkey {
        self.signer.pubkey()
    }

    /// Refuses, before anything is sent, paying or admitting an address that is not a person's
    /// wallet: a program's or sysvar's address, a program, a token account or mint, any account
    /// of a program other than the System program, or an address no key controls. Whatever is
    /// sent there could never move again.
    pub async fn require_payable_wallet(&mut self, address: &Pubkey) -> Result<()> {
        let account = self.chain.account(address).await?;
        match crate::wallet::not_a_wallet(address, account.as_ref()) {
            Some(reason) => Err(ClientError::refused(reason.refusal(address))),
            None => Ok(()),
        }
    }

    pub(crate) async fn send(
        &mut self,
        instructions: &[Instruction],
        created: Option<Pubkey>,
    ) -> Result<Outcome> {
        self.require_fee_money().await?;
        let record = self.chain.send(instructions, &self.signer, &[]).await?;
        Ok(Outcome::from_record(record, created))
    }

    pub(crate) async fn require_fee_money(&mut self) -> Result<()> {
        let wallet = self.wallet();
        let lamports = read::sol_balance(&mut self.chain, &wallet).await?;
        if lamports < 10_000 {
            return Err(ClientError::Missing(Missing::FeeMoney {
                wallet: wallet.to_string(),
                embedded: self.chain.is_embedded(),
            }));
        }
        Ok(())
    }

    pub async fn community(&mut self, name: &str) -> Result<CommunityView> {
        read::community(&mut self.chain, name).await
    }

    /// The signer's membership, which must be active.
    pub(crate) async fn active_member(&mut self, community: &CommunityView) -> Result<Member> {
        let wallet = self.wallet();
        match read::member(&mut self.chain, community, &wallet).await? {
            Some(member) if member.is_active() => Ok(member),
            found => Err(ClientError::Missing(Missing::Membership {
                wallet: wallet.to_string(),
                community: community.name().to_string(),
                removed: found.is_some(),
            })),
        }
    }

    pub(crate) async fn require_tokens(
        &mut self,
        community: &CommunityView,
        amount: u64,
    ) -> Result<()> {
        let wallet = self.wallet();
        let balance = read::wallet_balance(&mut self.chain, community, &wallet).await?;
        if balance < amount {
            return Err(ClientError::refused(format!(
                "You hold {} AMPLED but this needs {}",
                community.amount(balance),
                community.amount(amount)
            )));
        }
        Ok(())
    }
}
