//! Tokens between members: transfers with a memo.

use super::*;

impl<C: Chain> Client<C> {
    /// Sends `amount` to `recipient`'s token account (created if needed), with an optional memo
    /// through the SPL Memo program. A plain Token-2022 transfer: the token works anywhere.
    pub async fn transfer(
        &mut self,
        community: &CommunityView,
        recipient: &Pubkey,
        amount: u64,
        memo: Option<&str>,
    ) -> Result<Outcome> {
        if amount == 0 {
            return Err(ClientError::refused("The amount must be more than zero"));
        }
        if *recipient == self.wallet() {
            return Err(ClientError::refused(
                "That is your own wallet; pick another recipient",
            ));
        }
        if let Some(memo) = memo {
            if memo.is_empty() || memo.len() > MAX_MEMO_LEN {
                return Err(ClientError::refused(format!(
                    "A memo is 1 to {MAX_MEMO_LEN} bytes"
                )));
            }
        }
        self.require_payable_wallet(recipient).await?;
        self.require_tokens(community, amount).await?;
        let mint = community.mint();
        let mut instructions = vec![
            create_associated_token_account_idempotent(
                &self.wallet(),
                recipient,
                &mint,
                &ix::TOKEN_PROGRAM,
            ),
            spl_token_2022::instruction::transfer_checked(
                &ix::TOKEN_PROGRAM,
                &community.ata(&self.wallet()),
                &mint,
                &community.ata(recipient),
                &self.wallet(),
                &[],
                amount,
                community.decimals,
            )
            .map_err(|e| ClientError::Io(e.to_string()))?,
        ];
        if let Some(memo) = memo {
            instructions.push(Instruction {
                program_id: MEMO_PROGRAM_ID,
                accounts: vec![AccountMeta::new_readonly(self.wallet(), true)],
                data: memo.as_bytes().to_vec(),
            });
        }
        self.send(&instructions, None).await
    }
}
