//! Nijmegen's areas from the CBS/Kadaster Wijk- en Buurtkaart 2025 (CC BY 4.0).
//!
//! Terms: a *stadsdeel* is a CBS "wijk" (WK0268xx); a *wijk* is a CBS "buurt"
//! (BU0268xxxx). The geometry is kept for drawing maps (UI SVG, PDF vector paths).

use super::CatalogError;
use serde::Serialize;
use std::sync::OnceLock;

/// The code of the whole city (CBS gemeente Nijmegen): every wijk.
pub const CITY: &str = "GM0268";

/// The GeoJSON as shipped in `assets/geo`.
pub const GEOJSON: &str = include_str!("../../assets/geo/nijmegen-buurten-2025.geojson");

/// Attribution that must accompany every map drawn from this data.
pub const ATTRIBUTION: &str = "Kaart: CBS/Kadaster Wijk- en Buurtkaart 2025, CC BY 4.0";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    Stadsdeel,
    Wijk,
}

impl AreaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::Stadsdeel => "stadsdeel",
            AreaKind::Wijk => "wijk",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub kind: AreaKind,
    pub parent_code: Option<String>,
    /// Outer rings of the polygons as (longitude, latitude); empty for a stadsdeel.
    #[serde(skip)]
    pub rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaMap {
    pub attribution: String,
    pub areas: Vec<Area>,
}

impl AreaMap {
    pub fn parse(json: &str) -> Result<AreaMap, CatalogError> {
        let doc: serde_json::Value =
            serde_json::from_str(json).map_err(|e| CatalogError::malformed("areas", e))?;
        let bad = |r: String| CatalogError::invalid("areas", r);
        let features = doc["features"]
            .as_array()
            .ok_or_else(|| bad("geen features".into()))?;
        let mut wijken: Vec<Area> = Vec::new();
        let mut stadsdelen: Vec<Area> = Vec::new();
        for f in features {
            let p = &f["properties"];
            let field = |k: &str| {
                p[k].as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad(format!("veld {k} ontbreekt")))
            };
            let (code, name, parent, parent_name) = (
                field("buurtcode")?,
                field("buurtnaam")?,
                field("wijkcode")?,
                field("wijknaam")?,
            );
            if !code.starts_with("BU") || !parent.starts_with("WK") {
                return Err(bad(format!("onverwachte code {code}/{parent}")));
            }
            let rings = parse_rings(&f["geometry"])
                .ok_or_else(|| bad(format!("{code}: ongeldige geometrie")))?;
            if !stadsdelen.iter().any(|s| s.code == parent) {
                stadsdelen.push(Area {
                    code: parent.clone(),
                    name: parent_name,
                    kind: AreaKind::Stadsdeel,
                    parent_code: None,
                    rings: vec![],
                });
            }
            wijken.push(Area {
                code,
                name,
                kind: AreaKind::Wijk,
                parent_code: Some(parent),
                rings,
            });
        }
        super::check_unique("areas", wijken.iter().map(|a| a.code.as_str()))?;
        stadsdelen.sort_by(|a, b| a.code.cmp(&b.code));
        wijken.sort_by(|a, b| a.code.cmp(&b.code));
        let attribution = doc["attribution"]
            .as_str()
            .unwrap_or(ATTRIBUTION)
            .to_string();
        stadsdelen.extend(wijken);
        Ok(AreaMap {
            attribution,
            areas: stadsdelen,
        })
    }

    pub fn get(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    pub fn wijken(&self) -> impl Iterator<Item = &Area> {
        self.areas.iter().filter(|a| a.kind == AreaKind::Wijk)
    }

    pub fn stadsdelen(&self) -> impl Iterator<Item = &Area> {
        self.areas.iter().filter(|a| a.kind == AreaKind::Stadsdeel)
    }

    /// Wijk codes inside an area code: a wijk itself, the wijken of a stadsdeel,
    /// or every wijk for the city (`GM0268`). `None` for an unknown code.
    pub fn wijk_codes_in(&self, code: &str) -> Option<Vec<String>> {
        if code == CITY {
            return Some(self.wijken().map(|a| a.code.clone()).collect());
        }
        let area = self.get(code)?;
        Some(match area.kind {
            AreaKind::Wijk => vec![area.code.clone()],
            AreaKind::Stadsdeel => self
                .wijken()
                .filter(|w| w.parent_code.as_deref() == Some(code))
                .map(|w| w.code.clone())
                .collect(),
        })
    }
}

fn parse_rings(geometry: &serde_json::Value) -> Option<Vec<Vec<(f64, f64)>>> {
    let ring = |r: &serde_json::Value| -> Option<Vec<(f64, f64)>> {
        r.as_array()?
            .iter()
            .map(|pt| Some((pt[0].as_f64()?, pt[1].as_f64()?)))
            .collect()
    };
    let coords = &geometry["coordinates"];
    let rings: Vec<Vec<(f64, f64)>> = match geometry["type"].as_str()? {
        "Polygon" => vec![ring(coords.get(0)?)?],
        "MultiPolygon" => coords
            .as_array()?
            .iter()
            .map(|poly| ring(poly.get(0)?))
            .collect::<Option<_>>()?,
        _ => return None,
    };
    if rings.iter().any(|r| r.len() < 4) {
        return None;
    }
    Some(rings)
}

/// The embedded Nijmegen map, parsed once.
pub fn nijmegen() -> &'static AreaMap {
    static MAP: OnceLock<AreaMap> = OnceLock::new();
    MAP.get_or_init(|| {
        AreaMap::parse(GEOJSON).expect("embedded Nijmegen GeoJSON is valid (tested)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nijmegen_has_nine_stadsdelen_and_44_wijken() {
        let map = nijmegen();
        assert_eq!(map.stadsdelen().count(), 9);
        assert_eq!(map.wijken().count(), 44);
        assert!(map.attribution.contains("CC BY 4.0"));
        assert_eq!(map.get("BU02680733").unwrap().name, "Meijhorst");
        assert_eq!(map.wijk_codes_in("WK026807").unwrap().len(), 9);
        assert_eq!(map.wijk_codes_in("GM0268").unwrap().len(), 44);
        assert!(map.wijk_codes_in("BU99999999").is_none());
    }
}
