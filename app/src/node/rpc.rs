//! Solana's JSON-RPC methods over the node's engine, answered in the shapes agave's own type
//! crates define, so any Solana client reads them as it would a validator's.

use super::engine::{Engine, Execution, SendRefusal};
use crate::chain::embedded::{StoredInnerInstructions, TxDetail};
use anchor_lang::prelude::Pubkey;
use anchor_spl::token_2022::spl_token_2022::extension::interest_bearing_mint::InterestBearingConfig;
use anchor_spl::token_2022::spl_token_2022::extension::scaled_ui_amount::ScaledUiAmountConfig;
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::{Account as TokenAccount, Mint};
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use solana_account::Account;
use solana_account_decoder::encode_ui_account;
use solana_account_decoder::parse_account_data::{
    AccountAdditionalDataV3, SplTokenAdditionalDataV2,
};
use solana_account_decoder::parse_token::{get_token_account_mint, token_amount_to_ui_amount_v3};
use solana_account_decoder_client_types::{UiAccount, UiAccountEncoding};
use solana_rpc_client_api::custom_error::{
    JSON_RPC_SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
    JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
};
use solana_rpc_client_api::response::{
    Response, RpcBlockhash, RpcConfirmedTransactionStatusWithSignature, RpcKeyedAccount,
    RpcResponseContext, RpcSimulateTransactionResult, RpcVersionInfo,
};
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSendTransactionConfig,
    RpcSignaturesForAddressConfig, RpcSimulateTransactionConfig, RpcTransactionConfig,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_signature::Signature;
use solana_transaction::versioned::{TransactionVersion, VersionedTransaction};
use solana_transaction_error::TransactionError;
use solana_transaction_status_client_types::{
    EncodedConfirmedTransactionWithStatusMeta, EncodedTransaction,
    EncodedTransactionWithStatusMeta, TransactionBinaryEncoding, TransactionConfirmationStatus,
    TransactionStatus, UiCompiledInstruction, UiInnerInstructions, UiInstruction,
    UiTransactionEncoding, UiTransactionError, UiTransactionStatusMeta,
};
use std::str::FromStr;

/// Standard JSON-RPC error codes.
pub const PARSE_ERROR: i64 = -32700;
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;
pub const INTERNAL_ERROR: i64 = -32603;

/// The version this node answers as: the agave release whose types it speaks.
const SOLANA_CORE_VERSION: &str = "3.1.12";
/// This node's own method, beyond Solana's: `ampled clock advance` through the node.
pub const ADVANCE_CLOCK: &str = "ampledAdvanceClock";
/// The largest transaction a packet carries.
const PACKET_DATA_SIZE: usize = 1_232;
/// Base58 account data above this size is refused, as validators refuse it.
const MAX_BASE58_BYTES: usize = 128;
const MAX_MULTIPLE_ACCOUNTS: usize = 100;
const MAX_SIGNATURE_STATUSES: usize = 256;

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(INVALID_PARAMS, message)
    }

    fn internal(error: crate::error::ClientError) -> Self {
        Self::new(INTERNAL_ERROR, error.to_string())
    }

    pub fn to_json(&self) -> Value {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(data) = &self.data {
            error["data"] = data.clone();
        }
        error
    }
}

type RpcResult = std::result::Result<Value, RpcError>;

/// A JSON-RPC response: the result, or the error, for the request `id`.
pub(crate) fn response(id: Value, result: Result<Value, RpcError>) -> Value {
    match result {
        Ok(result) => json!({ "jsonrpc": "2.0", "result": result, "id": id }),
        Err(error) => json!({ "jsonrpc": "2.0", "error": error.to_json(), "id": id }),
    }
}

/// The `i`th positional parameter, required.
pub(crate) fn param<T: DeserializeOwned>(
    params: &[Value],
    i: usize,
    what: &str,
) -> Result<T, RpcError> {
    let value = params
        .get(i)
        .ok_or_else(|| RpcError::invalid_params(format!("missing parameter {}: {what}", i + 1)))?;
    serde_json::from_value(value.clone())
        .map_err(|e| RpcError::invalid_params(format!("invalid parameter {} ({what}): {e}", i + 1)))
}

/// The `i`th positional parameter, if given (a `null` counts as not given).
pub(crate) fn optional<T: DeserializeOwned>(
    params: &[Value],
    i: usize,
    what: &str,
) -> Result<Option<T>, RpcError> {
    match params.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => param(params, i, what).map(Some),
    }
}

pub(crate) fn pubkey(params: &[Value], i: usize, what: &str) -> Result<Pubkey, RpcError> {
    let text: String = param(params, i, what)?;
    Pubkey::from_str(&text).map_err(|_| {
        RpcError::invalid_params(format!("invalid {what}: {text} is not a base58 address"))
    })
}

fn signature(text: &str) -> Result<Signature, RpcError> {
    Signature::from_str(text)
        .map_err(|_| RpcError::invalid_params(format!("invalid signature: {text}")))
}

fn to_value<T: serde::Serialize>(value: T) -> RpcResult {
    serde_json::to_value(value).map_err(|e| RpcError::new(INTERNAL_ERROR, e.to_string()))
}

fn with_context<T: serde::Serialize>(slot: u64, value: T) -> RpcResult {
    to_value(Response {
        context: RpcResponseContext::new(slot),
        value,
    })
}

/// Answers one request's method with `params` (positional, as Solana's RPC takes them).
pub fn call(engine: &mut Engine, method: &str, params: &[Value]) -> RpcResult {
    let slot = engine.slot();
    match method {
        // The node.
        "getHealth" => Ok(json!("ok")),
        "getVersion" => to_value(RpcVersionInfo {
            solana_core: SOLANA_CORE_VERSION.into(),
            feature_set: None,
        }),
        "getGenesisHash" => Ok(json!(bs58::encode(engine.genesis_hash()).into_string())),
        "getSlot" => Ok(json!(slot)),
        "getBlockHeight" => Ok(json!(engine.block_height())),
        "getEpochInfo" => {
            let height = engine.block_height();
            Ok(json!({
                "absoluteSlot": slot,
                "blockHeight": height,
                "epoch": 0,
                "slotIndex": slot,
                "slotsInEpoch": u64::MAX,
                "transactionCount": engine.transaction_count(),
            }))
        }
        "getFirstAvailableBlock" => Ok(json!(0)),
        "minimumLedgerSlot" => Ok(json!(0)),

        // Blockhashes and fees.
        "getLatestBlockhash" => {
            let (hash, last_valid_block_height) = engine.latest_blockhash();
            with_context(
                slot,
                RpcBlockhash {
                    blockhash: hash.to_string(),
                    last_valid_block_height,
                },
            )
        }
        "isBlockhashValid" => {
            let text: String = param(params, 0, "blockhash")?;
            let hash = solana_hash::Hash::from_str(&text)
                .map_err(|_| RpcError::invalid_params(format!("invalid blockhash: {text}")))?;
            let valid = engine.is_blockhash_valid(&hash);
            with_context(slot, valid)
        }
        "getFeeForMessage" => {
            let text: String = param(params, 0, "message (base64)")?;
            let bytes = decode_base64(&text, "message")?;
            let message: solana_message::VersionedMessage = bincode::deserialize(&bytes)
                .map_err(|e| RpcError::invalid_params(format!("invalid message: {e}")))?;
            let fee = engine.fee_for(message);
            with_context(slot, fee)
        }
        "getMinimumBalanceForRentExemption" => {
            let size: usize = param(params, 0, "account data size")?;
            Ok(json!(
                anchor_lang::prelude::Rent::default().minimum_balance(size)
            ))
        }
        "getRecentPrioritizationFees" => Ok(json!([{ "slot": slot, "prioritizationFee": 0 }])),

        // Accounts.
        "getBalance" => {
            let address = pubkey(params, 0, "address")?;
            let account = engine.account(&address);
            with_context(slot, account.map_or(0, |a| a.lamports))
        }
        "getAccountInfo" => {
            let address = pubkey(params, 0, "address")?;
            let config: RpcAccountInfoConfig =
                optional(params, 1, "configuration")?.unwrap_or_default();
            let account = engine.account(&address);
            let encoded = match account {
                Some(account) => Some(encode_account(engine, &address, &account, &config)?),
                None => None,
            };
            with_context(slot, encoded)
        }
        "getMultipleAccounts" => {
            let addresses: Vec<String> = param(params, 0, "addresses")?;
            if addresses.len() > MAX_MULTIPLE_ACCOUNTS {
                return Err(RpcError::invalid_params(format!(
                    "too many addresses: at most {MAX_MULTIPLE_ACCOUNTS}"
                )));
            }
            let config: RpcAccountInfoConfig =
                optional(params, 1, "configuration")?.unwrap_or_default();
            let mut accounts = Vec::with_capacity(addresses.len());
            for text in &addresses {
                let address = Pubkey::from_str(text)
                    .map_err(|_| RpcError::invalid_params(format!("invalid address: {text}")))?;
                let account = engine.account(&address);
                accounts.push(match account {
                    Some(account) => Some(encode_account(engine, &address, &account, &config)?),
                    None => None,
                });
            }
            with_context(slot, accounts)
        }
        "getProgramAccounts" => {
            let program = pubkey(params, 0, "program id")?;
            let config: RpcProgramAccountsConfig =
                optional(params, 1, "configuration")?.unwrap_or_default();
            let filters = config.filters.clone().unwrap_or_default();
            let mut keyed = Vec::new();
            for (address, account) in engine.accounts_of(&program) {
                if filters.iter().all(|filter| matches(filter, &account.data)) {
                    keyed.push(RpcKeyedAccount {
                        pubkey: address.to_string(),
                        account: encode_account(
                            engine,
                            &address,
                            &account,
                            &config.account_config,
                        )?,
                    });
                }
            }
            if config.with_context.unwrap_or(false) {
                with_context(slot, keyed)
            } else {
                to_value(keyed)
            }
        }
        "getTokenAccountsByOwner" => {
            let owner = pubkey(params, 0, "owner")?;
            let filter: Value = param(
                params,
                1,
                "filter ({\"mint\": ...} or {\"programId\": ...})",
            )?;
            let config: RpcAccountInfoConfig =
                optional(params, 2, "configuration")?.unwrap_or_default();
            let (mint, programs) = token_filter(&filter)?;
            let mut keyed = Vec::new();
            for program in programs {
                for (address, account) in engine.accounts_of(&program) {
                    let Some(token) = token_account_fields(&account.data) else {
                        continue;
                    };
                    if token.owner == owner && mint.is_none_or(|mint| token.mint == mint) {
                        keyed.push(RpcKeyedAccount {
                            pubkey: address.to_string(),
                            account: encode_account(engine, &address, &account, &config)?,
                        });
                    }
                }
            }
            with_context(slot, keyed)
        }
        "getTokenAccountBalance" => {
            let address = pubkey(params, 0, "token account")?;
            let account = engine
                .account(&address)
                .filter(|account| is_token_program(&account.owner))
                .and_then(|account| {
                    let state = StateWithExtensions::<TokenAccount>::unpack(&account.data).ok()?;
                    Some((state.base.mint, state.base.amount))
                })
                .ok_or_else(|| RpcError::invalid_params("Invalid param: could not find account"))?;
            let (mint, amount) = account;
            let mint = mint_additional_data(engine, &mint)
                .ok_or_else(|| RpcError::invalid_params("Invalid param: could not find mint"))?;
            with_context(slot, token_amount_to_ui_amount_v3(amount, &mint))
        }
        "getTokenSupply" => {
            let address = pubkey(params, 0, "mint")?;
            let supply = engine
                .account(&address)
                .filter(|account| is_token_program(&account.owner))
                .and_then(|account| {
                    let state = StateWithExtensions::<Mint>::unpack(&account.data).ok()?;
                    Some(state.base.supply)
                })
                .ok_or_else(|| RpcError::invalid_params("Invalid param: not a Token mint"))?;
            let mint = mint_additional_data(engine, &address)
                .ok_or_else(|| RpcError::invalid_params("Invalid param: not a Token mint"))?;
            with_context(slot, token_amount_to_ui_amount_v3(supply, &mint))
        }

        // Transactions.
        "sendTransaction" => send_transaction(engine, params),
        "simulateTransaction" => simulate_transaction(engine, params),
        "requestAirdrop" => {
            let to = pubkey(params, 0, "address")?;
            let lamports: u64 = param(params, 1, "lamports")?;
            let signature = engine
                .airdrop(&to, lamports)
                .map_err(|e| RpcError::new(INTERNAL_ERROR, e.to_string()))?;
            Ok(json!(signature.to_string()))
        }
        "getSignatureStatuses" => {
            let texts: Vec<String> = param(params, 0, "signatures")?;
            if texts.len() > MAX_SIGNATURE_STATUSES {
                return Err(RpcError::invalid_params(format!(
                    "too many signatures: at most {MAX_SIGNATURE_STATUSES}"
                )));
            }
            let mut statuses = Vec::with_capacity(texts.len());
            for text in &texts {
                let signature = signature(text)?;
                statuses.push(engine.detail(&signature).map(|detail| {
                    let err = detail_error(detail);
                    TransactionStatus {
                        slot: detail.slot,
                        confirmations: None,
                        status: err.clone().map_or(Ok(()), Err),
                        err,
                        confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                    }
                }));
            }
            with_context(slot, statuses)
        }
        "getSignaturesForAddress" => {
            let address = pubkey(params, 0, "address")?;
            let config: RpcSignaturesForAddressConfig =
                optional(params, 1, "configuration")?.unwrap_or_default();
            let limit = config.limit.unwrap_or(1_000).min(1_000);
            let before = config.before.as_deref().map(signature).transpose()?;
            let until = config.until.as_deref().map(signature).transpose()?;
            let mut found = Vec::new();
            let mut started = before.is_none();
            for detail in engine.details_naming(&address) {
                let this = signature(&detail.signature)?;
                if Some(this) == until {
                    break;
                }
                if !started {
                    started = Some(this) == before;
                    continue;
                }
                found.push(RpcConfirmedTransactionStatusWithSignature {
                    signature: detail.signature.clone(),
                    slot: detail.slot,
                    err: detail_error(detail).map(UiTransactionError::from),
                    memo: None,
                    block_time: Some(detail.time),
                    confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                });
                if found.len() == limit {
                    break;
                }
            }
            to_value(found)
        }
        "getTransaction" => {
            let text: String = param(params, 0, "signature")?;
            let signature = signature(&text)?;
            let config = transaction_config(params)?;
            match engine.detail(&signature) {
                Some(detail) => to_value(encode_transaction(detail, &config)?),
                None => Ok(Value::Null),
            }
        }
        // The embedded chain's own: moving its clock, to try deadlines and auction ends.
        ADVANCE_CLOCK => {
            let seconds: i64 = param(params, 0, "seconds")?;
            let now = engine
                .advance_clock(seconds)
                .map_err(|e| RpcError::invalid_params(e.to_string()))?;
            Ok(json!(now))
        }
        _ => Err(RpcError::new(
            METHOD_NOT_FOUND,
            format!("Method not found: {method}"),
        )),
    }
}

fn decode_base64(text: &str, what: &str) -> Result<Vec<u8>, RpcError> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| RpcError::invalid_params(format!("invalid base64 {what}: {e}")))
}

/// The wire transaction of `sendTransaction` / `simulateTransaction`, in its stated encoding.
fn wire_transaction(
    params: &[Value],
    encoding: Option<UiTransactionEncoding>,
) -> Result<VersionedTransaction, RpcError> {
    let text: String = param(params, 0, "transaction")?;
    let bytes = match encoding.unwrap_or(UiTransactionEncoding::Base58) {
        UiTransactionEncoding::Base58 | UiTransactionEncoding::Binary => bs58::decode(&text)
            .into_vec()
            .map_err(|e| RpcError::invalid_params(format!("invalid base58 transaction: {e}")))?,
        UiTransactionEncoding::Base64 => decode_base64(&text, "transaction")?,
        other => {
            return Err(RpcError::invalid_params(format!(
                "unsupported encoding: {other}. Supported encodings: base58, base64"
            )))
        }
    };
    if bytes.len() > PACKET_DATA_SIZE {
        return Err(RpcError::invalid_params(format!(
            "transaction too large: {} bytes (max: {} bytes)",
            bytes.len(),
            PACKET_DATA_SIZE
        )));
    }
    bincode::deserialize(&bytes)
        .map_err(|e| RpcError::invalid_params(format!("failed to deserialize transaction: {e}")))
}

fn send_transaction(engine: &mut Engine, params: &[Value]) -> RpcResult {
    let config: RpcSendTransactionConfig =
        optional(params, 1, "configuration")?.unwrap_or_default();
    let transaction = wire_transaction(params, config.encoding)?;
    match engine
        .send(transaction, config.skip_preflight)
        .map_err(RpcError::internal)?
    {
        Ok(signature) => Ok(json!(signature.to_string())),
        Err(SendRefusal::BadSignature) => Err(RpcError::new(
            JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
            "Transaction signature verification failure",
        )),
        Err(SendRefusal::Malformed(why)) => Err(RpcError::invalid_params(why)),
        Err(SendRefusal::Preflight(execution)) => {
            let error = execution.error.clone();
            let message = match &error {
                Some(error) => format!("Transaction simulation failed: {error}"),
                None => "Transaction simulation failed".into(),
            };
            Err(RpcError {
                code: JSON_RPC_SERVER_ERROR_SEND_TRANSACTION_PREFLIGHT_FAILURE,
                message,
                data: Some(to_value(simulation_result(&execution, None))?),
            })
        }
    }
}

fn simulate_transaction(engine: &mut Engine, params: &[Value]) -> RpcResult {
    let config: RpcSimulateTransactionConfig =
        optional(params, 1, "configuration")?.unwrap_or_default();
    let mut transaction = wire_transaction(params, config.encoding)?;
    if config.sig_verify && config.replace_recent_blockhash {
        return Err(RpcError::invalid_params(
            "sigVerify may not be used with replaceRecentBlockhash",
        ));
    }
    if config.sig_verify && transaction.verify_with_results().iter().any(|ok| !ok) {
        return Err(RpcError::new(
            JSON_RPC_SERVER_ERROR_TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
            "Transaction signature verification failure",
        ));
    }
    let mut replacement = None;
    if config.replace_recent_blockhash {
        let (hash, last_valid_block_height) = engine.latest_blockhash();
        transaction.message.set_recent_blockhash(hash);
        replacement = Some(RpcBlockhash {
            blockhash: hash.to_string(),
            last_valid_block_height,
        });
    }
    let slot = engine.slot();
    let execution = engine.simulate(transaction);
    with_context(slot, simulation_result(&execution, replacement))
}

fn simulation_result(
    execution: &Execution,
    replacement_blockhash: Option<RpcBlockhash>,
) -> RpcSimulateTransactionResult {
    RpcSimulateTransactionResult {
        err: execution.error.clone().map(UiTransactionError::from),
        logs: Some(execution.logs.clone()),
        accounts: None,
        units_consumed: Some(execution.units),
        loaded_accounts_data_size: None,
        return_data: None,
        inner_instructions: Some(ui_inner(&execution.inner)),
        replacement_blockhash,
        fee: None,
        pre_balances: None,
        post_balances: None,
        pre_token_balances: None,
        post_token_balances: None,
        loaded_addresses: None,
    }
}

fn ui_inner(groups: &[StoredInnerInstructions]) -> Vec<UiInnerInstructions> {
    groups
        .iter()
        .map(|group| UiInnerInstructions {
            index: group.index,
            instructions: group
                .instructions
                .iter()
                .map(|inner| {
                    UiInstruction::Compiled(UiCompiledInstruction {
                        program_id_index: inner.program_id_index,
                        accounts: inner.accounts.clone(),
                        data: bs58::encode(&inner.data).into_string(),
                        stack_height: inner.stack_height,
                    })
                })
                .collect(),
        })
        .collect()
}

/// A recorded transaction's error as JSON (`null` when it succeeded), for notifications.
pub(crate) fn detail_error_json(detail: &TxDetail) -> Value {
    detail_error(detail)
        .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
        .unwrap_or(Value::Null)
}

fn detail_error(detail: &TxDetail) -> Option<TransactionError> {
    detail
        .error
        .as_ref()
        .and_then(|bytes| bincode::deserialize(bytes).ok())
}

fn transaction_config(params: &[Value]) -> Result<RpcTransactionConfig, RpcError> {
    // The second parameter is either a configuration or, as older clients send, an encoding.
    match params.get(1) {
        Some(Value::String(_)) => Ok(RpcTransactionConfig {
            encoding: Some(param(params, 1, "encoding")?),
            ..RpcTransactionConfig::default()
        }),
        _ => Ok(optional(params, 1, "configuration")?.unwrap_or_default()),
    }
}

fn encode_transaction(
    detail: &TxDetail,
    config: &RpcTransactionConfig,
) -> Result<EncodedConfirmedTransactionWithStatusMeta, RpcError> {
    let transaction: VersionedTransaction = bincode::deserialize(&detail.wire).map_err(|e| {
        RpcError::new(
            INTERNAL_ERROR,
            format!("stored transaction unreadable: {e}"),
        )
    })?;
    let version = transaction.version();
    if version != TransactionVersion::LEGACY && config.max_supported_transaction_version.is_none() {
        return Err(RpcError::new(
            solana_rpc_client_api::custom_error::JSON_RPC_SERVER_ERROR_UNSUPPORTED_TRANSACTION_VERSION,
            "Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: \"maxSupportedTransactionVersion\": 0",
        ));
    }
    let encoded = match config.encoding.unwrap_or(UiTransactionEncoding::Json) {
        UiTransactionEncoding::Base64 => EncodedTransaction::Binary(
            base64::engine::general_purpose::STANDARD.encode(&detail.wire),
            TransactionBinaryEncoding::Base64,
        ),
        UiTransactionEncoding::Base58 => EncodedTransaction::Binary(
            bs58::encode(&detail.wire).into_string(),
            TransactionBinaryEncoding::Base58,
        ),
        UiTransactionEncoding::Binary => {
            EncodedTransaction::LegacyBinary(bs58::encode(&detail.wire).into_string())
        }
        UiTransactionEncoding::Json | UiTransactionEncoding::JsonParsed => {
            EncodedTransaction::Json(ui_transaction(&transaction))
        }
    };
    let err = detail_error(detail);
    let meta = UiTransactionStatusMeta {
        err: err.clone().map(UiTransactionError::from),
        status: err.map_or(Ok(()), |e| Err(UiTransactionError::from(e))),
        fee: detail.fee,
        pre_balances: detail.pre_balances.clone(),
        post_balances: detail.post_balances.clone(),
        inner_instructions: Some(ui_inner(&detail.inner)).into(),
        log_messages: Some(detail.logs.clone()).into(),
        pre_token_balances: Some(Vec::new()).into(),
        post_token_balances: Some(Vec::new()).into(),
        rewards: Some(Vec::new()).into(),
        loaded_addresses:
            solana_transaction_status_client_types::option_serializer::OptionSerializer::Skip,
        return_data:
            solana_transaction_status_client_types::option_serializer::OptionSerializer::Skip,
        compute_units_consumed: Some(detail.units).into(),
        cost_units:
            solana_transaction_status_client_types::option_serializer::OptionSerializer::Skip,
    };
    Ok(EncodedConfirmedTransactionWithStatusMeta {
        slot: detail.slot,
        transaction: EncodedTransactionWithStatusMeta {
            transaction: encoded,
            meta: Some(meta),
            version: Some(version),
        },
        block_time: Some(detail.time),
    })
}

fn ui_transaction(
    transaction: &VersionedTransaction,
) -> solana_transaction_status_client_types::UiTransaction {
    use solana_transaction_status_client_types::{UiMessage, UiRawMessage, UiTransaction};
    let message = &transaction.message;
    let header = *message.header();
    UiTransaction {
        signatures: transaction
            .signatures
            .iter()
            .map(ToString::to_string)
            .collect(),
        message: UiMessage::Raw(UiRawMessage {
            header,
            account_keys: message
                .static_account_keys()
                .iter()
                .map(ToString::to_string)
                .collect(),
            recent_blockhash: message.recent_blockhash().to_string(),
            instructions: message
                .instructions()
                .iter()
                .map(|ix| UiCompiledInstruction::from(ix, None))
                .collect(),
            address_table_lookups: None,
        }),
    }
}

// Accounts.

fn is_token_program(program: &Pubkey) -> bool {
    *program == anchor_spl::token::ID || *program == anchor_spl::token_2022::ID
}

/// A filter of `getProgramAccounts`: memcmp or dataSize (and token-account state).
pub(crate) fn matches(filter: &RpcFilterType, data: &[u8]) -> bool {
    match filter {
        RpcFilterType::DataSize(size) => data.len() as u64 == *size,
        RpcFilterType::Memcmp(memcmp) => memcmp.bytes_match(data),
        RpcFilterType::TokenAccountState => token_account_fields(data).is_some(),
    }
}

struct TokenAccountFields {
    mint: Pubkey,
    owner: Pubkey,
}

/// A token account's mint and owner (the same layout under both token programs).
fn token_account_fields(data: &[u8]) -> Option<TokenAccountFields> {
    const ACCOUNT_LEN: usize = 165;
    const ACCOUNT_TYPE: u8 = 2;
    let is_account = data.len() == ACCOUNT_LEN || data.get(ACCOUNT_LEN) == Some(&ACCOUNT_TYPE);
    if !is_account {
        return None;
    }
    Some(TokenAccountFields {
        mint: Pubkey::try_from(data.get(0..32)?).ok()?,
        owner: Pubkey::try_from(data.get(32..64)?).ok()?,
    })
}

fn token_filter(filter: &Value) -> Result<(Option<Pubkey>, Vec<Pubkey>), RpcError> {
    let field = |name: &str| -> Result<Option<Pubkey>, RpcError> {
        filter
            .get(name)
            .and_then(Value::as_str)
            .map(|text| {
                Pubkey::from_str(text)
                    .map_err(|_| RpcError::invalid_params(format!("invalid {name}: {text}")))
            })
            .transpose()
    };
    match (field("mint")?, field("programId")?) {
        (Some(mint), _) => Ok((
            Some(mint),
            vec![anchor_spl::token::ID, anchor_spl::token_2022::ID],
        )),
        (None, Some(program)) if is_token_program(&program) => Ok((None, vec![program])),
        (None, Some(program)) => Err(RpcError::invalid_params(format!(
            "Invalid param: unrecognized Token program id {program}"
        ))),
        (None, None) => Err(RpcError::invalid_params(
            "Invalid param: the filter needs a mint or a programId",
        )),
    }
}

/// An account in the encoding asked for, by agave's own encoder: base58, base64, base64+zstd,
/// or `jsonParsed`, which reads token accounts and mints with their Token-2022 extensions.
pub(crate) fn encode_account(
    engine: &Engine,
    address: &Pubkey,
    account: &Account,
    config: &RpcAccountInfoConfig,
) -> Result<UiAccount, RpcError> {
    let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
    if matches!(
        encoding,
        UiAccountEncoding::Binary | UiAccountEncoding::Base58
    ) {
        let sliced = config.data_slice.map_or(account.data.len(), |slice| {
            slice
                .length
                .min(account.data.len().saturating_sub(slice.offset))
        });
        if sliced > MAX_BASE58_BYTES {
            return Err(RpcError::new(
                INVALID_REQUEST,
                format!(
                    "Encoded binary (base 58) data should be less than {MAX_BASE58_BYTES} bytes, please use Base64 encoding."
                ),
            ));
        }
    }
    let token_data = (encoding == UiAccountEncoding::JsonParsed
        && is_token_program(&account.owner))
    .then(|| get_token_account_mint(&account.data))
    .flatten()
    .and_then(|mint| mint_additional_data(engine, &mint));
    Ok(encode_ui_account(
        address,
        account,
        encoding,
        token_data.map(|data| AccountAdditionalDataV3 {
            spl_token_additional_data: Some(data),
        }),
        config.data_slice,
    ))
}

/// What showing an amount of `mint` takes (its decimals, and any interest or scaling extension
/// at the chain's time), as validators compute it.
fn mint_additional_data(engine: &Engine, mint: &Pubkey) -> Option<SplTokenAdditionalDataV2> {
    let account = engine
        .account(mint)
        .filter(|account| is_token_program(&account.owner))?;
    let state = StateWithExtensions::<Mint>::unpack(&account.data).ok()?;
    let now = engine.unix_timestamp();
    Some(SplTokenAdditionalDataV2 {
        decimals: state.base.decimals,
        interest_bearing_config: state
            .get_extension::<InterestBearingConfig>()
            .ok()
            .map(|config| (*config, now)),
        scaled_ui_amount_config: state
            .get_extension::<ScaledUiAmountConfig>()
            .ok()
            .map(|config| (*config, now)),
    })
}
