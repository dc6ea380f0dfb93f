// The directory: members post offers and requests through the form, people find them by keyword,
// category and kind, pay for an offer with a transfer whose memo names it, and owners pause,
// resume, edit, renew and remove their own; every step as the page shows it and as the chain
// holds it (read over JSON-RPC with the generated client).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  appendTransactionMessageInstructions,
  createKeyPairSignerFromBytes,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  getAddressEncoder,
  getBase58Encoder,
  getProgramDerivedAddress,
  getU64Encoder,
  getUtf8Encoder,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { fetchSysvarClock } from '@solana/sysvars';
import {
  AMPLED_PROGRAM_ADDRESS,
  ListingKind,
  fetchListing,
  fetchMaybeListing,
  getPostListingInstructionAsync,
} from '../../generated/js/index.js';
import {
  DESKTOP,
  PHONE,
  ampled,
  keypairBytes,
  lastTransaction,
  launch,
  openAs,
  rpc,
  screenshot,
  unique,
  walletAddress,
  wsUrl,
} from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

const MEMO_PROGRAM = 'MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr';
const MICRO = 1_000_000n; // the demo token has 6 decimals
const DAY = 86_400n;

const sendAndConfirm = sendAndConfirmTransactionFactory({
  rpc,
  rpcSubscriptions: createSolanaRpcSubscriptions(wsUrl),
});

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const short = (wallet) => `${wallet.slice(0, 4)}…${wallet.slice(-4)}`;

/** A stamp for this run, for categories (lowercase letters and digits only). */
const stamp = () => Date.now().toString(36);

async function communityAddress() {
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [getUtf8Encoder().encode('community'), getUtf8Encoder().encode('ampled-demo')],
  });
  return pda;
}

async function chainNow() {
  return (await fetchSysvarClock(rpc)).unixTimestamp;
}

/**
 * A listing posted by `owner` with the generated client, as any other client would post one
 * (the `ampled directory` commands are not needed for arranging). Returns its address.
 */
async function postListing(
  owner,
  {
    title,
    category = 'misc',
    kind = ListingKind.Offer,
    price = 1n * MICRO,
    contact = 'mailto:someone@example.org',
    uri = 'https://example.org/listing',
    seconds = 30n * DAY,
  },
) {
  const signer = await createKeyPairSignerFromBytes(keypairBytes(owner));
  const community = await communityAddress();
  const id = BigInt(Math.floor(Math.random() * 2 ** 48));
  const [listing] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode('listing'),
      getAddressEncoder().encode(community),
      getAddressEncoder().encode(signer.address),
      getU64Encoder().encode(id),
    ],
  });
  const post = await getPostListingInstructionAsync({
    owner: signer,
    community,
    listing,
    id,
    terms: {
      kind,
      category,
      title,
      uri,
      price,
      contact,
      listedUntil: (await chainNow()) + seconds,
    },
  });
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const signed = await signTransactionMessageWithSigners(
    pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(signer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
      (m) => appendTransactionMessageInstructions([post], m),
    ),
  );
  await sendAndConfirm(signed, { commitment: 'confirmed' });
  return listing;
}

/** A wallet's AMPLED in base units, as the chain holds them. */
function baseUnits(name) {
  return BigInt(JSON.parse(ampled('--output', 'json', 'balance', name)).balance_base_units);
}

async function lamports(wallet) {
  return (await rpc.getBalance(wallet, { commitment: 'confirmed' }).send()).value;
}

/** The card of the listing titled `title` among the search results. */
const card = (page, title) =>
  page
    .getByRole('list', { name: 'Listings found' })
    .getByRole('article')
    .filter({ hasText: title });

/** The owner's own listing in "Your listings". */
const ownListing = (page, title) =>
  page.locator('.own-listings').getByRole('article').filter({ hasText: title });

test('a member posts an offer through the form; the chain holds it and their member page lists it', async () => {
  const { page, context, errors } = await openAs(browser, 'ana', 'directory');
  const title = unique('I’ll master your track');
  const ana = await walletAddress('ana');

  await page.getByRole('link', { name: 'Post an offer or a request' }).click();
  await page.getByRole('heading', { level: 1, name: 'Post to the directory' }).waitFor();
  await page.getByLabel('An offer', { exact: false }).check();
  await page.getByLabel('Category').fill('Mastering');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Link to the description').fill('https://example.org/mastering');
  await page.getByLabel('Price in AMPLED').fill('2.5');
  await page.getByLabel('Contact').fill('mailto:ana@example.org');
  assert.equal(await page.getByLabel('Listed for (days)').inputValue(), '90');
  await page.getByLabel('Listed for (days)').fill('30');
  const before = await chainNow();
  await page.getByRole('button', { name: 'Post', exact: true }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const listing = page.url().split('#/directory/')[1];
  const { data } = await fetchListing(rpc, listing);
  assert.equal(data.owner, ana);
  assert.equal(data.community, await communityAddress());
  assert.equal(data.terms.kind, ListingKind.Offer);
  assert.equal(data.terms.category, 'mastering');
  assert.equal(data.terms.title, title);
  assert.equal(data.terms.uri, 'https://example.org/mastering');
  assert.deepEqual(data.terms.price, { __option: 'Some', value: 2_500_000n });
  assert.equal(data.terms.contact, 'mailto:ana@example.org');
  const listedFor = data.terms.listedUntil - before;
  assert.ok(listedFor > 30n * DAY - 120n && listedFor <= 30n * DAY + 120n, String(listedFor));
  assert.equal(data.paused, false);
  const facts = await page.locator('main').innerText();
  assert.match(facts, /Kind\s+Offer\s+Category\s+mastering\s+Price\s+2\.5 AMPLED\s+By\s+you/);
  assert.equal(
    await page.getByRole('link', { name: 'mailto:ana@example.org' }).getAttribute('href'),
    'mailto:ana@example.org',
  );

  await page.goto(page.url().replace(/#.*/, `#/members/${ana}`));
  const link = page.getByRole('link', { name: title });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `#/directory/${listing}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search finds listings by keyword, category and kind, newest first', async () => {
  const run = stamp();
  const offer = `PA speakers to rent ${run}`;
  const request = `Childcare on show nights ${run}`;
  await postListing('ben', { title: offer, category: `gear ${run}`, price: 3n * MICRO });
  // The chain's clock counts seconds: the request is posted a second later, so it is newer.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await postListing('cleo', {
    title: request,
    category: `care ${run}`,
    kind: ListingKind.Request,
    price: null,
  });
  const { page, context, errors } = await openAs(browser, null, 'directory');

  await page.getByLabel(/^Keyword/).fill(run.toUpperCase());
  await card(page, request).waitFor();
  await card(page, offer).waitFor();
  const found = await page.getByRole('list', { name: 'Listings found' }).innerText();
  assert.ok(found.indexOf(request) < found.indexOf(offer), 'the newest comes first');
  assert.match(await card(page, request).innerText(), /Request[\s\S]*Price\s+ask/);

  await page.getByLabel(/^Keyword/).fill('pa speakers');
  await card(page, offer).waitFor();
  assert.equal(await card(page, request).count(), 0);

  await page.getByLabel(/^Keyword/).fill(run);
  const kind = page.getByLabel(/^Offers or requests/);
  await kind.selectOption({ label: 'Requests' });
  await card(page, request).waitFor();
  assert.equal(await card(page, offer).count(), 0);
  await kind.selectOption({ label: 'Offers' });
  await card(page, offer).waitFor();
  assert.equal(await card(page, request).count(), 0);
  await kind.selectOption({ label: 'Both' });

  // A keyword is also found in the category; a category is matched whole.
  await page.getByLabel(/^Keyword/).fill(`gear ${run}`);
  await card(page, offer).waitFor();
  assert.equal(await card(page, request).count(), 0);
  await page.getByLabel(/^Keyword/).fill('');
  await page.getByLabel(/^Category/).selectOption({ label: `care ${run}` });
  await card(page, request).waitFor();
  assert.equal(await card(page, offer).count(), 0);
  assert.match(
    await page.getByRole('status').filter({ hasText: 'found' }).innerText(),
    /^1 listing found$/,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('another member pays for an offer: the owner receives it and the memo names the listing', async () => {
  const title = unique('Gear rental: two mics');
  const listing = await postListing('ana', { title, category: 'gear rental', price: 1_250_000n });
  const ana = await walletAddress('ana');
  const [anaBefore, benBefore] = [baseUnits('ana'), baseUnits('ben')];
  const { page, context, errors } = await openAs(browser, 'ben', `directory/${listing}`);

  const amount = page.getByLabel('Amount in AMPLED');
  assert.equal(await amount.inputValue(), '1.25');
  assert.equal(await amount.getAttribute('readonly'), '');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  const paid = page.locator('main [role="status"].paid');
  await paid.waitFor();
  const signature = await paid.locator('code').innerText();
  assert.match(
    await paid.innerText(),
    new RegExp(`^Paid 1\\.25 AMPLED to ${short(ana)} for “${title}”\\. Signature ${signature}$`),
  );
  assert.equal(baseUnits('ana') - anaBefore, 1_250_000n);
  assert.equal(benBefore - baseUnits('ben'), 1_250_000n);
  const tx = await rpc
    .getTransaction(signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
    .send();
  assert.equal(tx.meta.err, null);
  const keys = tx.transaction.message.accountKeys;
  const memo = tx.transaction.message.instructions.find(
    (ix) => keys[ix.programIdIndex] === MEMO_PROGRAM,
  );
  assert.equal(
    new TextDecoder().decode(getBase58Encoder().encode(memo.data)),
    `listing ${listing}: ${title}`,
  );

  // The payer's history links the payment to the listing.
  await page.goto(page.url().replace(/#.*/, '#/wallet'));
  const historyLink = page.locator(`table.history a[href="#/directory/${listing}"]`);
  await historyLink.waitFor();
  assert.equal(await historyLink.innerText(), `listing ${listing}: ${title}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an offer priced on request takes the amount agreed, and nothing is sent without one', async () => {
  const title = unique('Guitar lessons');
  const listing = await postListing('cleo', { title, category: 'lessons', price: null });
  const cleoBefore = baseUnits('cleo');
  const { page, context, errors } = await openAs(browser, 'eve', `directory/${listing}`);

  const amount = page.getByLabel('Amount in AMPLED');
  assert.equal(await amount.inputValue(), '');
  assert.equal(await amount.getAttribute('readonly'), null);
  const pay = page.getByRole('button', { name: 'Pay', exact: true });
  assert.equal(await pay.isDisabled(), true);
  assert.equal(
    await page.locator('#why-pay').innerText(),
    'Enter the amount you agreed with its owner',
  );
  await amount.fill('0.5');
  await pay.click();
  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.locator('main [role="status"].paid').waitFor();
  assert.equal(baseUnits('cleo') - cleoBefore, 500_000n);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the owner pauses an offer (it drops out of search and cannot be paid) and resumes it', async () => {
  const title = unique('Van for load-ins');
  const listing = await postListing('ana', { title, category: 'gear rental' });
  const { page: visitor, context: visitorContext } = await openAs(browser, 'ben', 'directory');
  await visitor.getByLabel(/^Keyword/).fill(title);
  await card(visitor, title).waitFor();

  const { page, context, errors } = await openAs(browser, 'ana', 'directory');
  const mine = ownListing(page, title);
  assert.match(await mine.innerText(), /Listed until/);
  await mine.getByRole('button', { name: 'Pause' }).click();
  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  assert.equal((await fetchListing(rpc, listing)).data.paused, true);
  await mine.getByText('Paused by you').waitFor();

  await card(visitor, title).waitFor({ state: 'detached' });
  await visitor.goto(visitor.url().replace(/#.*/, `#/directory/${listing}`));
  await visitor.getByText(`“${title}” is not listed now (its owner paused it)`).first().waitFor();
  assert.equal(await visitor.getByRole('button', { name: 'Pay', exact: true }).isDisabled(), true);

  await mine.getByRole('button', { name: 'Resume' }).click();
  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  assert.equal((await fetchListing(rpc, listing)).data.paused, false);
  await visitor.goto(visitor.url().replace(/#.*/, '#/directory'));
  await visitor.getByLabel(/^Keyword/).fill(title);
  await card(visitor, title).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
  await visitorContext.close();
});

test('the owner edits a listing with the same form, filled in; nobody else may', async () => {
  const title = unique('Merch table help');
  const listing = await postListing('ana', { title, category: 'help', price: 4n * MICRO });
  const { listedUntil } = (await fetchListing(rpc, listing)).data.terms;

  const { page: other, context: otherContext } = await openAs(
    browser,
    'ben',
    `directory/${listing}/edit`,
  );
  const otherSave = other.getByRole('button', { name: 'Save changes' });
  assert.equal(await otherSave.isDisabled(), true);
  assert.equal(
    await other.locator('#why-post').innerText(),
    'Only the member who posted this listing can change it',
  );
  await otherContext.close();

  const { page, context, errors } = await openAs(browser, 'ana', `directory/${listing}`);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('heading', { level: 1, name: `Edit “${title}”` }).waitFor();
  assert.equal(await page.getByLabel('Title').inputValue(), title);
  assert.equal(await page.getByLabel('Price in AMPLED').inputValue(), '4');
  assert.equal(await page.getByLabel('Category').inputValue(), 'help');
  const renamed = unique('Merch table and door help');
  await page.getByLabel('Title').fill(renamed);
  await page.getByLabel('Ask', { exact: false }).check();
  await page.getByLabel('Contact').fill('tel:+15550100');
  await page.getByRole('button', { name: 'Save changes' }).click();

  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
  const { data } = await fetchListing(rpc, listing);
  assert.equal(data.terms.title, renamed);
  assert.deepEqual(data.terms.price, { __option: 'None' });
  assert.equal(data.terms.contact, 'tel:+15550100');
  assert.equal(data.terms.category, 'help');
  assert.equal(data.terms.listedUntil, listedUntil, 'an edit keeps when it ends');
  assert.match(await page.locator('main').innerText(), /Price\s+ask/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an expired listing drops out and cannot be paused; renewing lists it again', async () => {
  const title = unique('Childcare on show nights');
  const listing = await postListing('eve', { title, category: 'care', seconds: 4n });
  const { page, context, errors } = await openAs(browser, 'eve', 'directory');
  const mine = ownListing(page, title);
  await mine.getByText(/^Expired /).waitFor({ timeout: 15_000 });
  await page.getByLabel(/^Keyword/).fill(title);
  assert.equal(await card(page, title).count(), 0);
  assert.equal(await mine.getByRole('button', { name: 'Pause' }).isDisabled(), true);
  assert.match(await mine.innerText(), /It expired: renew it first/);

  await mine.getByLabel('Renew for (days)').fill('10');
  const before = await chainNow();
  await mine.getByRole('button', { name: 'Renew' }).click();
  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  const { listedUntil } = (await fetchListing(rpc, listing)).data.terms;
  const renewedFor = listedUntil - before;
  assert.ok(renewedFor > 10n * DAY - 120n && renewedFor <= 10n * DAY + 120n, String(renewedFor));
  await card(page, title).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('removing a listing returns its rent to the owner and the account is gone', async () => {
  const title = unique('Rehearsal room, Tuesdays');
  const listing = await postListing('ana', { title, category: 'rooms' });
  const ana = await walletAddress('ana');
  const rent = (
    await rpc.getAccountInfo(listing, { commitment: 'confirmed', encoding: 'base64' }).send()
  ).value.lamports;
  const before = await lamports(ana);
  const { page, context, errors } = await openAs(browser, 'ana', `directory/${listing}`);

  await page.getByText('the rent it holds comes back to you').waitFor();
  await page.getByRole('button', { name: 'Remove' }).click();
  assert.equal((await lastTransaction(page)).stage, 'confirmed');
  await page
    .getByRole('status')
    .filter({ hasText: `Removed “${title}”: its rent came back to your wallet.` })
    .waitFor();
  assert.equal((await fetchMaybeListing(rpc, listing)).exists, false);
  const [{ signature }] = await rpc
    .getSignaturesForAddress(listing, { limit: 1, commitment: 'confirmed' })
    .send();
  const tx = await rpc
    .getTransaction(signature, {
      encoding: 'json',
      maxSupportedTransactionVersion: 0,
      commitment: 'confirmed',
    })
    .send();
  assert.equal((await lamports(ana)) - before, rent - tx.meta.fee);
  // Back on the directory, whose own listings drop it once the change arrives through PubSub.
  await page.getByRole('heading', { name: 'Your listings' }).waitFor();
  await ownListing(page, title).waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a non-member cannot post: the Post button is disabled and says why', async () => {
  const { page, context, errors } = await openAs(browser, 'dev', 'directory/new');
  const post = page.getByRole('button', { name: 'Post', exact: true });
  assert.equal(await post.isDisabled(), true);
  const reason = page.getByText('This wallet is not an active member of the community', {
    exact: true,
  });
  assert.equal(await post.getAttribute('aria-describedby'), await reason.getAttribute('id'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the post form says what is wrong next to each field before anything is signed', async () => {
  const { page, context, errors } = await openAs(browser, 'ben', 'directory/new');

  await page.getByLabel('Category').fill('Mastering & more!');
  await page.getByLabel('Title').fill('   ');
  await page.getByLabel('Link to the description').fill('ftp://example.org/x');
  await page.getByLabel('Price in AMPLED').fill('0');
  await page.getByLabel('Contact').fill('call me after the show');
  await page.getByLabel('Listed for (days)').fill('400');
  await page.getByRole('button', { name: 'Post', exact: true }).click();

  assert.match(
    await page.getByLabel('Contact').getAttribute('aria-describedby'),
    /problem-contact/,
  );
  assert.equal(
    await page.locator('#problem-contact').innerText(),
    'A contact is an https:// page, a mailto: address or a tel: number (for example mailto:you@example.org)',
  );
  assert.equal(
    await page.locator('#problem-category').innerText(),
    'A category uses lowercase letters, digits, spaces and hyphens only',
  );
  assert.equal(
    await page.locator('#problem-title').innerText(),
    'A title is 1 to 64 bytes and not blank',
  );
  assert.equal(
    await page.locator('#problem-uri').innerText(),
    'Link to the description at an https://, ipfs:// or ar:// address',
  );
  assert.equal(
    await page.locator('#problem-price').innerText(),
    'A price must be more than zero, or choose “ask”',
  );
  assert.equal(
    await page.locator('#problem-days').innerText(),
    'A listing stays up for 1 to 366 days',
  );
  assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the directory, a listing and the post form have no serious accessibility issue, on a desktop and a phone', async () => {
  const listing = await postListing('ben', {
    title: unique('Poster design for your next show'),
    category: 'design',
    price: 15n * MICRO,
    contact: 'https://example.org/ben',
  });
  await postListing('ana', { title: unique('Mixing, one song'), category: 'mixing' });
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'ana', 'directory', viewport);
    await page.getByRole('list', { name: 'Listings found' }).waitFor();
    await page.locator('.own-listings').waitFor();
    await screenshot(page, `directory-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `directory, ${size}`);

    await page.goto(page.url().replace(/#.*/, `#/directory/${listing}`));
    await page.getByRole('button', { name: 'Pay', exact: true }).waitFor();
    await screenshot(page, `listing-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `listing, ${size}`);

    await page.goto(page.url().replace(/#.*/, '#/directory/new'));
    await page.getByRole('heading', { level: 1, name: 'Post to the directory' }).waitFor();
    await screenshot(page, `directory-post-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], `post form, ${size}`);
    await context.close();
  }
});
