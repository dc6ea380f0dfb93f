// Addresses of the program's records that clients derive themselves: a member's record, the
// records numbered by a member's counters (proposals, bounties, auctions), category budgets and
// directory listings.
import {
  getAddressEncoder,
  getProgramDerivedAddress,
  getU64Encoder,
  getUtf8Encoder,
  type Address,
} from '@solana/kit';
import { AMPLED_PROGRAM_ADDRESS, findMemberPda, type BountyCategory } from '@generated';

export async function memberAddress(community: Address, wallet: Address): Promise<Address> {
  return (await findMemberPda({ community, wallet }))[0];
}

/** A record numbered by a member's counter: `[seed, community, wallet, nonce as u64 LE]`. */
export async function counterAddress(
  seed: 'proposal' | 'bounty' | 'auction',
  community: Address,
  wallet: Address,
  nonce: bigint,
): Promise<Address> {
  const addresses = getAddressEncoder();
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode(seed),
      addresses.encode(community),
      addresses.encode(wallet),
      getU64Encoder().encode(nonce),
    ],
  });
  return pda;
}

export async function budgetAddress(
  community: Address,
  category: BountyCategory,
): Promise<Address> {
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode('budget'),
      getAddressEncoder().encode(community),
      new Uint8Array([category]),
    ],
  });
  return pda;
}

/** A directory listing: `["listing", community, owner, id as u64 LE]` (the id is the owner's pick). */
export async function listingAddress(
  community: Address,
  owner: Address,
  id: bigint,
): Promise<Address> {
  const addresses = getAddressEncoder();
  const [pda] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode('listing'),
      addresses.encode(community),
      addresses.encode(owner),
      getU64Encoder().encode(id),
    ],
  });
  return pda;
}
