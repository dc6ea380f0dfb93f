// Generates the Codama client of the program from `idl/ampled.json` into `generated/`:
//   generated/src  the TypeScript Codama writes (formatted by Prettier, as Codama formats it)
//   generated/js   the same compiled to ES modules Node runs as they are (what the tests import)
//
//   node scripts/generate.mjs          regenerate
//   node scripts/generate.mjs --check  fail if the checked-in code is not what the IDL gives
//
// The TypeScript is type-checked against the installed @solana/kit while it is compiled, so a
// client that no longer fits kit fails here rather than in a user's build.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFromRoot } from 'codama';
import { rootNodeFromAnchor } from '@codama/nodes-from-anchor';
import { renderVisitor } from '@codama/renderers-js';
import * as prettier from 'prettier';
import ts from 'typescript';
import { knownMismatch } from './known-type-errors.mjs';

const clients = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const idlPath = resolve(clients, '../idl/ampled.json');
const outDir = join(clients, 'generated');
const check = process.argv.includes('--check');

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Paths relative to `dir`, with forward slashes, sorted. */
function tree(dir) {
  return new Map(
    filesUnder(dir)
      .map((file) => [relative(dir, file).split(sep).join('/'), readFileSync(file, 'utf8')])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * Codama imports sibling modules without extensions (`../pdas`, `.`), as bundlers resolve them; Node's
 * ES modules need the file itself (`../pdas/index.js`).
 */
function explicitSpecifiers(file, code, files) {
  return code.replace(
    /(from\s+|import\s*\(\s*)(["'])(\.{1,2}(?:\/[^"']*)?)\2/g,
    (match, lead, quote, spec) => {
      const target = resolve(dirname(file), spec);
      for (const candidate of [`${target}.js`, join(target, 'index.js')]) {
        if (files.has(candidate)) {
          const rel = relative(dirname(file), candidate).split(sep).join('/');
          return `${lead}${quote}${rel.startsWith('.') ? rel : `./${rel}`}${quote}`;
        }
      }
      throw new Error(`${file}: cannot resolve ${spec}`);
    },
  );
}

function compile(srcDir, jsDir) {
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmitOnError: false,
    rootDir: srcDir,
    outDir: jsDir,
    newLine: ts.NewLineKind.LineFeed,
  };
  const program = ts.createProgram(
    filesUnder(srcDir).filter((file) => file.endsWith('.ts')),
    options,
  );
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter(
    (diagnostic) => !knownMismatch(diagnostic),
  );
  if (diagnostics.length > 0) {
    const host = {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => clients,
      getNewLine: () => '\n',
    };
    throw new Error(
      `the generated client does not type-check against the installed @solana/kit:\n${ts.formatDiagnostics(diagnostics, host)}`,
    );
  }
  const jsFiles = new Set(filesUnder(jsDir));
  for (const file of jsFiles) {
    writeFileSync(file, explicitSpecifiers(file, readFileSync(file, 'utf8'), jsFiles));
  }
}

async function generate(workDir) {
  const idl = JSON.parse(readFileSync(idlPath, 'utf8'));
  const codama = createFromRoot(rootNodeFromAnchor(idl));
  // Formatting here rather than in Codama: Codama would also read any Prettier configuration
  // found above its output folder, and the output must not depend on where it is generated.
  await codama.accept(
    renderVisitor(workDir, {
      generatedFolder: 'src',
      formatCode: false,
      syncPackageJson: false,
    }),
  );
  const srcDir = join(workDir, 'src');
  for (const file of filesUnder(srcDir)) {
    const code = readFileSync(file, 'utf8');
    writeFileSync(file, await prettier.format(code, { filepath: file }));
  }
  compile(srcDir, join(workDir, 'js'));
  return tree(workDir);
}

// Inside node_modules so the compiler resolves @solana/kit from the work folder as from ours.
const cache = join(clients, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const workDir = mkdtempSync(join(cache, 'codama-'));
let wanted;
try {
  wanted = await generate(workDir);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

if (check) {
  const present = tree(outDir);
  const stale = [
    ...[...wanted.keys()].filter((path) => present.get(path) !== wanted.get(path)),
    ...[...present.keys()].filter((path) => !wanted.has(path)),
  ];
  if (stale.length > 0) {
    console.error(
      `clients/generated is stale: ${stale.length} file(s) differ from what idl/ampled.json generates:\n` +
        stale.map((path) => `  generated/${path}`).join('\n') +
        '\nRun `npm run generate` in clients/ and commit the result.',
    );
    process.exit(1);
  }
  console.log(`clients/generated matches idl/ampled.json (${wanted.size} files)`);
} else {
  rmSync(outDir, { recursive: true, force: true });
  for (const [path, content] of wanted) {
    const file = join(outDir, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  console.log(`wrote ${wanted.size} files to clients/generated`);
}
