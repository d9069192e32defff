use super::*;
use proptest::prelude::*;

fn p() -> SuppressionPolicy {
    SuppressionPolicy::default()
}

#[test]
fn defaults_and_bounds() {
    assert_eq!(p().k, 5);
    assert_eq!(p().min_base_for_pct, 20);
    assert_eq!(
        SuppressionPolicy::new(2, 20),
        Err(PrivacyError::KTooSmall(2))
    );
    assert!(SuppressionPolicy::new(3, 3).is_ok());
    assert!(matches!(
        SuppressionPolicy::new(10, 5),
        Err(PrivacyError::BaseBelowK { .. })
    ));
}

#[test]
fn small_counts_print_as_below_k() {
    assert_eq!(p().cell(4).to_string(), "< 5");
    assert_eq!(p().cell(0).to_string(), "< 5");
    assert_eq!(p().cell(5).to_string(), "5");
    assert_eq!(p().cell(12345).to_string(), "12.345");
    let strict = SuppressionPolicy::new(10, 20).unwrap();
    assert_eq!(strict.cell(9).to_string(), "< 10");
}

#[test]
fn percentages_need_a_base_and_a_visible_part() {
    let pol = p();
    assert_eq!(pol.pct(&Cell::Value(10), &Cell::Value(19)), None);
    assert_eq!(pol.pct(&Cell::Value(10), &Cell::Value(20)), Some(50.0));
    assert_eq!(pol.pct(&pol.cell(3), &Cell::Value(100)), None);
    assert_eq!(pol.pct(&Cell::Hidden, &Cell::Value(100)), None);
}

#[test]
fn dutch_number_formatting() {
    assert_eq!(format_int(0), "0");
    assert_eq!(format_int(999), "999");
    assert_eq!(format_int(1000), "1.000");
    assert_eq!(format_int(-1234567), "-1.234.567");
    assert_eq!(format_eur(2952), "€ 2.952");
    assert_eq!(format_pct(56.6), "57 %");
}

#[test]
fn a_single_small_cell_takes_the_next_smallest_with_it() {
    let line = suppress_line(&p(), &[3, 40, 12, 60]);
    assert_eq!(line.total, Cell::Value(115));
    assert_eq!(
        line.cells,
        vec![
            Cell::Suppressed { below: 5 },
            Cell::Value(40),
            Cell::Hidden,
            Cell::Value(60)
        ]
    );
}

#[test]
fn two_small_cells_protect_each_other_unless_they_pin_down() {
    // 1 + 2 = 3: (0,3), (1,2), (2,1), (3,0) all fit, nothing else needs hiding.
    let line = suppress_line(&p(), &[1, 2, 30, 50]);
    assert_eq!(line.cells[2], Cell::Value(30));
    // 4 + 4 = 8 with both below 5 can only be (4, 4): hide another cell.
    let line = suppress_line(&p(), &[4, 4, 100]);
    assert_eq!(line.cells[2], Cell::Hidden);
    assert_eq!(line.total, Cell::Value(108));
}

#[test]
fn nothing_hidden_when_all_cells_are_large() {
    let line = suppress_line(&p(), &[5, 6, 7]);
    assert!(line.cells.iter().all(|c| !c.is_suppressed()));
    assert_eq!(line.total, Cell::Value(18));
}

#[test]
fn a_small_total_is_hidden() {
    let line = suppress_line(&p(), &[1, 2]);
    assert_eq!(line.total, Cell::Suppressed { below: 5 });
    let line = suppress_line(&p(), &[0, 3, 2]);
    assert_eq!(line.total, Cell::Value(5));
    assert!(line.cells.iter().all(|c| c.is_suppressed()));
}

#[test]
fn a_lone_small_cell_next_to_a_large_one() {
    let line = suppress_line(&p(), &[4, 100]);
    assert_eq!(
        line.cells,
        vec![Cell::Suppressed { below: 5 }, Cell::Hidden]
    );
    assert_eq!(line.total, Cell::Value(104));
}

/// Every count that fits the published cells and total, for brute-force checks.
fn consistent(line: &SuppressedLine, k: u64, max: u64, n: usize) -> Vec<Vec<u64>> {
    let mut out = vec![vec![]];
    for i in 0..n {
        let mut next = vec![];
        for prefix in &out {
            let range: Vec<u64> = match line.cells[i] {
                Cell::Value(v) => vec![v],
                Cell::Suppressed { .. } => (0..k).collect(),
                Cell::Hidden => (k..=max).collect(),
            };
            for v in range {
                let mut p = prefix.clone();
                p.push(v);
                next.push(p);
            }
        }
        out = next;
    }
    out.retain(|c| match line.total {
        Cell::Value(t) => c.iter().sum::<u64>() == t,
        Cell::Suppressed { .. } => c.iter().sum::<u64>() < k,
        Cell::Hidden => c.iter().sum::<u64>() >= k,
    });
    out
}

proptest! {
    /// The published line is truthful: shown cells are exact, "< k" cells are
    /// below k, the shown total is the sum.
    #[test]
    fn published_line_is_truthful(counts in proptest::collection::vec(0u64..60, 1..6)) {
        let pol = p();
        let line = suppress_line(&pol, &counts);
        for (c, &n) in line.cells.iter().zip(&counts) {
            match c {
                Cell::Value(v) => prop_assert_eq!(*v, n),
                Cell::Suppressed { below } => prop_assert!(n < *below as u64),
                Cell::Hidden => prop_assert!(n >= pol.k as u64),
            }
        }
        if let Cell::Value(t) = line.total {
            prop_assert_eq!(t, counts.iter().sum::<u64>());
        }
    }

    /// No hidden cell can be recovered: for each one, the published line is
    /// consistent with at least two different values of that cell.
    #[test]
    fn no_hidden_cell_is_recoverable(counts in proptest::collection::vec(0u64..14, 1..5)) {
        let pol = SuppressionPolicy::new(3, 3).unwrap();
        let line = suppress_line(&pol, &counts);
        let options = consistent(&line, pol.k as u64, 14, counts.len());
        prop_assert!(options.contains(&counts));
        for (i, c) in line.cells.iter().enumerate() {
            if c.is_suppressed() {
                let mut values: Vec<u64> = options.iter().map(|o| o[i]).collect();
                values.sort();
                values.dedup();
                prop_assert!(values.len() >= 2, "cell {} of {:?} recoverable from {:?}", i, counts, line);
            }
        }
    }
}
