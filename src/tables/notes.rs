//! The "Toelichting": what the export covers, the suppression rule, the
//! pseudonyms, the catalogue versions and the CBS attribution.

use super::model::Note;
use super::{micro, Scope, TableError, TableLevel, TableRequest};
use crate::catalog::nijmegen;

pub(super) fn notes(
    conn: &rusqlite::Connection,
    req: &TableRequest,
    scope: &Scope,
    generated_at: &str,
) -> Result<Vec<Note>, TableError> {
    let note = |h: &str, t: String| Note {
        heading: h.to_string(),
        text: t,
    };
    let mut out = vec![
        note(
            "Gebied",
            format!("{} ({})", scope.area_name, scope.area_code),
        ),
        note("Periode", scope.period_label()),
        note(
            "Gemaakt",
            format!(
                "{generated_at} met Wijkwaardenkaart {}",
                env!("CARGO_PKG_VERSION")
            ),
        ),
    ];
    match req.level {
        TableLevel::Area => {
            out.push(note(
                "Kleine aantallen",
                format!(
                    "{} Elke regel is berekend zoals het wijkprofiel (PDF) van dat gebied, met dezelfde regel. \
                     De tabel bevat geen totalen over gebieden heen, zodat een verborgen aantal niet uit een \
                     totaal kan worden teruggerekend; tel verborgen cellen niet op.",
                    req.policy.describe()
                ),
            ));
        }
        TableLevel::Year => {
            out.push(note(
                "Kleine aantallen",
                format!(
                    "{} Elke regel is berekend zoals het wijkprofiel van die wijk of dat complex over het \
                     jaar, met dezelfde regel; de regel \"totaal\" is het profiel van het hele jaar. Omdat de \
                     wijken samen het totaal vormen, is in een kolom met precies één verborgen wijk ook een \
                     tweede wijk verborgen (\"x\"), zodat niets uit het totaal kan worden teruggerekend. \
                     Tel verborgen cellen niet op.",
                    req.policy.describe()
                ),
            ));
        }
        TableLevel::Conversation | TableLevel::Check => {
            let unit = if req.level == TableLevel::Conversation {
                "gesprekken"
            } else {
                "huishoudens met een check"
            };
            out.push(note(
                "Kleine aantallen",
                format!(
                    "Een wijk met minder dan {k} {unit} in deze tabel wordt niet genoemd (\"{m}\"), alleen het \
                     stadsdeel; heeft ook het stadsdeel er minder dan {k}, dan wordt geen gebied genoemd. \
                     Zelfde drempel k = {k} als in het wijkprofiel.",
                    k = req.policy.k,
                    m = micro::MERGED_WIJK
                ),
            ));
            out.push(note(
                "Pseudoniemen",
                "Gesprekken (G-…), huishoudens (H-…) en checks (C-…) hebben een pseudoniem: een sleutel-hash \
                 (HMAC-SHA256) van het interne nummer met een geheime sleutel die alleen in deze opslag staat. \
                 Hetzelfde record heeft in elke tabel uit deze opslag hetzelfde pseudoniem; zonder de sleutel is \
                 het niet terug te voeren op een adres of persoon."
                    .into(),
            ));
        }
    }
    out.push(note(
        "Privacy",
        "Deze tabel bevat geen namen, adressen, postcodes, contactgegevens, verhalen, citaten, toelichtingen \
         of namen van medewerkers. Gebruik haar alleen voor analyse, probeer niemand te herkennen en deel haar \
         niet verder dan nodig."
            .into(),
    ));
    if req.level != TableLevel::Conversation {
        let disclaimer = crate::catalog::regulations_in_store(conn)
            .map(|c| c.disclaimer)
            .unwrap_or_default();
        out.push(note(
            "Schattingen",
            format!(
                "Bedragen zijn schattingen per jaar op basis van de regelingencatalogus (bron en jaar per \
                 regeling in de catalogus), geen besluiten. {disclaimer}"
            ),
        ));
    }
    let catalogs: Vec<String> = conn
        .prepare("SELECT catalog, version FROM catalog_version ORDER BY catalog")?
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })?
        .collect::<Result<_, _>>()?;
    out.push(note("Catalogi", catalogs.join(", ")));
    out.push(note(
        "Gebiedsindeling",
        format!(
            "Stadsdelen zijn CBS-wijken (WK0268…), wijken zijn CBS-buurten (BU0268…). {}.",
            nijmegen().attribution
        ),
    ));
    Ok(out)
}
