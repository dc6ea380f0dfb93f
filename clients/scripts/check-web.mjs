// Type-checks the web app (web/tsconfig.json), which compiles the generated client with it:
// every error fails, except the generated client's one known mismatch.
import ts from 'typescript';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { knownMismatch } from './known-type-errors.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const configPath = join(web, 'tsconfig.json');
const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, web);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !knownMismatch(d));
if (diagnostics.length > 0) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => web,
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}
console.log(`web: ${parsed.fileNames.length} files type-check`);
