// Sign-in: a member's wallet signs the node's challenge and the page shows a pass that a site
// verifies offline; a non-member is refused with the node's reason; a declined signature shares
// nothing. The pass is checked with `ampled gate verify`, as a site would check it.
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

/** The demo's one gate, as `ampled serve` offers it without a rule file. */
const GATE = 'Member-only materials';
const signInButton = (page) => page.getByRole('button', { name: `Sign in to ${GATE}` });
const passBox = (page) => page.getByRole('textbox', { name: `Your pass to ${GATE}` });

/** A pass's claims, read as any JWT library reads them (the signature is checked elsewhere). */
function claimsOf(pass) {
  return JSON.parse(Buffer.from(pass.split('.')[1], 'base64url').toString('utf8'));
}

/** Whether the demo's node accepts `pass` for `gate`, as a site checks it: offline. */
function verifies(pass, gate) {
  try {
    ampled('gate', 'verify', pass, '--gate', gate);
    return true;
  } catch {
    return false;
  }
}

async function signInAs(name, options) {
  const opened = await openAs(browser, name, 'sign-in', DESKTOP, options);
  await signInButton(opened.page).click();
  return opened;
}

test('a member signs in with signMessage and gets a pass a site verifies offline', async () => {
  const { page, context, errors } = await signInAs('ben');
  const ben = await walletAddress('ben');

  await passBox(page).waitFor();
  const pass = await passBox(page).inputValue();
  const text = await page.locator('main').innerText();

  assert.match(text, new RegExp(`You may open ${GATE} until .+\\.`));
  assert.match(text, /It lasts 10 minutes; someone removed from the co-op keeps a pass until it/);
  assert.match(text, /\/\.well-known\/jwks\.json/);
  assert.equal(await passBox(page).getAttribute('readonly'), '');
  const claims = claimsOf(pass);
  assert.equal(claims.sub, ben);
  assert.equal(claims.aud, 'members');
  assert.equal(claims.community, 'ampled-demo');
  assert.equal(claims.role, 'artist');
  assert.equal(claims.exp - claims.iat, 600);
  assert.ok(text.includes(claims.iss), 'the page names the key that signed the pass');
  assert.ok(verifies(pass, 'members'), 'ampled gate verify accepts the pass');
  assert.ok(!verifies(pass, 'artists'), 'the pass opens only its own gate');
  const signed = await page.evaluate(() => window.__testWallet);
  assert.equal(signed.signed, 1, 'the wallet signed one message');
  assert.equal(signed.signedIn, 0, 'with signMessage');
  assert.ok(
    !(await page.evaluate(
      (p) => JSON.stringify({ ...localStorage, ...sessionStorage }).includes(p),
      pass,
    )),
    'the pass is kept in memory only',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('the pass is copied with one button', async () => {
  const { page, context, errors } = await signInAs('ana');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await passBox(page).waitFor();

  await page.getByRole('button', { name: 'Copy pass' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();

  assert.equal(
    await page.evaluate(() => navigator.clipboard.readText()),
    await passBox(page).inputValue(),
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wallet with solana:signIn writes the message itself, and the node accepts it', async () => {
  const { page, context, errors } = await signInAs('cleo', { signIn: true });
  const cleo = await walletAddress('cleo');

  await passBox(page).waitFor();
  const pass = await passBox(page).inputValue();

  assert.equal(claimsOf(pass).sub, cleo);
  assert.ok(verifies(pass, 'members'));
  assert.equal(await page.evaluate(() => window.__testWallet.signedIn), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a non-member is refused with the node reason, and shown no pass', async () => {
  const { page, context, errors } = await signInAs('dev');
  const dev = await walletAddress('dev');

  const alert = page.getByRole('alert');
  await alert.waitFor();

  assert.equal(
    await alert.innerText(),
    `Not let into "members": ${dev} is not a member of ampled-demo: members admit new members by vote`,
  );
  assert.equal(await passBox(page).count(), 0);
  assert.doesNotMatch(await page.locator('main').innerText(), /You may open/);
  assert.equal(await signInButton(page).isEnabled(), true, 'they may try again');
  assert.deepEqual(errors, []);
  await context.close();
});

test('declining in the wallet says so, and shares nothing', async () => {
  const { page, context, errors } = await openAs(browser, 'eve', 'sign-in');
  await page.evaluate(() => {
    window.__testWallet.declineNext = true;
  });
  await signInButton(page).click();

  const alert = page.getByRole('alert');
  await alert.waitFor();

  assert.equal(await alert.innerText(), 'You declined to sign; nothing was shared');
  assert.equal(await passBox(page).count(), 0);
  assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without a wallet, each sign-in says why it cannot be used', async () => {
  const { page, context, errors } = await openAs(browser, null, 'sign-in');

  await signInButton(page).waitFor();

  assert.equal(await signInButton(page).isDisabled(), true);
  assert.equal(
    await page.getByText('Connect a wallet first').getAttribute('id'),
    await signInButton(page).getAttribute('aria-describedby'),
  );
  assert.match(await page.locator('main').innerText(), /Opens to active members/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the built-in wallet signs messages too (the node checks its signature first)', async () => {
  const { page, context, errors } = await openAs(browser, null, 'sign-in');
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await page.getByRole('button', { name: 'Built-in wallet (local node only)' }).click();
  const address = await page.getByText('Built-in wallet (this browser):').getAttribute('title');

  await signInButton(page).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();

  // A refusal for the rule, not for the signature: the signature was good.
  assert.match(await alert.innerText(), new RegExp(`^Not let into "members": ${address} is not`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page whose node does not offer sign-in says it needs an ampled serve node', async () => {
  const { page, context, errors } = await openAs(browser, 'ben', '');
  await page.route('**/siws/gates', (route) => route.fulfill({ status: 404, body: 'Not Found' }));

  await page.getByRole('link', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();

  assert.match(await alert.innerText(), /^Signing in needs an ampled serve node/);
  assert.equal(await signInButton(page).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('sign-in has no serious accessibility issue, on a desktop and on a phone', async () => {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ]) {
    const { page, context } = await openAs(browser, 'ana', 'sign-in', viewport);
    await signInButton(page).click();
    await passBox(page).waitFor();
    await screenshot(page, `sign-in-${size}`);
    assert.deepEqual(await seriousAccessibilityIssues(page), [], size);
    await context.close();
  }
});
