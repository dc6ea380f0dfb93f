// Sign-In With Solana against the node (`ampled serve`): the gates it offers, a challenge for
// one, the wallet's signature, and the pass the node gives when the chain shows the wallet meets
// the gate's rule. A pass is a bearer credential: whoever holds it gets in until it expires, so
// it lives in this page's memory only (never localStorage) and is forgotten when it expires or
// the wallet changes.
import type { SolanaSignInInput } from '@solana/wallet-standard-features';
import { getBase58Decoder } from '@solana/kit';
import { rpcUrl } from './config';
import { store } from './store';
import { connected, type Connected, type SignedMessage } from './wallet';

/** The node that signs people in: the one answering JSON-RPC serves sign-in too. */
export const signInBase: string = new URL(rpcUrl).origin;

/** Where sites find the key that signs passes, for JWT libraries. */
export const jwksUrl = `${signInBase}/.well-known/jwks.json`;

export type Gate = { name: string; about: string; rule: string };

/** What `GET /siws/gates` says. */
export type Gates = {
  domain: string;
  /** The node's public key, which signs passes. */
  issuer: string;
  community: string | null;
  challenge_secs: number;
  pass_secs: number;
  gates: Gate[];
};

/** What a pass says (its JWT claims). */
export type PassClaims = {
  iss: string;
  /** The wallet that signed in. */
  sub: string;
  /** The gate it opens. */
  aud: string;
  iat: number;
  exp: number;
  community: string;
  member: boolean;
  role?: string;
  balance: string;
};

export type Issued = { pass: string; claims: PassClaims };

/** Why a sign-in did not give a pass: the node's refusal (its `code`), or the wallet's. */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** This visit's passes, by gate: in memory only. */
export const passes = store<Record<string, Issued>>({});

function forget(gate: string, pass?: string) {
  const { [gate]: dropped, ...kept } = passes.get();
  if (dropped && (pass === undefined || dropped.pass === pass)) passes.set(kept);
}

// A pass belongs to the wallet that signed in: another wallet (or none) does not see it.
connected.subscribe(() => {
  const now = connected.get()?.address;
  for (const [gate, issued] of Object.entries(passes.get())) {
    if (issued.claims.sub !== now) forget(gate);
  }
});

/** The gates the node offers, or null when no `ampled serve` node answers at `signInBase`. */
export async function fetchGates(): Promise<Gates | null> {
  try {
    const response = await fetch(`${signInBase}/siws/gates`);
    if (!response.ok) return null;
    const gates = (await response.json()) as Gates;
    return Array.isArray(gates?.gates) ? gates : null;
  } catch {
    return null;
  }
}

async function post<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${signInBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SignInRefused(
      `Cannot reach the node at ${signInBase}; check that \`ampled serve\` is running and try again (${(error as Error).message})`,
      'unreachable',
    );
  }
  const answer = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  if (!response.ok) {
    throw new SignInRefused(
      answer?.error?.message ?? `The node answered ${response.status} ${response.statusText}`,
      answer?.error?.code ?? `http_${response.status}`,
    );
  }
  return answer as T;
}

/** Why `wallet` cannot sign in, or null when it can. */
export function cannotSignIn(wallet: Connected | null): string | null {
  if (!wallet) return 'Connect a wallet first';
  if (wallet.signIn || wallet.signMessage) return null;
  return `${wallet.name} cannot sign messages, which signing in needs; Phantom, Solflare and Backpack can`;
}

/** A wallet's "no": Wallet Standard wallets reject with code 4001 or words to that effect. */
function declined(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 4001 || /reject|declin|denied|cancel/i.test(String(message ?? error));
}

export type Stage = 'challenge' | 'signing' | 'checking';

/**
 * Signs `wallet` in to `gate`: a challenge from the node, signed with `solana:signIn` when the
 * wallet has it (it writes the text itself) or else `solana:signMessage` over the node's text,
 * then traded for a pass. Rejects with a `SignInRefused` in words.
 */
export async function signIn(
  gate: string,
  wallet: Connected,
  stage: (stage: Stage) => void = () => {},
): Promise<Issued> {
  const blocked = cannotSignIn(wallet);
  if (blocked) throw new SignInRefused(blocked, 'cannot_sign');
  stage('challenge');
  const challenge = await post<{ input: SolanaSignInInput; message: string }>('/siws/challenge', {
    gate,
    address: wallet.address,
  });
  // A message naming another site is one this page must not ask anyone to sign: whoever holds
  // its signature signs in there. (Wallets with signIn check this too; signMessage ones do not.)
  if (challenge.input.domain !== location.host) {
    throw new SignInRefused(
      `This node signs people in to ${challenge.input.domain}, not to this page (${location.host}): open the app at http://${challenge.input.domain}, or start the node with --domain ${location.host}`,
      'wrong_domain',
    );
  }
  stage('signing');
  let signed: SignedMessage;
  try {
    signed = wallet.signIn
      ? await wallet.signIn(challenge.input)
      : await wallet.signMessage!(new TextEncoder().encode(challenge.message));
  } catch (error) {
    if (declined(error)) {
      throw new SignInRefused('You declined to sign; nothing was shared', 'declined');
    }
    throw new SignInRefused(
      `${wallet.name} did not sign: ${String((error as Error)?.message ?? error)}`,
      'wallet',
    );
  }
  stage('checking');
  // The node reads back exactly what the wallet signed, and trusts nothing else said here.
  const issued = await post<Issued>('/siws/verify', {
    address: signed.address,
    message: new TextDecoder().decode(signed.signedMessage),
    signature: getBase58Decoder().decode(signed.signature),
  });
  passes.set({ ...passes.get(), [gate]: issued });
  // Counted from the pass's own times, so a browser clock that differs from the node's does not
  // keep it (or drop it) early.
  setTimeout(() => forget(gate, issued.pass), (issued.claims.exp - issued.claims.iat) * 1000);
  return issued;
}

/** "10 minutes", "1 hour", "90 seconds": how long a pass lasts. */
export function lifetime(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}
