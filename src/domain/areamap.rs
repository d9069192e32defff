//! The Nijmegen map as the app draws it: the 44 wijken projected to SVG paths.
//! What the map colours them by comes from the profile
//! ([`crate::profile::map`]), with the profile's suppression.

use crate::catalog::nijmegen;
use serde::{Deserialize, Serialize};

/// Width of the SVG coordinate system; the height follows the city's shape.
const VIEW_WIDTH: f64 = 1000.0;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaShape {
    pub code: String,
    pub name: String,
    pub stadsdeel_code: String,
    /// SVG path data in the map's view box.
    pub path: String,
    /// A point inside the largest ring's bounding box, for a label.
    pub label_x: f64,
    pub label_y: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapShapes {
    pub width: f64,
    pub height: f64,
    pub attribution: String,
    pub wijken: Vec<AreaShape>,
}

/// The wijken projected with an equirectangular projection scaled by cos(latitude),
/// which is accurate enough at city scale.
pub fn map_shapes() -> MapShapes {
    let map = nijmegen();
    let pts = map.wijken().flat_map(|w| w.rings.iter().flatten());
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pts {
        min_x = min_x.min(x);
        max_x = max_x.max(x);
        min_y = min_y.min(y);
        max_y = max_y.max(y);
    }
    let k = ((min_y + max_y) / 2.0).to_radians().cos();
    let scale = VIEW_WIDTH / ((max_x - min_x) * k);
    let height = ((max_y - min_y) * scale).ceil();
    let project = |(x, y): (f64, f64)| ((x - min_x) * k * scale, (max_y - y) * scale);
    let wijken = map
        .wijken()
        .map(|w| {
            let mut path = String::new();
            let mut best = (0.0, 0.0, 0.0);
            for ring in &w.rings {
                let projected: Vec<(f64, f64)> = ring.iter().copied().map(project).collect();
                for (i, (x, y)) in projected.iter().enumerate() {
                    path.push_str(&format!(
                        "{}{:.1},{:.1}",
                        if i == 0 { "M" } else { "L" },
                        x,
                        y
                    ));
                }
                path.push('Z');
                let (x0, x1) = projected
                    .iter()
                    .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.0), a.1.max(p.0)));
                let (y0, y1) = projected
                    .iter()
                    .fold((f64::MAX, f64::MIN), |a, p| (a.0.min(p.1), a.1.max(p.1)));
                let area = (x1 - x0) * (y1 - y0);
                if area > best.0 {
                    best = (area, (x0 + x1) / 2.0, (y0 + y1) / 2.0);
                }
            }
            AreaShape {
                code: w.code.clone(),
                name: w.name.clone(),
                stadsdeel_code: w.parent_code.clone().unwrap_or_default(),
                path,
                label_x: (best.1 * 10.0_f64).round() / 10.0,
                label_y: (best.2 * 10.0_f64).round() / 10.0,
            }
        })
        .collect();
    MapShapes {
        width: VIEW_WIDTH,
        height,
        attribution: map.attribution.clone(),
        wijken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cover_the_44_wijken_inside_the_view_box() {
        let m = map_shapes();
        assert_eq!(m.wijken.len(), 44);
        assert!(m.attribution.contains("CC BY"));
        assert!(m.height > 300.0 && m.height < 2000.0, "{}", m.height);
        for w in &m.wijken {
            assert!(
                w.path.starts_with('M') && w.path.ends_with('Z'),
                "{}",
                w.code
            );
            assert!((0.0..=m.width).contains(&w.label_x) && (0.0..=m.height).contains(&w.label_y));
        }
    }
}
