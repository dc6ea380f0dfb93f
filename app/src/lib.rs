//! The $AMPLED client library: instruction builders ([`ix`]), account readers ([`read`]), event
//! decoding ([`events`]), one interface to the embedded chain or any cluster ([`chain`]), and every
//! user's flow with its checks ([`client`]). The `ampled` command line is built on it.
// solana-program-test 3.1 is marked deprecated as a whole; it is still the embedded chain's bank.
#![allow(deprecated)]

pub mod amount;
pub mod chain;
pub mod client;
pub mod error;
pub mod events;
pub mod gate;
pub mod ix;
pub mod node;
pub mod read;
pub mod wallet;

pub use ampled;
pub use chain::{AnyChain, Chain, EmbeddedChain, RpcChain};
pub use client::{Client, Outcome};
pub use error::{ClientError, Result};
