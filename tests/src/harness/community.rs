//! Founding a co-op: `create_community`, and the fixtures built on it.

use crate::*;
use ampled::instructions::{CreateCommunityArgs, Founder};
use ampled::state::*;
use solana_instruction::Instruction;
use solana_signer::Signer;

impl Chain {
    /// Sends `create_community` for `args` as a client builds it (the founders' membership
    /// records appended in order), paid by the chain's payer.
    pub async fn create_community(
        &mut self,
        args: &CreateCommunityArgs,
    ) -> Result<Emitted, Failure> {
        self.create_community_with(args, |_| {}).await
    }

    /// `create_community` after `tamper` changed the instruction: the founders' records are
    /// trailing accounts, so the whole list is open to it.
    pub async fn create_community_with(
        &mut self,
        args: &CreateCommunityArgs,
        tamper: impl FnOnce(&mut Instruction),
    ) -> Result<Emitted, Failure> {
        let create = ix::create_community(&self.payer().pubkey(), args);
        self.send_tampered(create, &[], tamper).await
    }

    /// A community named `name` whose founders are `members` new funded wallets, all workers.
    pub async fn community_named(
        &mut self,
        name: &str,
        members: usize,
        rules: CommunityRules,
    ) -> CommunityFixture {
        let mut keys = Vec::with_capacity(members);
        for _ in 0..members {
            keys.push(self.wallet().await);
        }
        let founders = keys
            .iter()
            .map(|k| Founder {
                wallet: k.pubkey(),
                role: MemberRole::Worker,
            })
            .collect();
        let args = CreateCommunityArgs {
            name: name.to_string(),
            decimals: DECIMALS,
            token: token_metadata(),
            rules,
            founders,
        };
        self.create_community(&args)
            .await
            .expect("create community");
        let address = ix::community_address(name);
        let community: Community = self.account(&address).await;
        CommunityFixture {
            name: name.to_string(),
            address,
            mint: community.mint,
            treasury: community.treasury,
            members: keys,
        }
    }

    /// A community of `members` founders under the default rules.
    pub async fn community(&mut self, members: usize) -> CommunityFixture {
        self.community_named("ampled", members, default_rules())
            .await
    }
}
