//! The voorzieningencheck section: per regulation the current statuses with
//! secondary suppression, granted amounts apart from estimates (`yields`),
//! the other work in the checks and "Wie we bereikten".

use super::{labelled_line, too_few, ClientDim, Labels};
use crate::privacy::suppress_line;
use crate::privacy::SuppressionPolicy;
use crate::profile::model::*;
use crate::profile::raw::{Raw, RegulationRaw};
use crate::profile::yields::amounts;
use std::collections::BTreeMap;

pub(super) fn checks(
    pol: &SuppressionPolicy,
    labels: &Labels,
    raw: &Raw,
) -> Section<ChecksSection> {
    if !pol.base_ok(raw.checks) {
        return Section::TooFew(too_few(pol, "voorzieningenchecks"));
    }
    let empty = RegulationRaw::default();
    let mut rows: Vec<RegulationRow> = Vec::new();
    let mut yields: Vec<(i64, bool, bool, u64)> = Vec::new();
    let mut potentials: Vec<(i64, bool, bool, u64)> = Vec::new();
    for (id, name, level) in &labels.regulations {
        let r = raw.regulations.get(id).unwrap_or(&empty);
        let line = suppress_line(
            pol,
            &[r.receiving, r.non_take_up, r.applied, r.granted, r.other],
        );
        let c = &line.cells;
        // A sum of amounts reveals its count when amounts are uniform, so it is
        // only shown when every count behind it is published. Granted amounts
        // are real; the potential is the catalogue's estimate for entitlements
        // not (yet) decided: never added together.
        let granted_ok = !c[3].is_suppressed();
        let potential_ok = !c[1].is_suppressed() && !c[2].is_suppressed();
        yields.push((r.granted_eur, granted_ok, r.granted_known > 0, r.granted));
        potentials.push((
            r.potential_eur,
            potential_ok,
            r.potential_known > 0,
            r.non_take_up + r.applied,
        ));
        rows.push(RegulationRow {
            id: id.clone(),
            name: name.clone(),
            level: level.clone(),
            checked: line.total,
            receiving: c[0],
            non_take_up: c[1],
            applied: c[2],
            granted: c[3],
            other: c[4],
            granted_eur: Amount::Hidden,
            potential_eur: Amount::Hidden,
        });
    }
    let (yield_cells, total_granted) = amounts(&yields);
    let (potential_cells, total_potential) = amounts(&potentials);
    for ((row, y), p) in rows.iter_mut().zip(yield_cells).zip(potential_cells) {
        row.granted_eur = y;
        row.potential_eur = p;
    }
    let actions = labels
        .check_actions
        .iter()
        .map(|(code, label)| {
            let n = raw.check_actions.get(code).copied().unwrap_or(0);
            (label.clone(), pol.cell(n))
        })
        .collect();
    let clients = labels
        .client_dims
        .iter()
        .map(
            |ClientDim {
                 dim,
                 title,
                 options,
             }| {
                let prefix = format!("{dim}/");
                let counts: BTreeMap<String, u64> = raw
                    .clients
                    .iter()
                    .filter_map(|(k, n)| k.strip_prefix(&prefix).map(|c| (c.to_string(), *n)))
                    .collect();
                let (rows, _) = labelled_line(pol, options, &counts);
                ClientGroup {
                    title: title.clone(),
                    rows,
                }
            },
        )
        .collect();
    Section::Shown(ChecksSection {
        actions,
        clients,
        households: pol.cell(raw.checks),
        applied_households: pol.cell(raw.applied_households),
        granted_households: pol.cell(raw.granted_households),
        rows,
        total_granted,
        total_potential,
        catalog_year: labels.catalog_year,
        disclaimer: labels.disclaimer.clone(),
        sources: labels.regulation_sources.clone(),
    })
}
