//! Report settings and the JSON output next to the PDF.

use super::*;
use crate::store::Profile;

#[test]
fn the_logo_setting_lives_in_meta_and_must_be_an_image() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(
        &dir.path().join("t.db"),
        "geheim-wachtwoord",
        &Profile::new("Tester", "Team", "laptop"),
    )
    .unwrap();
    assert_eq!(logo_path(&store).unwrap(), None);
    let bad = dir.path().join("logo.png");
    std::fs::write(&bad, b"not an image").unwrap();
    assert_eq!(
        set_logo_path(&store, Some(&bad)).unwrap_err().code(),
        "logo"
    );
    let good = dir.path().join("good.png");
    image::RgbImage::from_pixel(4, 2, image::Rgb([10, 20, 30]))
        .save(&good)
        .unwrap();
    set_logo_path(&store, Some(&good)).unwrap();
    assert_eq!(logo_path(&store).unwrap(), Some(good));
    set_logo_path(&store, None).unwrap();
    assert_eq!(logo_path(&store).unwrap(), None);
}

#[test]
fn the_format_follows_the_extension() {
    let (dir, s) = crate::testutil::demo_store(300, 3);
    let req = ReportRequest::for_area(crate::catalog::CITY);
    let json = dir.path().join("profiel.JSON");
    write_report(&s, &req, None, &json, &mut |_| true).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["area_code"], "GM0268");
    assert!(v["key_figures"]["approached"].is_u64());
    let bad = dir.path().join("profiel.txt");
    let e = write_report(&s, &req, None, &bad, &mut |_| true).unwrap_err();
    assert_eq!(e.code(), "output_extension");
    assert!(e.to_string().contains(".json"), "{e}");
    assert!(!bad.exists());
}
