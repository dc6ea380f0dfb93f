// The commissary: a member lists gear, artists bid with $AMPLED (the lowest acceptable bid filled
// in), the outbid get their tokens back at once, and after the end anyone settles the sale.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DESKTOP,
  PHONE,
  ampled,
  lastTransaction,
  launch,
  openAs,
  screenshot,
  walletAddress,
  unique,
} from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

const ONE = 1_000_000; // base units of 1 AMPLED (6 decimals)

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function auctionOnChain(address) {
  return JSON.parse(ampled('--output', 'json', 'auction', 'show', address));
}

function balance(name) {
  return JSON.parse(ampled('--output', 'json', 'balance', '-k', name)).balance_base_units;
}

/** `lister` lists an item through the command line; returns the auction's address. */
function listed(lister, title, ...options) {
  return ampled('-q', '-k', lister, 'auction', 'create', '--title', title, ...options).trim();
}

async function bidButton(page) {
  return page.getByRole('button', { name: 'Place bid' });
}

test('a member lists an item through the form, and the chain holds its terms', async () => {
  const { page, context, errors } = await openAs(browser, 'cleo', 'commissary/new');
  const title = unique('Fender Twin Reverb');

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Link').fill('https://example.org/twin');
  await page.getByLabel('Reserve price (AMPLED)').fill('4');
  await page.getByLabel('Minimum increment (AMPLED)').fill('0.5');
  await page.getByLabel('Bidding runs for (days)').fill('2');
  await page.getByRole('button', { name: 'List the item' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const address = page.url().split('#/commissary/')[1];
  const onChain = auctionOnChain(address);
  assert.equal(onChain.title, title);
  assert.equal(onChain.uri, 'https://example.org/twin');
  assert.equal(onChain.lister, await walletAddress('cleo'));
  assert.equal(onChain.reserve_price_base_units, 4 * ONE);
  assert.equal(onChain.min_increment_base_units, ONE / 2);
  assert.equal(onChain.ends_at_unix - onChain.starts_at_unix, 2 * 86_400);
  assert.equal(onChain.status, 'Open');
  const figures = await page.locator('main dl').innerText();
  assert.match(figures, /Reserve\s+4 AMPLED/);
  assert.match(figures, /Minimum increment\s+0\.5 AMPLED/);
  assert.match(figures, /Current bid\s+No bid yet/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a member proposes auctioning a co-op item, and the members get a proposal to vote on', async () => {
  const { page, context, errors } = await openAs(browser, 'ana', 'commissary/new');
  const title = unique('Co-op PA system');

  await page.getByLabel('The co-op’s', { exact: false }).check();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Reserve price (AMPLED)').fill('30');
  await page.getByLabel('Only members may bid').check();
  await page.getByRole('button', { name: 'Propose to the members' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.waitForURL(/#\/proposals\/\w+$/);
  const proposal = page.url().split('#/proposals/')[1];
  const onChain = JSON.parse(ampled('--output', 'json', 'proposal', 'show', proposal));
  assert.equal(onChain.status, 'Voting');
  assert.equal(onChain.proposer, await walletAddress('ana'));
  assert.equal(onChain.action.kind, 'ListAuction');
  assert.equal(onChain.action.title, title);
  assert.equal(onChain.action.reserve_price_base_units, 30 * ONE);
  assert.equal(onChain.action.members_only, true);
  assert.equal(onChain.action.burn_proceeds, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the seller withdraws an item nobody has bid on; after a bid they no longer can', async () => {
  const withdrawn = listed('cleo', unique('Spare cymbal'), '--reserve', '2', '--duration', '1d');
  const bidOn = listed('cleo', unique('Spare hi-hat'), '--reserve', '1', '--duration', '1d');
  ampled('-k', 'ben', 'auction', 'bid', bidOn, '1');
  const { page, context, errors } = await openAs(browser, 'cleo', `commissary/${withdrawn}`);

  await page.getByRole('button', { name: 'Cancel the auction' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByText('Cancelled', { exact: true }).waitFor();
  assert.equal(auctionOnChain(withdrawn).status, 'Cancelled');
  await page.evaluate((at) => (location.hash = `#/commissary/${at}`), bidOn);
  await page
    .getByText('Bids have been placed, so the auction can no longer be cancelled', { exact: true })
    .waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel the auction' }).isDisabled(), true);
  assert.equal(auctionOnChain(bidOn).status, 'Open');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an artist bids the lowest acceptable bid, filled in; the escrow takes it from their wallet', async () => {
  const auction = listed('cleo', unique('Moog Minitaur'), '--reserve', '2', '--duration', '1h');
  const before = balance('eve');
  const { page, context, errors } = await openAs(browser, 'eve', `commissary/${auction}`);

  assert.equal(await page.getByLabel('Your bid (AMPLED)').inputValue(), '2');
  await (await bidButton(page)).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByText('You lead with 2 AMPLED').waitFor();
  const onChain = auctionOnChain(auction);
  assert.equal(onChain.highest_bid_base_units, 2 * ONE);
  assert.equal(onChain.highest_bidder, await walletAddress('eve'));
  assert.equal(onChain.bids, 1);
  assert.equal(balance('eve'), before - 2 * ONE);
  assert.match(await page.locator('main dl').innerText(), /Current bid\s+2 AMPLED by you/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when another member outbids, the first bidder reads they were outbid and has every token back', async () => {
  const title = unique('Shure SM7B');
  const auction = listed('cleo', title, '--reserve', '2', '--increment', '1', '--duration', '1h');
  const eveBefore = balance('eve');
  ampled('-k', 'eve', 'auction', 'bid', auction, '2');
  assert.equal(balance('eve'), eveBefore - 2 * ONE);

  const ben = await openAs(browser, 'ben', `commissary/${auction}`);
  assert.equal(await ben.page.getByLabel('Your bid (AMPLED)').inputValue(), '3');
  await (await bidButton(ben.page)).click();
  assert.equal((await lastTransaction(ben.page)).stage, 'confirmed');
  await ben.context.close();

  const onChain = auctionOnChain(auction);
  assert.equal(onChain.highest_bidder, await walletAddress('ben'));
  assert.equal(onChain.highest_bid_base_units, 3 * ONE);
  assert.equal(balance('eve'), eveBefore);
  const eve = await openAs(browser, 'eve', 'commissary');
  const myBid = eve.page.getByRole('listitem').filter({ hasText: title });
  await myBid.getByText('You were outbid; your 2 AMPLED are back in your wallet.').waitFor();
  await myBid.getByRole('link', { name: title }).click();
  await eve.page.getByRole('heading', { level: 1, name: title }).waitFor();
  await eve.page.getByText('You were outbid; your 2 AMPLED are back in your wallet.').waitFor();
  assert.deepEqual(eve.errors, []);
  await eve.context.close();
});

test('after the end anyone settles the sale from the page, and the seller receives the winning bid', async () => {
  const auction = listed('cleo', unique('Roland Juno'), '--reserve', '3', '--duration', '1h');
  ampled('-k', 'ben', 'auction', 'bid', auction, '3');
  const sellerBefore = balance('cleo');
  const running = await openAs(browser, 'dev', `commissary/${auction}`);
  await running.page
    .getByText(/This auction is still running; it can be settled once it ends/)
    .waitFor();
  assert.equal(await running.page.getByRole('button', { name: 'Settle' }).isDisabled(), true);
  await running.context.close();

  ampled('clock', 'advance', '2h');
  const { page, context, errors } = await openAs(browser, 'dev', `commissary/${auction}`);
  await page.getByRole('button', { name: 'Settle' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByText('Sold', { exact: true }).waitFor();
  const onChain = auctionOnChain(auction);
  assert.equal(onChain.status, 'Settled');
  assert.equal(onChain.highest_bidder, await walletAddress('ben'));
  assert.equal(balance('cleo'), sellerBefore + 3 * ONE);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bid in the anti-sniping window moves the end later, and the page says it was extended', async () => {
  const auction = listed(
    'cleo',
    unique('Korg MS-20'),
    '--reserve',
    '1',
    '--duration',
    '1h',
    '--snipe-window',
    '2h',
    '--snipe-extension',
    '30m',
  );
  const { page, context, errors } = await openAs(browser, 'ben', `commissary/${auction}`);
  assert.equal(await page.getByText('extended by a late bid').count(), 0);

  await (await bidButton(page)).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByText('extended by a late bid').waitFor();
  const onChain = auctionOnChain(auction);
  assert.equal(onChain.ends_at_unix - onChain.starts_at_unix, 3_600 + 1_800);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Bid is disabled with the program’s reason, and nothing is signed', async () => {
  const auction = listed('cleo', unique('Ludwig snare'), '--reserve', '2', '--duration', '1d');
  const membersOnly = listed(
    'cleo',
    unique('Members-only tape deck'),
    '--reserve',
    '1',
    '--duration',
    '1d',
    '--members-only',
  );

  const seller = await openAs(browser, 'cleo', `commissary/${auction}`);
  await seller.page.getByText('The seller cannot bid on their own auction').waitFor();
  assert.equal(await (await bidButton(seller.page)).isDisabled(), true);
  await seller.context.close();

  const artist = await openAs(browser, 'eve', `commissary/${auction}`);
  await artist.page.getByLabel('Your bid (AMPLED)').fill('1.5');
  await artist.page
    .getByText('Bid too low: the lowest acceptable bid now is 2 AMPLED', { exact: true })
    .waitFor();
  assert.equal(await (await bidButton(artist.page)).isDisabled(), true);
  await artist.page.getByLabel('Your bid (AMPLED)').fill('100000');
  await artist.page
    .getByText(/^Not enough AMPLED in your wallet: you have [\d.,]+ AMPLED$/)
    .waitFor();
  assert.equal(await (await bidButton(artist.page)).isDisabled(), true);
  assert.equal(await artist.page.evaluate(() => window.__testWallet.signed), 0);
  await artist.context.close();

  const outsider = await openAs(browser, 'dev', `commissary/${membersOnly}`);
  await outsider.page.getByText('Only members may bid in this auction').waitFor();
  assert.equal(await (await bidButton(outsider.page)).isDisabled(), true);
  await outsider.context.close();

  assert.equal(auctionOnChain(auction).bids, 0);
  assert.equal(auctionOnChain(membersOnly).bids, 0);
});

test('the list and an auction page have no serious accessibility issue, on a desktop and a phone', async () => {
  const auction = listed('ana', unique('Vox AC30'), '--reserve', '1', '--duration', '3d');
  ampled('-k', 'eve', 'auction', 'bid', auction, '1');
  ampled('-k', 'ben', 'auction', 'bid', auction, '2');
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'eve', 'commissary', viewport);
    await page.locator('.my-bids').getByText('You were outbid').first().waitFor();
    await screenshot(page, `commissary-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `list, ${size}`);

    await page.evaluate((at) => (location.hash = `#/commissary/${at}`), auction);
    await page.getByRole('heading', { level: 2, name: 'Bid' }).waitFor();
    await page.getByText('You were outbid; your 1 AMPLED are back in your wallet.').waitFor();
    await screenshot(page, `auction-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `auction, ${size}`);
    await context.close();
  }
});
