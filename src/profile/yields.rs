//! Euro amounts in the report with a published total: which amounts must be
//! hidden so that a hidden one cannot be recovered from the total (secondary
//! suppression for sums), and how regulations without an estimate show.

use super::model::Amount;

/// Per-regulation amounts and their total. Every amount that is hidden, or
/// has an estimate at all, takes part in the protection of the total (a hidden
/// amount of zero euros would otherwise give its counts away by subtraction).
/// Regulations without any estimate whose counts are published add nothing and
/// show "unknown" (which says only that the catalogue has no amount) or € 0.
pub(super) fn amounts(items: &[(i64, bool, bool, u64)]) -> (Vec<Amount>, Amount) {
    let protected_item = |ok: bool, known: bool| known || !ok;
    let guarded: Vec<(i64, bool)> = items
        .iter()
        .filter(|(_, ok, known, _)| protected_item(*ok, *known))
        .map(|(eur, ok, _, _)| (*eur, *ok))
        .collect();
    let (mut protected, total) = protect_sum(&guarded);
    protected.reverse();
    let cells = items
        .iter()
        .map(|(_, ok, known, n)| match (protected_item(*ok, *known), n) {
            (true, _) => protected.pop().expect("one per guarded item"),
            (false, n) if *n > 0 => Amount::Unknown,
            (false, _) => Amount::Eur(0),
        })
        .collect();
    (cells, total)
}

/// Amounts with a published total: if exactly one amount is hidden it could be
/// recovered by subtraction, so the smallest visible one is hidden as well; if
/// the hidden ones add up to nothing, or nothing visible is left, the total is
/// hidden instead.
pub fn protect_sum(items: &[(i64, bool)]) -> (Vec<Amount>, Amount) {
    let mut ok: Vec<bool> = items.iter().map(|(_, ok)| *ok).collect();
    let hidden_count = |ok: &[bool]| ok.iter().filter(|o| !**o).count();
    let mut total_ok = true;
    if hidden_count(&ok) == 1 {
        let next = items
            .iter()
            .enumerate()
            .filter(|(i, _)| ok[*i])
            .min_by_key(|(i, (eur, _))| (*eur, *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => ok[i] = false,
            None => total_ok = false,
        }
    }
    let hidden_sum: i64 = items
        .iter()
        .zip(&ok)
        .filter(|(_, o)| !**o)
        .map(|((e, _), _)| *e)
        .sum();
    if hidden_count(&ok) > 0 && hidden_sum == 0 {
        total_ok = false;
    }
    let total: i64 = items.iter().map(|(e, _)| *e).sum();
    (
        items
            .iter()
            .zip(&ok)
            .map(|((e, _), o)| if *o { Amount::Eur(*e) } else { Amount::Hidden })
            .collect(),
        if total_ok {
            Amount::Eur(total)
        } else {
            Amount::Hidden
        },
    )
}
