//! Answers kept for one store generation, by key: what a costly read computed is
//! reused by the next requests for the same key until a write commits.
//!
//! Unlike [`super::search::GenerationCache`], which holds one view built in full, a
//! [`GenerationMemo`] fills as requests come (an actor's relations are computed when
//! asked for, not for all actors at once). Entries are tagged with the generation
//! ([`crate::store::KgStore::generation`]) read *before* computing them, and served
//! only to requests that read the same generation: an answer never outlives the
//! store it was read from. The memo holds at most `budget` units of weight (the
//! caller's measure of an answer's size); past that it starts again empty.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Answers by key for the current store generation, within a weight budget.
#[derive(Debug)]
pub struct GenerationMemo<V> {
    budget: usize,
    state: Mutex<MemoState<V>>,
}

#[derive(Debug)]
struct MemoState<V> {
    generation: u64,
    weight: usize,
    answers: HashMap<String, Arc<V>>,
}

impl<V> GenerationMemo<V> {
    /// An empty memo that holds answers weighing `budget` in all.
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            state: Mutex::new(MemoState {
                generation: 0,
                weight: 0,
                answers: HashMap::new(),
            }),
        }
    }

    /// The answer kept for `key`, if it was computed at `generation`.
    pub fn get(&self, generation: u64, key: &str) -> Option<Arc<V>> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        (state.generation == generation)
            .then(|| state.answers.get(key).cloned())
            .flatten()
    }

    /// Keeps `answer`, computed from the store at `generation` (read before
    /// computing), for `key`. An answer from an older generation than the memo's is
    /// dropped; a newer one empties the memo first.
    pub fn insert(&self, generation: u64, key: String, answer: Arc<V>, weight: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if generation < state.generation {
            return;
        }
        if generation > state.generation || state.weight.saturating_add(weight) > self.budget {
            state.generation = generation;
            state.weight = 0;
            state.answers.clear();
        }
        if weight <= self.budget {
            state.weight += weight;
            state.answers.insert(key, answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_live_for_one_generation() {
        let memo = GenerationMemo::new(10);
        memo.insert(3, "a".into(), Arc::new(1), 1);
        assert_eq!(memo.get(3, "a").as_deref(), Some(&1));
        assert_eq!(memo.get(4, "a"), None, "a write came since");
        memo.insert(2, "b".into(), Arc::new(2), 1);
        assert_eq!(
            memo.get(2, "b"),
            None,
            "read before the last write: not kept"
        );
        memo.insert(4, "b".into(), Arc::new(2), 1);
        assert_eq!(memo.get(4, "b").as_deref(), Some(&2));
        assert_eq!(
            memo.get(3, "a"),
            None,
            "a newer generation empties the memo"
        );
    }

    #[test]
    fn the_budget_bounds_what_is_kept() {
        let memo = GenerationMemo::new(10);
        memo.insert(1, "a".into(), Arc::new(1), 6);
        memo.insert(1, "b".into(), Arc::new(2), 6);
        assert_eq!(memo.get(1, "a"), None, "over budget: started again");
        assert_eq!(memo.get(1, "b").as_deref(), Some(&2));
        memo.insert(1, "c".into(), Arc::new(3), 11);
        assert_eq!(memo.get(1, "c"), None, "heavier than the whole budget");
    }
}
