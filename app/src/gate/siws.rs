//! Sign-In With Solana messages: the text a wallet shows and signs, in the format of the SIWS
//! specification (Phantom's, after EIP-4361). A wallet with `solana:signIn` builds this text
//! itself from [`SignInInput`]; otherwise the client signs the text [`SignInInput::message`]
//! writes. Either way the node reads the signed text back with [`SignInMessage::parse`] and
//! trusts nothing else the client says.

use serde::{Deserialize, Serialize};

const HEADER_SUFFIX: &str = " wants you to sign in with your Solana account:";

/// What a challenge asks the wallet to sign, named as Wallet Standard's `solana:signIn` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInInput {
    pub domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub statement: String,
    pub uri: String,
    pub version: String,
    pub nonce: String,
    pub issued_at: String,
    pub expiration_time: String,
}

impl SignInInput {
    /// The text to sign for `address`, as a wallet's `solana:signIn` would write it.
    pub fn message(&self, address: &str) -> String {
        format!(
            "{}{HEADER_SUFFIX}\n{address}\n\n{}\n\nURI: {}\nVersion: {}\nNonce: {}\nIssued At: {}\nExpiration Time: {}",
            self.domain,
            self.statement,
            self.uri,
            self.version,
            self.nonce,
            self.issued_at,
            self.expiration_time
        )
    }
}

/// The fields of a signed message that the node checks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInMessage {
    pub domain: String,
    pub address: String,
    pub nonce: Option<String>,
    pub expiration_time: Option<String>,
}

impl SignInMessage {
    /// Reads a SIWS message; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let mut lines = text.lines();
        let domain = lines.next()?.strip_suffix(HEADER_SUFFIX)?.to_string();
        let address = lines.next()?.trim().to_string();
        if domain.is_empty() || address.is_empty() {
            return None;
        }
        let mut message = Self {
            domain,
            address,
            ..Self::default()
        };
        for line in lines {
            if let Some(nonce) = line.strip_prefix("Nonce: ") {
                message.nonce = Some(nonce.trim().to_string());
            } else if let Some(expiry) = line.strip_prefix("Expiration Time: ") {
                message.expiration_time = Some(expiry.trim().to_string());
            }
        }
        Some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_back_what_it_says() {
        let input = SignInInput {
            domain: "127.0.0.1:8899".into(),
            address: None,
            statement: "Sign in to open Member docs of ampled.".into(),
            uri: "http://127.0.0.1:8899".into(),
            version: "1".into(),
            nonce: "0123456789abcdef".into(),
            issued_at: "2026-11-27T10:00:00Z".into(),
            expiration_time: "2026-11-27T10:05:00Z".into(),
        };
        let text = input.message("Ben1111");
        assert!(text.starts_with(
            "127.0.0.1:8899 wants you to sign in with your Solana account:\nBen1111\n\nSign in"
        ));
        let read = SignInMessage::parse(&text).unwrap();
        assert_eq!(read.domain, "127.0.0.1:8899");
        assert_eq!(read.address, "Ben1111");
        assert_eq!(read.nonce.as_deref(), Some("0123456789abcdef"));
        assert_eq!(
            read.expiration_time.as_deref(),
            Some("2026-11-27T10:05:00Z")
        );
        assert_eq!(SignInMessage::parse("hello"), None);
    }
}
