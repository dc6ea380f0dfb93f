// Bounties: members post paid work, anyone claims it and links the work, the poster pays or
// rejects it with a reason; every step as the page shows it and as the chain holds it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { address, getAddressEncoder, getProgramDerivedAddress, getUtf8Encoder } from '@solana/kit';
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

const PROGRAM = address('2QZtyxQb7VARRYd1ZBsyy5XpmfmsEGe7UG4DJ5ayiVKC');
const MICRO = 1_000_000; // the demo token has 6 decimals

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A title no other test (or earlier run on the same chain) has used. */

/** A member-funded bounty posted by `poster` through the command line; returns its address. */
function postBounty(poster, title, { reward = 1, claims = 1 } = {}) {
  return ampled(
    '-k',
    poster,
    '-q',
    'bounty',
    'post',
    '--title',
    title,
    '--reward',
    String(reward),
    '--claims',
    String(claims),
    '--category',
    'street-team',
    '--uri',
    'https://example.org/flyers',
  ).trim();
}

function bountyOnChain(bounty) {
  return JSON.parse(ampled('--output', 'json', 'bounty', 'show', bounty));
}

function claimOnChain(bounty, claimant) {
  return bountyOnChain(bounty).claims.find((c) => c.claimant_name === claimant);
}

function balance(wallet) {
  return JSON.parse(ampled('-k', wallet, '--output', 'json', 'balance')).balance_base_units;
}

async function vaultBalance(bounty) {
  const [vault] = await getProgramDerivedAddress({
    programAddress: PROGRAM,
    seeds: [getUtf8Encoder().encode('bounty_vault'), getAddressEncoder().encode(bounty)],
  });
  const { value } = await rpc.getTokenAccountBalance(vault).send();
  return Number(value.amount);
}

/** A co-op bounty: proposed by ana, approved by ana and ben, executed; returns its address. */
function postCoopBounty(title) {
  const proposal = ampled(
    '-k',
    'ana',
    '-q',
    'bounty',
    'post',
    '--coop',
    '--title',
    title,
    '--reward',
    '1',
    '--category',
    'care-work',
  ).trim();
  ampled('-k', 'ana', 'proposal', 'approve', proposal);
  ampled('-k', 'ben', 'proposal', 'approve', proposal);
  return ampled('-k', 'cleo', '-q', 'proposal', 'execute', proposal).trim();
}

function proposalOnChain(proposal) {
  return JSON.parse(ampled('--output', 'json', 'proposal', 'show', proposal));
}

const short = (wallet) => `${wallet.slice(0, 4)}…${wallet.slice(-4)}`;

test('a member posts a member-funded bounty through the form and its escrow holds the rewards', async () => {
  const { page, context, errors } = await openAs(browser, 'ana', 'bounties');
  const title = unique('Flyer the record store');
  const before = balance('ana');

  await page.getByRole('link', { name: 'Post a bounty' }).click();
  await page.getByRole('heading', { level: 1, name: 'Post a bounty' }).waitFor();
  await page.getByLabel('Category').selectOption({ label: 'Street team' });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Link to the full description').fill('https://example.org/flyers');
  await page.getByLabel('Reward per accepted claim').fill('0.5');
  await page.getByLabel('Claims it pays at most').fill('2');
  await page.getByLabel('Open for (days, optional)').fill('14');
  await page.getByRole('button', { name: 'Post and escrow the reward' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const bounty = page.url().split('#/bounties/')[1];
  const onChain = bountyOnChain(bounty);
  assert.equal(onChain.title, title);
  assert.equal(onChain.funding, 'Member');
  assert.equal(onChain.category, 'StreetTeam');
  assert.equal(onChain.reward_base_units, 0.5 * MICRO);
  assert.equal(onChain.max_claims, 2);
  assert.equal(await vaultBalance(bounty), 1 * MICRO);
  assert.equal(balance('ana'), before - 1 * MICRO);
  const figures = await page.locator('main').innerText();
  assert.match(figures, /Reward per claim\s+0\.5 AMPLED/);
  assert.match(figures, /Funding\s+Member-funded \(escrow\)/);
  assert.match(figures, /Still in escrow\s+1 AMPLED/);

  await page.getByRole('link', { name: 'All bounties' }).click();
  const row = page.getByRole('row').filter({ hasText: title });
  assert.match(
    await row.innerText(),
    /Street team\s+0\.5 AMPLED\s+Member-funded.*Open\s+0 open, 0 submitted, 0 paid of 2/s,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('the post form says what is wrong next to each field and sends nothing', async () => {
  const { page, context } = await openAs(browser, 'ben', 'bounties/new');

  await page.getByLabel('Reward per accepted claim').fill('0');
  await page.getByLabel('Claims it pays at most').fill('1001');
  await page.getByRole('button', { name: 'Post and escrow the reward' }).click();

  assert.match(await page.getByLabel('Title').getAttribute('aria-describedby'), /problem-title/);
  assert.equal(
    await page.locator('#problem-title').innerText(),
    'Bounty title must be 1 to 64 bytes long',
  );
  assert.equal(
    await page.locator('#problem-reward').innerText(),
    'Amount must be greater than zero',
  );
  assert.equal(
    await page.locator('#problem-maxClaims').innerText(),
    'A bounty accepts between 1 and 1000 claims',
  );
  assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);
  await context.close();
});

test('dev, not a member, claims a bounty and links the work; the poster approves and dev is paid', async () => {
  const title = unique('Poster run downtown');
  const bounty = postBounty('ben', title, { claims: 2 });
  const dev = await walletAddress('dev');
  const devBefore = balance('dev');

  const {
    page: devPage,
    context: devContext,
    errors,
  } = await openAs(browser, 'dev', `bounties/${bounty}`);
  await devPage.getByRole('button', { name: 'Claim this bounty' }).click();
  assert.equal((await lastTransaction(devPage)).stage, 'confirmed');
  await devPage.getByLabel('Link to your work').fill('https://example.org/photos/run-1');
  await devPage.getByRole('button', { name: 'Submit evidence' }).click();
  assert.equal((await lastTransaction(devPage)).stage, 'confirmed');
  await devPage.getByText('Your claim is Submitted.').waitFor();
  assert.equal(claimOnChain(bounty, 'dev').status, 'Submitted');
  assert.equal(claimOnChain(bounty, 'dev').evidence, 'https://example.org/photos/run-1');

  const { page, context } = await openAs(browser, 'ben', `bounties/${bounty}`);
  const claim = page.getByRole('article').filter({ hasText: 'https://example.org/photos/run-1' });
  await claim.getByRole('button', { name: `Approve claim by ${short(dev)}` }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  assert.equal(balance('dev'), devBefore + 1 * MICRO);
  assert.equal(claimOnChain(bounty, 'dev').status, 'Paid');
  assert.equal(await vaultBalance(bounty), 1 * MICRO);
  await claim.getByText('Paid', { exact: true }).waitFor();
  await devPage.getByText('Your claim is Paid: 1 AMPLED paid to you.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
  await devContext.close();
});

test('the poster rejects a claim with a reason and the claimant reads it', async () => {
  const title = unique('Care rota for the tour');
  const bounty = postBounty('ben', title);
  ampled('-k', 'eve', 'bounty', 'claim', bounty);
  ampled('-k', 'eve', 'bounty', 'submit', bounty, 'https://example.org/rota-draft');
  const eve = await walletAddress('eve');
  const reason = unique('The rota misses the Sunday shifts');

  const { page, context } = await openAs(browser, 'ben', `bounties/${bounty}`);
  const claim = page.getByRole('article').filter({ hasText: 'https://example.org/rota-draft' });
  const reject = claim.getByRole('button', { name: `Reject claim by ${short(eve)}` });
  assert.equal(await reject.isDisabled(), true);
  assert.match(await claim.innerText(), /A rejection needs a reason the claimant can read/);
  await claim.getByLabel(`Reason for rejecting the claim by ${short(eve)}`).fill(reason);
  await reject.click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  const onChain = claimOnChain(bounty, 'eve');
  assert.equal(onChain.status, 'Rejected');
  assert.equal(onChain.rejection_reason, reason);
  assert.equal(await vaultBalance(bounty), 1 * MICRO);

  const { page: evePage, context: eveContext } = await openAs(browser, 'eve', `bounties/${bounty}`);
  await evePage.getByText(`Your claim is Rejected. Reason given: “${reason}”.`).waitFor();
  assert.match(
    await evePage.getByRole('article').innerText(),
    new RegExp(`Rejection reason\\s+${reason}`),
  );
  await eveContext.close();
  await context.close();
});

test('a claimant withdraws their claim and may claim again', async () => {
  const title = unique('Artist growth: playlist pitching');
  const bounty = postBounty('ben', title);
  ampled('-k', 'cleo', 'bounty', 'claim', bounty);

  const { page, context } = await openAs(browser, 'cleo', `bounties/${bounty}`);
  await page.getByText('Your claim is Claimed.').waitFor();
  await page.getByRole('button', { name: 'Withdraw my claim' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  assert.equal(claimOnChain(bounty, 'cleo').status, 'Withdrawn');
  assert.equal(bountyOnChain(bounty).open_claims, 0);
  const cleosClaim = page.getByRole('article').filter({ hasText: 'Claim by you' });
  await cleosClaim.getByText('Withdrawn', { exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Claim this bounty' }).isEnabled(), true);
  await context.close();
});

test('what the program would refuse is disabled, with its reason in words', async () => {
  const title = unique('Code: fix the merch page');
  const bounty = postBounty('ben', title);
  ampled('-k', 'dev', 'bounty', 'claim', bounty);
  ampled('-k', 'eve', 'bounty', 'claim', bounty);
  ampled('-k', 'eve', 'bounty', 'submit', bounty, 'https://example.org/merch-pr');
  const eve = await walletAddress('eve');

  const { page, context } = await openAs(browser, 'dev', `bounties/${bounty}`);
  const reason = page.getByText('You already have a claim on this bounty', { exact: true });
  await reason.waitFor();
  const claimAgain = page.getByRole('button', { name: 'Claim this bounty' });
  assert.equal(await claimAgain.isDisabled(), true);
  assert.equal(await claimAgain.getAttribute('aria-describedby'), await reason.getAttribute('id'));
  const evesClaim = page.getByRole('article').filter({ hasText: 'https://example.org/merch-pr' });
  assert.equal(await evesClaim.getByRole('button').count(), 0);
  assert.match(await evesClaim.innerText(), /Waiting for the poster to approve or reject it/);
  assert.equal(await page.getByRole('button', { name: 'Submit evidence' }).count(), 1);
  assert.equal(
    await page.locator('#why-submit-evidence').innerText(),
    'Evidence is required: link to the work you did',
  );
  await context.close();

  const { page: poster, context: posterContext } = await openAs(
    browser,
    'ben',
    `bounties/${bounty}`,
  );
  assert.equal(await poster.getByRole('button', { name: 'Cancel this bounty' }).isDisabled(), true);
  assert.match(
    await poster.locator('main').innerText(),
    /Claims with submitted evidence are waiting for a decision; approve or reject them first/,
  );
  assert.equal(
    await poster.getByRole('button', { name: `Approve claim by ${short(eve)}` }).isEnabled(),
    true,
  );
  assert.equal(bountyOnChain(bounty).status, 'Open');
  await posterContext.close();
});

test('the list filters by category and status', async () => {
  const title = unique('Filtered flyers');
  postBounty('ben', title);
  const { page, context } = await openAs(browser, null, 'bounties');
  const row = page.getByRole('row').filter({ hasText: title });
  await row.waitFor();

  await page.getByLabel('Category').selectOption({ label: 'Code' });
  assert.equal(await row.count(), 0);
  await page.getByLabel('Category').selectOption({ label: 'Street team' });
  await page.getByLabel('Status').selectOption({ label: 'Completed' });
  assert.equal(await row.count(), 0);
  await page.getByLabel('Status').selectOption({ label: 'Open' });
  await row.waitFor();
  await context.close();
});

test('a member proposes a co-op bounty through the form, and the proposal is on chain', async () => {
  const { page, context, errors } = await openAs(browser, 'cleo', 'bounties/new');
  const title = unique('Co-op: childcare at rehearsals');

  await page.getByLabel('The co-op', { exact: false }).check();
  await page.getByLabel('Category').selectOption({ label: 'Care work' });
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Reward per accepted claim').fill('4');
  await page.getByLabel('Claims it pays at most').fill('3');
  await page.getByRole('button', { name: 'Propose to the members' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.waitForURL(/#\/proposals\/\w+$/);
  const proposal = page.url().split('#/proposals/')[1];
  const onChain = proposalOnChain(proposal);
  assert.equal(onChain.action.kind, 'PostBounty');
  assert.equal(onChain.action.title, title);
  assert.equal(onChain.action.category, 'CareWork');
  assert.equal(onChain.action.reward_base_units, 4 * MICRO);
  assert.equal(onChain.action.max_claims, 3);
  assert.equal(onChain.proposer_name, 'cleo');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a co-op bounty a member proposes paying a submitted claim, and the page links to the vote', async () => {
  const bounty = postCoopBounty(unique('Co-op: tour van cleaning'));
  ampled('-k', 'dev', 'bounty', 'claim', bounty);
  ampled('-k', 'dev', 'bounty', 'submit', bounty, 'https://example.org/clean-van');
  const dev = await walletAddress('dev');

  const { page, context, errors } = await openAs(browser, 'eve', `bounties/${bounty}`);
  const claim = page.getByRole('article').filter({ hasText: 'https://example.org/clean-van' });
  assert.equal(await claim.getByRole('button', { name: /^Approve/ }).count(), 0);
  await claim.getByRole('button', { name: `Propose paying claim by ${short(dev)}` }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  const link = claim.getByRole('link', { name: 'Proposal to pay this claim' });
  await link.waitFor();
  const proposal = (await link.getAttribute('href')).split('#/proposals/')[1];
  const onChain = proposalOnChain(proposal);
  assert.equal(onChain.action.kind, 'PayBountyClaim');
  assert.equal(onChain.proposer_name, 'eve');
  assert.equal(onChain.status, 'Voting');
  assert.match(JSON.stringify(onChain.action), new RegExp(dev));
  assert.equal(
    await claim
      .getByRole('button', { name: `Propose rejecting claim by ${short(dev)}` })
      .isDisabled(),
    true,
  );
  assert.match(await claim.innerText(), /A proposal about this claim is already being voted on/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bounties and a bounty page have no serious accessibility issue, on a desktop and a phone', async () => {
  const bounty = postBounty('ben', unique('Zine for the co-op'));
  ampled('-k', 'dev', 'bounty', 'claim', bounty);
  ampled('-k', 'dev', 'bounty', 'submit', bounty, 'https://example.org/zine');
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'ben', 'bounties', viewport);
    await page.getByRole('table').waitFor();
    await screenshot(page, `bounties-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `list, ${size}`);

    await page.goto(page.url().replace(/#.*/, `#/bounties/${bounty}`));
    await page.getByRole('heading', { level: 2, name: 'Claims' }).waitFor();
    await page.getByRole('article').first().waitFor();
    await screenshot(page, `bounty-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `bounty, ${size}`);
    await context.close();
  }
});
