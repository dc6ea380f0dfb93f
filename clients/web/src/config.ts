// Where the app reads and sends: the node that served the page, unless the address says otherwise.
//   ?rpc=https://api.devnet.solana.com&ws=wss://api.devnet.solana.com&community=ampled
// A static build pointed at another cluster sets VITE_RPC_URL / VITE_WS_URL / VITE_COMMUNITY.

const params = new URLSearchParams(location.search);

function servedByNode(): string {
  // Opened from a file or a dev server: the default local node, as `ampled serve` starts it.
  if (location.protocol === 'file:' || location.port === '5173') return 'http://127.0.0.1:8899';
  return location.origin;
}

/** PubSub listens on the port after JSON-RPC's, as validators place it. */
function nextPort(http: string): string {
  const url = new URL(http);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (url.port) url.port = String(Number(url.port) + 1);
  return url.toString();
}

export const rpcUrl: string = params.get('rpc') ?? import.meta.env.VITE_RPC_URL ?? servedByNode();
export const wsUrl: string = params.get('ws') ?? import.meta.env.VITE_WS_URL ?? nextPort(rpcUrl);
/** The co-op to show; when none is named, the one on the chain (or a choice, if several). */
export const communityName: string | null =
  params.get('community') ?? import.meta.env.VITE_COMMUNITY ?? null;

/** Genesis hashes of the public clusters; any other chain is a local one. */
const CLUSTERS: Record<string, Cluster> = {
  '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d': 'mainnet',
  EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG: 'devnet',
  '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY': 'testnet',
};

export type Cluster = 'mainnet' | 'devnet' | 'testnet' | 'localnet';

export function clusterOf(genesisHash: string): Cluster {
  return CLUSTERS[genesisHash] ?? 'localnet';
}
