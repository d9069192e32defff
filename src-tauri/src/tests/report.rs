//! "Wijkprofiel maken" through the command layer, on a real store with demo data.

use crate::state::AppState;
use std::cell::RefCell;
use wijkwaardenkaart::store::Profile;
use wijkwaardenkaart::Store;

fn demo_state(dir: &std::path::Path) -> AppState {
    let state = AppState::new(dir.join("r.db"));
    let mut store = Store::create(
        &state.db_path,
        "lang-genoeg-wachtwoord",
        &Profile::new("A", "T", "L"),
    )
    .unwrap();
    wijkwaardenkaart::demo::generate(
        &mut store,
        wijkwaardenkaart::demo::DemoOptions {
            households: 1500,
            seed: 7,
        },
        &mut |_| true,
    )
    .unwrap();
    state.set_store(Some(store));
    state
}

#[test]
fn a_city_profile_is_written_with_progress_and_only_written_files_may_be_opened() {
    let dir = tempfile::tempdir().unwrap();
    let state = demo_state(dir.path());
    let out = dir.path().join("stad.pdf");
    let steps = RefCell::new(vec![]);
    let w = crate::commands::report::make(&state, "GM0268", None, None, true, out.clone(), |p| {
        steps.borrow_mut().push(p.done)
    })
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(w.bytes as usize, bytes.len());
    assert_eq!(w.area, "GM0268");
    assert!(steps.borrow().len() > 3, "progress is reported per step");
    assert!(state.was_written(&out));
    assert!(!state.was_written(&dir.path().join("other.pdf")));
    // The report is in the audit log, without personal data.
    let audited: String = state
        .with_store(|s| {
            Ok(s.conn()
                .query_row(
                    "SELECT detail FROM audit_log WHERE action = 'export' AND detail LIKE '%\"report\"%'",
                    [],
                    |r| r.get(0),
                )
                .unwrap())
        })
        .unwrap();
    assert!(audited.contains("GM0268"));
}

#[test]
fn an_unknown_area_or_a_directory_gives_a_dutch_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = demo_state(dir.path());
    let out = dir.path().join("x.pdf");
    let e = crate::commands::report::make(&state, "BU9999", None, None, false, out.clone(), |_| {})
        .unwrap_err();
    assert_eq!(e.code, "unknown_area");
    assert!(e.message.starts_with("Onbekend gebied"), "{}", e.message);
    assert!(!out.exists());
    let e = crate::commands::report::make(
        &state,
        "GM0268",
        None,
        None,
        false,
        dir.path().to_path_buf(),
        |_| {},
    )
    .unwrap_err();
    assert_eq!(e.code, "output_not_a_file");
    assert!(e.message.contains("map"), "{}", e.message);
}
