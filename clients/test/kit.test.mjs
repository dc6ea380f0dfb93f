// @solana/kit and @solana-program/token-2022, unchanged, against `ampled serve`: an airdrop, a
// Token-2022 transferChecked of the community token sent with kit's sendAndConfirm (which
// confirms over the node's WebSocket PubSub), and the accounts read back in base64.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  address,
  airdropFactory,
  fetchEncodedAccount,
  fetchEncodedAccounts,
  generateKeyPairSigner,
  lamports,
} from '@solana/kit';
import {
  decodeMint,
  decodeToken,
  findAssociatedTokenPda,
  getCreateAssociatedTokenIdempotentInstructionAsync,
  getTransferCheckedInstruction,
  TOKEN_2022_PROGRAM_ADDRESS,
} from '@solana-program/token-2022';
import {
  CONFIRMATION_TIMEOUT_MS,
  explainConfirmationFailure,
  fixture,
  rpc,
  rpcSubscriptions,
  sendAndConfirm,
  signer,
} from '../lib/node.mjs';

const mint = address(fixture.mint);
const ONE_SOL = 1_000_000_000n;

async function tokenAccount(owner) {
  const [ata] = await findAssociatedTokenPda({
    owner,
    mint,
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
  return ata;
}

test('a fresh wallet is airdropped SOL and receives the community token by transferChecked', async () => {
  const sender = await signer(fixture.kit.sender);
  const recipient = await generateKeyPairSigner();
  const airdrop = airdropFactory({ rpc, rpcSubscriptions });

  try {
    await airdrop({
      recipientAddress: recipient.address,
      lamports: lamports(ONE_SOL),
      commitment: 'confirmed',
      abortSignal: AbortSignal.timeout(CONFIRMATION_TIMEOUT_MS),
    });
  } catch (error) {
    throw explainConfirmationFailure(error, 'requestAirdrop');
  }
  const { value: airdropped } = await rpc.getBalance(recipient.address).send();
  assert.equal(airdropped, ONE_SOL);

  const from = await tokenAccount(sender.address);
  const to = await tokenAccount(recipient.address);
  const mintAccount = await fetchEncodedAccount(rpc, mint);
  assert.ok(mintAccount.exists, `the community mint ${mint} is on the node`);
  assert.equal(mintAccount.programAddress, TOKEN_2022_PROGRAM_ADDRESS);
  const { decimals, supply } = decodeMint(mintAccount).data;
  const [before] = await fetchEncodedAccounts(rpc, [from]);
  const senderBefore = decodeToken(before).data.amount;
  const amount = 7n * 10n ** BigInt(decimals);
  assert.ok(senderBefore >= amount, `${fixture.kit.sender} holds at least 7 tokens`);

  // The recipient pays the fees and the rent of its own token account; the sender only signs
  // for its tokens.
  await sendAndConfirm(
    recipient,
    [
      await getCreateAssociatedTokenIdempotentInstructionAsync({
        payer: recipient,
        owner: recipient.address,
        mint,
        tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
      }),
      getTransferCheckedInstruction(
        { source: from, mint, destination: to, authority: sender, amount, decimals },
        { programAddress: TOKEN_2022_PROGRAM_ADDRESS },
      ),
    ],
    'transferChecked',
  );

  const after = await fetchEncodedAccounts(rpc, [from, to, mint]);
  assert.ok(
    after.every((account) => account.exists),
    'both token accounts and the mint exist',
  );
  const [fromAfter, toAfter] = after.slice(0, 2).map((account) => decodeToken(account).data);
  assert.equal(fromAfter.amount, senderBefore - amount);
  assert.equal(toAfter.amount, amount);
  assert.equal(toAfter.owner, recipient.address);
  assert.equal(toAfter.mint, mint);
  assert.equal(after[0].programAddress, TOKEN_2022_PROGRAM_ADDRESS);
  assert.equal(decodeMint(after[2]).data.supply, supply, 'a transfer mints nothing');
  const { value: spent } = await rpc.getBalance(recipient.address).send();
  assert.ok(spent < ONE_SOL, 'the recipient paid the fee and its token account rent');
});
