// Members: every member with role, status and time bank as the chain holds them; a wallet's page
// with its record, balance and history from the ledger, member or not.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, ampled, launch, openAs, screenshot, walletAddress } from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const ROLE_WORDS = { Worker: 'Worker', Artist: 'Artist', CommunityMember: 'Community member' };

/** Whole tokens as the page writes them: thousands grouped. */
function grouped(whole) {
  const [int, fraction] = whole.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

function shortForm(address) {
  return `${address.slice(0, 4)}…${address.slice(-4)}`;
}

function balanceOf(name) {
  return JSON.parse(ampled('--output', 'json', 'balance', name)).balance;
}

test('the members list shows every member with the role, status and earned total the chain holds', async () => {
  const members = JSON.parse(ampled('--output', 'json', 'member', 'list'));
  const { page, context, errors } = await openAs(browser, null, 'members');

  await page.getByRole('table', { name: 'Members and their time bank' }).waitFor();

  for (const member of members) {
    const row = page.locator(`tbody tr:has(a[href="#/members/${member.wallet}"])`);
    const cells = await row.locator('th, td').allInnerTexts();
    assert.equal(cells[1], ROLE_WORDS[member.role], member.wallet_name);
    assert.equal(cells[2], member.status, member.wallet_name);
    assert.equal(cells[4], `${grouped(member.total_earned)} AMPLED`, member.wallet_name);
    assert.equal(cells[5], String(member.rewards_received), member.wallet_name);
  }
  assert.equal(await page.locator('tbody tr').count(), members.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a member's page shows their record and a transfer they made, with its memo and signature", async () => {
  const ana = await walletAddress('ana');
  const dev = await walletAddress('dev');
  const memo = `members test ${Date.now()}`;
  const sent = JSON.parse(
    ampled('-k', 'ana', '--output', 'json', 'transfer', 'dev', '0.25', '--memo', memo),
  );

  const { page, context, errors } = await openAs(browser, null, `members/${ana}`);

  const row = page.locator('table.history tr', { hasText: memo });
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[1], `Sent 0.25 AMPLED to ${shortForm(dev)}; memo: “${memo}”`);
  assert.equal(cells[2], sent.signature);
  const figures = await page.locator('main dl').innerText();
  assert.match(
    figures,
    new RegExp(`Balance\\s+${grouped(balanceOf('ana')).replace('.', '\\.')} AMPLED`),
  );
  assert.match(figures, /Role\s+Worker/);
  assert.match(figures, /Status\s+Active/);
  const propose = page.getByRole('link', { name: /Propose changing this member's role/ });
  assert.equal(await propose.getAttribute('href'), '#/proposals/new');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wallet that is not a member gets a page saying so, with its balance and what it received', async () => {
  const ana = await walletAddress('ana');
  const dev = await walletAddress('dev');
  const memo = `to a non-member ${Date.now()}`;
  ampled('-k', 'ana', 'transfer', 'dev', '0.5', '--memo', memo);

  const { page, context, errors } = await openAs(browser, null, `members/${dev}`);

  const row = page.locator('table.history tr', { hasText: memo });
  await row.waitFor();
  assert.equal(
    (await row.locator('td').nth(1).innerText()).trim(),
    `Received 0.5 AMPLED from ${shortForm(ana)}; memo: “${memo}”`,
  );
  const text = await page.locator('main').innerText();
  assert.match(text, /This wallet is not a member of ampled-demo\./);
  const figures = await page.locator('main dl').innerText();
  assert.match(
    figures,
    new RegExp(`Balance\\s+${grouped(balanceOf('dev')).replace('.', '\\.')} AMPLED`),
  );
  assert.doesNotMatch(figures, /Role/);
  assert.equal(await page.getByRole('link', { name: /Propose changing/ }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('members and a member page have no serious accessibility issue, on a desktop and a phone', async () => {
  const ben = await walletAddress('ben');
  for (const [name, path, viewport] of [
    ['members-desktop', 'members', DESKTOP],
    ['members-phone', 'members', PHONE],
    ['member-desktop', `members/${ben}`, DESKTOP],
  ]) {
    const { page, context } = await openAs(browser, 'ana', path, viewport);
    await page.locator('main table').first().waitFor();
    await screenshot(page, name);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], name);
    await context.close();
  }
});
