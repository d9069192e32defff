//! Rondes: campaigns, their progress and adding addresses (typed ranges, CSV files).

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::campaign::{Campaign, CampaignInput, CampaignPage, CampaignProgress};
use wijkwaardenkaart::domain::complex::Complex;
use wijkwaardenkaart::ingest::{self, addresses::AddressImport};

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
pub fn campaign_progress(state: State<'_, AppState>, id: String) -> AppResult<CampaignProgress> {
    state.with_store(|s| Ok(s.campaign_progress(&id)?))
}

/// Complexes of a wijk (or all), with their households.
#[tauri::command(async)]
pub fn complexes(state: State<'_, AppState>, wijk_code: Option<String>) -> AppResult<Vec<Complex>> {
    state.with_store(|s| Ok(s.complexes(wijk_code.as_deref())?))
}

#[tauri::command(async)]
pub fn create_complex(
    state: State<'_, AppState>,
    wijk_code: String,
    name: String,
    corporation: Option<String>,
) -> AppResult<Complex> {
    state.with_store(|s| Ok(s.create_complex(&wijk_code, &name, corporation.as_deref())?))
}

#[tauri::command(async)]
pub fn update_complex(
    state: State<'_, AppState>,
    id: String,
    name: String,
    corporation: Option<String>,
) -> AppResult<Complex> {
    state.with_store(|s| Ok(s.update_complex(&id, &name, corporation.as_deref())?))
}

/// Assigns the addresses at a postcode (house numbers from–to) to a complex;
/// returns the complex as it is afterwards.
#[tauri::command(async)]
pub fn assign_to_complex(
    state: State<'_, AppState>,
    complex_id: String,
    postcode: String,
    from: Option<u32>,
    to: Option<u32>,
) -> AppResult<Complex> {
    state.with_store(|s| Ok(s.assign_to_complex(&complex_id, &postcode, from, to)?.1))
}

/// Puts every household of the campaign's complex on its walk list.
#[tauri::command(async)]
pub fn add_complex_addresses(state: State<'_, AppState>, campaign_id: String) -> AppResult<u32> {
    state.with_store(|s| Ok(s.add_complex_addresses(&campaign_id)?))
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

/// Puts the addresses of a spreadsheet (CSV or XLSX, read like the
/// voorzieningencheck import) on the campaign's walk list.
#[tauri::command(async)]
pub fn import_addresses_file(
    state: State<'_, AppState>,
    campaign_id: String,
    wijk_code: String,
    path: String,
) -> AppResult<AddressImport> {
    let path = std::path::PathBuf::from(path);
    let bytes = ingest::read_file(&path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.with_store(|s| {
        Ok(ingest::addresses::import_addresses(
            s,
            &campaign_id,
            &wijk_code,
            &name,
            &bytes,
        )?)
    })
}
