//! Kaart and wijkdashboard: both show the area profile's cells
//! (`wijkwaardenkaart::profile`), never counts of their own.

use crate::error::AppResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wijkwaardenkaart::domain::areamap::{map_shapes as shapes, MapShapes};
use wijkwaardenkaart::privacy::SuppressionPolicy;
use wijkwaardenkaart::profile::{self, MapCells, ReportModel, ReportRequest};

#[tauri::command(async)]
pub fn map_shapes() -> AppResult<MapShapes> {
    Ok(shapes())
}

/// Per wijk the cells of its profile over the period (all data when open).
#[tauri::command(async)]
pub fn map_cells(
    state: State<'_, AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> AppResult<Vec<MapCells>> {
    state.with_store(|s| Ok(profile::map(s, from, to, &SuppressionPolicy::default())?))
}

/// The profile of a wijk, stadsdeel or the city, as the dashboard shows it.
#[tauri::command(async)]
pub fn area_dashboard(
    state: State<'_, AppState>,
    code: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    complex: Option<String>,
) -> AppResult<ReportModel> {
    let req = ReportRequest {
        from,
        to,
        complex,
        ..ReportRequest::for_area(&code)
    };
    state.with_store(|s| Ok(profile::build(s, &req)?))
}
