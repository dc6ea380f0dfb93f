use crate::*;
use ampled::state::{DistributionTerms, ProposalAction};
use ampled::utils::merkle::{self, Hash};
use anchor_lang::prelude::Pubkey;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Where the fixtures' lists are said to be published.
pub const LIST_URI: &str = "https://ampled.com/distributions/time-bank.csv";

/// A distribution's list as its proposer builds it: every share in order, and the tree over them.
pub struct ShareList {
    pub shares: Vec<(Pubkey, u64)>,
    leaves: Vec<Hash>,
}

impl ShareList {
    pub fn new(shares: Vec<(Pubkey, u64)>) -> Self {
        let leaves = shares
            .iter()
            .enumerate()
            .map(|(i, (wallet, amount))| merkle::leaf_hash(i as u32, wallet, *amount))
            .collect();
        Self { shares, leaves }
    }

    /// `count` new wallets, the share at index `i` being `base + i`.
    pub fn of_new_wallets(count: u32, base: u64) -> Self {
        Self::new(
            (0..count)
                .map(|i| (Keypair::new().pubkey(), base + u64::from(i)))
                .collect(),
        )
    }

    pub fn root(&self) -> Hash {
        merkle::root(&self.leaves).expect("a list has shares")
    }

    pub fn proof(&self, index: usize) -> Vec<Hash> {
        merkle::proof(&self.leaves, index).expect("an index in the list")
    }

    pub fn total(&self) -> u64 {
        self.shares.iter().map(|(_, amount)| amount).sum()
    }

    pub fn terms(&self, claim_until: i64) -> DistributionTerms {
        DistributionTerms {
            root: self.root(),
            recipients: self.shares.len() as u32,
            total: self.total(),
            list_hash: [7; 32],
            uri: LIST_URI.into(),
            claim_until,
            reason: "the old time bank".into(),
        }
    }
}

impl Chain {
    /// Proposes `terms`, has every founder approve, and executes it: the distribution's address.
    pub async fn open_distribution(
        &mut self,
        community: &CommunityFixture,
        terms: DistributionTerms,
    ) -> Result<Pubkey, Failure> {
        let approvers: Vec<usize> = (0..community.members.len()).collect();
        let proposal = self
            .passed_proposal(community, ProposalAction::Distribute { terms }, &approvers)
            .await;
        self.execute(community, &proposal).await?;
        Ok(ix::distribution_address(&proposal))
    }

    /// `sender` claims the share at `index` of `list`, with its honest proof.
    pub async fn claim_share(
        &mut self,
        community: &CommunityFixture,
        distribution: &Pubkey,
        list: &ShareList,
        index: usize,
        sender: &Keypair,
    ) -> Result<Emitted, Failure> {
        let (wallet, amount) = list.shares[index];
        self.claim_share_with(
            community,
            distribution,
            &wallet,
            index as u32,
            amount,
            list.proof(index),
            sender,
        )
        .await
    }

    /// `sender` claims whatever it says: any wallet, index, amount and proof.
    #[allow(clippy::too_many_arguments)]
    pub async fn claim_share_with(
        &mut self,
        community: &CommunityFixture,
        distribution: &Pubkey,
        wallet: &Pubkey,
        index: u32,
        amount: u64,
        proof: Vec<Hash>,
        sender: &Keypair,
    ) -> Result<Emitted, Failure> {
        let claim = ix::claim_share(
            &community.address,
            &community.mint,
            distribution,
            wallet,
            &sender.pubkey(),
            index,
            amount,
            proof,
        );
        self.send(&[claim], &[sender]).await
    }

    pub async fn close_distribution(
        &mut self,
        community: &CommunityFixture,
        distribution: &Pubkey,
    ) -> Result<Emitted, Failure> {
        let stored: ampled::state::Distribution = self.account(distribution).await;
        let close = ix::close_distribution(&community.address, distribution, &stored.rent_payer);
        self.send(&[close], &[]).await
    }
}
