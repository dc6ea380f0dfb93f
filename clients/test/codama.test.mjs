// The client Codama generates from idl/ampled.json (clients/generated, on @solana/kit), unchanged,
// against `ampled serve`: its async builders derive every PDA and fixed address the IDL names,
// a vote and two bids go through kit, and the records are read back through kit's RPC.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  AccountRole,
  address,
  fetchEncodedAccounts,
  getAddressEncoder,
  getProgramDerivedAddress,
  getUtf8Encoder,
} from '@solana/kit';
import {
  decodeToken,
  findAssociatedTokenPda,
  TOKEN_2022_PROGRAM_ADDRESS,
} from '@solana-program/token-2022';
import anchor from '@anchor-lang/core';
import {
  AMPLED_PROGRAM_ADDRESS,
  AuctionStatus,
  fetchAuction,
  fetchMember,
  fetchProposal,
  findMemberPda,
  findVaultPda,
  getCastVoteInstructionAsync,
  getPlaceBidInstructionAsync,
  ProposalStatus,
} from '../generated/js/index.js';
import { customErrorCode, fixture, rpc, sendAndConfirm, signer } from '../lib/node.mjs';

const idl = JSON.parse(readFileSync(new URL('../../idl/ampled.json', import.meta.url), 'utf8'));
const community = address(fixture.community);
const mint = address(fixture.mint);
/** Anchor's own error for an account that should hold a record but holds nothing. */
const ACCOUNT_NOT_INITIALIZED = 3012;

const bit = (bytes, index) => (bytes[index >> 3] >> (index & 7)) & 1;

async function tokensOf(owner) {
  const [ata] = await findAssociatedTokenPda({
    owner,
    mint,
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
  return ata;
}

async function amounts(...tokenAccounts) {
  const accounts = await fetchEncodedAccounts(rpc, tokenAccounts);
  return accounts.map((account) => decodeToken(account).data.amount);
}

test('the async vote builder needs only the voter, the community and the proposal', async () => {
  const voter = await signer(fixture.codama.voter);
  const proposal = address(fixture.codama.proposal);

  const instruction = await getCastVoteInstructionAsync({
    voter,
    community,
    proposal,
    approve: true,
  });

  // Derived here from the seeds the program uses, not from the generated helpers.
  const addressBytes = getAddressEncoder();
  const [member] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [
      getUtf8Encoder().encode('member'),
      addressBytes.encode(community),
      addressBytes.encode(voter.address),
    ],
  });
  const [eventAuthority] = await getProgramDerivedAddress({
    programAddress: AMPLED_PROGRAM_ADDRESS,
    seeds: [getUtf8Encoder().encode('__event_authority')],
  });
  assert.equal(instruction.programAddress, idl.address);
  assert.deepEqual(
    instruction.accounts.map(({ address, role }) => [address, role]),
    [
      [voter.address, AccountRole.READONLY_SIGNER],
      [community, AccountRole.READONLY],
      [member, AccountRole.READONLY],
      [proposal, AccountRole.WRITABLE],
      [eventAuthority, AccountRole.READONLY],
      [AMPLED_PROGRAM_ADDRESS, AccountRole.READONLY],
    ],
  );
  // The same bytes the Anchor client encodes for the same vote.
  const coder = new anchor.BorshInstructionCoder(idl);
  assert.deepEqual(
    Buffer.from(instruction.data),
    coder.encode('cast_vote', { args: { approve: true } }),
  );
  // The community is the caller's choice: nothing in the IDL derives it.
  await assert.rejects(getCastVoteInstructionAsync({ voter, proposal, approve: true }));
});

test('a member votes with the generated client and the proposal passes', async () => {
  const voter = await signer(fixture.codama.voter);
  const proposalAddress = address(fixture.codama.proposal);
  const [memberAddress] = await findMemberPda({ community, wallet: voter.address });
  const { data: member } = await fetchMember(rpc, memberAddress);
  const { data: before } = await fetchProposal(rpc, proposalAddress);
  assert.equal(before.status, ProposalStatus.Voting);
  assert.equal(bit(before.approvals, member.index), 0, 'the voter has not voted yet');

  await sendAndConfirm(
    voter,
    [
      await getCastVoteInstructionAsync({
        voter,
        community,
        proposal: proposalAddress,
        approve: true,
      }),
    ],
    'cast_vote',
  );

  const { data: after } = await fetchProposal(rpc, proposalAddress);
  assert.equal(bit(after.approvals, member.index), 1, "the voter's approval bit is set");
  assert.equal(bit(after.rejections, member.index), 0);
  assert.equal(
    after.status,
    ProposalStatus.Approved,
    'the second of two required approvals passes it',
  );
});

test('a member outbids with the generated client and the beaten bid goes back in the same transaction', async () => {
  const bidder = await signer(fixture.codama.bidder);
  const auctionAddress = address(fixture.codama.auction);
  const { data: before } = await fetchAuction(rpc, auctionAddress);
  assert.equal(before.status, AuctionStatus.Open);
  assert.equal(before.highestBidder.__option, 'Some', 'the fixture placed a first bid');
  const previousBidder = before.highestBidder.value;
  const amount = before.highestBid + before.terms.minIncrement + 4_000_000n;
  const [vault] = await findVaultPda({ auction: auctionAddress });
  const bidderTokens = await tokensOf(bidder.address);
  const previousBidderTokens = await tokensOf(previousBidder);
  const [bidderBefore, previousBefore, escrowBefore] = await amounts(
    bidderTokens,
    previousBidderTokens,
    vault,
  );
  assert.equal(escrowBefore, before.highestBid);

  await sendAndConfirm(
    bidder,
    [
      await getPlaceBidInstructionAsync({
        bidder,
        community,
        auction: auctionAddress,
        mint,
        bidderTokens,
        previousBidder,
        previousBidderTokens,
        amount,
      }),
    ],
    'place_bid',
  );

  const { data: after } = await fetchAuction(rpc, auctionAddress);
  assert.deepEqual(after.highestBidder, { __option: 'Some', value: bidder.address });
  assert.equal(after.highestBid, amount);
  assert.equal(after.bidCount, before.bidCount + 1);
  const [bidderAfter, previousAfter, escrowAfter] = await amounts(
    bidderTokens,
    previousBidderTokens,
    vault,
  );
  assert.equal(bidderAfter, bidderBefore - amount);
  assert.equal(
    previousAfter,
    previousBefore + before.highestBid,
    'the beaten bid is back in its wallet',
  );
  assert.equal(escrowAfter, amount, 'the vault holds only the highest bid');
});

test('a non-member bids on an open auction with the generated client once told it has no membership', async () => {
  const bidder = await signer(fixture.codama.nonMember);
  const auctionAddress = address(fixture.codama.openAuction);
  const [memberAddress] = await findMemberPda({ community, wallet: bidder.address });
  const { value: membership } = await rpc
    .getAccountInfo(memberAddress, { encoding: 'base64' })
    .send();
  assert.equal(membership, null, 'the bidder is not a member');
  const { data: before } = await fetchAuction(rpc, auctionAddress);
  assert.equal(before.terms.membersOnly, false);
  const bidderTokens = await tokensOf(bidder.address);
  const amount = before.terms.reservePrice;
  const input = { bidder, community, auction: auctionAddress, mint, bidderTokens, amount };

  // The IDL marks bidder_member optional but gives it seeds, so the async builder always fills in
  // the derived address; for a non-member that account holds nothing and Anchor refuses it.
  const derived = await getPlaceBidInstructionAsync(input);
  assert.equal(derived.accounts[6].address, memberAddress);
  await assert.rejects(sendAndConfirm(bidder, [derived], 'place_bid'), (error) => {
    assert.equal(customErrorCode(error), ACCOUNT_NOT_INITIALIZED, String(error));
    return true;
  });
  const { data: unchanged } = await fetchAuction(rpc, auctionAddress);
  assert.deepEqual(unchanged, before);

  // Anchor reads an optional account given as the program's own address as absent.
  await sendAndConfirm(
    bidder,
    [await getPlaceBidInstructionAsync({ ...input, bidderMember: AMPLED_PROGRAM_ADDRESS })],
    'place_bid',
  );
  const { data: after } = await fetchAuction(rpc, auctionAddress);
  assert.deepEqual(after.highestBidder, { __option: 'Some', value: bidder.address });
  assert.equal(after.highestBid, amount);
});
