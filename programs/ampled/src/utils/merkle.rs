//! The Merkle tree of a distribution (one leaf per recipient). Leaves and inner nodes are hashed
//! under different prefixes, so a leaf can never pass as a node (or a node as a leaf); each leaf
//! binds its index, wallet and amount, so a proof proves exactly one share, claimed once through
//! its index's bit. Inner nodes hash their children sorted, so a proof needs no left/right flags.

use anchor_lang::prelude::Pubkey;
use solana_sha256_hasher::hashv;

pub const LEAF_PREFIX: u8 = 0x00;
pub const NODE_PREFIX: u8 = 0x01;

pub type Hash = [u8; 32];

/// `sha256(0x00 ‖ index (u32 LE) ‖ wallet ‖ amount (u64 LE))`.
pub fn leaf_hash(index: u32, wallet: &Pubkey, amount: u64) -> Hash {
    hashv(&[
        &[LEAF_PREFIX],
        &index.to_le_bytes(),
        wallet.as_ref(),
        &amount.to_le_bytes(),
    ])
    .to_bytes()
}

/// `sha256(0x01 ‖ min(a, b) ‖ max(a, b))`.
pub fn node_hash(a: &Hash, b: &Hash) -> Hash {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    hashv(&[&[NODE_PREFIX], low, high]).to_bytes()
}

/// Whether `proof` leads from `leaf` to `root`.
pub fn verify(proof: &[Hash], root: &Hash, leaf: Hash) -> bool {
    proof
        .iter()
        .fold(leaf, |at, sibling| node_hash(&at, sibling))
        == *root
}

/// The root of the tree over `leaves`, in order; an odd node is carried up unpaired. Used by
/// clients to build a distribution and by tests; the program only verifies.
pub fn root(leaves: &[Hash]) -> Option<Hash> {
    let mut level = leaves.to_vec();
    if level.is_empty() {
        return None;
    }
    while level.len() > 1 {
        level = next_level(&level);
    }
    level.first().copied()
}

/// The proof of the leaf at `index`: its sibling at each level, bottom up (none where a node was
/// carried up unpaired).
pub fn proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut level = leaves.to_vec();
    let mut at = index;
    let mut path = Vec::new();
    while level.len() > 1 {
        let sibling = at ^ 1;
        if let Some(hash) = level.get(sibling) {
            path.push(*hash);
        }
        level = next_level(&level);
        at /= 2;
    }
    Some(path)
}

fn next_level(level: &[Hash]) -> Vec<Hash> {
    level
        .chunks(2)
        .map(|pair| match pair {
            [a, b] => node_hash(a, b),
            [a] => *a,
            _ => unreachable!("chunks of two"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(count: u32) -> Vec<(Pubkey, u64, Hash)> {
        (0..count)
            .map(|i| {
                let wallet = Pubkey::new_unique();
                let amount = 1_000 + u64::from(i);
                (wallet, amount, leaf_hash(i, &wallet, amount))
            })
            .collect()
    }

    #[test]
    fn every_leaf_proves_itself_at_every_size_including_odd_ones() {
        for count in [1u32, 2, 3, 5, 8, 13, 100] {
            let tree = leaves(count);
            let hashes: Vec<Hash> = tree.iter().map(|(_, _, h)| *h).collect();
            let root = root(&hashes).unwrap();
            for (i, (wallet, amount, _)) in tree.iter().enumerate() {
                let proof = proof(&hashes, i).unwrap();
                assert!(verify(&proof, &root, leaf_hash(i as u32, wallet, *amount)));
            }
        }
    }

    #[test]
    fn a_proof_does_not_pass_for_another_wallet_amount_or_index() {
        let tree = leaves(6);
        let hashes: Vec<Hash> = tree.iter().map(|(_, _, h)| *h).collect();
        let root = root(&hashes).unwrap();
        let (wallet, amount, _) = tree[2];
        let proof = proof(&hashes, 2).unwrap();
        assert!(!verify(&proof, &root, leaf_hash(2, &tree[3].0, amount)));
        assert!(!verify(&proof, &root, leaf_hash(2, &wallet, amount + 1)));
        assert!(!verify(&proof, &root, leaf_hash(3, &wallet, amount)));
    }

    #[test]
    fn an_inner_node_cannot_be_claimed_as_a_leaf() {
        let tree = leaves(4);
        let hashes: Vec<Hash> = tree.iter().map(|(_, _, h)| *h).collect();
        let root = root(&hashes).unwrap();
        let inner = node_hash(&hashes[0], &hashes[1]);
        // The inner node with its sibling subtree does reach the root, but no leaf hashes to it:
        // a leaf's preimage starts with 0x00 and a node's with 0x01.
        assert!(verify(&[node_hash(&hashes[2], &hashes[3])], &root, inner));
        assert_ne!(inner, leaf_hash(0, &tree[0].0, tree[0].1));
    }
}
