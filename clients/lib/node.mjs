// What every test needs: the node's endpoints, the chain the Rust fixture prepared
// (app/tests/npm_clients.rs), the wallets' keypair files, and kit's send-and-confirm.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendTransactionMessageInstructions,
  createKeyPairSignerFromBytes,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  createTransactionMessage,
  getSignatureFromTransaction,
  isSolanaError,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
} from '@solana/kit';

/** How long a send may wait for its confirmation before the test says why it is stuck. */
export const CONFIRMATION_TIMEOUT_MS = 30_000;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. These tests run against a chain served by \`ampled serve\`: ` +
        '`cargo test -p ampled-client --test npm_clients` prepares one, serves it and runs them ' +
        '(or set AMPLED_NODE_URL, AMPLED_HOME and AMPLED_FIXTURE by hand).',
    );
  }
  return value;
}

/** The node's PubSub endpoint: given, or as validators place it, on the port after JSON-RPC's. */
function pubsubUrl(httpUrl) {
  const given = process.env.AMPLED_NODE_WS_URL;
  if (given) return given;
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.port = String(Number(url.port || (url.protocol === 'wss:' ? 443 : 80)) + 1);
  return url.toString();
}

export const nodeUrl = required('AMPLED_NODE_URL');
export const wsUrl = pubsubUrl(nodeUrl);
export const home = required('AMPLED_HOME');
/** What the fixture made: addresses and which wallet plays which part (see npm_clients.rs). */
export const fixture = JSON.parse(
  readFileSync(process.env.AMPLED_FIXTURE || join(home, 'npm-clients.json'), 'utf8'),
);

/** A wallet's keypair file as `ampled wallet new` wrote it (the Solana CLI's 64-byte JSON). */
export function keypairBytes(name) {
  return Uint8Array.from(JSON.parse(readFileSync(join(home, 'wallets', `${name}.json`), 'utf8')));
}

export function signer(name) {
  return createKeyPairSignerFromBytes(keypairBytes(name));
}

export const rpc = createSolanaRpc(nodeUrl);
export const rpcSubscriptions = createSolanaRpcSubscriptions(wsUrl);

/**
 * Kit's confirmation needs the node's PubSub endpoint (signatureSubscribe, slotSubscribe). When it
 * fails for any reason but the transaction's own refusal, say so rather than leave kit's bare
 * error (or a hang) to be puzzled over.
 */
export function explainConfirmationFailure(error, what) {
  if (
    isSolanaError(error, SOLANA_ERROR__JSON_RPC__SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE)
  ) {
    return error;
  }
  const reason =
    error?.name === 'TimeoutError' || error?.name === 'AbortError'
      ? `no confirmation within ${CONFIRMATION_TIMEOUT_MS / 1000} s`
      : String(error?.message ?? error);
  return new Error(
    `${what}: kit confirms through the node's WebSocket PubSub endpoint ${wsUrl} ` +
      `(signatureSubscribe and slotSubscribe), and that failed: ${reason}`,
    { cause: error },
  );
}

/** Signs `instructions` with every signer they carry, sends, and waits for `confirmed`. */
export async function sendAndConfirm(feePayer, instructions, what) {
  const { value: blockhash } = await rpc.getLatestBlockhash().send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(feePayer, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
    (m) => appendTransactionMessageInstructions(instructions, m),
  );
  const transaction = await signTransactionMessageWithSigners(message);
  const send = sendAndConfirmTransactionFactory({ rpc, rpcSubscriptions });
  try {
    await send(transaction, {
      commitment: 'confirmed',
      abortSignal: AbortSignal.timeout(CONFIRMATION_TIMEOUT_MS),
    });
  } catch (error) {
    throw explainConfirmationFailure(error, what);
  }
  return getSignatureFromTransaction(transaction);
}

/** The program's error code in a refused send, from kit's preflight error. */
export function customErrorCode(error) {
  for (let e = error; e; e = e.cause) {
    if (e.context && typeof e.context.code === 'number' && e.context.code >= 100) {
      return e.context.code;
    }
  }
  return undefined;
}
