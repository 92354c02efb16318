//! Text normalisation and tokenisation shared by the gazetteer index and the extractor.
//!
//! Matching ignores case and accents, so both sides go through [`fold`]. Tokens
//! keep character offsets (not bytes) into the original text, because facts
//! carry character offsets that a client can use to highlight mentions.

use unicode_normalization::char::decompose_canonical;

/// Folds one character: lowercase, accents removed, typographic apostrophes and dashes unified.
pub fn fold_char(c: char) -> char {
    // ASCII has no accents to remove: only case to lower (and the backquote, an apostrophe).
    if c.is_ascii() && c != '`' {
        return c.to_ascii_lowercase();
    }
    let c = match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' => '-',
        '«' | '»' | '“' | '”' | '„' => '"',
        _ => c,
    };
    let mut base = c;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

/// Whether a character is a combining accent (of a decomposed "é"), which folding drops.
fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Folds a string: lowercase, no accents (composed or decomposed), unified apostrophes,
/// whitespace runs collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_combining_accent(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(fold_char(c));
    }
    out
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits mixed with letters).
    Word,
    /// Digits, with `.`/`,` group or decimal separators.
    Number,
    /// Any other single character.
    Punct,
}

/// One token with its character span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Offset of the first character.
    pub start: usize,
    /// Offset just past the last character.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// The folded text (see [`fold`]).
    pub fold: String,
    /// Its kind.
    pub kind: TokenKind,
    /// Whether it starts with an uppercase letter.
    pub capitalised: bool,
    /// Whether it has two or more letters, all uppercase (an acronym).
    pub acronym: bool,
    /// Whether a hyphen joins it to the previous token ("In-Afarak", "Rwanda-backed").
    pub hyphen_before: bool,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
}

impl Token {
    /// Whether it is a word.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether it is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct && self.fold.starts_with(c)
    }
}

/// French elided forms that end with an apostrophe and stand as their own token.
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "s", "n", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Splits text into word, number and punctuation tokens.
///
/// Hyphens between letters split words but are remembered in `hyphen_before`;
/// French elisions keep their apostrophe (`l'`, `qu'`); an English `'s` is a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut space_before = true;
    let mut hyphen_before = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            space_before = true;
            hyphen_before = false;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || is_combining_accent(chars[i])
                    || chars[i] == '.' && is_initialism(&chars, i))
            {
                i += 1;
            }
            // An initialism keeps its final dot: "U.S.", "U.N.".
            if i < chars.len() && chars[i] == '.' && chars[start..i].contains(&'.') {
                i += 1;
            }
            // An elision: l' d' qu' … followed by a letter.
            if i < chars.len()
                && is_apostrophe(chars[i])
                && i + 1 < chars.len()
                && chars[i + 1].is_alphabetic()
            {
                let word: String = chars[start..i].iter().map(|&c| fold_char(c)).collect();
                if ELISIONS.contains(&word.as_str()) {
                    i += 1;
                }
            }
            kind = TokenKind::Word;
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            // "7e", "1er", "22h": digits glued to letters stay one word-like number.
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            kind = TokenKind::Number;
        } else if is_apostrophe(c)
            && i + 1 < chars.len()
            && (chars[i + 1] == 's' || chars[i + 1] == 'S')
            && (i + 2 >= chars.len() || !chars[i + 2].is_alphanumeric())
            && !tokens.is_empty()
            && !space_before
        {
            i += 2;
            kind = TokenKind::Word;
        } else {
            i += 1;
            kind = TokenKind::Punct;
        }
        let raw: String = chars[start..i].iter().collect();
        let folded: String = raw
            .chars()
            .filter(|&c| !is_combining_accent(c))
            .map(fold_char)
            .collect();
        let mut letters = raw.chars().filter(|c| c.is_alphabetic());
        let acronym = letters.clone().count() >= 2 && letters.all(char::is_uppercase);
        let hyphen_next = kind == TokenKind::Punct && fold_char(c) == '-' && !space_before;
        tokens.push(Token {
            start,
            end: i,
            capitalised: raw.chars().next().is_some_and(char::is_uppercase),
            acronym,
            text: raw,
            fold: folded,
            kind,
            hyphen_before,
            space_before,
        });
        space_before = false;
        hyphen_before = false;
        if hyphen_next && i < chars.len() && chars[i].is_alphanumeric() {
            // Drop the hyphen token itself: it joins words ("In-Afarak"), remembered on the next token.
            tokens.pop();
            hyphen_before = true;
        }
    }
    tokens
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// A dot inside an initialism such as "U.S." or "U.N.": a single letter before and after.
fn is_initialism(chars: &[char], dot: usize) -> bool {
    let before_single = dot >= 1
        && chars[dot - 1].is_uppercase()
        && (dot < 2 || !chars[dot - 2].is_alphanumeric() || chars[dot - 2] == '.');
    let after_letter = dot + 1 < chars.len()
        && chars[dot + 1].is_uppercase()
        && (dot + 2 >= chars.len() || !chars[dot + 2].is_lowercase());
    before_single && after_letter
}

/// The folded tokens of a name, for gazetteer keys: words and numbers only.
pub fn name_key(name: &str) -> Vec<String> {
    tokenize(name)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| key_form(&t.fold))
        .collect()
}

/// The form of a folded word used in keys: initialisms lose their dots ("u.s" → "us").
pub fn key_form(fold: &str) -> String {
    if fold.contains('.') {
        fold.chars().filter(|&c| c != '.').collect()
    } else {
        fold.to_owned()
    }
}

/// The key a token or form word is matched on: folded, dots dropped, elided and contracted articles unified.
pub fn match_key(fold: &str) -> String {
    let word = key_form(fold);
    match word.as_str() {
        "d'" | "du" | "des" => "de".to_owned(),
        "l'" | "la" | "le" => "le".to_owned(),
        "qu'" => "que".to_owned(),
        "s'" => "se".to_owned(),
        "n'" => "ne".to_owned(),
        "j'" => "je".to_owned(),
        "c'" => "ce".to_owned(),
        "'s" => "'s".to_owned(),
        _ => word,
    }
}

/// A URL-safe slug of a name: folded, `[a-z0-9-]`, never empty.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_case_accents_and_quotes() {
        assert_eq!(fold("  Armée   MALIENNE’s «x» "), "armee malienne's \"x\"");
        assert_eq!(fold("Goïta"), "goita");
    }

    #[test]
    fn splits_french_elisions_and_hyphens() {
        assert_eq!(
            words("l'armée qu’il a pris d'In-Afarak."),
            ["l'", "armée", "qu’", "il", "a", "pris", "d'", "In", "Afarak", "."]
        );
        let tokens = tokenize("In-Afarak");
        assert!(tokens[1].hyphen_before);
        assert_eq!(words("« Wagner »"), ["«", "Wagner", "»"]);
    }

    #[test]
    fn keeps_numbers_initialisms_and_possessives() {
        assert_eq!(
            words("45.885 morts, 3,000 troops"),
            ["45.885", "morts", ",", "3,000", "troops"]
        );
        assert_eq!(words("the U.S. military"), ["the", "U.S.", "military"]);
        assert_eq!(words("Congo’s government"), ["Congo", "’s", "government"]);
        assert_eq!(
            name_key("U.S. Central Command"),
            ["us", "central", "command"]
        );
    }

    #[test]
    fn offsets_are_characters() {
        let tokens = tokenize("Élan à Kidal");
        assert_eq!((tokens[2].start, tokens[2].end), (7, 12));
        assert!(tokens[0].capitalised && !tokens[0].acronym);
        assert!(tokenize("CSP")[0].acronym);
        // A decomposed accent stays inside its word.
        let decomposed = tokenize("fe\u{301}vrier 2022");
        assert_eq!(decomposed.len(), 2);
        assert_eq!(decomposed[0].fold, "fevrier");
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug("Zakak"), "zakak");
        assert_eq!(slug("Nord du Mali"), "nord-du-mali");
        assert_eq!(slug("« »"), "unnamed");
    }
}
