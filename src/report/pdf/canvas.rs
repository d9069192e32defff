//! The page canvas: embedded fonts with their metrics, text measuring and
//! wrapping, drawing primitives, and the flow of content over A4 pages (cursor,
//! page breaks, keep-together). Coordinates are PDF points from the bottom left.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfFontHandle, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use std::sync::OnceLock;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 56.0;
pub const MARGIN_TOP: f32 = 72.0;
pub const MARGIN_BOTTOM: f32 = 64.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

/// Resource names double as the subset tag ("WWKREG+NotoSans-Regular"), so they
/// are fixed: the same model gives the same bytes.
pub const REGULAR_ID: &str = "WWKREG";
pub const BOLD_ID: &str = "WWKBLD";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
}

/// The two embedded faces, parsed once per process.
pub fn fonts() -> Result<&'static Fonts, String> {
    static F: OnceLock<Result<Fonts, String>> = OnceLock::new();
    F.get_or_init(|| {
        let parse = |b: &[u8], name: &str| {
            ParsedFont::from_bytes(b, 0, &mut Vec::new())
                .ok_or_else(|| format!("lettertype {name} kon niet worden gelezen"))
        };
        Ok(Fonts {
            regular: parse(REGULAR_TTF, "Noto Sans")?,
            bold: parse(BOLD_TTF, "Noto Sans Bold")?,
        })
    })
    .as_ref()
    .map_err(|e| e.clone())
}

impl Fonts {
    fn face(&self, f: Face) -> &ParsedFont {
        match f {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let font = self.face(face);
        let upem = font.font_metrics.units_per_em.max(1) as f32;
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = font
                    .lookup_glyph_index(c as u32)
                    .or_else(|| font.lookup_glyph_index('?' as u32))
                    .unwrap_or(0);
                font.get_horizontal_advance(gid) as u32
            })
            .sum();
        units as f32 * size / upem
    }

    /// Greedy word wrap to `width`; words longer than a line are broken.
    pub fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, face, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // Break a word that does not fit on a line of its own.
                let mut rest = word.to_string();
                while self.width(&rest, face, size) > width {
                    let mut cut = String::new();
                    for ch in rest.chars() {
                        if self.width(&format!("{cut}{ch}"), face, size) > width && !cut.is_empty()
                        {
                            break;
                        }
                        cut.push(ch);
                    }
                    rest = rest[cut.len()..].to_string();
                    lines.push(cut);
                }
                line = rest;
            }
            lines.push(line);
        }
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }
}

pub fn rgb(hex: u32) -> Color {
    Color::Rgb(Rgb {
        r: ((hex >> 16) & 0xff) as f32 / 255.0,
        g: ((hex >> 8) & 0xff) as f32 / 255.0,
        b: (hex & 0xff) as f32 / 255.0,
        icc_profile: None,
    })
}

/// The report's colours.
pub mod colour {
    pub const INK: u32 = 0x1f2933;
    pub const MUTED: u32 = 0x5f6b7a;
    pub const NAVY: u32 = 0x1b3a5c;
    pub const ACCENT: u32 = 0x1f7a8c;
    pub const LIGHT: u32 = 0xe8eef3;
    pub const RULE: u32 = 0xc5ced8;
    pub const ZEBRA: u32 = 0xf4f7f9;
    pub const VALUED: u32 = 0x2e8b57;
    pub const CONCERN: u32 = 0xd9822b;
    pub const MAP_BASE: u32 = 0xdfe4ea;
    pub const WHITE: u32 = 0xffffff;
    /// Choropleth classes, lightest first (class 0 is "too few").
    pub const CLASSES: [u32; 4] = [0xeceff3, 0xb9dbe2, 0x5fa8b8, 0x1f6f80];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Ops for one page.
#[derive(Default)]
pub struct Page {
    pub ops: Vec<Op>,
}

impl Page {
    pub fn text(&mut self, x: f32, y: f32, s: &str, face: Face, size: f32, colour: u32) {
        if s.is_empty() {
            return;
        }
        let id = match face {
            Face::Regular => REGULAR_ID,
            Face::Bold => BOLD_ID,
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(FontId(id.to_string())),
                size: Pt(size),
            },
            Op::SetFillColor { col: rgb(colour) },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(s.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Text aligned within `[x, x + w]`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_aligned(
        &mut self,
        fonts: &Fonts,
        x: f32,
        w: f32,
        y: f32,
        s: &str,
        face: Face,
        size: f32,
        colour: u32,
        align: Align,
    ) {
        let tw = fonts.width(s, face, size);
        let x = match align {
            Align::Left => x,
            Align::Right => x + w - tw,
        };
        self.text(x, y, s, face, size, colour);
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: u32) {
        self.ops.push(Op::SetFillColor { col: rgb(fill) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
                ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
            },
        });
    }

    pub fn rect_outline(&mut self, x: f32, y: f32, w: f32, h: f32, stroke: u32, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: rgb(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Stroke),
                winding_order: Some(WindingOrder::NonZero),
                ..Rect::from_xywh(Pt(x), Pt(y), Pt(w), Pt(h))
            },
        });
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: u32, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: rgb(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![pt(x1, y1), pt(x2, y2)],
                is_closed: false,
            },
        });
    }

    /// A filled and outlined polygon with one or more rings (even-odd fill).
    pub fn polygon(&mut self, rings: Vec<Vec<(f32, f32)>>, fill: u32, stroke: u32, width: f32) {
        self.ops.push(Op::SetFillColor { col: rgb(fill) });
        self.ops.push(Op::SetOutlineColor { col: rgb(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: rings
                    .into_iter()
                    .map(|r| PolygonRing {
                        points: r.into_iter().map(|(x, y)| pt(x, y)).collect(),
                    })
                    .collect(),
                mode: PaintMode::FillStroke,
                winding_order: WindingOrder::EvenOdd,
            },
        });
    }
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Content flowing over pages, top to bottom.
pub struct Flow {
    pub fonts: &'static Fonts,
    pub pages: Vec<Page>,
    /// Baseline budget: the y of the top of the next block.
    pub y: f32,
    /// (title, 1-based page) for the outline.
    pub bookmarks: Vec<(String, usize)>,
}

impl Flow {
    pub fn new(fonts: &'static Fonts) -> Flow {
        Flow {
            fonts,
            pages: Vec::new(),
            y: 0.0,
            bookmarks: Vec::new(),
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = PAGE_H - MARGIN_TOP;
    }

    pub fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    pub fn page_no(&self) -> usize {
        self.pages.len()
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        self.y - MARGIN_BOTTOM
    }

    /// Starts a new page unless `h` points still fit.
    pub fn ensure(&mut self, h: f32) {
        if self.pages.is_empty() || self.room() < h {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// A section heading with a bookmark; kept together with `keep` points of
    /// what follows.
    pub fn heading(&mut self, title: &str, keep: f32) {
        self.ensure(40.0 + keep);
        if self.y < PAGE_H - MARGIN_TOP - 1.0 {
            self.gap(14.0);
        }
        self.bookmarks.push((title.to_string(), self.page_no()));
        let y = self.y - 18.0;
        self.page()
            .text(MARGIN_X, y, title, Face::Bold, 17.0, colour::NAVY);
        let y2 = y - 8.0;
        self.page()
            .line(MARGIN_X, y2, MARGIN_X + 48.0, y2, colour::ACCENT, 2.0);
        self.y = y2 - 14.0;
    }

    pub fn subheading(&mut self, title: &str, keep: f32) {
        self.ensure(24.0 + keep);
        let y = self.y - 13.0;
        self.page()
            .text(MARGIN_X, y, title, Face::Bold, 11.5, colour::NAVY);
        self.y = y - 8.0;
    }

    /// A wrapped paragraph.
    pub fn paragraph(&mut self, text: &str, face: Face, size: f32, colour: u32) {
        self.paragraph_at(MARGIN_X, CONTENT_W, text, face, size, colour);
    }

    pub fn paragraph_at(&mut self, x: f32, w: f32, text: &str, face: Face, size: f32, colour: u32) {
        let lh = size * 1.45;
        let lines = self.fonts.wrap(text, face, size, w);
        // Avoid a lone first or last line at a page break (orphans and widows).
        let n = lines.len();
        for (i, l) in lines.iter().enumerate() {
            // The first line needs room for a second; the second-to-last for the last.
            let need = if (i == 0 && n > 1) || i + 2 == n {
                2.0 * lh
            } else {
                lh
            };
            if self.room() < need {
                self.new_page();
            }
            let y = self.y - size;
            self.page().text(x, y, l, face, size, colour);
            self.y -= lh;
        }
        self.y -= size * 0.5;
    }

    /// A bulleted list item.
    pub fn bullet(&mut self, text: &str, size: f32) {
        let indent = 12.0;
        let lines = self
            .fonts
            .wrap(text, Face::Regular, size, CONTENT_W - indent);
        let lh = size * 1.45;
        self.ensure(lh * lines.len().min(2) as f32);
        for (i, l) in lines.iter().enumerate() {
            if self.room() < lh {
                self.new_page();
            }
            let y = self.y - size;
            if i == 0 {
                self.page()
                    .text(MARGIN_X + 2.0, y, "•", Face::Regular, size, colour::ACCENT);
            }
            self.page()
                .text(MARGIN_X + indent, y, l, Face::Regular, size, colour::INK);
            self.y -= lh;
        }
        self.y -= 2.0;
    }
}
