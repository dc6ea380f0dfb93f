// Reading the co-op from the chain: one snapshot of everything a screen shows, re-read whenever
// the program's or the token's accounts change (the node's PubSub says when).
import {
  address,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  getAddressEncoder,
  getBase58Decoder,
  getBase64Encoder,
  getProgramDerivedAddress,
  getUtf8Encoder,
  type Address,
  type Decoder,
  type ReadonlyUint8Array,
} from '@solana/kit';
import {
  AMPLED_PROGRAM_ADDRESS,
  AUCTION_DISCRIMINATOR,
  BOUNTY_DISCRIMINATOR,
  CLAIM_DISCRIMINATOR,
  COMMUNITY_DISCRIMINATOR,
  LISTING_DISCRIMINATOR,
  MEMBER_DISCRIMINATOR,
  PROPOSAL_DISCRIMINATOR,
  fetchMaybeCommunity,
  getAuctionDecoder,
  getBountyDecoder,
  getClaimDecoder,
  getCommunityDecoder,
  getListingDecoder,
  getMemberDecoder,
  getProposalDecoder,
  type Auction,
  type Bounty,
  type Claim,
  type Community,
  type Listing,
  type Member,
  type Proposal,
} from '@generated';
import { fetchSysvarClock } from '@solana/sysvars';
import { rpcUrl, wsUrl } from './config';

export const rpc = createSolanaRpc(rpcUrl);
export const subscriptions = createSolanaRpcSubscriptions(wsUrl);

export const TOKEN_2022 = address('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
export const ASSOCIATED_TOKEN_PROGRAM = address('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');
export const MEMO_PROGRAM = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

/** A record and where it lives. */
export type Rec<T> = { address: Address; data: T };

export async function communityAddress(name: string): Promise<Address> {
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [getUtf8Encoder().encode('community'), getUtf8Encoder().encode(name)],
  });
  return pda;
}

/** A wallet's associated token account for the community's Token-2022 mint. */
export async function tokenAccount(wallet: Address, mint: Address): Promise<Address> {
  const encoder = getAddressEncoder();
  const [pda] = await getProgramDerivedAddress({
    programAddress: ASSOCIATED_TOKEN_PROGRAM,
    seeds: [encoder.encode(wallet), encoder.encode(TOKEN_2022), encoder.encode(mint)],
  });
  return pda;
}

/** Every record of one kind in a community. `offset`: where the record keeps its community. */
export async function records<T extends { community: Address }>(
  discriminator: ReadonlyUint8Array,
  decoder: Decoder<T>,
  community: Address,
  offset: number,
): Promise<Rec<T>[]> {
  const base58 = getBase58Decoder();
  const found = await rpc
    .getProgramAccounts(AMPLED_PROGRAM_ADDRESS, {
      encoding: 'base64',
      filters: [
        {
          memcmp: { offset: 0n, bytes: base58.decode(discriminator) as never, encoding: 'base58' },
        },
        { memcmp: { offset: BigInt(offset), bytes: community as never, encoding: 'base58' } },
      ],
    })
    .send();
  const base64 = getBase64Encoder();
  return found.map(({ pubkey, account }) => ({
    address: pubkey,
    data: decoder.decode(base64.encode(account.data[0])),
  }));
}

/** The names of every co-op on this chain. */
export async function communityNames(): Promise<string[]> {
  const base58 = getBase58Decoder();
  const found = await rpc
    .getProgramAccounts(AMPLED_PROGRAM_ADDRESS, {
      encoding: 'base64',
      filters: [
        {
          memcmp: {
            offset: 0n,
            bytes: base58.decode(COMMUNITY_DISCRIMINATOR) as never,
            encoding: 'base58',
          },
        },
      ],
    })
    .send();
  const base64 = getBase64Encoder();
  const decoder = getCommunityDecoder();
  return found.map(({ account }) => decoder.decode(base64.encode(account.data[0])).name).sort();
}

export type TokenInfo = {
  mint: Address;
  name: string;
  symbol: string;
  uri: string;
  decimals: number;
  supply: bigint;
};

/** The token as wallets show it: read from the mint's Token-2022 metadata. */
async function tokenInfo(mint: Address): Promise<TokenInfo> {
  const { value } = await rpc.getAccountInfo(mint, { encoding: 'jsonParsed' }).send();
  const parsed =
    (value?.data as { parsed?: { info?: Record<string, unknown> } })?.parsed?.info ?? {};
  const extensions =
    (parsed.extensions as { extension: string; state: Record<string, string> }[]) ?? [];
  const metadata = extensions.find((e) => e.extension === 'tokenMetadata')?.state ?? {};
  return {
    mint,
    name: metadata.name ?? 'AMPLED',
    symbol: metadata.symbol ?? 'AMPLED',
    uri: metadata.uri ?? '',
    decimals: Number(parsed.decimals ?? 0),
    supply: BigInt(String(parsed.supply ?? '0')),
  };
}

export async function tokenBalance(account: Address): Promise<bigint> {
  try {
    const { value } = await rpc.getTokenAccountBalance(account).send();
    return BigInt(value.amount);
  } catch {
    return 0n; // No token account yet: nothing received so far.
  }
}

export type Snapshot = {
  community: Rec<Community>;
  token: TokenInfo;
  treasury: bigint;
  members: Rec<Member>[];
  proposals: Rec<Proposal>[];
  bounties: Rec<Bounty>[];
  claims: Rec<Claim>[];
  auctions: Rec<Auction>[];
  /** The directory's offers and requests, listed or not (directory.ts says which show). */
  listings: Rec<Listing>[];
  /** The chain's clock when read, and the local time it was read at. */
  clock: { unixTimestamp: number; readAt: number };
};

export async function loadSnapshot(name: string): Promise<Snapshot | null> {
  const communityAt = await communityAddress(name);
  const community = await fetchMaybeCommunity(rpc, communityAt);
  if (!community.exists) return null;
  const at = community.address;
  const [token, treasury, members, proposals, bounties, claims, auctions, listings, clock] =
    await Promise.all([
      tokenInfo(community.data.mint),
      tokenBalance(community.data.treasury),
      records(MEMBER_DISCRIMINATOR, getMemberDecoder(), at, 9),
      records(PROPOSAL_DISCRIMINATOR, getProposalDecoder(), at, 9),
      records(BOUNTY_DISCRIMINATOR, getBountyDecoder(), at, 10),
      records(CLAIM_DISCRIMINATOR, getClaimDecoder(), at, 9),
      records(AUCTION_DISCRIMINATOR, getAuctionDecoder(), at, 10),
      records(LISTING_DISCRIMINATOR, getListingDecoder(), at, 9),
      fetchSysvarClock(rpc),
    ]);
  return {
    community: { address: at, data: community.data },
    token,
    treasury,
    members,
    proposals,
    bounties,
    claims,
    auctions,
    listings,
    clock: { unixTimestamp: Number(clock.unixTimestamp), readAt: Date.now() },
  };
}

/** The chain's time now (unix seconds), from the last clock read and the time since. */
export function chainNow(snapshot: Snapshot): number {
  return snapshot.clock.unixTimestamp + Math.floor((Date.now() - snapshot.clock.readAt) / 1000);
}

/**
 * Calls `changed` whenever an account of the program or of Token-2022 changes (a vote, a bid, a
 * transfer), until `signal` aborts. Bursts are gathered into one call.
 */
export async function watch(changed: () => void, signal: AbortSignal): Promise<void> {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(pending);
    pending = setTimeout(changed, 120);
  };
  const follow = async (program: Address) => {
    const notifications = await subscriptions
      .programNotifications(program, { encoding: 'base64' })
      .subscribe({ abortSignal: signal });
    for await (const _ of notifications) soon();
  };
  await Promise.all([follow(AMPLED_PROGRAM_ADDRESS), follow(TOKEN_2022)]);
}
