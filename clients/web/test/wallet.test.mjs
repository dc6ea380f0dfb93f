// Wallet: the connected wallet's balance, sending AMPLED with a memo (checked before anything is
// sent, and declinable in the wallet), and the time bank as the CSV `ampled timebank --csv` prints.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { getBase58Encoder } from '@solana/kit';
import { after, before, test } from 'node:test';
import {
  DESKTOP,
  PHONE,
  ampled,
  lastTransaction,
  launch,
  openAs,
  rpc,
  screenshot,
  walletAddress,
} from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

const MEMO_PROGRAM = 'MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A wallet's AMPLED in base units, as the chain holds them. */
function baseUnits(name) {
  return BigInt(JSON.parse(ampled('--output', 'json', 'balance', name)).balance_base_units);
}

async function fillSendForm(page, { recipient, amount, memo = '' }) {
  await page.getByLabel("Recipient's wallet address").fill(recipient);
  await page.getByLabel('Amount in AMPLED').fill(amount);
  await page.getByLabel('Memo (optional)').fill(memo);
}

test('ben sends 1.5 AMPLED with a memo to dev: confirmed, and dev holds exactly 1.5 more', async () => {
  const dev = await walletAddress('dev');
  const memo = `for the rehearsal room ${Date.now()}`;
  const before = baseUnits('dev');
  const { page, context, errors } = await openAs(browser, 'ben', 'wallet');

  await fillSendForm(page, { recipient: dev, amount: '1.5', memo });
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const { stage } = await lastTransaction(page);
  assert.equal(stage, 'confirmed');
  const status = page.locator('main [role="status"].sent');
  await status.waitFor();
  const signature = await status.locator('code').innerText();
  assert.match(
    await status.innerText(),
    new RegExp(
      `^Sent 1\\.5 AMPLED to ${dev.slice(0, 4)}…${dev.slice(-4)} with the memo “${memo}”: confirmed\\. Signature ${signature}$`,
    ),
  );
  assert.equal(baseUnits('dev') - before, 1_500_000n);
  const tx = await rpc
    .getTransaction(signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
    .send();
  assert.equal(tx.meta.err, null);
  const keys = tx.transaction.message.accountKeys;
  const memoStep = tx.transaction.message.instructions.find(
    (ix) => keys[ix.programIdIndex] === MEMO_PROGRAM,
  );
  assert.equal(new TextDecoder().decode(getBase58Encoder().encode(memoStep.data)), memo);
  await page.locator('table.history tr', { hasText: memo }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('sending more than you hold is refused on the form, and nothing reaches the wallet', async () => {
  const dev = await walletAddress('dev');
  const held = JSON.parse(ampled('--output', 'json', 'balance', 'ben')).balance;
  const heldWords = held.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const { page, context, errors } = await openAs(browser, 'ben', 'wallet');

  await fillSendForm(page, { recipient: dev, amount: '1000000' });

  const amountProblem = page.locator('#amount-problem');
  assert.equal(
    await amountProblem.innerText(),
    `You hold ${heldWords} AMPLED but this needs 1,000,000 AMPLED`,
  );
  const send = page.getByRole('button', { name: 'Send', exact: true });
  assert.equal(await send.isDisabled(), true);
  await send.click({ force: true });
  assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);
  assert.equal(JSON.parse(ampled('--output', 'json', 'balance', 'ben')).balance, held);
  assert.deepEqual(errors, []);
  await context.close();
});

test('declining in the wallet sends nothing and says so', async () => {
  const dev = await walletAddress('dev');
  const before = baseUnits('ben');
  const { page, context, errors } = await openAs(browser, 'ben', 'wallet');

  await fillSendForm(page, { recipient: dev, amount: '2', memo: 'declined' });
  await page.evaluate(() => {
    window.__testWallet.declineNext = true;
  });
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const { stage, text } = await lastTransaction(page);
  assert.equal(stage, 'failed');
  assert.match(text, /You declined in your wallet; nothing was sent/);
  assert.equal(
    await page.locator('main .action [role="alert"]').innerText(),
    'You declined in your wallet; nothing was sent',
  );
  assert.equal(baseUnits('ben'), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the time bank downloads as the same CSV `ampled timebank --csv` prints, one row per member', async () => {
  const cli = ampled('timebank', '--csv').trim().split('\n');
  const { page, context, errors } = await openAs(browser, 'ben', 'wallet');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the time bank as CSV' }).click(),
  ]);

  const rows = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(rows[0], 'wallet,name,role,status,joined_at,rewards_received,total_earned,balance');
  assert.equal(rows.length, cli.length);
  const members = JSON.parse(ampled('--output', 'json', 'member', 'list'));
  assert.equal(rows.length, members.length + 1);
  // The name column holds the CLI's local wallet names, which a browser has not: it is empty.
  const withoutName = (row) => row.split(',').toSpliced(1, 1).join(',');
  assert.deepEqual(rows.slice(1).map(withoutName), cli.slice(1).map(withoutName));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the wallet screen has no serious accessibility issue, on a desktop and a phone', async () => {
  for (const [name, viewport] of [
    ['wallet-desktop', DESKTOP],
    ['wallet-phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'ben', 'wallet', viewport);
    await page.locator('table.history').waitFor();
    await screenshot(page, name);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], name);
    await context.close();
  }
});
