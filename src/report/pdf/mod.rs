//! The PDF renderer: a [`ReportModel`] in, PDF bytes out. Never touches the store.
//!
//! printpdf builds the pages from plain ops (text in the embedded, subsetted Noto
//! Sans faces, rectangles, lines and polygons); this module adds the cover,
//! running headers and footers with page numbers, the outline, the document
//! metadata and language (nl-NL), and makes the bytes deterministic: fixed
//! resource names, the creation date from the model, and a document id derived
//! from the content.

mod canvas;
mod charts;
mod checks;
mod collective;
mod map;
mod sections;
mod table;
mod year;

pub use year::render_year_pdf;

use super::ReportError;
use crate::profile::model::{dutch_date, ReportModel};
use crate::progress::Progress;
use canvas::{colour, Align, Face, Flow, MARGIN_X, PAGE_H, PAGE_W};
use printpdf::{
    FontId, Mm, Op, PageAnnotId, PageAnnotation, PdfDocument, PdfFont, PdfPage, PdfSaveOptions, Pt,
    RawImage, RawImageData, RawImageFormat, XObject, XObjectId, XObjectTransform,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Largest logo file accepted.
const MAX_LOGO_BYTES: u64 = 10 * 1024 * 1024;

/// How to render. Serialisable so the app can pass it as is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenderOptions {
    /// PNG or JPEG shown on the cover.
    #[serde(default)]
    pub logo: Option<PathBuf>,
}

/// Steps of a render, for the progress bar.
const STEPS: u64 = 12;

/// Reports render step `step`; the callback may cancel.
fn step(
    progress: &mut dyn FnMut(&Progress) -> bool,
    step: u64,
    label: &str,
) -> Result<(), ReportError> {
    Ok(crate::progress::send(
        progress,
        Progress::new(label, step, STEPS),
    )?)
}

/// Lays out one section of the report.
type Section = fn(&mut Flow, &ReportModel);

/// A decoded logo, ready to embed.
pub struct Logo {
    image: RawImage,
}

/// Reads and decodes a PNG or JPEG logo.
pub fn load_logo(path: &Path) -> Result<Logo, ReportError> {
    let err = |reason: String, detail: Option<String>| ReportError::Logo {
        path: path.to_path_buf(),
        reason,
        detail,
    };
    let io = |e: std::io::Error| err(crate::util::reason::io(&e).into(), Some(e.to_string()));
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_LOGO_BYTES {
        return Err(err("het bestand is groter dan 10 MB".into(), None));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let img = image::load_from_memory(&bytes)
        .map_err(|e| err(crate::util::reason::image(&e), Some(e.to_string())))?;
    // Keep the cover light: a logo never needs more than 600 px.
    let img = if img.width() > 600 || img.height() > 600 {
        img.thumbnail(600, 600)
    } else {
        img
    };
    // Flatten transparency onto white: the cover box is white.
    let rgba = img.to_rgba8();
    let mut rgb = Vec::with_capacity((rgba.width() * rgba.height() * 3) as usize);
    for p in rgba.pixels() {
        let a = p[3] as u32;
        for c in 0..3 {
            rgb.push(((p[c] as u32 * a + 255 * (255 - a)) / 255) as u8);
        }
    }
    Ok(Logo {
        image: RawImage {
            pixels: RawImageData::U8(rgb),
            width: rgba.width() as usize,
            height: rgba.height() as usize,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        },
    })
}

/// Renders the model to PDF bytes, reporting progress after each section.
pub fn render_pdf(
    model: &ReportModel,
    opts: &RenderOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Vec<u8>, ReportError> {
    let fonts = canvas::fonts().map_err(ReportError::Render)?;
    let logo = opts.logo.as_deref().map(load_logo).transpose()?;
    let mut flow = Flow::new(fonts);
    step(progress, 1, "Omslag")?;
    cover(&mut flow, model, logo.is_some());
    let steps: [(&str, Section); 8] = [
        ("Kerncijfers", sections::key_figures),
        ("Kaart", sections::map),
        ("Waarden", sections::values),
        ("Thema's en citaten", sections::themes),
        ("Voorzieningencheck", checks::checks),
        ("Doorverwijzingen", sections::referrals),
        ("Ontwikkeling", sections::development),
        ("Verantwoording", sections::accountability),
    ];
    flow.new_page();
    for (i, (label, f)) in steps.iter().enumerate() {
        step(progress, 2 + i as u64, label)?;
        f(&mut flow, model);
    }
    step(progress, 10, "Kop- en voetteksten")?;
    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate().skip(1) {
        running_header(page, fonts, &Doc::of(model), i + 1, total);
    }
    step(progress, 11, "PDF opbouwen")?;
    let bytes = assemble(&Doc::of(model), flow, logo)?;
    step(progress, 12, "Klaar")?;
    Ok(bytes)
}

fn cover(flow: &mut Flow, m: &ReportModel, has_logo: bool) {
    flow.new_page();
    flow.bookmarks.push(("1. Omslag".into(), 1));
    let fonts = flow.fonts;
    let page = flow.page();
    let band_h = 330.0;
    page.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, colour::NAVY);
    page.rect(0.0, PAGE_H - band_h - 6.0, PAGE_W, 6.0, colour::ACCENT);
    if has_logo {
        page.rect(
            PAGE_W - MARGIN_X - 130.0,
            PAGE_H - 118.0,
            130.0,
            70.0,
            colour::WHITE,
        );
    }
    page.text(
        MARGIN_X,
        PAGE_H - 80.0,
        "WIJKWAARDENKAART",
        Face::Bold,
        10.0,
        0xa9c6d6,
    );
    let kind = match m.level {
        crate::profile::Level::City => "Stadsprofiel",
        crate::profile::Level::Stadsdeel => "Stadsdeelprofiel",
        crate::profile::Level::Complex => "Complexprofiel",
        _ => "Wijkprofiel",
    };
    page.text(
        MARGIN_X,
        PAGE_H - 190.0,
        kind,
        Face::Regular,
        20.0,
        0xd5e3ec,
    );
    let name_size = if fonts.width(&m.area_name, Face::Bold, 38.0) > PAGE_W - 2.0 * MARGIN_X {
        26.0
    } else {
        38.0
    };
    page.text(
        MARGIN_X,
        PAGE_H - 236.0,
        &m.area_name,
        Face::Bold,
        name_size,
        colour::WHITE,
    );
    let sub = match (&m.level, &m.parent_name) {
        (crate::profile::Level::City, _) => format!("Gemeente Nijmegen · {}", m.area_code),
        (crate::profile::Level::Complex, Some(p)) => format!("{} · wijk {p}", m.area_code),
        (_, Some(p)) => format!("{} · stadsdeel {p}", m.area_code),
        _ => m.area_code.clone(),
    };
    page.text(
        MARGIN_X,
        PAGE_H - 266.0,
        &sub,
        Face::Regular,
        12.0,
        0xd5e3ec,
    );
    page.text(
        MARGIN_X,
        PAGE_H - 300.0,
        &m.period.label(),
        Face::Bold,
        13.0,
        colour::WHITE,
    );

    let mut y = PAGE_H - band_h - 60.0;
    let generated = chrono::DateTime::parse_from_rfc3339(&m.generated_at)
        .map(|d| dutch_date(d.date_naive()))
        .unwrap_or_else(|_| m.generated_at.clone());
    let mut facts: Vec<(&str, String)> = vec![
        (
            "Gebied",
            format!("{} {} ({})", m.level.label(), m.area_name, m.area_code),
        ),
        ("Periode", m.period.label()),
    ];
    if let Some(c) = &m.campaign_name {
        facts.push(("Ronde", c.clone()));
    }
    facts.push(("Organisatie", m.organisation.clone()));
    if !m.team.is_empty() {
        facts.push(("Team", m.team.clone()));
    }
    facts.push(("Gemaakt op", generated));
    for (label, value) in facts {
        page.text(MARGIN_X, y, label, Face::Regular, 10.0, colour::MUTED);
        let lines = fonts.wrap(&value, Face::Bold, 11.0, PAGE_W - 2.0 * MARGIN_X - 110.0);
        for (i, l) in lines.iter().enumerate() {
            page.text(
                MARGIN_X + 110.0,
                y - i as f32 * 15.0,
                l,
                Face::Bold,
                11.0,
                colour::INK,
            );
        }
        y -= 15.0 * lines.len() as f32 + 9.0;
    }
    let note = "Een collectief en anoniem beeld van wat bewoners waardevol vinden en waar zij \
                ondersteuning mislopen. Dit profiel bevat geen persoonsgegevens; kleine aantallen \
                zijn afgeschermd (zie Verantwoording).";
    let lines = fonts.wrap(note, Face::Regular, 9.5, PAGE_W - 2.0 * MARGIN_X);
    let mut ny = 110.0 + lines.len() as f32 * 14.0;
    page.line(
        MARGIN_X,
        ny + 12.0,
        PAGE_W - MARGIN_X,
        ny + 12.0,
        colour::RULE,
        0.6,
    );
    for l in lines {
        page.text(MARGIN_X, ny, &l, Face::Regular, 9.5, colour::MUTED);
        ny -= 14.0;
    }
}

/// What a document's header, footer and metadata say about it.
struct Doc {
    title: String,
    period: String,
    organisation: String,
    subject: String,
    keywords: Vec<String>,
    generated_at: String,
}

impl Doc {
    fn of(m: &ReportModel) -> Doc {
        Doc {
            title: m.title.clone(),
            period: m.period.label(),
            organisation: m.organisation.clone(),
            subject: format!(
                "Anoniem wijkprofiel {} ({}), {}",
                m.area_name,
                m.area_code,
                m.period.label()
            ),
            keywords: vec![
                "wijkprofiel".into(),
                "Nijmegen".into(),
                m.area_name.clone(),
                m.area_code.clone(),
            ],
            generated_at: m.generated_at.clone(),
        }
    }
}

fn running_header(
    page: &mut canvas::Page,
    fonts: &canvas::Fonts,
    m: &Doc,
    no: usize,
    total: usize,
) {
    let right = PAGE_W - MARGIN_X;
    let y = PAGE_H - 40.0;
    page.text(MARGIN_X, y, &m.title, Face::Bold, 8.5, colour::NAVY);
    page.text_aligned(
        fonts,
        MARGIN_X,
        right - MARGIN_X,
        y,
        &m.period,
        Face::Regular,
        8.5,
        colour::MUTED,
        Align::Right,
    );
    page.line(MARGIN_X, y - 7.0, right, y - 7.0, colour::RULE, 0.5);
    page.line(MARGIN_X, 44.0, right, 44.0, colour::RULE, 0.5);
    page.text(
        MARGIN_X,
        32.0,
        &format!(
            "{} · anoniem profiel, kleine aantallen afgeschermd",
            m.organisation
        ),
        Face::Regular,
        8.0,
        colour::MUTED,
    );
    page.text_aligned(
        fonts,
        MARGIN_X,
        right - MARGIN_X,
        32.0,
        &format!("Pagina {no} van {total}"),
        Face::Regular,
        8.0,
        colour::MUTED,
        Align::Right,
    );
}

/// PDF date from the model's RFC 3339 time (the Unix epoch if unparseable).
fn pdf_date(rfc3339: &str) -> printpdf::OffsetDateTime {
    let secs = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| d.timestamp())
        .unwrap_or(0);
    printpdf::OffsetDateTime::from_unix_timestamp(secs)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"))
}

fn assemble(m: &Doc, flow: Flow, logo: Option<Logo>) -> Result<Vec<u8>, ReportError> {
    let fonts = flow.fonts;
    let mut doc = PdfDocument::new(&m.title);
    let info = &mut doc.metadata.info;
    info.subject = m.subject.clone();
    info.author = m.organisation.clone();
    info.creator = "Wijkwaardenkaart".into();
    info.producer = "Wijkwaardenkaart (printpdf)".into();
    info.keywords = m.keywords.clone();
    info.creation_date = pdf_date(&m.generated_at);
    info.modification_date = info.creation_date;
    info.metadata_date = info.creation_date;
    doc.resources.fonts.map.insert(
        FontId(canvas::REGULAR_ID.into()),
        PdfFont::new(fonts.regular.clone()),
    );
    doc.resources.fonts.map.insert(
        FontId(canvas::BOLD_ID.into()),
        PdfFont::new(fonts.bold.clone()),
    );
    let mut pages: Vec<PdfPage> = Vec::new();
    for (i, p) in flow.pages.into_iter().enumerate() {
        let mut ops = p.ops;
        if i == 0 {
            if let Some(l) = &logo {
                let id = XObjectId("WWKLOGO".into());
                doc.resources
                    .xobjects
                    .map
                    .insert(id.clone(), XObject::Image(l.image.clone()));
                // Fit in the 120 x 60 pt box on the cover.
                let (w, h) = (l.image.width as f32, l.image.height as f32);
                let s = (120.0 / w).min(60.0 / h);
                let (dw, dh) = (w * s, h * s);
                ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        translate_x: Some(Pt(PAGE_W - MARGIN_X - 65.0 - dw / 2.0)),
                        translate_y: Some(Pt(PAGE_H - 83.0 - dh / 2.0)),
                        // At 72 dpi one pixel is one point, so scale is points per pixel.
                        scale_x: Some(s),
                        scale_y: Some(s),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
            }
        }
        pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }
    for (i, (title, page)) in flow.bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("B{i:02}")),
            PageAnnotation {
                name: title.clone(),
                page: *page,
            },
        );
    }
    doc.with_pages(pages);
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo)?;
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| ReportError::Render(e.to_string()))?;
    Ok(out)
}

/// Sets what printpdf leaves out or randomises: the document language, the
/// outline page mode as a proper name, the title in the viewer, and a document
/// id that depends only on the content.
fn finish(doc: &mut lopdf::Document) -> Result<(), ReportError> {
    use lopdf::{Object, StringFormat};
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| ReportError::Render(format!("geen catalogus: {e}")))?;
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| ReportError::Render(format!("geen catalogus: {e}")))?;
    catalog.set(
        "Lang",
        Object::String(b"nl-NL".to_vec(), StringFormat::Literal),
    );
    if catalog.has(b"Outlines") {
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let mut prefs = lopdf::Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    // The id is a hash of the document with a placeholder id.
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(vec![0; 16], StringFormat::Hexadecimal),
            Object::String(vec![0; 16], StringFormat::Hexadecimal),
        ]),
    );
    let mut probe = Vec::new();
    doc.clone()
        .save_to(&mut probe)
        .map_err(|e| ReportError::Render(e.to_string()))?;
    let id = Sha256::digest(&probe)[..16].to_vec();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    Ok(())
}
