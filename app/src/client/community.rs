//! Founding a co-op.

use super::*;

/// What wallets show for a new community's token unless told otherwise: the name in words
/// ("ampled-coop" becomes "Ampled Coop"), the symbol in capitals without hyphens, at most 10
/// characters ("AMPLEDCOOP"), and no uri (no image) until one is published.
pub fn default_token_metadata(community_name: &str) -> TokenMetadataFields {
    let name = community_name
        .split('-')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    TokenMetadataFields {
        name,
        symbol: default_symbol(community_name),
        uri: String::new(),
    }
}

/// The community's name in capitals without hyphens, at most 10 characters.
pub fn default_symbol(community_name: &str) -> String {
    community_name
        .chars()
        .filter(|c| *c != '-')
        .flat_map(char::to_uppercase)
        .take(ampled::state::MAX_TOKEN_SYMBOL_LEN)
        .collect()
}

impl<C: Chain> Client<C> {
    /// Creates a community whose founders are `founders`, its token shown in wallets as `token`
    /// says; the signer pays the rent.
    pub async fn create_community(
        &mut self,
        name: &str,
        decimals: u8,
        token: TokenMetadataFields,
        rules: CommunityRules,
        founders: Vec<(Pubkey, MemberRole)>,
    ) -> Result<Outcome> {
        let args = CreateCommunityArgs {
            name: name.to_string(),
            decimals,
            token,
            rules,
            founders: founders
                .into_iter()
                .map(|(wallet, role)| Founder { wallet, role })
                .collect(),
        };
        // Said more precisely than the program can, then every rule of the program's own.
        if args.founders.is_empty() {
            return Err(ClientError::Missing(Missing::Founders));
        }
        for (i, founder) in args.founders.iter().enumerate() {
            self.require_payable_wallet(&founder.wallet).await?;
            if args.founders[..i]
                .iter()
                .any(|f| f.wallet == founder.wallet)
            {
                return Err(ClientError::refused(format!(
                    "{} is listed twice as a founder; name each founder once",
                    founder.wallet
                )));
            }
        }
        let founders = args.founders.len();
        if usize::try_from(rules.min_approvals).is_ok_and(|needed| needed > founders) {
            return Err(ClientError::refused(format!(
                "A minimum of {} approvals is more than the {founders} founder(s) can give: proposals could never pass",
                rules.min_approvals
            )));
        }
        precheck(args.validate())?;
        let address = ix::community_address(name);
        if self.chain.account(&address).await?.is_some() {
            return Err(ClientError::refused(format!(
                "A community named \"{name}\" already exists; pick another name"
            )));
        }
        let create = ix::create_community(&self.wallet(), &args);
        self.send(&[create], Some(address)).await
    }
}
