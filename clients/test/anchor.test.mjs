// @anchor-lang/core (the TypeScript Anchor client, on @solana/web3.js 1.x), unchanged, against
// `ampled serve`: the program loaded from idl/ampled.json, a vote and a bid sent through
// `program.methods`, and the records read back through `program.account`.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import anchor from '@anchor-lang/core';
import WebSocket from 'ws';
import { fixture, keypairBytes, nodeUrl, wsUrl } from '../lib/node.mjs';

const { AnchorProvider, BN, Program, Wallet, web3 } = anchor;
const idl = JSON.parse(readFileSync(new URL('../../idl/ampled.json', import.meta.url), 'utf8'));
const TOKEN_2022 = new web3.PublicKey('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
const ATA_PROGRAM = new web3.PublicKey('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');

function programFor(walletName) {
  const keypair = web3.Keypair.fromSecretKey(keypairBytes(walletName));
  // web3.js would guess the PubSub endpoint as the next port; the node may have been told another.
  const connection = new web3.Connection(nodeUrl, { commitment: 'confirmed', wsEndpoint: wsUrl });
  const provider = new AnchorProvider(connection, new Wallet(keypair), {
    commitment: 'confirmed',
    preflightCommitment: 'confirmed',
  });
  return { program: new Program(idl, provider), keypair, connection };
}

function memberAddress(program, community, wallet) {
  return web3.PublicKey.findProgramAddressSync(
    [Buffer.from('member'), community.toBuffer(), wallet.toBuffer()],
    program.programId,
  )[0];
}

const bit = (bytes, index) => (bytes[index >> 3] >> (index & 7)) & 1;

test('the IDL loads as a program at the address the node runs it', () => {
  const { program } = programFor(fixture.anchor.voter);
  assert.equal(program.programId.toBase58(), idl.address);
  assert.ok(program.methods.castVote && program.methods.placeBid);
});

test('a member votes with program.methods.castVote and the proposal passes', async () => {
  const { program, keypair } = programFor(fixture.anchor.voter);
  const community = new web3.PublicKey(fixture.community);
  const proposal = new web3.PublicKey(fixture.anchor.proposal);
  const member = await program.account.member.fetch(
    memberAddress(program, community, keypair.publicKey),
  );
  const before = await program.account.proposal.fetch(proposal);
  assert.deepEqual(before.status, { voting: {} });
  assert.equal(bit(before.approvals, member.index), 0, 'the voter has not voted yet');
  const approvalsBefore = [...before.approvals].reduce((n, byte) => n + popcount(byte), 0);

  // Only what a caller must choose: Anchor derives voter_member and event_authority from the
  // IDL's seeds and fills in the program.
  const signature = await program.methods
    .castVote({ approve: true })
    .accounts({ voter: keypair.publicKey, community, proposal })
    .rpc();
  assert.match(signature, /^[1-9A-HJ-NP-Za-km-z]{64,88}$/);

  const after = await program.account.proposal.fetch(proposal);
  assert.equal(bit(after.approvals, member.index), 1, "the voter's approval bit is set");
  assert.equal(bit(after.rejections, member.index), 0);
  assert.equal(
    [...after.approvals].reduce((n, byte) => n + popcount(byte), 0),
    approvalsBefore + 1,
  );
  assert.deepEqual(
    after.status,
    { approved: {} },
    'the second of two required approvals passes it',
  );
});

test('a member bids with program.methods.placeBid and the bid moves into escrow', async () => {
  const { program, keypair, connection } = programFor(fixture.anchor.bidder);
  const community = new web3.PublicKey(fixture.community);
  const auctionAddress = new web3.PublicKey(fixture.anchor.auction);
  const mint = new web3.PublicKey(fixture.mint);
  const bidderTokens = web3.PublicKey.findProgramAddressSync(
    [keypair.publicKey.toBuffer(), TOKEN_2022.toBuffer(), mint.toBuffer()],
    ATA_PROGRAM,
  )[0];
  const vault = web3.PublicKey.findProgramAddressSync(
    [Buffer.from('auction_vault'), auctionAddress.toBuffer()],
    program.programId,
  )[0];
  const auction = await program.account.auction.fetch(auctionAddress);
  assert.equal(auction.highestBidder, null, 'nobody has bid yet');
  const amount = auction.terms.reservePrice.add(new BN(5_000_000));
  const tokensBefore = (await connection.getTokenAccountBalance(bidderTokens)).value.amount;

  await program.methods
    .placeBid({ amount })
    .accountsPartial({
      bidder: keypair.publicKey,
      community,
      auction: auctionAddress,
      mint,
      bidderTokens,
      previousBidder: null,
      previousBidderTokens: null,
    })
    .rpc();

  const after = await program.account.auction.fetch(auctionAddress);
  assert.equal(after.highestBidder.toBase58(), keypair.publicKey.toBase58());
  assert.equal(after.highestBid.toString(), amount.toString());
  assert.equal(after.bidCount, 1);
  const tokensAfter = (await connection.getTokenAccountBalance(bidderTokens)).value.amount;
  assert.equal(BigInt(tokensBefore) - BigInt(tokensAfter), BigInt(amount.toString()));
  const escrow = (await connection.getTokenAccountBalance(vault)).value.amount;
  assert.equal(escrow, amount.toString());
});

// web3.js (under Anchor) closes its PubSub socket with code 1000 once nothing is subscribed, and
// reconnects after any other closing code, for ever: a script using Anchor never exits unless the
// node answers the close as RFC 6455 asks.
test('the node answers a WebSocket close handshake, so web3.js lets a script exit', async () => {
  const socket = new WebSocket(wsUrl);
  const closed = new Promise((resolve, reject) => {
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'slotSubscribe' }));
  const reply = await new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(data))),
  );
  assert.equal(typeof reply.result, 'number', `slotSubscribe answered ${JSON.stringify(reply)}`);

  socket.close(1000);

  assert.equal(
    await closed,
    1000,
    'the node dropped the connection instead of echoing the close frame (1006: closed abnormally)',
  );
});

function popcount(byte) {
  let n = 0;
  for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}
