//! Distributions: proposing a batch of shares as one vote, checking a list against a proposal,
//! claiming a share (anyone may send it; the tokens go only to the leaf's wallet), closing.

use super::distribution_list::{self, Difference, ShareList};
use super::*;
use ampled::utils::merkle::Hash;

impl<C: Chain> Client<C> {
    pub async fn distribution(&mut self, address: &Pubkey) -> Result<Distribution> {
        read::fetch(&mut self.chain, address).await?.ok_or_else(|| {
            ClientError::Missing(Missing::Record {
                kind: "distribution",
                address: address.to_string(),
            })
        })
    }

    /// Proposes `list` as one distribution. Checks what the program will: the signer is an
    /// active member, the terms are valid, and the total fits under the supply cap's room and
    /// the issuance cap (it is reserved in full when the proposal executes).
    pub async fn propose_distribution(
        &mut self,
        community: &CommunityView,
        list: &ShareList,
        uri: &str,
        reason: &str,
        claim_until: i64,
    ) -> Result<Outcome> {
        let terms = list.terms(uri, reason, claim_until);
        self.propose(community, ProposalAction::Distribute { terms })
            .await
    }

    /// The terms a proposal carries, when it proposes a distribution.
    pub async fn distribution_terms(&mut self, proposal: &Pubkey) -> Result<DistributionTerms> {
        match self.proposal(proposal).await?.action {
            ProposalAction::Distribute { terms } => Ok(terms),
            _ => Err(ClientError::refused(format!(
                "Proposal {proposal} does not propose a distribution"
            ))),
        }
    }

    /// How `list` (whose file's sha256 is `file_hash`) differs from what `proposal` carries:
    /// nothing when it is the very list members vote on.
    pub async fn verify_distribution(
        &mut self,
        community: &CommunityView,
        proposal: &Pubkey,
        list: &ShareList,
        file_hash: Option<Hash>,
    ) -> Result<Vec<Difference>> {
        let terms = self.distribution_terms(proposal).await?;
        let mut differences = distribution_list::compare(&terms, list, community.decimals);
        // A canonical file is hashed as it is: a byte changed anywhere is a different list.
        if let Some(hash) = file_hash {
            if hash != terms.list_hash
                && !differences.iter().any(|d| d.what == "sha256 of the list")
            {
                differences.push(Difference {
                    what: "sha256 of the file",
                    proposal: read::views::hex(&terms.list_hash),
                    file: read::views::hex(&hash),
                });
            }
        }
        Ok(differences)
    }

    /// Claims `wallet`'s share of `distribution`, found in the canonical list `list_bytes`. The
    /// signer pays the fee; the tokens go only to `wallet`.
    pub async fn claim_share(
        &mut self,
        community: &CommunityView,
        distribution: &Pubkey,
        list_bytes: &[u8],
        wallet: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.distribution(distribution).await?;
        if distribution_list::sha256(list_bytes) != state.terms.list_hash {
            return Err(ClientError::refused(format!(
                "This list is not the one the members approved: its sha256 is {}, the distribution's is {}; get the list published at {}",
                read::views::hex(&distribution_list::sha256(list_bytes)),
                read::views::hex(&state.terms.list_hash),
                state.terms.uri
            )));
        }
        let rows = distribution_list::read_list(
            list_bytes,
            &distribution_list::SourceOptions {
                decimals: community.decimals,
                rate: None,
                resolve: &crate::wallet::parse_address,
            },
            &mut |_, _| {},
        )?;
        let list = ShareList::from_rows(&rows);
        let Some(index) = list.index_of(wallet) else {
            return Err(ClientError::refused(format!(
                "{wallet} has no share in this distribution"
            )));
        };
        let amount = list.shares()[index].1;
        let index = index as u32;
        let now = self.chain.now().await?;
        if state.is_claimed(index) {
            return Err(ClientError::refused(format!(
                "The share of {wallet} ({} AMPLED) is already claimed",
                community.amount(amount)
            )));
        }
        let proof = list.proof(index as usize).unwrap_or_default();
        precheck(state.clone().claim(index, wallet, amount, &proof, now))?;
        let claim = ix::claim_share(
            &community.address,
            &community.mint(),
            distribution,
            wallet,
            &self.wallet(),
            index,
            amount,
            proof,
        );
        self.send(&[claim], None).await
    }

    /// Closes a distribution whose claims are over: unclaimed shares are released under the
    /// caps and its rent returns to whoever executed it.
    pub async fn close_distribution(
        &mut self,
        community: &CommunityView,
        distribution: &Pubkey,
    ) -> Result<Outcome> {
        let state = self.distribution(distribution).await?;
        let now = self.chain.now().await?;
        if now < state.terms.claim_until && state.claimed_count < state.terms.recipients {
            return precheck(Err(anchor_lang::error!(
                ampled::errors::AmpledError::ClaimsStillOpen
            )));
        }
        let close = ix::close_distribution(&community.address, distribution, &state.rent_payer);
        self.send(&[close], None).await
    }
}
