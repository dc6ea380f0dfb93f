// Sending: every transaction shows its progress (signing, sending, confirmed) and its signature,
// or what went wrong in words. Screens call `send` with the instructions and a label.
import {
  appendTransactionMessageInstructions,
  createTransactionMessage,
  getSignatureFromTransaction,
  pipe,
  sendAndConfirmTransactionFactory,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
  type Instruction,
} from '@solana/kit';
import { rpc, subscriptions } from './chain';
import { explain } from './errors';
import { store } from './store';
import { connected } from './wallet';

export type Stage = 'signing' | 'sending' | 'confirmed' | 'failed';

export type Progress = {
  id: number;
  label: string;
  stage: Stage;
  signature?: string;
  error?: string;
};

/** The transactions of this visit, newest first. */
export const progress = store<Progress[]>([]);

let nextId = 1;

function update(id: number, change: Partial<Progress>) {
  progress.set(progress.get().map((p) => (p.id === id ? { ...p, ...change } : p)));
}

const sendAndConfirm = sendAndConfirmTransactionFactory({ rpc, rpcSubscriptions: subscriptions });

/** Thrown (and shown) when a precondition already fails: nothing is sent. */
export class Refusal extends Error {}

/**
 * Signs with the connected wallet, sends and waits for confirmation. Resolves with the
 * signature; rejects with a message for people (already shown in the progress list).
 */
export async function send(label: string, instructions: Instruction[]): Promise<string> {
  const wallet = connected.get();
  const id = nextId++;
  const started: Progress = { id, label, stage: 'signing' };
  progress.set([started, ...progress.get()].slice(0, 8));
  try {
    if (!wallet) throw new Refusal('Connect a wallet first');
    const { value: blockhash } = await rpc.getLatestBlockhash({ commitment: 'confirmed' }).send();
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      (m) => setTransactionMessageFeePayerSigner(wallet.signer, m),
      (m) => setTransactionMessageLifetimeUsingBlockhash(blockhash, m),
      (m) => appendTransactionMessageInstructions(instructions, m),
    );
    const signed = await signTransactionMessageWithSigners(message);
    const signature = getSignatureFromTransaction(signed);
    update(id, { stage: 'sending', signature });
    await sendAndConfirm(signed as never, { commitment: 'confirmed' });
    update(id, { stage: 'confirmed' });
    return signature;
  } catch (error) {
    const message = error instanceof Refusal ? error.message : explain(error);
    update(id, { stage: 'failed', error: message });
    throw new Refusal(message);
  }
}
