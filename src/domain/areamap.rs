//! The Nijmegen map as the app draws it: the 44 wijken projected to SVG paths,
//! and one measure per wijk with small numbers suppressed (never coloured).
//!
//! The suppression rule is the area profile's ([`crate::privacy::SuppressionPolicy`]
//! with its defaults): counts from 1 to k − 1 are withheld ("te weinig gegevens"),
//! and so is any share whose base is below the policy's minimum base for
//! percentages. Zero stays visible on the team's own screens.

use super::DomainError;
use crate::catalog::nijmegen;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Counts below this are not shown (the default k of the privacy policy).
pub const SMALL_NUMBER: u64 = POLICY.k as u64;
/// Shares need at least this base (the privacy policy's default).
pub const MIN_BASE_FOR_SHARE: u64 = POLICY.min_base_for_pct as u64;

const POLICY: crate::privacy::SuppressionPolicy = crate::privacy::SuppressionPolicy::DEFAULT;

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

/// What the map colours the wijken by.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MapMeasure {
    /// Households reached as % of households approached.
    Reach,
    /// % of conversations that name a chosen value.
    ValueShare,
    /// Regulations marked "mogelijk recht – niet aangevraagd" per 100 checked households.
    NonTakeUp,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaMeasure {
    pub code: String,
    pub name: String,
    /// The measure, or `None` when the numbers are too small to show.
    pub value: Option<f64>,
    /// The base (households approached, conversations, households checked); `None` when small.
    pub base: Option<u64>,
    pub suppressed: bool,
}

/// Withholds a count from 1 to `SMALL_NUMBER - 1`.
pub fn shown(n: u64) -> Option<u64> {
    (n == 0 || n >= SMALL_NUMBER).then_some(n)
}

/// A rate `num / base * scale`, or `None` when the base or the count is small.
pub fn rate(num: u64, base: u64, scale: f64) -> Option<f64> {
    if base < MIN_BASE_FOR_SHARE || shown(num).is_none() {
        return None;
    }
    Some((num as f64 / base as f64 * scale * 10.0).round() / 10.0)
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

impl Store {
    /// One measure for every wijk, small numbers suppressed.
    pub fn map_measure(
        &self,
        measure: MapMeasure,
        value_id: Option<&str>,
    ) -> Result<Vec<AreaMeasure>, DomainError> {
        // Every wijk: a read over much of the store (see `area_dashboard`).
        let cache = crate::store::bulk_cache(self.conn())?;
        let result = self.map_measure_of(measure, value_id);
        crate::store::restore_cache(self.conn(), cache);
        result
    }

    fn map_measure_of(
        &self,
        measure: MapMeasure,
        value_id: Option<&str>,
    ) -> Result<Vec<AreaMeasure>, DomainError> {
        let stats = self.stats_by_area()?;
        let per_value: std::collections::HashMap<String, u64> = match (measure, value_id) {
            (MapMeasure::ValueShare, None) => {
                return Err(DomainError::Invalid("kies een waarde voor de kaart".into()))
            }
            (MapMeasure::ValueShare, Some(v)) => {
                self.value(v)?;
                let mut stmt = self.conn().prepare(
                    "SELECT c.wijk_code, count(*) FROM conversation_value cv
                     JOIN conversation c ON c.id = cv.conversation_id
                     WHERE c.deleted = 0 AND cv.value_id = ?1 GROUP BY c.wijk_code",
                )?;
                let rows = stmt.query_map([v], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
                rows.collect::<Result<_, _>>()?
            }
            _ => Default::default(),
        };
        Ok(stats
            .into_iter()
            .map(|a| {
                let (num, base, scale) = match measure {
                    MapMeasure::Reach => (a.reached, a.approached, 100.0),
                    MapMeasure::ValueShare => (
                        per_value.get(&a.code).copied().unwrap_or(0),
                        a.conversations,
                        100.0,
                    ),
                    MapMeasure::NonTakeUp => (a.non_take_up, a.checks, 100.0),
                };
                let value = rate(num, base, scale);
                AreaMeasure {
                    code: a.code,
                    name: a.name,
                    value,
                    base: if base < SMALL_NUMBER {
                        None
                    } else {
                        Some(base)
                    },
                    suppressed: value.is_none(),
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_never_shown() {
        assert_eq!(shown(0), Some(0));
        for n in 1..SMALL_NUMBER {
            assert_eq!(shown(n), None);
        }
        assert_eq!(shown(5), Some(5));
        assert_eq!(rate(3, 100, 100.0), None, "a small count is hidden");
        assert_eq!(rate(4, 4, 100.0), None, "a small base is hidden");
        assert_eq!(rate(5, 19, 100.0), None, "a share needs a base of 20");
        assert_eq!(rate(0, 20, 100.0), Some(0.0));
        assert_eq!(rate(5, 20, 100.0), Some(25.0));
    }

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

    #[test]
    fn measures_suppress_wijken_with_little_data() {
        let (_dir, s) = crate::testutil::demo_store(1200, 7);
        let reach = s.map_measure(MapMeasure::Reach, None).unwrap();
        assert_eq!(reach.len(), 44);
        let shown: Vec<_> = reach.iter().filter(|a| !a.suppressed).collect();
        assert!(!shown.is_empty());
        for a in &shown {
            let v = a.value.unwrap();
            assert!((30.0..=80.0).contains(&v), "{} {v}", a.code);
        }
        // Wijken without campaigns have no base and are suppressed, never 0 %.
        assert!(reach
            .iter()
            .any(|a| a.suppressed && a.value.is_none() && a.base.is_none()));
        let v = s.values(false).unwrap()[0].id.clone();
        let share = s.map_measure(MapMeasure::ValueShare, Some(&v)).unwrap();
        assert!(share.iter().any(|a| a.value.is_some()));
        assert!(s.map_measure(MapMeasure::ValueShare, None).is_err());
        assert!(s
            .map_measure(MapMeasure::NonTakeUp, None)
            .unwrap()
            .iter()
            .any(|a| a.value.is_some()));
    }
}
