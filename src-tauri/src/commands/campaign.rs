//! Rondes: campaigns, their progress and adding addresses (typed ranges, CSV files).

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::address_import::AddressImport;
use wijkwaardenkaart::domain::campaign::{Campaign, CampaignInput, CampaignPage, Progress};

/// One page of campaigns with their progress (the Rondes screen).
#[tauri::command(async)]
pub fn campaigns(
    state: State<'_, AppState>,
    offset: u32,
    limit: u32,
    focus: Option<String>,
) -> AppResult<CampaignPage> {
    state.with_store(|s| Ok(s.campaign_page(offset, limit, focus.as_deref())?))
}

/// All campaigns without progress (to choose one, as on the walk list).
#[tauri::command(async)]
pub fn campaign_list(state: State<'_, AppState>) -> AppResult<Vec<Campaign>> {
    state.with_store(|s| Ok(s.campaigns()?))
}

#[tauri::command(async)]
pub fn save_campaign(state: State<'_, AppState>, input: CampaignInput) -> AppResult<Campaign> {
    state.with_store(|s| Ok(s.save_campaign(&input)?))
}

#[tauri::command(async)]
pub fn campaign_progress(state: State<'_, AppState>, id: String) -> AppResult<Progress> {
    state.with_store(|s| Ok(s.campaign_progress(&id)?))
}

#[tauri::command(async)]
pub fn add_address_range(
    state: State<'_, AppState>,
    campaign_id: String,
    wijk_code: String,
    range: String,
    postcode: Option<String>,
) -> AppResult<u32> {
    state.with_store(|s| {
        Ok(s.add_address_range(&campaign_id, &wijk_code, &range, postcode.as_deref())?)
    })
}

/// Largest address file read (a few thousand lines is plenty).
const MAX_CSV_BYTES: u64 = 2_000_000;

#[tauri::command(async)]
pub fn import_addresses_file(
    state: State<'_, AppState>,
    campaign_id: String,
    wijk_code: String,
    path: String,
) -> AppResult<AddressImport> {
    let unreadable = |e: std::io::Error| {
        AppError::new(
            "io",
            format!("Het bestand {path} kon niet worden gelezen: {e}"),
        )
    };
    let meta = std::fs::metadata(&path).map_err(unreadable)?;
    if meta.len() > MAX_CSV_BYTES {
        return Err(AppError::new(
            "invalid",
            "Het adressenbestand is te groot (max. 2 MB).",
        ));
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        AppError::new(
            "invalid",
            "Het adressenbestand is geen UTF-8-tekst. Sla het in Excel op als \"CSV UTF-8\".",
        )
    })?;
    state.with_store(|s| Ok(s.import_addresses_csv(&campaign_id, &wijk_code, &text)?))
}
