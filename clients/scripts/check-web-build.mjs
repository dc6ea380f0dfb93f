// Fails when web/dist (checked in, embedded by `ampled serve`) is not what building web/src gives:
// builds into a temporary folder and compares every file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const clients = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(clients, 'web', 'dist');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const fresh = mkdtempSync(join(tmpdir(), 'ampled-web-'));
try {
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', fresh, '--logLevel', 'error'],
    { cwd: clients, stdio: 'inherit' },
  );
  const want = files(fresh)
    .map((f) => relative(fresh, f))
    .sort();
  const have = files(dist)
    .map((f) => relative(dist, f))
    .sort();
  const differ = [...new Set([...want, ...have])].filter(
    (name) =>
      !want.includes(name) ||
      !have.includes(name) ||
      !readFileSync(join(fresh, name)).equals(readFileSync(join(dist, name))),
  );
  if (differ.length > 0) {
    console.error(
      `web/dist is stale (${differ.join(', ')}): run \`npm run web:build\` in clients/ and commit web/dist`,
    );
    process.exit(1);
  }
  console.log(`web/dist matches web/src (${have.length} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
