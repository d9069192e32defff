//! The Nijmegen map as vector paths from the embedded CBS/Kadaster GeoJSON:
//! the report's area highlighted, or (stadsdeel and city) wijken shaded by a
//! measure with a legend. The CC BY attribution is always printed with it.

use super::canvas::{colour, Face, Flow, CONTENT_W, MARGIN_X};
use crate::catalog::nijmegen;
use crate::profile::model::MapModel;
use printpdf::{Line, LinePoint, Op, Point, Pt};

/// Draws the map block (map, legend, attribution) at the cursor.
pub fn map(flow: &mut Flow, m: &MapModel, caption: &str) {
    let areas = nijmegen();
    let wijken: Vec<_> = areas.wijken().collect();
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for w in &wijken {
        for r in &w.rings {
            for (lon, lat) in r {
                min_x = min_x.min(*lon);
                max_x = max_x.max(*lon);
                min_y = min_y.min(*lat);
                max_y = max_y.max(*lat);
            }
        }
    }
    let kx = ((min_y + max_y) / 2.0).to_radians().cos();
    let (gw, gh) = ((max_x - min_x) * kx, max_y - min_y);
    let box_w = CONTENT_W as f64;
    let box_h = 300.0_f64;
    let scale = (box_w / gw).min(box_h / gh);
    let (draw_w, draw_h) = (gw * scale, gh * scale);
    let legend_h = if m.shading.is_some() { 22.0 } else { 0.0 };
    flow.ensure(draw_h as f32 + legend_h + 46.0);
    let top = flow.y - 4.0;
    let x0 = MARGIN_X as f64 + (box_w - draw_w) / 2.0;
    let y0 = top as f64 - draw_h;
    let project = |(lon, lat): &(f64, f64)| -> (f32, f32) {
        (
            (x0 + (lon - min_x) * kx * scale) as f32,
            (y0 + (lat - min_y) * scale) as f32,
        )
    };
    let class_of = |code: &str| -> Option<usize> {
        m.shading.as_ref().and_then(|s| {
            s.wijk_class
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, k)| *k)
        })
    };
    let page = flow.page();
    for w in &wijken {
        let inside = m.highlight.contains(&w.code);
        let fill = match (&m.shading, inside) {
            (Some(_), true) => {
                colour::CLASSES[class_of(&w.code)
                    .unwrap_or(0)
                    .min(colour::CLASSES.len() - 1)]
            }
            (Some(_), false) => 0xf6f7f9,
            (None, true) => colour::ACCENT,
            (None, false) => colour::MAP_BASE,
        };
        let rings = w
            .rings
            .iter()
            .map(|r| r.iter().map(project).collect())
            .collect();
        page.polygon(rings, fill, colour::WHITE, 0.7);
    }
    // Outline the area on top, so it stands out whatever its fill.
    if m.highlight.len() < wijken.len() {
        for w in wijken.iter().filter(|w| m.highlight.contains(&w.code)) {
            for r in &w.rings {
                page.ops.push(Op::SetOutlineColor {
                    col: super::canvas::rgb(colour::NAVY),
                });
                page.ops.push(Op::SetOutlineThickness { pt: Pt(1.4) });
                page.ops.push(Op::DrawLine {
                    line: Line {
                        points: r
                            .iter()
                            .map(|p| {
                                let (x, y) = project(p);
                                LinePoint {
                                    p: Point { x: Pt(x), y: Pt(y) },
                                    bezier: false,
                                }
                            })
                            .collect(),
                        is_closed: true,
                    },
                });
            }
        }
    }
    flow.y = y0 as f32 - 6.0;
    if let Some(s) = &m.shading {
        let items: Vec<(u32, &str)> = s
            .classes
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    colour::CLASSES[i.min(colour::CLASSES.len() - 1)],
                    l.as_str(),
                )
            })
            .collect();
        flow.paragraph(&s.measure, Face::Bold, 8.5, colour::INK);
        flow.y += 4.0;
        super::charts::legend(flow, &items);
    }
    flow.paragraph(caption, Face::Regular, 8.5, colour::MUTED);
    flow.paragraph(&m.attribution, Face::Regular, 7.5, colour::MUTED);
}
