// A distribution's list, checked in the browser exactly as the program and the CLI hash it: the
// canonical list's sha256, its leaves sha256(0x00 ‖ index u32 LE ‖ wallet ‖ amount u64 LE), its
// inner nodes sha256(0x01 ‖ lower ‖ higher), and the proof of one share.
import {
  getAddressEncoder,
  getU32Encoder,
  getU64Encoder,
  isAddress,
  type Address,
} from '@solana/kit';

export type Hash = Uint8Array;

/** One line of the canonical list. */
export type Share = { index: number; wallet: Address; amount: bigint };

export const LIST_HEADER = 'index,wallet,amount';

export async function sha256(bytes: Uint8Array): Promise<Hash> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.from(a).every((byte, i) => byte === b[i]);
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function leafHash({ index, wallet, amount }: Share): Promise<Hash> {
  return sha256(
    concat(
      [0x00],
      getU32Encoder().encode(index),
      getAddressEncoder().encode(wallet),
      getU64Encoder().encode(amount),
    ),
  );
}

/** Lexicographic order of two hashes, as Rust compares `[u8; 32]`. */
function before(a: Hash, b: Hash): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return true;
}

export function nodeHash(a: Hash, b: Hash): Promise<Hash> {
  const [low, high] = before(a, b) ? [a, b] : [b, a];
  return sha256(concat([0x01], low, high));
}

/** Every level of the tree, leaves first and the root last; an odd last node is carried up. */
export async function treeLevels(leaves: Hash[]): Promise<Hash[][]> {
  if (leaves.length === 0) throw new Error('A distribution list has at least one share');
  const levels = [leaves];
  while (levels[levels.length - 1].length > 1) {
    const level = levels[levels.length - 1];
    const next: Promise<Hash>[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(
        i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : Promise.resolve(level[i]),
      );
    }
    levels.push(await Promise.all(next));
  }
  return levels;
}

export function rootOf(levels: Hash[][]): Hash {
  return levels[levels.length - 1][0];
}

/** The siblings from the leaf at `index` up to the root, skipping levels where it had none. */
export function proofOf(levels: Hash[][], index: number): Hash[] {
  const proof: Hash[] = [];
  let at = index;
  for (const level of levels.slice(0, -1)) {
    const sibling = level[at ^ 1];
    if (sibling) proof.push(sibling);
    at >>= 1;
  }
  return proof;
}

/**
 * Reads the canonical list: its header, then `index,wallet,amount` in index order from 0, every
 * line ending with LF. Throws with the line number and what is wrong.
 */
export function parseList(text: string): Share[] {
  if (!text.endsWith('\n')) throw new Error('The list must end with a line break');
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== LIST_HEADER) {
    throw new Error(`Line 1 must be exactly "${LIST_HEADER}"`);
  }
  return lines.slice(1).map((line, i) => {
    const number = i + 2;
    const fields = line.split(',');
    if (fields.length !== 3) throw new Error(`Line ${number}: expected index,wallet,amount`);
    const [index, wallet, amount] = fields;
    if (index !== String(i)) throw new Error(`Line ${number}: the index should be ${i}`);
    if (!isAddress(wallet)) throw new Error(`Line ${number}: "${wallet}" is not a wallet address`);
    if (!/^(0|[1-9]\d*)$/.test(amount) || BigInt(amount) >= 2n ** 64n) {
      throw new Error(`Line ${number}: "${amount}" is not an amount in base units`);
    }
    return { index: i, wallet, amount: BigInt(amount) };
  });
}

/** Bit `index` of a claimed-bitmap (least significant bit first within each byte). */
export function isClaimed(bitmap: ArrayLike<number>, index: number): boolean {
  return (((bitmap[index >> 3] ?? 0) >> (index & 7)) & 1) === 1;
}
