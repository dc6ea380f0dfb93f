// Distributions: a batch approved in one vote; each recipient checks the published list against
// what was approved and claims their share from their own wallet. The list and its Merkle tree
// are built here with node:crypto, independently of the app's merkle.ts, so the two cross-check.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  appendTransactionMessageInstructions,
  createKeyPairSignerFromBytes,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  generateKeyPairSigner,
  getAddressEncoder,
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
import { findAssociatedTokenPda, TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';
import {
  AMPLED_PROGRAM_ADDRESS,
  fetchCommunity,
  fetchDistribution,
  fetchMaybeDistribution,
  fetchMember,
  findDistributionPda,
  findMemberPda,
  getCreateProposalInstructionAsync,
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
  walletAddress,
  wsUrl,
  unique,
} from './harness.mjs';
import { seriousAccessibilityIssues } from './axe.mjs';

const sendAndConfirm = sendAndConfirmTransactionFactory({
  rpc,
  rpcSubscriptions: createSolanaRpcSubscriptions(wsUrl),
});
const folder = mkdtempSync(join(tmpdir(), 'ampled-distributions-'));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();

function u32(value) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

function u64(value) {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return bytes;
}

const walletBytes = (wallet) => Buffer.from(getAddressEncoder().encode(wallet));

/** The canonical list's bytes, for `[wallet, amount]` shares in index order. */
function canonicalList(shares) {
  const lines = shares.map(([wallet, amount], index) => `${index},${wallet},${amount}\n`);
  return Buffer.from(`index,wallet,amount\n${lines.join('')}`, 'utf8');
}

/** The Merkle root the program checks proofs against, computed here from the hashing rules. */
function merkleRoot(shares) {
  let level = shares.map(([wallet, amount], index) =>
    sha256(Buffer.from([0]), u32(index), walletBytes(wallet), u64(amount)),
  );
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) {
      if (i + 1 === level.length) {
        next.push(level[i]);
        continue;
      }
      const [low, high] = [level[i], level[i + 1]].sort(Buffer.compare);
      next.push(sha256(Buffer.from([1]), low, high));
    }
    level = next;
  }
  return level[0];
}

function writeList(name, bytes) {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

async function communityAddress() {
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [getUtf8Encoder().encode('community'), getUtf8Encoder().encode('ampled-demo')],
  });
  return pda;
}

/**
 * A distribution of `shares` ([wallet, amount in base units]) as members make one: ana proposes
 * it with the generated client, ben and cleo (and more if needed) approve, ana executes. Returns
 * its address and the list file's path. `root` is another only to test that the page checks it.
 */
async function distribute(why, shares, root = merkleRoot(shares)) {
  const list = canonicalList(shares);
  const community = await communityAddress();
  const ana = await createKeyPairSignerFromBytes(keypairBytes('ana'));
  const [anaMember] = await findMemberPda({ community, wallet: ana.address });
  const { data: member } = await fetchMember(rpc, anaMember);
  const [proposal] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode('proposal'),
      getAddressEncoder().encode(community),
      getAddressEncoder().encode(ana.address),
      getU64Encoder().encode(member.proposalsCreated),
    ],
  });
  const clock = await fetchSysvarClock(rpc);
  const create = await getCreateProposalInstructionAsync({
    proposer: ana,
    community,
    proposal,
    action: {
      __kind: 'Distribute',
      terms: {
        root,
        recipients: shares.length,
        total: shares.reduce((sum, [, amount]) => sum + amount, 0n),
        listHash: sha256(list),
        uri: 'https://lists.ampled.invalid/list.csv',
        claimUntil: clock.unixTimestamp + 30n * 86_400n,
        reason: why,
      },
    },
  });
  const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
  const signed = await signTransactionMessageWithSigners(
    pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(ana, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
      (m) => appendTransactionMessageInstructions([create], m),
    ),
  );
  await sendAndConfirm(signed, { commitment: 'confirmed' });
  // Other test files may have admitted members before this one: more approve until it passes.
  for (const voter of ['ben', 'cleo', 'eve', 'ana']) {
    const { approvals, required } = JSON.parse(
      ampled('--output', 'json', 'proposal', 'show', proposal),
    );
    if (approvals >= required) break;
    ampled('-k', voter, 'proposal', 'approve', proposal);
  }
  ampled('-k', 'ana', 'proposal', 'execute', proposal);
  const [distribution] = await findDistributionPda({ proposal });
  return { distribution, path: writeList(`${distribution}.csv`, list), list };
}

async function tokenBalance(wallet) {
  const { mint } = (await fetchCommunity(rpc, await communityAddress())).data;
  const [account] = await findAssociatedTokenPda({
    owner: wallet,
    mint,
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
  try {
    return BigInt((await rpc.getTokenAccountBalance(account).send()).value.amount);
  } catch {
    return 0n;
  }
}

async function chooseList(page, path) {
  await page.getByLabel('Choose the list file').setInputFiles(path);
}

const EVE_SHARE = 2_500_000n;
const DEV_SHARE = 1_750_000n;
const BEN_SHARE = 4_000_000n;
const STRANGER_SHARE = 1_000_000n;
let batch;
let why;

before(async () => {
  why = unique('The time bank, 2019-2025');
  const stranger = await generateKeyPairSigner();
  batch = await distribute(why, [
    [await walletAddress('dev'), DEV_SHARE],
    [await walletAddress('eve'), EVE_SHARE],
    [await walletAddress('ben'), BEN_SHARE],
    [stranger.address, STRANGER_SHARE],
  ]);
});

test('a recipient chooses the approved list, sees their share and claims it: their balance grows by exactly the share', async () => {
  const eve = await walletAddress('eve');
  const before = await tokenBalance(eve);
  const { page, context, errors } = await openAs(
    browser,
    'eve',
    `distributions/${batch.distribution}`,
  );
  await page.getByRole('heading', { level: 1, name: why }).waitFor();

  await page.getByText('The list could not be fetched from where it is published').waitFor();
  await chooseList(page, batch.path);
  await page.getByText('This is the list members approved').waitFor();
  assert.match(
    await page.locator('#your-share').locator('..').innerText(),
    /Your share: 2\.5 AMPLED \(index 1\)/,
  );
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  const outcome = await lastTransaction(page);

  assert.equal(outcome.stage, 'confirmed', outcome.text);
  assert.match(outcome.text, /Claim my share: Confirmed/);
  assert.equal((await tokenBalance(eve)) - before, EVE_SHARE);
  const record = await fetchDistribution(rpc, batch.distribution);
  assert.equal(record.data.claimedCount, 1);
  assert.equal(record.data.claimedTotal, EVE_SHARE);
  assert.equal(record.data.claimed[0], 0b10, 'bit 1 (eve, index 1) is set');
  const claim = page.getByRole('button', { name: 'Claim', exact: true });
  await page.getByText('Your share: 2.5 AMPLED (index 1, claimed)').waitFor();
  assert.equal(await claim.isDisabled(), true);
  assert.equal(await page.locator('#why-claim').innerText(), 'This share is already claimed');
  assert.match(
    await page.locator('main dl').first().innerText(),
    /Claimed so far\s+1 of 4 · 2\.5 AMPLED/,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tampered list (one amount changed) is refused in words, and no claim is offered', async () => {
  const tampered = Buffer.from(
    batch.list.toString('utf8').replace(`,${DEV_SHARE}\n`, `,${DEV_SHARE * 10n}\n`),
  );
  assert.notDeepEqual(tampered, batch.list);
  const path = writeList('tampered.csv', tampered);
  const approved = createHash('sha256').update(batch.list).digest('hex');
  const theirs = createHash('sha256').update(tampered).digest('hex');
  const { page, context, errors } = await openAs(
    browser,
    'dev',
    `distributions/${batch.distribution}`,
  );
  await page.getByRole('heading', { level: 1, name: why }).waitFor();

  await chooseList(page, path);

  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  assert.equal(
    await refusal.innerText(),
    `This list is not the one members approved: its sha256 is ${theirs} but the distribution's is ${approved}.`,
  );
  assert.equal(await page.getByRole('button', { name: /^Claim/ }).count(), 0);
  assert.equal(await page.getByText('Your share').count(), 0);
  const record = await fetchDistribution(rpc, batch.distribution);
  assert.equal(Buffer.from(record.data.terms.listHash).toString('hex'), approved);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a list that hashes right but whose Merkle root is not the approved one is refused in words', async () => {
  const shares = [[await walletAddress('eve'), 1_000_000n]];
  const wrongRoot = merkleRoot([[await walletAddress('eve'), 9_000_000n]]);
  const mismatched = unique('A root that does not match');
  const { distribution, path } = await distribute(mismatched, shares, wrongRoot);
  const { page, context, errors } = await openAs(browser, 'eve', `distributions/${distribution}`);
  await page.getByRole('heading', { level: 1, name: mismatched }).waitFor();

  await chooseList(page, path);

  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  assert.equal(
    await refusal.innerText(),
    `This list does not give the distribution's Merkle root: its root is ${merkleRoot(shares).toString('hex')} but the distribution's is ${wrongRoot.toString('hex')}.`,
  );
  assert.equal(await page.getByRole('button', { name: /^Claim/ }).count(), 0);
  const record = await fetchDistribution(rpc, distribution);
  assert.equal(Buffer.from(record.data.terms.root).toString('hex'), wrongRoot.toString('hex'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wallet not in the list is told so, and its Claim is disabled with the reason', async () => {
  const { page, context, errors } = await openAs(
    browser,
    'cleo',
    `distributions/${batch.distribution}`,
  );
  await page.getByRole('heading', { level: 1, name: why }).waitFor();

  await chooseList(page, batch.path);
  await page.getByText('This is the list members approved').waitFor();

  await page.getByText('Your wallet is not in this list: it has no share to claim.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Claim', exact: true }).isDisabled(), true);
  assert.equal(await page.locator('#why-claim').innerText(), 'Not in this list');
  const rows = page.locator('table.share-table tbody tr');
  assert.equal(await rows.count(), 4);
  const cleo = await walletAddress('cleo');
  assert.ok(batch.list.toString('utf8').includes(await walletAddress('ben')));
  assert.ok(!batch.list.toString('utf8').includes(cleo), 'the chain-side list has no cleo either');
  assert.deepEqual(errors, []);
  await context.close();
});

test('anyone claims a share for the wallet in the list, and once every share is claimed the distribution closes', async () => {
  const friend = await generateKeyPairSigner();
  const share = 3_300_000n;
  const single = unique('Care work, spring');
  const { distribution, path } = await distribute(single, [[friend.address, share]]);
  const { page, context, errors } = await openAs(browser, 'ana', `distributions/${distribution}`);
  await page.getByRole('heading', { level: 1, name: single }).waitFor();
  const close = page.getByRole('button', { name: 'Close the distribution' });
  assert.equal(await close.isDisabled(), true);
  assert.match(
    await page.locator('#why-close-the-distribution').innerText(),
    /^Claims are open until /,
  );

  await chooseList(page, path);
  await page.getByRole('button', { name: 'Claim #0' }).click();
  const claimed = await lastTransaction(page);
  await page.getByRole('cell', { name: 'Claimed', exact: true }).waitFor();
  assert.equal(claimed.stage, 'confirmed', claimed.text);
  assert.equal(
    await tokenBalance(friend.address),
    share,
    'the tokens went to the wallet in the list',
  );
  await page.locator('#why-close-the-distribution').waitFor({ state: 'detached' });
  await close.click();
  const closed = await lastTransaction(page);

  assert.equal(closed.stage, 'confirmed', closed.text);
  await page.getByRole('heading', { level: 1, name: 'Distributions' }).waitFor();
  assert.equal((await fetchMaybeDistribution(rpc, distribution)).exists, false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the list of distributions shows each one with its figures and status, and links to it', async () => {
  const { page, context, errors } = await openAs(browser, null, 'distributions');

  const link = page.getByRole('link', { name: why });
  await link.waitFor();
  const row = page.locator('tr', { has: link });
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[1], '9.25 AMPLED');
  assert.equal(cells[2], '4');
  const record = await fetchDistribution(rpc, batch.distribution);
  assert.equal(record.data.claimedTotal, EVE_SHARE);
  assert.equal(cells[3], '1 of 4 · 2.5 AMPLED');
  assert.match(cells[4], /\(29 d 23 h left\)$|\(30 d 0 h left\)$/);
  assert.equal(cells[5], 'open');
  await link.click();
  await page.getByRole('heading', { level: 1, name: why }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the list is fetched from where it is published when that site allows it, and a recipient claims without choosing a file', async () => {
  const dev = await walletAddress('dev');
  const before = await tokenBalance(dev);
  const { page, context, errors } = await openAs(browser, 'dev', 'distributions');
  await page.route('https://lists.ampled.invalid/list.csv', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/csv',
      headers: { 'access-control-allow-origin': '*' },
      body: batch.list,
    }),
  );
  await page.getByRole('link', { name: why }).click();

  await page.getByText('(read from https://lists.ampled.invalid/list.csv)').waitFor();
  await page.getByText('Your share: 1.75 AMPLED (index 0).').waitFor();
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  const outcome = await lastTransaction(page);

  assert.equal(outcome.stage, 'confirmed', outcome.text);
  assert.equal((await tokenBalance(dev)) - before, DEV_SHARE);
  const record = await fetchDistribution(rpc, batch.distribution);
  assert.equal(record.data.claimedCount, 2);
  assert.equal(record.data.claimed[0], 0b11, 'bits 0 (dev) and 1 (eve) are set');
  await page.getByText('Claimed so far').locator('..').getByText('2 of 4 · 4.25 AMPLED').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a list the command line wrote and proposed is accepted by the page, which claims from it', async () => {
  // The other implementation of the same list: the Rust client's CSV reading, canonical list and
  // tree, through `ampled distribution propose`.
  const title = unique('Flyer crew, autumn');
  const source = writeList(
    `${title}.csv`,
    Buffer.from('wallet,hours,note\ndev,1.5,flyers\ncleo,2,posters\n'),
  );
  const proposed = JSON.parse(
    ampled(
      '-k',
      'ana',
      '--output',
      'json',
      'distribution',
      'propose',
      source,
      '--rate',
      '2/h',
      '--reason',
      title,
      '--uri',
      'https://lists.ampled.invalid/autumn.csv',
    ),
  );
  for (const voter of ['ben', 'cleo', 'eve', 'ana']) {
    const { approvals, required } = JSON.parse(
      ampled('--output', 'json', 'proposal', 'show', proposed.created),
    );
    if (approvals >= required) break;
    ampled('-k', voter, 'proposal', 'approve', proposed.created);
  }
  ampled('-k', 'ana', 'proposal', 'execute', proposed.created);
  const [distribution] = await findDistributionPda({ proposal: proposed.created });
  const dev = await walletAddress('dev');
  const before = await tokenBalance(dev);
  const { page, context, errors } = await openAs(browser, 'dev', `distributions/${distribution}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();

  await chooseList(page, proposed.list_file);
  await page.getByText('This is the list members approved').waitFor();
  await page.getByRole('button', { name: 'Claim', exact: true }).click();
  const outcome = await lastTransaction(page);

  assert.equal(outcome.stage, 'confirmed', outcome.text);
  assert.equal((await tokenBalance(dev)) - before, 3_000_000n, '1.5 hours at 2 AMPLED an hour');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the distributions and a distribution have no serious accessibility issue, on a desktop and on a phone', async () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const list = await openAs(browser, 'ben', 'distributions', viewport);
    await list.page.getByRole('link', { name: why }).waitFor();
    await screenshot(list.page, `distributions-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(list.page), [], `list, ${size}`);
    await list.context.close();

    const one = await openAs(browser, 'ben', `distributions/${batch.distribution}`, viewport);
    await one.page.getByRole('heading', { level: 1, name: why }).waitFor();
    await chooseList(one.page, batch.path);
    await one.page.getByText('Your share: 4 AMPLED (index 2)').waitFor();
    await screenshot(one.page, `distribution-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(one.page), [], `distribution, ${size}`);
    await one.context.close();
  }
});
