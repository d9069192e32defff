//! The TypeScript types of the IPC surface, generated from the Rust types with
//! ts-rs into `ui/src/api/bindings/types.ts` (committed). This test fails when
//! the committed file is stale; `UPDATE_BINDINGS=1 cargo test -p
//! wijkwaardenkaart-app bindings` rewrites it.

use ts_rs::{Config, TS};

fn generate() -> String {
    // serde_json sends 64-bit integers as plain numbers.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by ts-rs; do not edit.\n\
         // Refresh: UPDATE_BINDINGS=1 cargo test -p wijkwaardenkaart-app bindings\n\n",
    );
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$(
            out.push_str("export ");
            out.push_str(&<$t as TS>::decl(&cfg));
            out.push_str("\n\n");
        )*};
    }
    use wijkwaardenkaart::catalog::regulations::{
        HouseholdTypeDef, IncomeBandDef, OptionDef, RentBandDef, ScreenInput, ScreenInputs,
    };
    use wijkwaardenkaart::domain::*;
    use wijkwaardenkaart::exchange;
    use wijkwaardenkaart::privacy::{resident, retention};
    use wijkwaardenkaart::{ingest as import, tables};
    export!(
        crate::error::AppError,
        crate::commands::session::AppStatus,
        wijkwaardenkaart::progress::Progress,
        wijkwaardenkaart::report::ReportWritten,
        wijkwaardenkaart::store::Profile,
        wijkwaardenkaart::store::Strength,
        campaign::Campaign,
        campaign::CampaignInput,
        campaign::ReachBand,
        programme::TargetInput,
        programme::ProgrammeTarget,
        wijkwaardenkaart::profile::year::YearReport,
        wijkwaardenkaart::profile::year::YearRow,
        wijkwaardenkaart::profile::year::RowKind,
        wijkwaardenkaart::profile::year::TargetProgress,
        campaign::CampaignProgress,
        campaign::CampaignSummary,
        campaign::CampaignPage,
        import::addresses::AddressImport,
        household::AddressInput,
        household::Contact,
        household::Household,
        visit::Visit,
        visit::VisitInput,
        visit::WalkEntry,
        conversation::Sentiment,
        conversation::ValueTag,
        conversation::Quote,
        conversation::Consent,
        conversation::ConversationInput,
        conversation::Conversation,
        draft::Draft,
        values::Value,
        search::Fragment,
        search::SearchHit,
        search_index::SearchIndexState,
        check::CheckItemInput,
        check::CheckInput,
        check::CheckItem,
        check::CheckSummary,
        catalogs::Choice,
        catalogs::StepOptions,
        check_step::CheckStepInput,
        check_step::CheckStep,
        participation::ParticipationStepInput,
        collective::CollectiveActionInput,
        collective::CollectiveAction,
        check_action::CheckActionInput,
        check_action::CheckAction,
        pending::PendingApplication,
        check::Check,
        check::ScreenResult,
        referral::ReferralInput,
        referral::Referral,
        participation::ParticipationInput,
        participation::Participation,
        complex::Complex,
        followup::FollowUp,
        stats::Counts,
        catalogs::OutcomeCode,
        catalogs::CodeLabel,
        catalogs::RegulationInfo,
        catalogs::AreaInfo,
        catalogs::Catalogs,
        areamap::AreaShape,
        areamap::MapShapes,
        wijkwaardenkaart::profile::MapCells,
        wijkwaardenkaart::profile::ValueShare,
        wijkwaardenkaart::profile::model::ReportModel,
        wijkwaardenkaart::profile::model::Section<wijkwaardenkaart::profile::model::ValuesSection>,
        wijkwaardenkaart::profile::model::Level,
        wijkwaardenkaart::profile::model::Period,
        wijkwaardenkaart::profile::model::Amount,
        wijkwaardenkaart::profile::model::KeyFigures,
        wijkwaardenkaart::profile::model::FunnelStep,
        wijkwaardenkaart::profile::model::MapModel,
        wijkwaardenkaart::profile::model::Shading,
        wijkwaardenkaart::profile::model::ValuesSection,
        wijkwaardenkaart::profile::model::ValueRow,
        wijkwaardenkaart::profile::model::ValueFactors,
        wijkwaardenkaart::profile::model::Factor,
        wijkwaardenkaart::profile::model::ThemesSection,
        wijkwaardenkaart::profile::model::ChecksSection,
        wijkwaardenkaart::profile::model::ClientGroup,
        wijkwaardenkaart::profile::model::CollectiveSection,
        wijkwaardenkaart::profile::model::CollectiveRow,
        wijkwaardenkaart::profile::model::RegulationRow,
        wijkwaardenkaart::profile::model::ReferralsSection,
        wijkwaardenkaart::profile::model::DevelopmentSection,
        wijkwaardenkaart::profile::model::DevelopmentRow,
        wijkwaardenkaart::profile::model::ValueChange,
        wijkwaardenkaart::profile::model::Accountability,
        wijkwaardenkaart::privacy::Cell,
        ScreenInputs,
        ScreenInput,
        HouseholdTypeDef,
        OptionDef,
        IncomeBandDef,
        RentBandDef,
        wijkwaardenkaart::demo::DemoSummary,
        crate::commands::import::CheckImportInput,
        crate::commands::import::CheckImportResult,
        crate::commands::privacy::RetentionSetting,
        crate::commands::privacy::PurgeResult,
        tables::TableLevel,
        tables::TableFormat,
        tables::AreaUnit,
        tables::TableRequest,
        tables::TableSummary,
        wijkwaardenkaart::privacy::SuppressionPolicy,
        import::ImportRequest,
        import::ColumnMap,
        import::ScreenDefaults,
        import::Mapping,
        import::Action,
        import::RowProblem,
        import::Unmapped,
        import::MappingOrigin,
        import::Outcome,
        import::Counts,
        import::PreviewCheck,
        import::ImportReport,
        retention::Unit,
        retention::RetentionPeriod,
        retention::PurgeRequest,
        retention::PurgeReport,
        resident::ResidentMatch,
        resident::HouseholdRecord,
        resident::VisitRecord,
        resident::ParticipationRecord,
        resident::ResidentData,
        resident::EraseReport,
        crate::commands::exchange::ProtectionInput,
        crate::commands::exchange::UnlockInput,
        exchange::Scope,
        exchange::ExportReceipt,
        exchange::Counts,
        exchange::FileSummary,
        exchange::VerifyReport,
        exchange::FileReceipt,
        exchange::MergeReceipt,
        exchange::Keep,
        exchange::VersionView,
        exchange::FieldDiff,
        exchange::ConflictView,
        exchange::KeyKind,
        exchange::SavedKey,
    );
    out.trim_end().to_string() + "\n"
}

#[test]
fn bindings_are_up_to_date() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/bindings/types.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        wijkwaardenkaart::util::write_atomic(&path, fresh.as_bytes()).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/bindings/types.ts is stale: run UPDATE_BINDINGS=1 cargo test -p wijkwaardenkaart-app bindings"
    );
}
