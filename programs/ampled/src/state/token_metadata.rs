use crate::errors::AmpledError;
use anchor_lang::prelude::*;

/// Limits wallets and explorers expect (the same as Metaplex's): longer values get cut or hidden.
pub const MAX_TOKEN_NAME_LEN: usize = 32;
pub const MAX_TOKEN_SYMBOL_LEN: usize = 10;
pub const MAX_TOKEN_URI_LEN: usize = 200;
/// Where wallets can fetch the token's JSON (name, symbol, description, image) from.
pub const TOKEN_URI_SCHEMES: [&str; 3] = ["https://", "ipfs://", "ar://"];

/// What wallets show for the community's token: kept in the mint itself by Token-2022's
/// TokenMetadata extension, written at creation and changed only by an approved proposal.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct TokenMetadataFields {
    /// The token's display name, for example "Ampled".
    pub name: String,
    /// The ticker wallets show beside amounts, for example "AMPLED".
    pub symbol: String,
    /// A JSON document in the shape wallets read (name, symbol, description, image); empty
    /// until the co-op publishes one.
    pub uri: String,
}

impl TokenMetadataFields {
    /// Serialized size, to allocate exactly what a proposal carrying these fields needs.
    pub fn space(&self) -> usize {
        4 + self.name.len() + 4 + self.symbol.len() + 4 + self.uri.len()
    }

    pub fn validate(&self) -> Result<()> {
        require!(
            (1..=MAX_TOKEN_NAME_LEN).contains(&self.name.len())
                && !self.name.chars().any(char::is_control)
                && self.name.trim() == self.name,
            AmpledError::InvalidTokenName
        );
        require!(
            (1..=MAX_TOKEN_SYMBOL_LEN).contains(&self.symbol.len())
                && !self
                    .symbol
                    .chars()
                    .any(|c| c.is_control() || c.is_whitespace()),
            AmpledError::InvalidTokenSymbol
        );
        require!(
            self.uri.is_empty()
                || (self.uri.len() <= MAX_TOKEN_URI_LEN
                    && TOKEN_URI_SCHEMES
                        .iter()
                        .any(|scheme| self.uri.starts_with(scheme))
                    && !self
                        .uri
                        .chars()
                        .any(|c| c.is_control() || c.is_whitespace())),
            AmpledError::InvalidTokenUri
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str, symbol: &str, uri: &str) -> TokenMetadataFields {
        TokenMetadataFields {
            name: name.into(),
            symbol: symbol.into(),
            uri: uri.into(),
        }
    }

    /// The code of the error `validate` refuses with, if any.
    fn refusal(fields: TokenMetadataFields) -> Option<u32> {
        fields.validate().err().map(|error| match error {
            Error::AnchorError(e) => e.error_code_number,
            other => panic!("not a program error: {other:?}"),
        })
    }

    #[test]
    fn wallet_shaped_metadata_is_accepted() {
        assert_eq!(refusal(fields("Ampled", "AMPLED", "")), None);
        assert_eq!(
            refusal(fields(
                "Ampled Co-op",
                "AMP",
                "https://ampled.com/token.json"
            )),
            None
        );
        assert_eq!(
            refusal(fields(&"n".repeat(32), "ABCDEFGHIJ", "ipfs://Qm")),
            None
        );
    }

    #[test]
    fn metadata_wallets_would_cut_or_misread_is_refused() {
        use AmpledError::*;
        assert_eq!(
            refusal(fields("", "AMP", "")),
            Some(InvalidTokenName.into())
        );
        assert_eq!(
            refusal(fields(&"n".repeat(33), "AMP", "")),
            Some(InvalidTokenName.into())
        );
        assert_eq!(
            refusal(fields(" Ampled", "AMP", "")),
            Some(InvalidTokenName.into())
        );
        assert_eq!(
            refusal(fields("Amp\nled", "AMP", "")),
            Some(InvalidTokenName.into())
        );
        assert_eq!(
            refusal(fields("Ampled", "", "")),
            Some(InvalidTokenSymbol.into())
        );
        assert_eq!(
            refusal(fields("Ampled", "ABCDEFGHIJK", "")),
            Some(InvalidTokenSymbol.into())
        );
        assert_eq!(
            refusal(fields("Ampled", "AM P", "")),
            Some(InvalidTokenSymbol.into())
        );
        assert_eq!(
            refusal(fields("Ampled", "AMP", "http://ampled.com/t.json")),
            Some(InvalidTokenUri.into())
        );
        assert_eq!(
            refusal(fields("Ampled", "AMP", "https://ampled.com/a b.json")),
            Some(InvalidTokenUri.into())
        );
        let long = format!("https://{}", "a".repeat(MAX_TOKEN_URI_LEN));
        assert_eq!(
            refusal(fields("Ampled", "AMP", &long)),
            Some(InvalidTokenUri.into())
        );
    }
}
