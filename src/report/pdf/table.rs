//! Tables that wrap cell text and break across pages, repeating the header row.

use super::canvas::{colour, Align, Face, Flow, CONTENT_W, MARGIN_X};

pub struct Column {
    pub title: String,
    /// Share of the content width.
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn left(title: &str, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
            align: Align::Left,
        }
    }

    pub fn right(title: &str, width: f32) -> Column {
        Column {
            title: title.into(),
            width,
            align: Align::Right,
        }
    }
}

pub struct Row {
    pub cells: Vec<String>,
    /// Totals are bold with a rule above.
    pub total: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            total: false,
        }
    }

    pub fn total(cells: Vec<String>) -> Row {
        Row { cells, total: true }
    }
}

const SIZE: f32 = 9.0;
/// Header rows are a little smaller, so column titles need not break words.
const HEADER_SIZE: f32 = 8.0;
const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 4.5;

fn line_h(size: f32) -> f32 {
    size * 1.35
}

/// Wrapped lines per cell, and the row height.
fn layout(
    flow: &Flow,
    columns: &[Column],
    cells: &[String],
    face: Face,
    size: f32,
) -> (Vec<Vec<String>>, f32) {
    let total: f32 = columns.iter().map(|c| c.width).sum();
    let wrapped: Vec<Vec<String>> = columns
        .iter()
        .zip(cells)
        .map(|(c, s)| {
            let w = CONTENT_W * c.width / total - 2.0 * PAD_X;
            flow.fonts.wrap(s, face, size, w)
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    (wrapped, lines as f32 * line_h(size) + 2.0 * PAD_Y)
}

fn draw_row(
    flow: &mut Flow,
    columns: &[Column],
    wrapped: &[Vec<String>],
    h: f32,
    (face, size): (Face, f32),
    fill: Option<u32>,
    text_colour: u32,
) {
    let total: f32 = columns.iter().map(|c| c.width).sum();
    let top = flow.y;
    let fonts = flow.fonts;
    let page = flow.page();
    if let Some(f) = fill {
        page.rect(MARGIN_X, top - h, CONTENT_W, h, f);
    }
    let mut x = MARGIN_X;
    for (c, lines) in columns.iter().zip(wrapped) {
        let w = CONTENT_W * c.width / total;
        for (i, l) in lines.iter().enumerate() {
            let y = top - PAD_Y - size - i as f32 * line_h(size) + 1.5;
            page.text_aligned(
                fonts,
                x + PAD_X,
                w - 2.0 * PAD_X,
                y,
                l,
                face,
                size,
                text_colour,
                c.align,
            );
        }
        x += w;
    }
    flow.y = top - h;
}

fn header(flow: &mut Flow, columns: &[Column]) {
    let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
    let (wrapped, h) = layout(flow, columns, &titles, Face::Bold, HEADER_SIZE);
    draw_row(
        flow,
        columns,
        &wrapped,
        h,
        (Face::Bold, HEADER_SIZE),
        Some(colour::NAVY),
        colour::WHITE,
    );
}

/// Draws a table at the cursor. The header row is repeated on every page the
/// table runs onto; a row is never split.
pub fn table(flow: &mut Flow, columns: &[Column], rows: &[Row]) {
    let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
    let (_, header_h) = layout(flow, columns, &titles, Face::Bold, HEADER_SIZE);
    let first_h = rows
        .first()
        .map(|r| layout(flow, columns, &r.cells, Face::Regular, SIZE).1)
        .unwrap_or(0.0);
    flow.ensure(header_h + first_h);
    header(flow, columns);
    for (i, row) in rows.iter().enumerate() {
        let face = if row.total { Face::Bold } else { Face::Regular };
        let (wrapped, h) = layout(flow, columns, &row.cells, face, SIZE);
        if flow.room() < h {
            flow.new_page();
            header(flow, columns);
        }
        let fill = (i % 2 == 1 && !row.total).then_some(colour::ZEBRA);
        if row.total {
            let y = flow.y;
            flow.page()
                .line(MARGIN_X, y, MARGIN_X + CONTENT_W, y, colour::NAVY, 0.8);
        }
        draw_row(flow, columns, &wrapped, h, (face, SIZE), fill, colour::INK);
    }
    let y = flow.y;
    flow.page()
        .line(MARGIN_X, y, MARGIN_X + CONTENT_W, y, colour::RULE, 0.6);
    flow.gap(10.0);
}
