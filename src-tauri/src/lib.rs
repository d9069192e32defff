//! Wijkwaardenkaart desktop app: a thin Tauri v2 shell around the core crate.
//!
//! - [`commands`]: one file per domain, each command an adapter onto the core.
//! - [`state`]: the unlocked store behind a mutex, and the cancel flag of long jobs.
//! - [`error`]: `{code, message}` errors with the core's Dutch messages.
//!
//! [`run_app`] wires commands and state onto any runtime, so tests drive the same
//! commands through `tauri::test::mock_builder()`.

pub mod commands;
pub mod error;
pub mod state;
#[cfg(test)]
mod tests;

use state::AppState;
use tauri::Runtime;

/// Registers state and every command on a builder (real or mock runtime).
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    use commands::*;
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            session::app_status,
            session::create_store,
            session::unlock,
            session::lock,
            session::change_passphrase,
            session::get_profile,
            session::set_profile,
            session::passphrase_strength,
            catalog::catalogs,
            catalog::values,
            catalog::add_value,
            catalog::rename_value,
            catalog::retire_value,
            catalog::counts,
            campaign::campaigns,
            campaign::campaign_list,
            campaign::save_campaign,
            campaign::campaign_progress,
            campaign::add_address_range,
            campaign::complexes,
            campaign::create_complex,
            campaign::update_complex,
            campaign::assign_to_complex,
            campaign::add_complex_addresses,
            campaign::import_addresses_file,
            walk::walk_list,
            walk::record_visit,
            walk::delete_visit,
            conversation::save_conversation,
            conversation::get_conversation,
            conversation::get_household,
            conversation::find_households,
            conversation::save_draft,
            conversation::get_draft,
            conversation::list_drafts,
            conversation::discard_draft,
            search::search,
            search::search_index_state,
            search::index_search_step,
            check::quick_screen,
            check::save_check,
            check::get_check,
            check::household_checks,
            check::record_check_step,
            check::record_check_action,
            check::save_collective_action,
            check::collective_actions,
            check::pending_applications,
            check::pending_weeks,
            check::set_pending_weeks,
            check::create_referral,
            check::record_participation,
            check::household_participation,
            check::record_participation_step,
            check::open_participation,
            check::set_referral_status,
            followup::open_follow_ups,
            followup::set_follow_up_done,
            followup::open_referrals,
            map::map_shapes,
            map::map_cells,
            map::area_dashboard,
            report::make_report,
            year::year_report,
            year::make_year_report,
            year::programme_targets,
            year::set_programme_target,
            year::programmes,
            report::open_written,
            demo::generate_demo,
            demo::cancel_job,
            tables::export_table,
            import::import_checks_file,
            import::import_mappings,
            privacy::retention_setting,
            privacy::set_retention,
            privacy::purge_now,
            privacy::purge_at_start,
            privacy::find_residents,
            privacy::resident_data,
            privacy::export_resident,
            privacy::erase_resident,
            exchange::export_file,
            exchange::verify_files,
            exchange::merge_files,
            exchange::exchange_conflicts,
            exchange::resolve_conflict,
            exchange::exchange_keys,
            exchange::generate_key,
            exchange::add_own_identity,
            exchange::add_coordinator_key,
            exchange::import_key_file,
            exchange::remove_key,
        ])
}

/// Starts the desktop app on the store at the default location (`WWK_DB` overrides).
pub fn run() {
    let state = AppState::new(wijkwaardenkaart::store::default_db_path());
    run_app(
        tauri::Builder::default()
            .plugin(tauri_plugin_dialog::init())
            .plugin(tauri_plugin_opener::init()),
        state,
    )
    .run(tauri::generate_context!())
    .expect("Wijkwaardenkaart kon niet starten");
}
