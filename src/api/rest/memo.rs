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
//!
//! [`GenerationMemo::get_or_compute`] computes a key's answer once: callers asking for
//! the same key meanwhile wait for that computation instead of starting their own, and
//! the answer is kept even when the caller that started it has stopped waiting.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Answers by key for the current store generation, within a weight budget.
#[derive(Debug)]
pub struct GenerationMemo<V> {
    budget: usize,
    state: Mutex<MemoState<V>>,
    /// One lock per key being computed, held while computing it.
    computing: Mutex<HashMap<String, Arc<Mutex<()>>>>,
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
            computing: Mutex::new(HashMap::new()),
        }
    }

    /// The answer for `key` at `generation` (read before calling): the one kept, else
    /// `compute`'s (the answer and its weight), kept for the next callers. Concurrent
    /// callers for one key wait for a single computation. Blocks: call it off the
    /// async runtime.
    pub fn get_or_compute<E>(
        &self,
        generation: u64,
        key: &str,
        compute: impl FnOnce() -> Result<(V, usize), E>,
    ) -> Result<Arc<V>, E> {
        if let Some(answer) = self.get(generation, key) {
            return Ok(answer);
        }
        let key_lock = Arc::clone(
            self.computing
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key.to_owned())
                .or_default(),
        );
        let result = {
            let _computing = key_lock.lock().unwrap_or_else(PoisonError::into_inner);
            match self.get(generation, key) {
                Some(answer) => Ok(answer),
                None => compute().map(|(answer, weight)| {
                    let answer = Arc::new(answer);
                    self.insert(generation, key.to_owned(), Arc::clone(&answer), weight);
                    answer
                }),
            }
        };
        // The last caller out removes the key's lock (the map holds one reference).
        let mut computing = self
            .computing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if Arc::strong_count(&key_lock) == 2 {
            computing.remove(key);
        }
        result
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
    fn concurrent_callers_share_one_computation() {
        let memo = Arc::new(GenerationMemo::new(100));
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let callers: Vec<_> = (0..8)
            .map(|_| {
                let (memo, runs) = (Arc::clone(&memo), Arc::clone(&runs));
                std::thread::spawn(move || {
                    memo.get_or_compute(1, "k", || {
                        runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        Ok::<_, ()>((7, 1))
                    })
                })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.join().unwrap().as_deref(), Ok(&7));
        }
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(
            memo.computing.lock().unwrap().is_empty(),
            "no lock left behind"
        );
        // A failed computation keeps nothing: the next caller computes again.
        assert_eq!(
            memo.get_or_compute(1, "e", || Err::<(i32, usize), _>("no")),
            Err("no")
        );
        assert_eq!(
            memo.get_or_compute(1, "e", || Ok::<_, &str>((2, 1)))
                .as_deref(),
            Ok(&2)
        );
    }

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
