// Type errors of the generated client that are known and harmless, shared by the generator's
// check and the web app's.

/**
 * The one type error Codama's renderer (2.2.0, the newest) leaves with kit 8: its program plugin
 * declares `Omit<T, 'ampled'> & { ampled: AmpledPlugin }` as what `extendClient` returns, while
 * kit 8's `extendClient` returns the flattened `ExtendedClient<T, ...>`. Same object at run time;
 * any other error fails the generation.
 */
export function knownMismatch(diagnostic) {
  if (!diagnostic.file || diagnostic.code !== 2322) return false;
  if (!diagnostic.file.fileName.endsWith('/src/programs/ampled.ts')) return false;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const text = diagnostic.file.text.split('\n')[line];
  return text.trim() === 'return extendClient(client, {';
}
