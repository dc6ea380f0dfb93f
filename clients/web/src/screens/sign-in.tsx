// Member spaces: sign in with a wallet to a space the node guards (member docs, calendars,
// workspaces) and take away a short-lived pass the space checks offline. Signing sends nothing to
// the chain and costs nothing.
import { useEffect, useState } from 'preact/hooks';
import { date } from '../format';
import {
  cannotSignIn,
  fetchGates,
  jwksUrl,
  lifetime,
  passes,
  signIn,
  signInBase,
  type Gate,
  type Gates,
  type Issued,
  type Stage,
} from '../signin';
import { useStore } from '../store';
import { Page } from '../ui';
import { connected } from '../wallet';

const TITLE = 'Member spaces';

const STAGE_WORDS: Record<Stage, string> = {
  challenge: 'Asking the node for a challenge…',
  signing: 'Waiting for your wallet to sign…',
  checking: 'Checking your signature and the chain…',
};

export function SignIn() {
  // undefined while asking; null when no `ampled serve` node answers.
  const [gates, setGates] = useState<Gates | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void fetchGates().then((found) => live && setGates(found));
    return () => {
      live = false;
    };
  }, []);

  if (gates === undefined) {
    return (
      <Page title={TITLE}>
        <p>Asking the node which spaces it opens…</p>
      </Page>
    );
  }
  if (gates === null) {
    return (
      <Page title={TITLE}>
        <p role="alert">
          Signing in needs an <code>ampled serve</code> node: the node at {signInBase} does not
          offer sign-in.
        </p>
      </Page>
    );
  }
  return (
    <Page title={TITLE}>
      <p>
        Sign in with your wallet to open a space of the {gates.community ?? 'co-op'} co-op. Your
        wallet signs a message for {gates.domain}; nothing is sent to the chain and nothing is paid.
        The node checks the chain and gives you a pass for the space.
      </p>
      {gates.gates.length === 0 && <p class="empty">This node guards no spaces.</p>}
      {gates.gates.map((gate) => (
        <GateEntry key={gate.name} gate={gate} gates={gates} />
      ))}
    </Page>
  );
}

function GateEntry({ gate, gates }: { gate: Gate; gates: Gates }) {
  const wallet = useStore(connected);
  const issued = useStore(passes)[gate.name];
  const [stage, setStage] = useState<Stage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const blocked = cannotSignIn(wallet);
  const id = gate.name.replace(/\W+/g, '-');
  const onClick = async () => {
    setError(null);
    try {
      await signIn(gate.name, wallet!, setStage);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStage(null);
    }
  };
  return (
    <section class="card gate" aria-labelledby={`gate-${id}`}>
      <h2 id={`gate-${id}`}>{gate.about}</h2>
      <p>
        Opens to {gate.rule}. Sites name it <code>{gate.name}</code>.
      </p>
      <span class="action">
        <button
          type="button"
          aria-label={`${stage ? 'Signing in' : 'Sign in'} to ${gate.about}`}
          disabled={!!blocked || stage !== null}
          aria-describedby={blocked ? `why-gate-${id}` : undefined}
          onClick={onClick}
        >
          {stage ? 'Signing in…' : 'Sign in'}
        </button>
        {blocked && (
          <span id={`why-gate-${id}`} class="why">
            {blocked}
          </span>
        )}
      </span>
      <div aria-live="polite">
        {stage && <p>{STAGE_WORDS[stage]}</p>}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {issued && !stage && (
          <p class="ok">
            You may open {gate.about} until {date(issued.claims.exp)}.
          </p>
        )}
      </div>
      {issued && !stage && <PassView gate={gate} gates={gates} issued={issued} />}
    </section>
  );
}

function PassView({ gate, gates, issued }: { gate: Gate; gates: Gates; issued: Issued }) {
  const [copied, setCopied] = useState<string | null>(null);
  const id = `pass-${gate.name.replace(/\W+/g, '-')}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.pass);
      setCopied('Copied');
    } catch {
      // No clipboard here (an insecure origin, or permission refused): select it for the person.
      const area = document.getElementById(id) as HTMLTextAreaElement | null;
      area?.focus();
      area?.select();
      setCopied('Selected: copy it with your keyboard (Ctrl+C or ⌘C)');
    }
  };
  return (
    <div class="pass">
      <label class="field">
        <span class="label">Your pass to {gate.about}</span>
        <textarea
          id={id}
          class="signature-full"
          readOnly
          rows={4}
          value={issued.pass}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <span class="action">
        <button type="button" class="secondary" onClick={copy}>
          Copy pass
        </button>
        <span role="status" class="hint">
          {copied}
        </span>
      </span>
      <p class="hint">
        Give it to the space: a site checks it offline with this node's key (
        <code class="signature-full">{gates.issuer}</code>) or with any JWT library using{' '}
        <a href={jwksUrl}>{jwksUrl}</a>. It lasts {lifetime(gates.pass_secs)}; someone removed from
        the co-op keeps a pass until it expires. Whoever holds it gets in, so share it only with the
        space, and sign in again for a new one.
      </p>
    </div>
  );
}
