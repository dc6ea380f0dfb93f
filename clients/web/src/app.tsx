// The app's frame: the co-op's name, navigation, the wallet, every screen by its address
// (#/proposals/...), and the progress of this visit's transactions.
import type { Wallet as StandardWallet } from '@wallet-standard/base';
import { useEffect, useState } from 'preact/hooks';
import { Bounties } from './screens/bounties';
import { Commissary } from './screens/commissary';
import { Directory } from './screens/directory';
import { Distributions } from './screens/distributions';
import { Home } from './screens/home';
import { Members } from './screens/members';
import { Proposals } from './screens/proposals';
import { SignIn } from './screens/sign-in';
import { WalletScreen } from './screens/wallet';
import { progress } from './send';
import { coop, mine } from './state';
import { useStore } from './store';
import { Amount } from './ui';
import {
  cluster,
  connectWallet,
  connected,
  onWalletsChanged,
  openLocalWallet,
  usableWallets,
} from './wallet';
import { explain } from './errors';
import { short } from './format';

const SECTIONS: [string, string][] = [
  ['', 'Home'],
  ['members', 'Members'],
  ['proposals', 'Proposals'],
  ['bounties', 'Bounties'],
  ['commissary', 'Commissary'],
  ['directory', 'Directory'],
  ['distributions', 'Distributions'],
  ['sign-in', 'Sign in'],
  ['wallet', 'Wallet'],
];

function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => {
      setRoute(read());
      // Keyboard and screen-reader users land on the new page's title.
      requestAnimationFrame(() => document.getElementById('page-title')?.focus());
    };
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function WalletMenu() {
  const wallet = useStore(connected);
  const me = useStore(mine);
  const network = useStore(cluster);
  const [open, setOpen] = useState(false);
  const [wallets, setWallets] = useState<StandardWallet[]>(usableWallets);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => onWalletsChanged(() => setWallets(usableWallets())), [network]);
  useEffect(() => setWallets(usableWallets()), [network]);

  if (wallet) {
    return (
      <div class="wallet-menu">
        <span class="who" title={wallet.address}>
          {wallet.name}: {short(wallet.address)}
          {me && (
            <>
              {' · '}
              <Amount value={me.tokens} />
            </>
          )}
        </span>
        <button type="button" class="secondary" onClick={() => void wallet.disconnect()}>
          Disconnect
        </button>
      </div>
    );
  }
  const attempt = async (connect: () => Promise<unknown>) => {
    setError(null);
    try {
      await connect();
      setOpen(false);
    } catch (e) {
      setError(explain(e));
    }
  };
  return (
    <div class="wallet-menu">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Connect a wallet
      </button>
      {open && (
        <ul class="wallet-list" aria-label="Wallets">
          {wallets.map((w) => (
            <li key={w.name}>
              <button
                type="button"
                class="secondary"
                onClick={() => attempt(() => connectWallet(w))}
              >
                {w.icon && <img src={w.icon} alt="" width={20} height={20} />} {w.name}
              </button>
            </li>
          ))}
          {network === 'localnet' && (
            <li>
              <button type="button" class="secondary" onClick={() => attempt(openLocalWallet)}>
                Built-in wallet (local node only)
              </button>
            </li>
          )}
          {wallets.length === 0 && network !== 'localnet' && (
            <li class="hint">
              No Solana wallet found in this browser. Install Phantom, Solflare or Backpack, then
              reload.
            </li>
          )}
        </ul>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </div>
  );
}

function Transactions() {
  const list = useStore(progress);
  const words = {
    signing: 'Waiting for your wallet to sign…',
    sending: 'Sending…',
    confirmed: 'Confirmed',
    failed: 'Not done',
  };
  return (
    <aside class="transactions" aria-label="Your transactions" aria-live="polite">
      {list.map((p) => (
        <div key={p.id} class={`tx ${p.stage}`} data-stage={p.stage}>
          <strong>{p.label}</strong>: {words[p.stage]}
          {p.error && <div class="error">{p.error}</div>}
          {p.signature && (
            <div class="signature" title={p.signature}>
              Signature {short(p.signature)}
            </div>
          )}
        </div>
      ))}
    </aside>
  );
}

export function App() {
  const route = useRoute();
  const loaded = useStore(coop);
  const [section = '', ...rest] = route;
  const snapshot = loaded.snapshot;
  let body;
  if (loaded.loading) body = <p>Reading the co-op from the chain…</p>;
  else if (loaded.error && !snapshot)
    body = (
      <p role="alert" class="error">
        {loaded.error}
      </p>
    );
  else if (!snapshot && loaded.choices)
    body = (
      <section aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {loaded.choices.length ? 'Choose a co-op' : 'No co-op on this chain yet'}
        </h1>
        <ul>
          {loaded.choices.map((name) => (
            <li key={name}>
              <a
                href={`?community=${encodeURIComponent(name)}${location.search.replace(/^\?/, '&')}`}
              >
                {name}
              </a>
            </li>
          ))}
        </ul>
      </section>
    );
  else if (!snapshot)
    body = (
      <section aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          No such co-op
        </h1>
        <p role="alert">
          No co-op by that name on this chain. Check the address's ?community= part.
        </p>
      </section>
    );
  else if (section === 'members') body = <Members id={rest[0]} />;
  else if (section === 'proposals') body = <Proposals id={rest[0]} />;
  else if (section === 'bounties') body = <Bounties id={rest[0]} />;
  else if (section === 'commissary') body = <Commissary id={rest[0]} />;
  else if (section === 'directory') body = <Directory id={rest[0]} action={rest[1]} />;
  else if (section === 'distributions') body = <Distributions id={rest[0]} />;
  else if (section === 'sign-in') body = <SignIn />;
  else if (section === 'wallet') body = <WalletScreen />;
  else body = <Home />;
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header>
        <div class="brand">
          {snapshot ? `${snapshot.token.name} · ${snapshot.community.data.name}` : '$AMPLED'}
        </div>
        <nav aria-label="Sections">
          {SECTIONS.map(([path, label]) => (
            <a key={path} href={`#/${path}`} aria-current={section === path ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <WalletMenu />
      </header>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <Transactions />
    </>
  );
}
