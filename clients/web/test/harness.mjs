// What every browser test needs: the node `app/tests/web.rs` serves (`ampled serve --demo`), the
// demo's wallets, Debian's Chromium driven by playwright-core, and a Wallet Standard wallet
// injected into the page that signs with one of the demo's keypairs on `solana:localnet`.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createKeyPairSignerFromBytes, createSolanaRpc, fetchEncodedAccount } from '@solana/kit';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: these tests run against \`ampled serve --demo\`; ` +
        '`cargo test -p ampled-client --test web` starts one and runs them.',
    );
  }
  return value;
}

export const nodeUrl = required('AMPLED_NODE_URL');
export const wsUrl = required('AMPLED_NODE_WS_URL');
/** The demo's home: its wallets are `wallets/<name>.json`. */
export const home = required('AMPLED_HOME');
export const rpc = createSolanaRpc(nodeUrl);

/**
 * Runs the `ampled` command line on the demo's home (it goes through the node): for arranging a
 * test (`ampled('-k', 'ana', 'proposal', ...)`) or moving the chain's clock
 * (`ampled('clock', 'advance', '8d')`). Returns stdout; throws with what it said on failure.
 */
export function ampled(...args) {
  const env = { ...process.env };
  delete env.AMPLED_WALLET;
  delete env.AMPLED_HOME;
  try {
    return execFileSync(required('AMPLED_BIN'), ['--home', home, ...args], {
      encoding: 'utf8',
      env,
    });
  } catch (error) {
    throw new Error(`ampled ${args.join(' ')} failed: ${error.stdout}${error.stderr}`);
  }
}

const here = dirname(fileURLToPath(import.meta.url));
export const screenshots = process.env.AMPLED_SCREENSHOTS || join(here, '..', 'screenshots');
mkdirSync(screenshots, { recursive: true });

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** `text` made unique to this run, so a test finds its own records on a shared chain. */
export function unique(text) {
  return `${text} ${Date.now().toString(36)}`;
}

/** A demo wallet's 64-byte keypair, as `ampled wallet new` wrote it. */
export function keypairBytes(name) {
  return Uint8Array.from(JSON.parse(readFileSync(join(home, 'wallets', `${name}.json`), 'utf8')));
}

export async function walletAddress(name) {
  return (await createKeyPairSignerFromBytes(keypairBytes(name))).address;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A Wallet Standard wallet, written to run in the page before any of its scripts: it registers
 * itself as wallets do, and signs transactions with `secret` (a 64-byte keypair) using the
 * browser's own Ed25519. Only the message bytes are signed; the signature goes in the slot of
 * the account it belongs to. It signs messages too (`solana:signMessage`), and with `signIn`
 * offers `solana:signIn`, writing the Sign-In With Solana text itself as wallets do.
 * `window.__testWallet.declineNext` makes it refuse the next request as a person would.
 */
function testWallet({ secret, label, signIn }) {
  const bytes = Uint8Array.from(secret);
  const seed = bytes.slice(0, 32);
  const publicKey = bytes.slice(32);
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const base58 = (data) => {
    let n = 0n;
    for (const b of data) n = n * 256n + BigInt(b);
    let out = '';
    while (n > 0n) {
      out = ALPHABET[Number(n % 58n)] + out;
      n /= 58n;
    }
    for (const b of data) {
      if (b !== 0) break;
      out = '1' + out;
    }
    return out;
  };
  const address = base58(publicKey);
  const pkcs8 = new Uint8Array([
    0x30,
    0x2e,
    0x02,
    0x01,
    0x00,
    0x30,
    0x05,
    0x06,
    0x03,
    0x2b,
    0x65,
    0x70,
    0x04,
    0x22,
    0x04,
    0x20,
    ...seed,
  ]);
  const key = crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  const shortVec = (data, at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = data[at++];
      value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return [value, at];
      shift += 7;
    }
  };
  const signBytes = async (data) =>
    new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, await key, data));
  const declineIfAsked = () => {
    if (window.__testWallet.declineNext) {
      window.__testWallet.declineNext = false;
      throw new Error('User rejected the request.');
    }
  };
  /** The SIWS text, as the specification lays it out: only the fields given. */
  const signInText = (input) => {
    const lines = [
      `${input.domain ?? location.host} wants you to sign in with your Solana account:`,
    ];
    lines.push(input.address ?? address);
    if (input.statement) lines.push('', input.statement);
    const fields = [
      ['URI', input.uri],
      ['Version', input.version],
      ['Chain ID', input.chainId],
      ['Nonce', input.nonce],
      ['Issued At', input.issuedAt],
      ['Expiration Time', input.expirationTime],
      ['Not Before', input.notBefore],
      ['Request ID', input.requestId],
    ].filter(([, value]) => value);
    if (fields.length) lines.push('', ...fields.map(([name, value]) => `${name}: ${value}`));
    return lines.join('\n');
  };
  const sign = async (wire) => {
    const [count, start] = shortVec(wire, 0);
    const messageAt = start + 64 * count;
    const message = wire.slice(messageAt);
    let at = message[0] & 0x80 ? 1 : 0; // a versioned message starts with its version
    const required = message[at];
    at += 3;
    const [keys, keysAt] = shortVec(message, at);
    let slot = -1;
    for (let i = 0; i < Math.min(keys, required); i++) {
      const candidate = message.slice(keysAt + 32 * i, keysAt + 32 * (i + 1));
      if (candidate.every((b, j) => b === publicKey[j])) slot = i;
    }
    if (slot < 0) throw new Error(`${label} is not a signer of this transaction`);
    const signature = await signBytes(message);
    const signed = wire.slice();
    signed.set(signature, start + 64 * slot);
    return signed;
  };
  const account = {
    address,
    publicKey,
    chains: ['solana:localnet'],
    features: [
      'solana:signTransaction',
      'solana:signMessage',
      ...(signIn ? ['solana:signIn'] : []),
    ],
  };
  window.__testWallet = { address, signed: 0, signedIn: 0, declineNext: false };
  const wallet = {
    version: '1.0.0',
    name: label,
    icon: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=',
    chains: ['solana:localnet'],
    accounts: [],
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          wallet.accounts = [account];
          return { accounts: wallet.accounts };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          wallet.accounts = [];
        },
      },
      'standard:events': { version: '1.0.0', on: () => () => {} },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async (...inputs) => {
          declineIfAsked();
          const outputs = [];
          for (const input of inputs) {
            outputs.push({ signedTransaction: await sign(input.transaction) });
            window.__testWallet.signed++;
          }
          return outputs;
        },
      },
      'solana:signMessage': {
        version: '1.0.0',
        signMessage: async (...inputs) => {
          declineIfAsked();
          const outputs = [];
          for (const input of inputs) {
            const signedMessage = Uint8Array.from(input.message);
            outputs.push({ signedMessage, signature: await signBytes(signedMessage) });
            window.__testWallet.signed++;
          }
          return outputs;
        },
      },
    },
  };
  if (signIn) {
    wallet.features['solana:signIn'] = {
      version: '1.0.0',
      signIn: async (...inputs) => {
        declineIfAsked();
        const outputs = [];
        for (const input of inputs) {
          wallet.accounts = [account];
          const signedMessage = new TextEncoder().encode(signInText(input));
          outputs.push({ account, signedMessage, signature: await signBytes(signedMessage) });
          window.__testWallet.signed++;
          window.__testWallet.signedIn++;
        }
        return outputs;
      },
    };
  }
  const register = ({ register }) => register(wallet);
  window.addEventListener('wallet-standard:app-ready', ({ detail }) => register(detail));
  window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
}

/** The app's address on the node, with the PubSub endpoint the page cannot guess (port 0). */
export function appUrl(path = '') {
  return `${nodeUrl}/?ws=${encodeURIComponent(wsUrl)}#/${path}`;
}

/**
 * A page as `name` (a demo wallet, or null for a visitor without one), opened at `path`, with
 * the test wallet connected when there is one. Console errors fail the test that reads them.
 * `wallet.signIn` gives the test wallet `solana:signIn` (by default it only signs messages).
 */
export async function openAs(browser, name, path = '', viewport = DESKTOP, wallet = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (name) {
    await page.addInitScript(testWallet, {
      secret: Array.from(keypairBytes(name)),
      label: `Test wallet (${name})`,
      signIn: !!wallet.signIn,
    });
  }
  await page.goto(appUrl(path));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (name) {
    await page.getByRole('button', { name: 'Connect a wallet' }).click();
    await page.getByRole('button', { name: `Test wallet (${name})` }).click();
    await page.getByText(`Test wallet (${name}):`).waitFor();
  }
  return { page, context, errors };
}

/** Waits for the newest transaction in the progress list to end, and returns its stage. */
export async function lastTransaction(page) {
  const newest = page.locator('.transactions .tx').first();
  await newest.locator('xpath=self::*[@data-stage="confirmed" or @data-stage="failed"]').waitFor({
    timeout: 30_000,
  });
  return { stage: await newest.getAttribute('data-stage'), text: await newest.innerText() };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** An account's raw bytes on chain, or null. */
export async function accountData(address) {
  const account = await fetchEncodedAccount(rpc, address);
  return account.exists ? account.data : null;
}
