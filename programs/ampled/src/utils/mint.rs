//! The community's Token-2022 mint. Its name, symbol and uri live in the mint itself (the
//! MetadataPointer extension points at the mint, whose TokenMetadata extension holds them), so
//! wallets show the token without any other program. The community PDA is the mint authority and
//! the only metadata update authority; there is no freeze authority and no other extension.

use crate::errors::AmpledError;
use crate::state::TokenMetadataFields;
use crate::utils::pda::create_pda;
use crate::utils::token::TOKEN_PROGRAM;
use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Transfer};
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, ExtensionType, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::Mint as MintState;
use anchor_spl::token_interface::spl_pod::optional_keys::OptionalNonZeroPubkey;
use anchor_spl::token_interface::spl_token_metadata_interface::borsh;
use anchor_spl::token_interface::spl_token_metadata_interface::state::{Field, TokenMetadata};
use anchor_spl::token_interface::{
    self, metadata_pointer_initialize, token_metadata_initialize, token_metadata_update_field,
    InitializeMint2, MetadataPointerInitialize, TokenMetadataInitialize, TokenMetadataUpdateField,
};

/// The extensions a community mint has: the pointer to its own metadata, and the metadata.
/// Anything else (a permanent delegate, transfer fees or hooks, default-frozen accounts,
/// non-transferability, pausing) could let someone take, tax or block members' tokens.
pub const MINT_EXTENSIONS: [ExtensionType; 2] =
    [ExtensionType::MetadataPointer, ExtensionType::TokenMetadata];

/// The mint's size before its metadata is written: Token-2022 grows the account to fit the
/// metadata itself, but only if it already holds the rent for the larger size.
pub fn mint_space_without_metadata() -> Result<usize> {
    Ok(ExtensionType::try_calculate_account_len::<MintState>(&[
        ExtensionType::MetadataPointer,
    ])?)
}

/// The metadata a community writes into its mint.
pub fn token_metadata(
    community: Pubkey,
    mint: Pubkey,
    fields: &TokenMetadataFields,
) -> TokenMetadata {
    TokenMetadata {
        update_authority: OptionalNonZeroPubkey(community),
        mint,
        name: fields.name.clone(),
        symbol: fields.symbol.clone(),
        uri: fields.uri.clone(),
        additional_metadata: Vec::new(),
    }
}

/// Token-2022 stores each extension after a 4-byte header: its type and its length, 2 bytes each.
/// (`TokenMetadata::tlv_size_of` counts the 12-byte header of other TLV accounts instead, which
/// would overcharge every mint by 8 bytes of rent nobody could ever recover.)
const EXTENSION_HEADER_LEN: usize = 4;

/// The mint's size with `metadata` written into it, as Token-2022 will size it.
pub fn mint_space_with(metadata: &TokenMetadata) -> Result<usize> {
    let packed = borsh::to_vec(metadata)
        .map_err(|_| error!(AmpledError::WrongTokenMetadata))?
        .len();
    mint_space_without_metadata()?
        .checked_add(EXTENSION_HEADER_LEN)
        .and_then(|len| len.checked_add(packed))
        .ok_or_else(|| error!(AmpledError::MathOverflow))
}

/// The name, symbol and uri held in a mint account's data.
pub fn read_token_metadata(mint_data: &[u8]) -> Result<TokenMetadata> {
    let mint = StateWithExtensions::<MintState>::unpack(mint_data)?;
    mint.get_variable_len_extension::<TokenMetadata>()
        .map_err(|_| error!(AmpledError::WrongTokenMetadata))
}

/// The accounts that writing the mint's metadata involves.
pub struct MintAccounts<'info> {
    /// Pays the mint's rent, which grows with its metadata.
    pub payer: AccountInfo<'info>,
    pub mint: AccountInfo<'info>,
    /// The community PDA: mint authority and metadata update authority.
    pub community: AccountInfo<'info>,
    pub system_program: AccountInfo<'info>,
    pub token_program: AccountInfo<'info>,
}

/// Creates the community's mint at its PDA: metadata pointer, then the mint (authority: the
/// community; no freeze authority), then the metadata signed by the community.
pub fn create_community_mint(
    accounts: &MintAccounts,
    mint_seeds: &[&[u8]],
    community_seeds: &[&[u8]],
    decimals: u8,
    fields: &TokenMetadataFields,
) -> Result<()> {
    let MintAccounts {
        payer,
        mint,
        community,
        system_program,
        token_program,
    } = accounts;
    create_pda(
        payer,
        mint,
        system_program,
        mint_space_without_metadata()?,
        &TOKEN_PROGRAM,
        mint_seeds,
    )?;
    // No pointer authority: nobody can ever point wallets at other metadata.
    metadata_pointer_initialize(
        CpiContext::new(
            TOKEN_PROGRAM,
            MetadataPointerInitialize {
                token_program_id: token_program.clone(),
                mint: mint.clone(),
            },
        ),
        None,
        Some(mint.key()),
    )?;
    token_interface::initialize_mint2(
        CpiContext::new(TOKEN_PROGRAM, InitializeMint2 { mint: mint.clone() }),
        decimals,
        &community.key(),
        None,
    )?;

    let metadata = token_metadata(community.key(), mint.key(), fields);
    fund_rent(payer, mint, system_program, mint_space_with(&metadata)?)?;
    token_metadata_initialize(
        CpiContext::new_with_signer(
            TOKEN_PROGRAM,
            TokenMetadataInitialize {
                program_id: token_program.clone(),
                metadata: mint.clone(),
                update_authority: community.clone(),
                mint_authority: community.clone(),
                mint: mint.clone(),
            },
            &[community_seeds],
        ),
        fields.name.clone(),
        fields.symbol.clone(),
        fields.uri.clone(),
    )
}

/// Rewrites the fields of the mint's metadata that differ from `fields`, signed by the community.
/// The payer tops the mint's rent up first to the largest size it passes through. Returns the
/// metadata as it was.
pub fn update_community_token_metadata(
    accounts: &MintAccounts,
    community_seeds: &[&[u8]],
    fields: &TokenMetadataFields,
) -> Result<TokenMetadataFields> {
    let MintAccounts {
        payer,
        mint,
        community,
        system_program,
        token_program,
    } = accounts;
    let mut metadata = read_token_metadata(&mint.try_borrow_data()?)?;
    require_keys_eq!(metadata.mint, mint.key(), AmpledError::WrongTokenMetadata);
    let old = TokenMetadataFields {
        name: metadata.name.clone(),
        symbol: metadata.symbol.clone(),
        uri: metadata.uri.clone(),
    };
    let changes: Vec<(Field, &String)> = [
        (Field::Name, &old.name, &fields.name),
        (Field::Symbol, &old.symbol, &fields.symbol),
        (Field::Uri, &old.uri, &fields.uri),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(field, _, new)| (field, new))
    .collect();
    require!(!changes.is_empty(), AmpledError::TokenMetadataUnchanged);

    let mut largest = mint.data_len();
    for (field, value) in &changes {
        metadata.update(field.clone(), (*value).clone());
        largest = largest.max(mint_space_with(&metadata)?);
    }
    fund_rent(payer, mint, system_program, largest)?;

    for (field, value) in changes {
        token_metadata_update_field(
            CpiContext::new_with_signer(
                TOKEN_PROGRAM,
                TokenMetadataUpdateField {
                    program_id: token_program.clone(),
                    metadata: mint.clone(),
                    update_authority: community.clone(),
                },
                &[community_seeds],
            ),
            field,
            value.clone(),
        )?;
    }
    Ok(old)
}

/// Tops `account` up to the rent of `space` bytes, so Token-2022 can grow it.
fn fund_rent<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
) -> Result<()> {
    let needed = Rent::get()?
        .minimum_balance(space)
        .saturating_sub(account.lamports());
    if needed == 0 {
        return Ok(());
    }
    system_program::transfer(
        CpiContext::new(
            system_program.key(),
            Transfer {
                from: payer.clone(),
                to: account.clone(),
            },
        ),
        needed,
    )
}
