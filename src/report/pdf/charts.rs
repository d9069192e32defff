//! Vector charts drawn with plain PDF paths: the funnel of key figures and the
//! bar chart of values (valued vs concern). Hidden counts are never drawn to
//! scale: they get an outlined stub labelled "< k" or "x".

use super::canvas::{colour, Align, Face, Flow, CONTENT_W, MARGIN_X};
use crate::privacy::format_pct;
use crate::profile::model::{FunnelStep, ValueRow};

const STEP_H: f32 = 26.0;
const STEP_GAP: f32 = 6.0;

/// A centred funnel: one bar per step, width proportional to the first step.
pub fn funnel(flow: &mut Flow, steps: &[FunnelStep]) {
    let label_w = 120.0;
    let value_w = 110.0;
    let area_w = CONTENT_W - label_w - value_w;
    let h = steps.len() as f32 * (STEP_H + STEP_GAP);
    flow.ensure(h + 10.0);
    let first = steps
        .first()
        .and_then(|s| s.count.value())
        .unwrap_or(0)
        .max(1) as f32;
    let cx = MARGIN_X + label_w + area_w / 2.0;
    let fonts = flow.fonts;
    let top = flow.y;
    let page = flow.page();
    let mut prev: Option<(f32, f32)> = None;
    for (i, s) in steps.iter().enumerate() {
        let y = top - i as f32 * (STEP_H + STEP_GAP) - STEP_H;
        let w = s
            .count
            .value()
            .map(|v| (v as f32 / first).clamp(0.0, 1.0) * area_w)
            .map(|w| w.max(6.0));
        // Connector from the previous bar.
        if let (Some((pw, py)), Some(w)) = (prev, w) {
            page.polygon(
                vec![vec![
                    (cx - pw / 2.0, py),
                    (cx + pw / 2.0, py),
                    (cx + w / 2.0, y + STEP_H),
                    (cx - w / 2.0, y + STEP_H),
                ]],
                colour::LIGHT,
                colour::LIGHT,
                0.1,
            );
        }
        let shade = [0x1b3a5c, 0x1f5f7a, 0x1f7a8c, 0x3a96a5, 0x6bb3bf][i % 5];
        match w {
            Some(w) => page.rect(cx - w / 2.0, y, w, STEP_H, shade),
            None => page.rect_outline(cx - 15.0, y, 30.0, STEP_H, colour::MUTED, 0.8),
        }
        prev = w.map(|w| (w, y));
        let base = y + STEP_H / 2.0 - 3.5;
        page.text(MARGIN_X, base, &s.label, Face::Bold, 10.0, colour::INK);
        let value = match s.pct_of_first {
            Some(p) if i > 0 => format!("{}  ({})", s.count, format_pct(p)),
            _ => s.count.to_string(),
        };
        page.text_aligned(
            fonts,
            MARGIN_X + label_w + area_w + 8.0,
            value_w - 8.0,
            base,
            &value,
            Face::Regular,
            10.0,
            colour::INK,
            Align::Left,
        );
    }
    flow.y = top - h - 4.0;
}

/// A small colour key: (colour, label) pairs on one line.
pub fn legend(flow: &mut Flow, items: &[(u32, &str)]) {
    flow.ensure(18.0);
    let y = flow.y - 10.0;
    let mut x = MARGIN_X;
    let fonts = flow.fonts;
    let page = flow.page();
    for (c, label) in items {
        page.rect(x, y - 1.0, 9.0, 9.0, *c);
        page.text(x + 13.0, y, label, Face::Regular, 9.0, colour::INK);
        x += 13.0 + fonts.width(label, Face::Regular, 9.0) + 18.0;
    }
    flow.y = y - 10.0;
}

/// Horizontal stacked bars: valued (green) and concern (orange) per value.
/// Only rows whose parts are both published are drawn.
pub fn value_bars(flow: &mut Flow, rows: &[&ValueRow], as_pct: bool) {
    let label_w = 140.0;
    let value_w = 70.0;
    let bar_w = CONTENT_W - label_w - value_w;
    let row_h = 15.0;
    let max = rows
        .iter()
        .filter_map(|r| r.named.value())
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    legend(
        flow,
        &[
            (colour::VALUED, "Gewaardeerd (aanwezig)"),
            (colour::CONCERN, "Zorg (onder druk)"),
        ],
    );
    for r in rows {
        let (Some(v), Some(c)) = (r.valued.value(), r.concern.value()) else {
            continue;
        };
        flow.ensure(row_h);
        let fonts = flow.fonts;
        let y = flow.y - row_h + 3.0;
        let page = flow.page();
        let label = fit(fonts, &r.label, label_w - 8.0);
        page.text_aligned(
            fonts,
            MARGIN_X,
            label_w - 8.0,
            y + 3.5,
            &label,
            Face::Regular,
            9.0,
            colour::INK,
            Align::Right,
        );
        let wv = v as f32 / max * bar_w;
        let wc = c as f32 / max * bar_w;
        let x0 = MARGIN_X + label_w;
        page.rect(x0, y, wv, row_h - 6.0, colour::VALUED);
        page.rect(x0 + wv, y, wc, row_h - 6.0, colour::CONCERN);
        let text = if as_pct {
            r.named_pct
                .map(format_pct)
                .unwrap_or_else(|| r.named.to_string())
        } else {
            r.named.to_string()
        };
        page.text(
            x0 + wv + wc + 5.0,
            y + 3.5,
            &text,
            Face::Regular,
            9.0,
            colour::MUTED,
        );
        flow.y -= row_h;
    }
    flow.gap(6.0);
}

/// Shortens `s` with an ellipsis to fit `w` at 9 pt.
fn fit(fonts: &super::canvas::Fonts, s: &str, w: f32) -> String {
    if fonts.width(s, Face::Regular, 9.0) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if fonts.width(&format!("{out}{ch}…"), Face::Regular, 9.0) > w {
            break;
        }
        out.push(ch);
    }
    format!("{}…", out.trim_end())
}
