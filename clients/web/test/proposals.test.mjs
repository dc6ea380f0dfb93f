// Proposals: members propose through the form, vote in their own browsers, carry out what
// passed; the page says why a vote is not possible, and what the program refused.
import assert from 'node:assert/strict';
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
  unique,
} from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

const TOKEN_2022 = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The proposal as the command line reads it from the chain. */
function onChain(proposal) {
  return JSON.parse(ampled('--output', 'json', 'proposal', 'show', proposal));
}

/** How many proposals `name` has made, as the chain holds them. */
function proposalsBy(name) {
  const all = JSON.parse(ampled('--output', 'json', 'proposal', 'list', '--all'));
  return all.filter((p) => p.proposer_name === name).length;
}

/** A reward proposed by `proposer` with the command line; returns its address. */
function proposeReward(proposer, recipient, amount, why) {
  return ampled(
    '-q',
    '-k',
    proposer,
    'proposal',
    'reward',
    recipient,
    amount,
    '--reason',
    why,
  ).trim();
}

async function tokenBalance(wallet) {
  const { value } = await rpc
    .getTokenAccountsByOwner(wallet, { programId: TOKEN_2022 }, { encoding: 'jsonParsed' })
    .send();
  return value.reduce(
    (sum, { account }) => sum + BigInt(account.data.parsed.info.tokenAmount.amount),
    0n,
  );
}

/** The address of the proposal the page shows, from its location. */
async function shownProposal(page) {
  await page.waitForURL(/#\/proposals\/[1-9A-HJ-NP-Za-km-z]{32,44}$/);
  return page.url().split('/').pop();
}

test('a member proposes a reward through the form and it is listed with its tally', async () => {
  const { page, context, errors } = await openAs(browser, 'ana', 'proposals/new');
  const eve = await walletAddress('eve');
  const why = unique('Mixing the live set');

  await page.getByLabel('Recipient wallet').fill(eve);
  await page.getByLabel('Amount').fill('12');
  await page.getByLabel('What it is for').fill(why);
  await page.getByRole('button', { name: 'Propose' }).click();
  const proposal = await shownProposal(page);

  const stored = onChain(proposal);
  assert.equal(stored.proposer_name, 'ana');
  assert.equal(stored.status, 'Voting');
  assert.equal(stored.action.kind, 'MintReward');
  assert.equal(stored.approvals, 0);
  const shortEve = `${eve.slice(0, 4)}…${eve.slice(-4)}`;
  const tally = `0 of ${stored.required} approvals · needs ${stored.required} more`;
  const main = page.locator('main');
  await main.getByText(tally).waitFor();
  assert.match(await main.innerText(), new RegExp(`Reward 12 AMPLED to ${shortEve} for “${why}”`));

  await page.getByRole('link', { name: 'All proposals' }).click();
  const card = page.locator(`[data-proposal="${proposal}"]`);
  await card.waitFor();
  const listed = await card.innerText();
  assert.match(listed, new RegExp(`Reward 12 AMPLED to ${shortEve} for “${why}”`));
  assert.match(listed, new RegExp(tally));
  assert.match(listed, /Voting/);
  assert.match(listed, /\d+ (d \d+ h|h \d+ min|min) left/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two members approve in their own browsers, a third carries it out, and the recipient is paid', async () => {
  const eve = await walletAddress('eve');
  const why = unique('Street team for the record fair');
  const proposal = proposeReward('ana', 'eve', '7.5', why);
  const required = onChain(proposal).required;
  const voters = ['ben', 'cleo', 'ana'].slice(0, required);
  const before = await tokenBalance(eve);

  for (const voter of voters) {
    const { page, context } = await openAs(browser, voter, `proposals/${proposal}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    const outcome = await lastTransaction(page);
    assert.equal(outcome.stage, 'confirmed', outcome.text);
    await page.locator('.votes').getByText('you: approved').waitFor();
    await context.close();
  }
  const passed = onChain(proposal);
  assert.equal(passed.status, 'Approved');
  assert.equal(passed.approvals, required);

  const { page, context, errors } = await openAs(browser, 'dev', `proposals/${proposal}`);
  await page.getByText(`${required} of ${required} approvals · enough to pass`).first().waitFor();
  await page.getByRole('button', { name: 'Execute' }).click();
  const outcome = await lastTransaction(page);
  assert.equal(outcome.stage, 'confirmed', outcome.text);
  await page.locator('main').getByText('Carried out').waitFor();

  assert.equal(onChain(proposal).status, 'Executed');
  assert.equal((await tokenBalance(eve)) - before, 7_500_000n);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Approve says why it is disabled: for the beneficiary, a non-member and a member who voted', async () => {
  const proposal = proposeReward('ana', 'eve', '3', unique('Poster design'));
  ampled('-k', 'ben', 'proposal', 'approve', proposal);

  const cases = [
    ['eve', 'It benefits you: other members decide'],
    ['dev', 'Only active members vote'],
    ['ben', 'You already voted'],
  ];
  for (const [name, why] of cases) {
    const { page, context, errors } = await openAs(browser, name, `proposals/${proposal}`);
    const approve = page.getByRole('button', { name: 'Approve' });
    // The wallet's membership is read just after it connects.
    await page.locator('#why-approve').getByText(why, { exact: true }).waitFor();
    assert.equal(await approve.isDisabled(), true, name);
    assert.equal(await page.locator('#why-approve').innerText(), why, name);
    assert.equal(await approve.getAttribute('aria-describedby'), 'why-approve', name);
    assert.deepEqual(errors, [], name);
    await context.close();
  }

  const stored = onChain(proposal);
  assert.equal(stored.approvals, 1);
  assert.deepEqual(
    stored.approved_by.map((v) => v.wallet_name),
    ['ben'],
  );
});

test('the form says what is wrong beside each field and sends nothing', async () => {
  const { page, context } = await openAs(browser, 'cleo', 'proposals/new');
  const before = proposalsBy('cleo');

  await page.getByLabel('Recipient wallet').fill('not-a-wallet');
  await page.getByLabel('Amount').fill('0');
  await page.getByRole('button', { name: 'Propose' }).click();

  assert.equal(await page.locator('#error-recipient').innerText(), 'This is not a Solana address');
  assert.equal(await page.locator('#error-amount').innerText(), 'Must be more than zero');
  assert.equal(await page.locator('#error-reason').innerText(), 'Write what the reward is for');
  assert.equal(await page.getByLabel('Recipient wallet').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);
  assert.equal(proposalsBy('cleo'), before);
  await context.close();
});

test('the proposer cancels an open proposal and the chain records it cancelled', async () => {
  const proposal = proposeReward('cleo', 'ben', '2', unique('Van hire'));
  const { page, context, errors } = await openAs(browser, 'cleo', `proposals/${proposal}`);

  await page.getByRole('button', { name: 'Cancel proposal' }).click();
  const outcome = await lastTransaction(page);

  assert.equal(outcome.stage, 'confirmed', outcome.text);
  await page.locator('main').getByText('Cancelled', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Approve' }).isDisabled(), true);
  assert.equal(await page.locator('#why-approve').innerText(), 'Cancelled by its proposer');
  assert.equal(onChain(proposal).status, 'Cancelled');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the lists, a proposal and the form have no serious accessibility issue', async () => {
  const proposal = proposeReward('ben', 'cleo', '5', unique('Sound check'));
  const pages = [
    ['proposals', 'proposals', 'Open'],
    ['proposal', `proposals/${proposal}`, 'Votes'],
    ['proposal-new', 'proposals/new', null],
  ];
  for (const [name, path, heading] of pages) {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ]) {
      if (name === 'proposal-new' && size === 'phone') continue;
      const { page, context } = await openAs(browser, 'ana', path, viewport);
      if (heading) await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await screenshot(page, `${name}-${size}`);
      assert.deepEqual(await seriousAccessibilityIssues(page), [], `${name} ${size}`);
      await context.close();
    }
  }
});

// Last: it moves the chain's clock past the voting period.
test('a refusal the page could not foresee is shown in the program’s words', async () => {
  const proposal = proposeReward('ana', 'cleo', '4', unique('Late night mastering'));
  const { page, context } = await openAs(browser, 'ben', `proposals/${proposal}`);
  const approve = page.getByRole('button', { name: 'Approve' });
  await approve.waitFor();
  assert.equal(await approve.isDisabled(), false);

  // The chain's clock jumps past the vote's end; no record changes, so the page cannot know.
  const { seconds_left: left } = onChain(proposal);
  ampled('clock', 'advance', `${Math.ceil(left / 60) + 1}m`);
  await approve.click();
  const outcome = await lastTransaction(page);

  const message = 'The voting period of this proposal has ended; create a new proposal';
  assert.equal(outcome.stage, 'failed');
  assert.match(outcome.text, new RegExp(message));
  assert.equal(await page.getByRole('alert').first().innerText(), message);
  const stored = onChain(proposal);
  assert.equal(stored.approvals, 0);
  assert.equal(stored.status, 'Expired');
  await context.close();
});
