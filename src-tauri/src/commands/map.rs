//! Kaart and wijkdashboard.

use crate::error::AppResult;
use crate::state::AppState;
use tauri::State;
use wijkwaardenkaart::domain::areamap::{map_shapes as shapes, AreaMeasure, MapMeasure, MapShapes};
use wijkwaardenkaart::domain::dashboard::Dashboard;

#[tauri::command(async)]
pub fn map_shapes() -> AppResult<MapShapes> {
    Ok(shapes())
}

#[tauri::command(async)]
pub fn map_measure(
    state: State<'_, AppState>,
    measure: MapMeasure,
    value_id: Option<String>,
) -> AppResult<Vec<AreaMeasure>> {
    state.with_store(|s| Ok(s.map_measure(measure, value_id.as_deref())?))
}

#[tauri::command(async)]
pub fn area_dashboard(
    state: State<'_, AppState>,
    code: String,
    from: Option<String>,
    to: Option<String>,
) -> AppResult<Dashboard> {
    state.with_store(|s| Ok(s.area_dashboard(&code, from.as_deref(), to.as_deref())?))
}
