//! The article as the extractor sees it: tokens, sentences, clauses, and lexicon form matching.

use super::{Lang, Span};
use crate::ontology::lexicon_form::{Form, FormIndex};
pub use crate::text::match_key;
use crate::text::{tokenize, Token, TokenKind};
use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj",
    "no", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "gov", "sen", "rep", "prof",
    "etc", "vs", "cf",
];

/// One sentence: its tokens and its span.
#[derive(Debug, Clone)]
pub struct SentenceTokens {
    /// Token indices.
    pub tokens: Range<usize>,
    /// Character span in the body.
    pub span: Span,
}

/// The tokenised body.
#[derive(Debug)]
pub struct Document<'a> {
    marker: std::marker::PhantomData<&'a str>,
    /// The body's characters, for slicing by character offsets.
    pub chars: Vec<char>,
    /// The tokens.
    pub tokens: Vec<Token>,
    /// Matching keys of the tokens (folded, elisions and contractions unified).
    pub keys: Vec<String>,
    /// The sentences.
    pub sentences: Vec<SentenceTokens>,
    /// For each token, its sentence.
    pub sentence_of: Vec<usize>,
    /// For each token, whether it lies inside quotation marks.
    pub quoted: Vec<bool>,
    /// The article language.
    pub lang: Lang,
}

impl<'a> Document<'a> {
    /// Tokenises and splits the body.
    pub fn new(text: &'a str, lang: Lang) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        let keys = tokens.iter().map(|t| match_key(&t.fold)).collect();
        let sentences = split_sentences(&tokens, &chars);
        let mut sentence_of = vec![0; tokens.len()];
        for (s, sentence) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens.clone()] {
                *slot = s;
            }
        }
        let quoted = quoted_tokens(&tokens);
        Self {
            marker: std::marker::PhantomData,
            chars,
            tokens,
            keys,
            sentences,
            sentence_of,
            quoted,
            lang,
        }
    }

    /// The text between two character offsets.
    pub fn slice(&self, span: Span) -> String {
        self.chars[span.start.min(self.chars.len())..span.end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// The character span of a token range (non-empty).
    pub fn span_of(&self, tokens: Range<usize>) -> Span {
        Span {
            start: self.tokens[tokens.start].start,
            end: self.tokens[tokens.end - 1].end,
        }
    }

    /// The text of a token range.
    pub fn text_of(&self, tokens: Range<usize>) -> String {
        if tokens.is_empty() {
            return String::new();
        }
        self.slice(self.span_of(tokens))
    }

    /// Whether the lexicon form matches at token `at`; returns the end token (exclusive).
    pub fn match_form(&self, form: &Form, at: usize, limit: usize) -> Option<usize> {
        if form.lang.is_some_and(|l| l != self.lang) {
            return None;
        }
        self.match_words(&form.keys, at, limit)
    }

    fn match_words(&self, words: &[Option<String>], at: usize, limit: usize) -> Option<usize> {
        let Some((first, rest)) = words.split_first() else {
            return Some(at);
        };
        match first {
            None => {
                // A gap of zero to six tokens, shortest first.
                (0..=6).find_map(|skip| {
                    let next = at + skip;
                    if next > limit
                        || self.tokens[at..next]
                            .iter()
                            .any(|t| t.kind == TokenKind::Punct)
                    {
                        return None;
                    }
                    self.match_words(rest, next, limit)
                })
            }
            Some(word) => {
                if at >= limit || self.keys[at] != *word {
                    return None;
                }
                self.match_words(rest, at + 1, limit)
            }
        }
    }

    /// The forms of an index that may match at token `at`, with their owners.
    fn candidates<'f>(
        &self,
        forms: &'f FormIndex,
        at: usize,
    ) -> impl Iterator<Item = (usize, &'f Form)> + Clone + 'f {
        forms.candidates(self.keys.get(at).map(String::as_str))
    }

    /// All matches of indexed forms in a token range: (form owner, token range), longest first at each start.
    pub fn find_forms(&self, forms: &FormIndex, range: Range<usize>) -> Vec<(usize, Range<usize>)> {
        self.find_forms_of(forms, |_| true, range)
    }

    /// Like [`Document::find_forms`], with only the forms whose owner passes `keep`.
    pub fn find_forms_of(
        &self,
        forms: &FormIndex,
        keep: impl Fn(usize) -> bool,
        range: Range<usize>,
    ) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        let mut at = range.start;
        while at < range.end {
            let best = self
                .candidates(forms, at)
                .filter(|&(owner, _)| keep(owner))
                .filter_map(|(owner, form)| {
                    self.match_form(form, at, range.end).map(|end| (owner, end))
                })
                .max_by_key(|&(_, end)| end);
            match best {
                Some((owner, end)) if end > at => {
                    found.push((owner, at..end));
                    at = end;
                }
                _ => at += 1,
            }
        }
        found
    }

    /// Whether any indexed form matches exactly the tokens `range`.
    pub fn is_form(&self, forms: &FormIndex, range: Range<usize>) -> bool {
        self.candidates(forms, range.start)
            .any(|(_, f)| self.match_form(f, range.start, range.end) == Some(range.end))
    }

    /// Whether any indexed form matches starting at `at`; returns the end of the longest.
    pub fn form_at(&self, forms: &FormIndex, at: usize, limit: usize) -> Option<usize> {
        self.candidates(forms, at)
            .filter_map(|(_, f)| self.match_form(f, at, limit))
            .max()
    }

    /// Like [`Document::is_form`], for a plain list of forms (one entry's).
    pub fn is_list_form(&self, forms: &[Form], range: Range<usize>) -> bool {
        forms
            .iter()
            .any(|f| self.match_form(f, range.start, range.end) == Some(range.end))
    }

    /// Like [`Document::form_at`], for a plain list of forms (one entry's).
    pub fn list_form_at(&self, forms: &[Form], at: usize, limit: usize) -> Option<usize> {
        forms
            .iter()
            .filter_map(|f| self.match_form(f, at, limit))
            .max()
    }

    /// The sentence's token range.
    pub fn sentence_range(&self, sentence: usize) -> Range<usize> {
        self.sentences[sentence].tokens.clone()
    }
}

fn split_sentences(tokens: &[Token], chars: &[char]) -> Vec<SentenceTokens> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let paragraph_break =
        |a: &Token, b: &Token| chars[a.end..b.start].iter().filter(|&&c| c == '\n').count() >= 2;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let mut end_here = false;
        if i + 1 < tokens.len() && paragraph_break(token, &tokens[i + 1]) {
            end_here = true;
        } else if token.kind == TokenKind::Punct && matches!(token.text.as_str(), "." | "!" | "?") {
            let previous = i.checked_sub(1).map(|p| &tokens[p]);
            let abbreviation = previous.is_some_and(|p| {
                p.kind == TokenKind::Word
                    && (ABBREVIATIONS.contains(&p.fold.as_str())
                        || (p.text.chars().count() == 1 && p.capitalised))
                    && !token.space_before
            });
            // Closing quotes after the full stop belong to this sentence.
            let mut last = i;
            while last + 1 < tokens.len()
                && is_closing_quote(&tokens[last + 1])
                && !tokens[last + 1].space_before
            {
                last += 1;
            }
            let next = tokens.get(last + 1);
            let next_starts =
                next.is_none_or(|n| n.capitalised || is_quote(n) || n.kind == TokenKind::Number);
            if !abbreviation && next_starts {
                i = last;
                end_here = true;
            }
        }
        if end_here || i + 1 == tokens.len() {
            sentences.push(SentenceTokens {
                tokens: start..i + 1,
                span: Span {
                    start: tokens[start].start,
                    end: tokens[i].end,
                },
            });
            start = i + 1;
        }
        i += 1;
    }
    sentences
}

fn is_quote(token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.text.as_str(), "\"" | "«" | "»" | "“" | "”")
}

fn is_closing_quote(token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.text.as_str(), "\"" | "»" | "”")
}

/// Marks the tokens between quotation marks (straight quotes alternate open and close).
fn quoted_tokens(tokens: &[Token]) -> Vec<bool> {
    let mut quoted = vec![false; tokens.len()];
    let mut inside = false;
    for (i, token) in tokens.iter().enumerate() {
        match token.text.as_str() {
            "«" | "“" => inside = true,
            "»" | "”" => inside = false,
            "\"" => inside = !inside,
            _ => quoted[i] = inside,
        }
    }
    quoted
}

impl Document<'_> {
    /// Like [`Document::form_at`], whatever the forms' language.
    pub fn form_at_any_lang(&self, forms: &FormIndex, at: usize, limit: usize) -> Option<usize> {
        self.candidates(forms, at)
            .filter_map(|(_, f)| self.match_words(&f.keys, at, limit))
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Document::new(text, Lang::Fr);
        doc.sentences.iter().map(|s| doc.slice(s.span)).collect()
    }

    #[test]
    fn splits_on_full_stops_quotes_and_paragraphs() {
        assert_eq!(
            sentences("Les combats ont repris. \"Je confirme.\" Il part\n\nSuite ici"),
            [
                "Les combats ont repris.",
                "\"Je confirme.\"",
                "Il part",
                "Suite ici"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initialisms() {
        assert_eq!(
            sentences("The U.S. military said on Aug. 24 that Gen. Smith left."),
            ["The U.S. military said on Aug. 24 that Gen. Smith left."]
        );
    }

    #[test]
    fn unifies_elisions_in_keys() {
        let doc = Document::new("le porte-parole d'une alliance", Lang::Fr);
        let form = crate::ontology::lexicon_form::form("porte-parole de", Some(Lang::Fr));
        assert_eq!(doc.match_form(&form, 1, doc.tokens.len()), Some(4));
        let gap = crate::ontology::lexicon_form::form("a … réagi", None);
        let doc = Document::new("a pour sa part réagi", Lang::Fr);
        assert_eq!(doc.match_form(&gap, 0, doc.tokens.len()), Some(5));
    }
}
