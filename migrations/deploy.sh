#!/usr/bin/env bash
# Deploys the $AMPLED program to a cluster and sets up a community on it.
#
#   migrations/deploy.sh <cluster> <community name> <founder keypair or address>...
#   migrations/deploy.sh devnet ampled ~/keys/ana.json ~/keys/ben.json
#
# The token shows in wallets as AMPLED_TOKEN_NAME (default: the community's name in words) with
# AMPLED_SYMBOL (default: the name in capitals) and the JSON at AMPLED_TOKEN_URI (publish
# assets/token/ampled.json and its image there first; without it wallets show no image).
#
# Needs the Anchor CLI 1.2.2 and the Solana CLI on this machine, and a funded deployer wallet in
# ~/.config/solana/id.json (it pays for the deployment and the community's accounts).
set -euo pipefail
cd "$(dirname "$0")/.."

cluster="${1:?cluster: devnet, testnet, mainnet-beta, localnet or an RPC URL}"
name="${2:?community name}"
shift 2
[ "$#" -ge 1 ] || { echo "name at least one founder" >&2; exit 2; }

anchor build
anchor deploy --provider.cluster "$cluster"

founders=()
for founder in "$@"; do
  if [ -f "$founder" ]; then
    founder="$(solana-keygen pubkey "$founder")"
  fi
  founders+=(--founder "$founder")
done

# One member, one vote: a simple majority, at least two approvals once there are two founders.
min_approvals=$(( $# >= 2 ? 2 : 1 ))
token=()
[ -n "${AMPLED_TOKEN_NAME:-}" ] && token+=(--token-name "$AMPLED_TOKEN_NAME")
[ -n "${AMPLED_SYMBOL:-}" ] && token+=(--symbol "$AMPLED_SYMBOL")
[ -n "${AMPLED_TOKEN_URI:-}" ] && token+=(--uri "$AMPLED_TOKEN_URI")
cargo run --quiet --bin ampled -- -u "$cluster" community create "$name" "${founders[@]}" \
  "${token[@]}" --threshold 50% --min-approvals "$min_approvals" --voting-period 7d
cargo run --quiet --bin ampled -- -u "$cluster" --community "$name" community show
echo "Remember: make the program immutable or give its upgrade authority to the members' multisig."
