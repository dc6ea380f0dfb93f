// Refusals in plain words: the program's own messages (from the IDL, so they are exactly the
// program's), and what kit, the node and wallets report, said for people.
import idl from '@idl';
import {
  isSolanaError,
  SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
  SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_FEE,
  SOLANA_ERROR__TRANSACTION_ERROR__ACCOUNT_NOT_FOUND,
} from '@solana/kit';

const PROGRAM_MESSAGES = new Map<number, { name: string; msg: string }>(
  (idl.errors as { code: number; name: string; msg: string }[]).map((e) => [e.code, e]),
);

/** Token-2022's own refusals that people meet. */
const TOKEN_MESSAGES: Record<number, string> = {
  1: 'Not enough AMPLED in your wallet for that',
};

export function programMessage(code: number): string | undefined {
  return PROGRAM_MESSAGES.get(code)?.msg;
}

/** The innermost cause of an error chain. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let at: unknown = error;
  while (at && chain.length < 8) {
    chain.push(at);
    at = (at as { cause?: unknown }).cause;
  }
  return chain;
}

/** What went wrong, in words a member can act on. */
export function explain(error: unknown): string {
  for (const cause of causes(error)) {
    if (isSolanaError(cause, SOLANA_ERROR__INSTRUCTION_ERROR__CUSTOM)) {
      const code = Number(cause.context.code);
      const message = programMessage(code) ?? TOKEN_MESSAGES[code];
      if (message) return message;
      return `Refused by the chain (error ${code})`;
    }
    if (isSolanaError(cause, SOLANA_ERROR__TRANSACTION_ERROR__INSUFFICIENT_FUNDS_FOR_FEE)) {
      return 'Your wallet has no SOL to pay the network fee; add a little SOL and try again';
    }
    if (isSolanaError(cause, SOLANA_ERROR__TRANSACTION_ERROR__ACCOUNT_NOT_FOUND)) {
      return 'Your wallet has no SOL yet, so it cannot pay the network fee; add a little SOL and try again';
    }
  }
  for (const cause of causes(error)) {
    if (
      isSolanaError(cause, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)
    ) {
      const logs = (cause.context as { logs?: string[] }).logs ?? [];
      const anchor = logs.map((l) => /Error Message: (.*)$/.exec(l)?.[1]).find(Boolean);
      if (anchor) return anchor;
    }
  }
  const text = String((error as Error)?.message ?? error);
  if (/reject|declin|denied|cancel/i.test(text)) {
    return 'You declined in your wallet; nothing was sent';
  }
  if (/fetch|network|Failed to fetch|ECONNREFUSED/i.test(text)) {
    return `Cannot reach the chain's node; check that it is running and try again (${text})`;
  }
  return text;
}
