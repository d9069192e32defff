//! Relevance for search: Okapi BM25 over the newest matches, computed here
//! from the matched texts the window query already read, instead of by
//! FTS5's `bm25()`, which counts every match of every query term once per
//! query, whatever the window.
//!
//! Per matched text: term frequency and length in tokens, with the same
//! folding as the index (case and diacritics do not matter; the last query
//! word is a prefix). The average length is the window's. Term weights (idf)
//! only matter when a query has several words; each word's document count
//! is then counted in the index up to [`DF_CAP`], so words found in more
//! texts than that weigh as if found in exactly that many.
//!
//! The snippets of the hits shown are made here too, from the same texts:
//! FTS5's `snippet()` needs the query run again per hit, which for a prefix
//! of a common word (`het*`) merged every matching word's list each time
//! (that, 20 times over, was most of a 60–75 ms search at city scale).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// BM25 parameters, FTS5's defaults.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Most texts counted per query word for its weight.
pub const DF_CAP: u32 = 5000;

/// Lowercase without diacritics, like the index's `remove_diacritics 2`.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text or query, as the index splits them.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// A query's words, folded; the last one matches as a prefix.
pub struct Terms {
    words: Vec<String>,
}

impl Terms {
    pub fn new(query_words: &[&str]) -> Terms {
        Terms {
            words: query_words.iter().map(|w| fold(w)).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    fn matches(&self, i: usize, token: &str) -> bool {
        let term = &self.words[i];
        let folded;
        let (word, ascii) = if token.is_ascii() {
            (token, true)
        } else {
            folded = fold(token);
            (folded.as_str(), false)
        };
        // The last query word is a prefix.
        let head = if i + 1 == self.words.len() {
            word.get(..term.len())
        } else {
            Some(word)
        };
        head.is_some_and(|h| {
            if ascii {
                h.eq_ignore_ascii_case(term)
            } else {
                h == term
            }
        })
    }

    /// Whether a word of a text matches any query word.
    fn hits(&self, token: &str) -> bool {
        (0..self.words.len()).any(|i| self.matches(i, token))
    }

    /// Term frequencies and the length of one text, in tokens.
    pub fn count(&self, text: &str) -> (Vec<u32>, u32) {
        let mut tf = vec![0u32; self.words.len()];
        let mut len = 0;
        for token in words(text) {
            len += 1;
            for (i, n) in tf.iter_mut().enumerate() {
                if self.matches(i, token) {
                    *n += 1;
                }
            }
        }
        (tf, len)
    }
}

/// The words of a text with their byte ranges.
fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A piece of a snippet: text, and whether it matched the query.
pub type Piece = (String, bool);

/// The part of a text around its matches, at most `width` words, with the
/// matching words marked and "…" where the text was cut: the window of
/// `width` words holding the most matches, the earliest of equals.
pub fn snippet(terms: &Terms, text: &str, width: usize) -> Vec<Piece> {
    let spans = spans(text);
    let hit: Vec<bool> = spans
        .iter()
        .map(|(a, b)| terms.hits(&text[*a..*b]))
        .collect();
    let width = width.max(1);
    let (mut best, mut best_n) = (0, 0);
    let mut n = hit.iter().take(width).filter(|h| **h).count();
    if n > best_n {
        best_n = n;
    }
    for start in 1..spans.len().saturating_sub(width - 1) {
        n = n + usize::from(hit[start + width - 1]) - usize::from(hit[start - 1]);
        if n > best_n {
            (best, best_n) = (start, n);
        }
    }
    let end = (best + width).min(spans.len());
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |s: &str, h: bool| {
        if s.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((t, lh)) if *lh == h => t.push_str(s),
            _ => out.push((s.to_string(), h)),
        }
    };
    if spans.is_empty() {
        push(text, false);
        return out;
    }
    if best > 0 {
        push("…", false);
    }
    let from = if best == 0 { 0 } else { spans[best].0 };
    let mut at = from;
    for i in best..end {
        let (a, b) = spans[i];
        push(&text[at..a], false);
        push(&text[a..b], hit[i]);
        at = b;
    }
    if end < spans.len() {
        push("…", false);
    } else {
        push(&text[at..], false);
    }
    out
}

/// An inverse document frequency, as FTS5 computes it (never below a small
/// positive floor, so a very common word still counts).
pub fn idf(texts: f64, with_word: f64) -> f64 {
    (((texts - with_word + 0.5) / (with_word + 0.5)).ln()).max(1e-6)
}

/// Scores texts (term frequencies and lengths from [`Terms::count`]) with
/// BM25; higher is better.
pub fn scores(counts: &[(Vec<u32>, u32)], idf: &[f64]) -> Vec<f64> {
    let avg = counts.iter().map(|c| c.1 as f64).sum::<f64>() / counts.len().max(1) as f64;
    counts
        .iter()
        .map(|(tf, len)| {
            let norm = K1 * (1.0 - B + B * *len as f64 / avg.max(1.0));
            tf.iter()
                .zip(idf)
                .map(|(f, w)| {
                    // The index matched this text, so every word occurs in
                    // it, even where folding here differs from the index's.
                    let f = (*f).max(1) as f64;
                    w * f * (K1 + 1.0) / (f + norm)
                })
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_prefixes_follow_the_index() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("ÉÉN"), "een");
        let t = Terms::new(&["cafe", "buurt"]);
        let (tf, len) = t.count("Het café, de Buurthuis-koffie en het CAFÉ in de buurt.");
        assert_eq!(tf, vec![2, 2]);
        assert_eq!(len, 11);
    }

    #[test]
    fn snippets_mark_matches_in_the_busiest_window() {
        let t = Terms::new(&["cafe"]);
        let text = "Een twee drie vier vijf zes zeven acht. Het café is dicht, het Café!";
        let s = snippet(&t, text, 6);
        let joined: String = s.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(joined, "…Het café is dicht, het Café!");
        let hits: Vec<&str> = s.iter().filter(|p| p.1).map(|p| p.0.as_str()).collect();
        assert_eq!(hits, ["café", "Café"]);
        let s = snippet(&t, "café", 16);
        assert_eq!(s, vec![("café".to_string(), true)]);
        let s = snippet(&t, "Het café is dicht en de buurt mist het", 3);
        let joined: String = s.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(joined, "Het café is…");
    }

    #[test]
    fn more_occurrences_in_a_shorter_text_rank_higher() {
        let t = Terms::new(&["eenzaam"]);
        let texts = [
            "Ik voel me eenzaam, echt eenzaam.",
            "Soms voel ik me eenzaam als de kinderen weg zijn en het stil is in huis.",
            "Eenzaam.",
        ];
        let counts: Vec<_> = texts.iter().map(|x| t.count(x)).collect();
        let s = scores(&counts, &[1.0]);
        assert!(s[0] > s[1], "{s:?}");
        assert!(s[2] > s[1], "{s:?}");
    }

    #[test]
    fn a_rare_word_weighs_more_than_a_common_one() {
        let t = Terms::new(&["buurt", "speeltuin"]);
        let counts = vec![
            t.count("buurt buurt speeltuin"),
            t.count("buurt speeltuin speeltuin"),
        ];
        let s = scores(&counts, &[idf(1000.0, 900.0), idf(1000.0, 10.0)]);
        assert!(s[1] > s[0], "{s:?}");
    }
}
