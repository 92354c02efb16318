//! Answers kept across store generations, by key: what a costly read computed is
//! reused by the next requests for the same key until a write touches what it was
//! read from.
//!
//! Unlike [`super::search::GenerationCache`], which holds one view built in full, a
//! [`GenerationMemo`] fills as requests come (an actor's relations are computed when
//! asked for, not for all actors at once). Each entry carries the generation
//! ([`crate::store::KgStore::generation`]) read *before* computing it and what it
//! was read from ([`crate::store::Dependencies`]). A request at a later generation
//! gets it only when the caller's check says no write since touched that
//! ([`crate::store::KgStore::untouched_since`]); the entry
//! then counts as read at the request's generation. An answer never disagrees with
//! the store it is served for. The memo holds at most `budget` units of weight (the
//! caller's measure of an answer's size): past that, stale entries go first, then all.
//!
//! [`GenerationMemo::get_or_compute`] computes a key's answer once: callers asking for
//! the same key meanwhile wait for that computation instead of starting their own, and
//! the answer is kept even when the caller that started it has stopped waiting.

use crate::store::Dependencies;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Answers by key, each with the generation it was read at and its dependencies,
/// within a weight budget.
#[derive(Debug)]
pub struct GenerationMemo<V> {
    budget: usize,
    state: Mutex<MemoState<V>>,
    /// One lock per key being computed, held while computing it.
    computing: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

#[derive(Debug)]
struct MemoState<V> {
    weight: usize,
    answers: HashMap<String, Entry<V>>,
}

#[derive(Debug)]
struct Entry<V> {
    /// The newest generation it is known current at.
    generation: u64,
    dependencies: Arc<Dependencies>,
    answer: Arc<V>,
    weight: usize,
}

/// What a memo holds for a key at a generation.
enum Lookup<V> {
    /// An answer current at that generation, with its dependencies.
    Current(Arc<V>, Arc<Dependencies>),
    /// An answer read at an older generation (the first field), stale since.
    Stale(u64, Arc<V>),
    /// Nothing.
    Missing,
}

/// A computed answer with what the memo keeps beside it.
pub struct Computed<V> {
    /// The answer.
    pub answer: V,
    /// What it was read from: a write touching it makes the answer stale.
    pub dependencies: Arc<Dependencies>,
    /// Its size in the memo's measure.
    pub weight: usize,
}

impl<V> GenerationMemo<V> {
    /// An empty memo that holds answers weighing `budget` in all.
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            state: Mutex::new(MemoState {
                weight: 0,
                answers: HashMap::new(),
            }),
            computing: Mutex::new(HashMap::new()),
        }
    }

    /// The answer for `key` at `generation` (read before calling): the one kept when
    /// `untouched(its generation, its dependencies)` says it is still current; else
    /// `refresh(the stale answer, its generation)` when that can bring it up to date
    /// (`None`: it cannot); else `compute`'s. What is computed is kept for the next
    /// callers. Concurrent callers for one key wait for a single computation. Blocks:
    /// call it off the async runtime.
    pub fn get_or_compute<E>(
        &self,
        generation: u64,
        key: &str,
        untouched: impl Fn(u64, &Dependencies) -> bool,
        refresh: impl FnOnce(&V, u64) -> Option<Result<Computed<V>, E>>,
        compute: impl FnOnce() -> Result<Computed<V>, E>,
    ) -> Result<(Arc<V>, Arc<Dependencies>), E> {
        if let Lookup::Current(answer, dependencies) =
            self.lookup(generation, key, &untouched, false)
        {
            return Ok((answer, dependencies));
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
            let computed = match self.lookup(generation, key, &untouched, true) {
                Lookup::Current(answer, dependencies) => Ok(Err((answer, dependencies))),
                Lookup::Stale(since, answer) => match refresh(&answer, since) {
                    Some(refreshed) => refreshed.map(Ok),
                    None => compute().map(Ok),
                },
                Lookup::Missing => compute().map(Ok),
            };
            computed.map(|computed| match computed {
                Err(kept) => kept,
                Ok(computed) => {
                    let answer = Arc::new(computed.answer);
                    let dependencies = computed.dependencies;
                    self.insert(
                        generation,
                        key.to_owned(),
                        Arc::clone(&answer),
                        Arc::clone(&dependencies),
                        computed.weight,
                    );
                    (answer, dependencies)
                }
            })
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

    /// The answer kept for `key` and its dependencies, if it is current at
    /// `generation`: read then, or `untouched(read at, dependencies)` since.
    pub fn get(
        &self,
        generation: u64,
        key: &str,
        untouched: impl Fn(u64, &Dependencies) -> bool,
    ) -> Option<(Arc<V>, Arc<Dependencies>)> {
        match self.lookup(generation, key, &untouched, true) {
            Lookup::Current(answer, dependencies) => Some((answer, dependencies)),
            Lookup::Stale(..) | Lookup::Missing => None,
        }
    }

    /// What is kept for `key` at `generation`. A current entry counts as read at
    /// `generation` from then on; a stale one is taken out when `take_stale`.
    fn lookup(
        &self,
        generation: u64,
        key: &str,
        untouched: &impl Fn(u64, &Dependencies) -> bool,
        take_stale: bool,
    ) -> Lookup<V> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(entry) = state.answers.get_mut(key) else {
            return Lookup::Missing;
        };
        if entry.generation < generation {
            if !untouched(entry.generation, &entry.dependencies) {
                if !take_stale {
                    return Lookup::Missing;
                }
                let (since, answer, weight) =
                    (entry.generation, Arc::clone(&entry.answer), entry.weight);
                state.answers.remove(key);
                state.weight -= weight;
                return Lookup::Stale(since, answer);
            }
            entry.generation = generation;
        }
        Lookup::Current(Arc::clone(&entry.answer), Arc::clone(&entry.dependencies))
    }

    /// Keeps an answer read from the store at `generation` (read before computing)
    /// for `key`, unless one read later is kept already. Over budget, the entries
    /// not known current at `generation` go first, then all the others.
    pub fn insert(
        &self,
        generation: u64,
        key: String,
        answer: Arc<V>,
        dependencies: Arc<Dependencies>,
        weight: usize,
    ) {
        if weight > self.budget {
            return;
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(kept) = state.answers.get(&key) {
            if kept.generation >= generation {
                return;
            }
            let weight = kept.weight;
            state.answers.remove(&key);
            state.weight -= weight;
        }
        if state.weight + weight > self.budget {
            state
                .answers
                .retain(|_, entry| entry.generation >= generation);
            state.weight = state.answers.values().map(|entry| entry.weight).sum();
        }
        if state.weight + weight > self.budget {
            state.answers.clear();
            state.weight = 0;
        }
        state.weight += weight;
        state.answers.insert(
            key,
            Entry {
                generation,
                dependencies,
                answer,
                weight,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No write touched anything since.
    fn never(_: u64, _: &Dependencies) -> bool {
        true
    }

    /// Every write touched everything.
    fn always(_: u64, _: &Dependencies) -> bool {
        false
    }

    fn deps(iris: &[&str]) -> Arc<Dependencies> {
        Arc::new(Dependencies {
            read: iris.iter().map(|iri| (*iri).to_owned()).collect(),
            named: Vec::new(),
        })
    }

    fn answer(
        memo: &GenerationMemo<i32>,
        generation: u64,
        key: &str,
        check: fn(u64, &Dependencies) -> bool,
    ) -> Option<i32> {
        memo.get(generation, key, check).map(|(answer, _)| *answer)
    }

    #[test]
    fn concurrent_callers_share_one_computation() {
        let memo = Arc::new(GenerationMemo::new(100));
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let callers: Vec<_> = (0..8)
            .map(|_| {
                let (memo, runs) = (Arc::clone(&memo), Arc::clone(&runs));
                std::thread::spawn(move || {
                    memo.get_or_compute(
                        1,
                        "k",
                        never,
                        |_, _| None,
                        || {
                            runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(100));
                            Ok::<_, ()>(Computed {
                                answer: 7,
                                dependencies: deps(&["a"]),
                                weight: 1,
                            })
                        },
                    )
                    .map(|(answer, _)| *answer)
                })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.join().unwrap(), Ok(7));
        }
        assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert!(
            memo.computing.lock().unwrap().is_empty(),
            "no lock left behind"
        );
        // A failed computation keeps nothing: the next caller computes again.
        let computed = |answer| {
            Ok::<_, &str>(Computed {
                answer,
                dependencies: deps(&[]),
                weight: 1,
            })
        };
        assert!(memo
            .get_or_compute(1, "e", never, |_, _| None, || Err("no"))
            .is_err());
        assert_eq!(
            memo.get_or_compute(1, "e", never, |_, _| None, || computed(2))
                .map(|(answer, _)| *answer),
            Ok(2)
        );
    }

    #[test]
    fn answers_live_until_a_write_touches_what_they_read() {
        let memo = GenerationMemo::new(10);
        memo.insert(3, "a".into(), Arc::new(1), deps(&["x"]), 1);
        assert_eq!(answer(&memo, 3, "a", always), Some(1));
        assert_eq!(
            answer(&memo, 2, "a", always),
            Some(1),
            "read later than asked: current"
        );
        assert_eq!(
            answer(&memo, 4, "a", never),
            Some(1),
            "the write since touched none of it"
        );
        assert_eq!(
            answer(&memo, 4, "a", always),
            Some(1),
            "now known current at 4"
        );
        assert_eq!(
            answer(&memo, 5, "a", always),
            None,
            "a write since touched it"
        );
        assert_eq!(answer(&memo, 5, "a", never), None, "and it is gone");
        // The check is asked about the entry's generation and dependencies.
        memo.insert(5, "b".into(), Arc::new(2), deps(&["y"]), 1);
        let seen = Mutex::new(Vec::new());
        memo.get(7, "b", |since, dependencies| {
            seen.lock()
                .unwrap()
                .push((since, dependencies.read.clone()));
            true
        });
        assert_eq!(*seen.lock().unwrap(), vec![(5, vec!["y".to_owned()])]);
        // An answer read earlier than the one kept does not replace it.
        memo.insert(6, "b".into(), Arc::new(3), deps(&["y"]), 1);
        assert_eq!(answer(&memo, 7, "b", always), Some(2));
    }

    #[test]
    fn a_stale_answer_is_refreshed_when_it_can_be() {
        let memo = GenerationMemo::new(10);
        let computed = |answer| {
            Ok::<_, ()>(Computed {
                answer,
                dependencies: deps(&["x"]),
                weight: 1,
            })
        };
        let get = |generation, refresh: Option<i32>, compute: i32| {
            memo.get_or_compute(
                generation,
                "a",
                |since, _| since >= 2,
                |old: &i32, since| refresh.map(|step| computed(old + step + since as i32 * 100)),
                || computed(compute),
            )
            .map(|(answer, _)| *answer)
            .unwrap()
        };
        assert_eq!(get(1, Some(1), 10), 10, "nothing kept: computed");
        assert_eq!(get(3, Some(1), 20), 111, "stale since 1: refreshed from 10");
        assert_eq!(get(3, Some(5), 30), 111, "current: kept");
        assert_eq!(get(4, None, 40), 111, "read at 3, untouched since");
        memo.insert(4, "a".into(), Arc::new(7), deps(&[]), 1);
        assert_eq!(
            get(5, Some(2), 50),
            111,
            "not newer than the kept one: dropped"
        );
        memo.insert(6, "b".into(), Arc::new(7), deps(&[]), 1);
        let stale = memo.get_or_compute(9, "b", |_, _| false, |_, _| None, || computed(60));
        assert_eq!(
            stale.map(|(answer, _)| *answer),
            Ok(60),
            "cannot refresh: computed"
        );
    }

    #[test]
    fn the_budget_bounds_what_is_kept() {
        let memo = GenerationMemo::new(10);
        memo.insert(1, "a".into(), Arc::new(1), deps(&[]), 4);
        memo.insert(2, "b".into(), Arc::new(2), deps(&[]), 4);
        memo.insert(2, "c".into(), Arc::new(3), deps(&[]), 4);
        assert_eq!(
            answer(&memo, 1, "a", never),
            None,
            "over budget: the stale entry went first"
        );
        assert_eq!(answer(&memo, 2, "b", never), Some(2));
        assert_eq!(answer(&memo, 2, "c", never), Some(3));
        memo.insert(2, "d".into(), Arc::new(4), deps(&[]), 4);
        assert_eq!(
            answer(&memo, 2, "b", never),
            None,
            "still over: started again"
        );
        assert_eq!(answer(&memo, 2, "d", never), Some(4));
        memo.insert(2, "e".into(), Arc::new(5), deps(&[]), 11);
        assert_eq!(
            answer(&memo, 2, "e", never),
            None,
            "heavier than the whole budget"
        );
    }
}
