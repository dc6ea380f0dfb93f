// The web app's budget, measured (a report, not a test): the production build's JavaScript
// gzipped, and how soon the home screen is interactive on localhost in headless Chromium (from
// navigation to the co-op's heading shown with a working wallet button), over several loads.
//   AMPLED_NODE_URL=http://127.0.0.1:8899 AMPLED_NODE_WS_URL=ws://127.0.0.1:8900 node scripts/web-budget.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const LOADS = 7;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist', 'assets');
const scripts = readdirSync(dist).filter((name) => name.endsWith('.js'));
const gzipped = scripts.reduce(
  (sum, name) => sum + gzipSync(readFileSync(join(dist, name)), { level: 9 }).length,
  0,
);
console.log(`JavaScript: ${scripts.length} file(s), ${(gzipped / 1024).toFixed(1)} KB gzipped`);

const node = process.env.AMPLED_NODE_URL;
const ws = process.env.AMPLED_NODE_WS_URL;
if (!node || !ws) {
  console.log(
    'Set AMPLED_NODE_URL and AMPLED_NODE_WS_URL (a running `ampled serve`) to time the home screen.',
  );
  process.exit(0);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
  ],
});
const times = [];
for (let i = 0; i < LOADS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${node}/?ws=${encodeURIComponent(ws)}#/`);
  await page.getByRole('heading', { level: 2, name: 'The rules' }).waitFor();
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await page.getByRole('list', { name: 'Wallets' }).waitFor();
  times.push(Date.now() - started);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(
  `Home interactive: median ${times[Math.floor(LOADS / 2)]} ms, fastest ${times[0]} ms, slowest ${times[LOADS - 1]} ms (${LOADS} loads, each a fresh browser context)`,
);
