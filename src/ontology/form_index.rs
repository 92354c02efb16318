//! Forms indexed by their first word, so that matching at a token tries only
//! the forms that can start there instead of every form of the lexicon.

use super::lexicon::Form;
use rustc_hash::FxHashMap;

/// A list of forms, each with the index of the entry that owns it, indexed by the
/// matching key of its first word.
///
/// A form whose first word is a gap (or that has no words) may start at any token:
/// it is a candidate everywhere. Candidates always come in list order, so that a
/// search over them finds what a search over the whole list would.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormIndex {
    /// The forms with their owners, in list order.
    forms: Vec<(usize, Form)>,
    /// First-word key → the candidates at a token with that key (positions in `forms`, ascending).
    by_first: FxHashMap<String, Vec<usize>>,
    /// The candidates at a token whose key begins no form.
    anywhere: Vec<usize>,
}

impl FormIndex {
    /// Indexes forms given with their owners, in order.
    pub fn new<'f>(forms: impl IntoIterator<Item = (usize, &'f Form)>) -> Self {
        let forms: Vec<(usize, Form)> = forms
            .into_iter()
            .map(|(owner, form)| (owner, form.clone()))
            .collect();
        let first = |form: &Form| form.keys.first().cloned().flatten();
        let anywhere: Vec<usize> = (0..forms.len())
            .filter(|&i| first(&forms[i].1).is_none())
            .collect();
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (_, form)) in forms.iter().enumerate() {
            if let Some(key) = first(form) {
                by_first.entry(key).or_default().push(i);
            }
        }
        // Forms that may start anywhere are candidates under every key too, in list order.
        for positions in by_first.values_mut() {
            positions.extend(&anywhere);
            positions.sort_unstable();
        }
        Self {
            forms,
            by_first,
            anywhere,
        }
    }

    /// Indexes the forms of one list, all owned by entry 0.
    pub fn of_forms<'f>(forms: impl IntoIterator<Item = &'f Form>) -> Self {
        Self::new(forms.into_iter().map(|f| (0, f)))
    }

    /// The forms that may match at a token with matching key `key` (`None`: past the
    /// last token), with their owners, in list order.
    pub fn candidates<'s>(
        &'s self,
        key: Option<&str>,
    ) -> impl Iterator<Item = (usize, &'s Form)> + Clone + 's {
        key.and_then(|key| self.by_first.get(key))
            .unwrap_or(&self.anywhere)
            .iter()
            .map(|&i| (self.forms[i].0, &self.forms[i].1))
    }

    /// All the forms, with their owners, in list order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Form)> + Clone {
        self.forms.iter().map(|(owner, form)| (*owner, form))
    }

    /// Whether there are no forms.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::lexicon_form::form;

    #[test]
    fn candidates_start_with_the_key_or_a_gap_in_list_order() {
        let forms = [
            form("pris le contrôle", None),
            form("… contrôle", None),
            form("prise de", None),
            form("pris", None),
        ];
        let index = FormIndex::new(forms.iter().enumerate());
        let texts = |key: &str| -> Vec<&str> {
            index
                .candidates(Some(key))
                .map(|(_, f)| f.text.as_str())
                .collect()
        };
        assert_eq!(texts("pris"), ["pris le contrôle", "… contrôle", "pris"]);
        assert_eq!(texts("prise"), ["… contrôle", "prise de"]);
        assert_eq!(texts("autre"), ["… contrôle"]);
        assert_eq!(index.candidates(None).count(), 1);
        assert_eq!(
            index.candidates(Some("pris")).last().map(|(o, _)| o),
            Some(3)
        );
    }
}
