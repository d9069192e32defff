//! The collective actions of an area as the profile lists them, with labels;
//! residents involved are a count under the small-number rule.

use super::Labels;
use crate::privacy::SuppressionPolicy;
use crate::profile::model::*;
use crate::profile::raw::Raw;

pub(super) fn collective(pol: &SuppressionPolicy, labels: &Labels, raw: &Raw) -> CollectiveSection {
    use crate::domain::collective::{PARTNERS, STATUSES};
    let label = |list: &[(&str, &str)], code: &str| {
        list.iter()
            .find(|(c, _)| *c == code)
            .map_or_else(|| code.to_string(), |(_, l)| l.to_string())
    };
    let value_label = |id: &String| {
        labels
            .values
            .iter()
            .find(|(v, _, _)| v == id)
            .map_or_else(|| id.clone(), |(_, l, _)| l.clone())
    };
    let actions: Vec<CollectiveRow> = raw
        .collective
        .iter()
        .map(|a| CollectiveRow {
            title: a.title.clone(),
            status: label(STATUSES, &a.status),
            started_on: a.started_on.clone(),
            ended_on: a.ended_on.clone(),
            residents: pol.cell(a.residents),
            values: a.value_ids.iter().map(value_label).collect(),
            themes: a.themes.clone(),
            partners: a.partners.iter().map(|p| label(PARTNERS, p)).collect(),
        })
        .collect();
    let note = actions
        .is_empty()
        .then(|| "Er zijn in deze periode geen collectieve acties vastgelegd.".to_string());
    CollectiveSection { actions, note }
}
