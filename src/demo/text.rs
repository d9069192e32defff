//! Text material for the demo generator: streets, names and story templates
//! (`corpus.json`), assembled into Dutch stories that mention values and factors.

use rand::Rng;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Corpus {
    pub streets: HashMap<String, Vec<String>>,
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
    pub languages: Vec<(String, u32)>,
    pub openings: Vec<String>,
    pub value_sentences: BySentiment,
    pub closings: Vec<String>,
    pub themes: Vec<String>,
    pub quotes: BySentiment,
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct BySentiment {
    pub valued: Vec<String>,
    pub concern: Vec<String>,
}

pub fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        serde_json::from_str(include_str!("corpus.json"))
            .expect("embedded demo corpus is valid (tested)")
    })
}

pub fn pick<'a, R: Rng>(rng: &mut R, items: &'a [String]) -> &'a str {
    &items[rng.random_range(0..items.len())]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Fills `{label_lc}`, `{factor}`, `{Factor}` and `{jaren}` in a template.
pub fn fill(template: &str, label: &str, factor: &str, years: u32) -> String {
    template
        .replace("{label_lc}", &label.to_lowercase())
        .replace("{Factor}", &capitalise(factor))
        .replace("{factor}", factor)
        .replace("{jaren}", &years.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_covers_every_wijk_and_templates_have_factors() {
        let c = corpus();
        for w in crate::catalog::nijmegen().wijken() {
            assert!(
                c.streets.get(&w.code).is_some_and(|s| !s.is_empty()),
                "no streets for {}",
                w.code
            );
        }
        for t in c
            .value_sentences
            .valued
            .iter()
            .chain(&c.value_sentences.concern)
            .chain(&c.quotes.valued)
            .chain(&c.quotes.concern)
        {
            assert!(t.contains("{factor}") || t.contains("{Factor}"), "{t}");
        }
    }

    #[test]
    fn fill_replaces_all_placeholders() {
        assert_eq!(
            fill(
                "{Factor} en {label_lc}, {jaren} jaar",
                "Groen",
                "het park",
                4
            ),
            "Het park en groen, 4 jaar"
        );
    }
}
