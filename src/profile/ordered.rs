//! Ids with a value, sorted, looked up by rows that mostly arrive in id order
//! (tables and indexes keyed by the id): each lookup moves a cursor forward,
//! as a merge join does, so a city-wide pass needs no hashing. A row out of
//! order falls back to a binary search, so the order only affects speed.

pub(super) struct Ordered<T> {
    items: Vec<(String, T)>,
    at: usize,
}

/// Steps taken one by one before a binary search over the rest.
const STEPS: usize = 8;

impl<T> Ordered<T> {
    /// The items by id; of equal ids the first given is kept.
    pub fn new(mut items: Vec<(String, T)>) -> Ordered<T> {
        items.sort_by(|a, b| a.0.cmp(&b.0));
        items.dedup_by(|later, first| later.0 == first.0);
        Ordered { items, at: 0 }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, T)> {
        self.items.iter()
    }

    pub fn get(&mut self, id: &str) -> Option<&T> {
        let items = &self.items;
        let before = |i: usize| items.get(i).is_some_and(|(k, _)| k.as_str() < id);
        let mut i = if before(self.at) || items.get(self.at).is_some_and(|(k, _)| k == id) {
            self.at
        } else {
            0
        };
        let mut steps = 0;
        while steps < STEPS && before(i) {
            i += 1;
            steps += 1;
        }
        if before(i) {
            i += items[i..].partition_point(|(k, _)| k.as_str() < id);
        }
        self.at = i;
        match items.get(i) {
            Some((k, v)) if k == id => Some(v),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any sequence of lookups, in order or not, finds what a map finds.
        #[test]
        fn finds_what_a_map_finds(
            ids in proptest::collection::vec("[a-e]{1,3}", 0..60),
            asks in proptest::collection::vec("[a-e]{1,3}", 0..120),
            sort_asks in any::<bool>(),
        ) {
            let mut map = std::collections::BTreeMap::new();
            for (n, id) in ids.iter().enumerate() {
                map.entry(id.clone()).or_insert(n);
            }
            let mut o = Ordered::new(ids.iter().cloned().enumerate().map(|(n, id)| (id, n)).collect());
            prop_assert_eq!(o.len(), map.len());
            let mut asks = asks;
            if sort_asks {
                asks.sort();
            }
            for a in &asks {
                prop_assert_eq!(o.get(a), map.get(a));
            }
        }
    }
}
