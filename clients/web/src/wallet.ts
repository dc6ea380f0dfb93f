// Wallets: any Wallet Standard wallet the browser has (Phantom, Solflare, Backpack, ...), and on a
// local node only, a built-in wallet for newcomers: a keypair kept in this browser, funded by
// airdrop. It is never offered on a public cluster.
import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import {
  StandardConnect,
  StandardDisconnect,
  StandardEvents,
  type StandardConnectFeature,
  type StandardDisconnectFeature,
  type StandardEventsFeature,
} from '@wallet-standard/features';
import {
  SolanaSignIn,
  SolanaSignMessage,
  SolanaSignTransaction,
  type SolanaSignInFeature,
  type SolanaSignInInput,
  type SolanaSignMessageFeature,
  type SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features';
import {
  address,
  createKeyPairSignerFromPrivateKeyBytes,
  getTransactionDecoder,
  getTransactionEncoder,
  lamports,
  signBytes,
  type Address,
  type Transaction,
  type TransactionModifyingSigner,
  type TransactionSigner,
} from '@solana/kit';
import { rpc } from './chain';
import type { Cluster } from './config';
import { store } from './store';

/** A message a wallet signed off-chain: the account, the exact bytes signed, the signature. */
export type SignedMessage = {
  address: Address;
  signedMessage: Uint8Array;
  signature: Uint8Array;
};

export type Connected = {
  name: string;
  address: Address;
  signer: TransactionSigner;
  /** The built-in newcomer's wallet. */
  local: boolean;
  /** Sign-In With Solana (`solana:signIn`): the wallet writes the text from `input` and signs it. */
  signIn?: (input: SolanaSignInInput) => Promise<SignedMessage>;
  /** Signs these bytes as they are (`solana:signMessage`, or the built-in wallet's key). */
  signMessage?: (message: Uint8Array) => Promise<SignedMessage>;
  disconnect(): Promise<void>;
};

export const connected = store<Connected | null>(null);
export const cluster = store<Cluster>('localnet');

const LOCAL_WALLET_KEY = 'ampled.local-wallet';
const REMEMBERED_WALLET_KEY = 'ampled.wallet';

export function chainId(of: Cluster): `solana:${string}` {
  return `solana:${of}`;
}

/** Wallets that can sign Solana transactions on this chain. */
export function usableWallets(): Wallet[] {
  const chain = chainId(cluster.get());
  return getWallets()
    .get()
    .filter(
      (wallet) =>
        StandardConnect in wallet.features &&
        SolanaSignTransaction in wallet.features &&
        wallet.chains.includes(chain),
    );
}

/** Calls `changed` when a wallet is installed or removed. */
export function onWalletsChanged(changed: () => void): () => void {
  const wallets = getWallets();
  const off = [wallets.on('register', changed), wallets.on('unregister', changed)];
  return () => off.forEach((f) => f());
}

/**
 * A kit signer backed by a Wallet Standard account. The wallet may add to the transaction (some
 * add compute-budget instructions) before signing: kit then sends what the wallet signed.
 */
function walletSigner(wallet: Wallet, account: WalletAccount): TransactionModifyingSigner {
  const feature = wallet.features[
    SolanaSignTransaction
  ] as SolanaSignTransactionFeature[typeof SolanaSignTransaction];
  const encoder = getTransactionEncoder();
  const decoder = getTransactionDecoder();
  return {
    address: address(account.address),
    async modifyAndSignTransactions(transactions) {
      const outputs = await feature.signTransaction(
        ...transactions.map((transaction) => ({
          account,
          chain: chainId(cluster.get()),
          transaction: new Uint8Array(encoder.encode(transaction as Transaction)),
        })),
      );
      return outputs.map((output, i) => {
        const signed = decoder.decode(output.signedTransaction);
        // The lifetime is the one the page set; keep it for kit's confirmation.
        return Object.freeze({
          ...signed,
          lifetimeConstraint: (transactions[i] as never as { lifetimeConstraint: unknown })
            .lifetimeConstraint,
        }) as never;
      });
    },
  };
}

export async function connectWallet(wallet: Wallet): Promise<Connected> {
  const connect = wallet.features[
    StandardConnect
  ] as StandardConnectFeature[typeof StandardConnect];
  const { accounts } = await connect.connect();
  const account = pickAccount(accounts);
  if (!account) throw new Error(`${wallet.name} shared no account; unlock it and try again`);
  adoptAccount(wallet, account);
  // Switching account in the wallet switches here too; locking it disconnects.
  unfollow?.();
  const events = wallet.features[StandardEvents] as
    StandardEventsFeature[typeof StandardEvents] | undefined;
  unfollow =
    events?.on('change', ({ accounts: changed }) => {
      if (!changed || connected.get()?.name !== wallet.name) return;
      const next = pickAccount(changed);
      if (next) adoptAccount(wallet, next);
      else connected.set(null);
    }) ?? null;
  return connected.get()!;
}

/** Stops following the connected wallet's account changes. */
let unfollow: (() => void) | null = null;

function pickAccount(accounts: readonly WalletAccount[]): WalletAccount | undefined {
  const chain = chainId(cluster.get());
  return accounts.find((a) => a.chains.includes(chain)) ?? accounts[0];
}

/** Off-chain signing, when the wallet offers it: sign-in and plain messages. */
function messageSigners(
  wallet: Wallet,
  account: WalletAccount,
): Pick<Connected, 'signIn' | 'signMessage'> {
  const signIn = wallet.features[SolanaSignIn] as
    SolanaSignInFeature[typeof SolanaSignIn] | undefined;
  const signMessage = wallet.features[SolanaSignMessage] as
    SolanaSignMessageFeature[typeof SolanaSignMessage] | undefined;
  return {
    signIn:
      signIn &&
      (async (input) => {
        const [output] = await signIn.signIn(input);
        // The wallet says which account signed in; it may differ from the one asked for.
        return {
          address: address(output.account.address),
          signedMessage: output.signedMessage,
          signature: output.signature,
        };
      }),
    signMessage:
      signMessage &&
      (async (message) => {
        const [output] = await signMessage.signMessage({ account, message });
        return {
          address: address(account.address),
          signedMessage: output.signedMessage,
          signature: output.signature,
        };
      }),
  };
}

function adoptAccount(wallet: Wallet, account: WalletAccount): void {
  const result: Connected = {
    name: wallet.name,
    address: address(account.address),
    signer: walletSigner(wallet, account),
    local: false,
    ...messageSigners(wallet, account),
    async disconnect() {
      const disconnect = wallet.features[StandardDisconnect] as
        StandardDisconnectFeature[typeof StandardDisconnect] | undefined;
      unfollow?.();
      unfollow = null;
      await disconnect?.disconnect();
      localStorage.removeItem(REMEMBERED_WALLET_KEY);
      connected.set(null);
    },
  };
  localStorage.setItem(REMEMBERED_WALLET_KEY, wallet.name);
  connected.set(result);
}

/** SOL the built-in wallet gets for fees on the local node. */
const LOCAL_WALLET_SOL = 2_000_000_000n;

export async function openLocalWallet(): Promise<Connected> {
  if (cluster.get() !== 'localnet') {
    throw new Error('The built-in wallet exists only on a local node; connect your own wallet');
  }
  let seed = localStorage.getItem(LOCAL_WALLET_KEY);
  if (!seed) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    seed = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(LOCAL_WALLET_KEY, seed);
  }
  const bytes = Uint8Array.from(seed.match(/../g)!.map((h) => parseInt(h, 16)));
  const signer = await createKeyPairSignerFromPrivateKeyBytes(bytes);
  const { value: balance } = await rpc.getBalance(signer.address).send();
  if (balance < LOCAL_WALLET_SOL / 2n) {
    await rpc.requestAirdrop(signer.address, lamports(LOCAL_WALLET_SOL)).send();
  }
  const result: Connected = {
    name: 'Built-in wallet (this browser)',
    address: signer.address,
    signer,
    local: true,
    async signMessage(message) {
      return {
        address: signer.address,
        signedMessage: message,
        signature: await signBytes(signer.keyPair.privateKey, message),
      };
    },
    async disconnect() {
      localStorage.removeItem(REMEMBERED_WALLET_KEY);
      connected.set(null);
    },
  };
  localStorage.setItem(REMEMBERED_WALLET_KEY, 'local');
  connected.set(result);
  return result;
}

/** Reconnects the wallet used last time, if it is still there and agrees without asking. */
export async function reconnect(): Promise<void> {
  const remembered = localStorage.getItem(REMEMBERED_WALLET_KEY);
  if (!remembered) return;
  try {
    if (remembered === 'local') {
      await openLocalWallet();
      return;
    }
    const wallet = usableWallets().find((w) => w.name === remembered);
    if (wallet) await connectWallet(wallet);
  } catch {
    localStorage.removeItem(REMEMBERED_WALLET_KEY);
  }
}
