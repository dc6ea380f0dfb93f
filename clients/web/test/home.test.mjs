// Home: the co-op at a glance for anyone; a member's balance, role and what needs them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, launch, openAs, screenshot, walletAddress, rpc } from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a visitor without a wallet sees the co-op, its token and its rules in words', async () => {
  const { page, context, errors } = await openAs(browser, null, '');

  await page.getByRole('heading', { level: 2, name: 'The rules' }).waitFor();

  const text = await page.locator('main').innerText();
  assert.match(text, /Supply/);
  assert.match(text, /Each member has one vote, whatever they hold/);
  assert.match(text, /Connect a wallet to see your balance/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a member sees their balance and role, as the chain holds them', async () => {
  const { page, context, errors } = await openAs(browser, 'ben', '');
  const ben = await walletAddress('ben');

  await page.getByRole('heading', { level: 2, name: 'What needs you' }).waitFor();

  const accounts = await rpc
    .getTokenAccountsByOwner(
      ben,
      { programId: 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb' },
      { encoding: 'jsonParsed' },
    )
    .send();
  const onChain = accounts.value[0].account.data.parsed.info.tokenAmount.uiAmountString;
  const figures = await page.locator('main dl').nth(1).innerText();
  assert.match(figures, new RegExp(`Balance\\s+${onChain.replace('.', '\\.')}`));
  assert.match(figures, /Role\s+Artist/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('home has no serious accessibility issue, on a desktop and on a phone', async () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'ana', '', viewport);
    await page.getByRole('heading', { level: 2, name: 'What needs you' }).waitFor();
    await screenshot(page, `home-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], size);
    await context.close();
  }
});

test('a newcomer with no wallet uses the built-in one: funded on the local node, and remembered', async () => {
  const { page, context, errors } = await openAs(browser, null, '');

  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await page.getByRole('button', { name: 'Built-in wallet (local node only)' }).click();
  const who = page.getByText('Built-in wallet (this browser):');
  await who.waitFor();
  const address = await who.getAttribute('title');
  await page.reload();
  await page.getByText('Built-in wallet (this browser):').waitFor();
  await page.getByRole('heading', { level: 2, name: 'What needs you' }).waitFor();

  const { value: lamports } = await rpc.getBalance(address).send();
  assert.ok(lamports >= 1_000_000_000n, `the built-in wallet holds ${lamports} lamports`);
  assert.equal(
    await page.getByText('Built-in wallet (this browser):').getAttribute('title'),
    address,
  );
  assert.match(await page.locator('main').innerText(), /Role\s+Not a member/);
  assert.deepEqual(errors, []);
  await context.close();
});
