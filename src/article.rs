//! Articles: the input model and its parsers (text with header lines, JSON, JSON Lines).
//!
//! Text articles may open with header lines (`date 2024-07`, `source URL`,
//! `title …`, `lang fr`); wire copy often runs the first paragraph on to the
//! header line, so a header's value is one word and the rest of the line is
//! body. Parsing is strict about what would silently corrupt the store
//! (binary input, control characters, a date that does not parse) and
//! lenient about the rest.

use crate::date::PartialDate;
use crate::extract::Lang;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

/// One news article, ready for extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable id: UUIDv5 of the normalised body (and source).
    pub id: Uuid,
    /// The body: paragraphs, header lines removed. Offsets in facts refer to this text.
    pub text: String,
    /// The publication date, when given.
    pub date: Option<PartialDate>,
    /// Where it came from (usually a URL).
    pub source: Option<String>,
    /// Its title, when given.
    pub title: Option<String>,
    /// Its language, given or detected.
    pub lang: Lang,
}

/// The namespace of article ids: UUIDv5 of the project's base IRI.
pub const NAMESPACE: Uuid = Uuid::from_u128(0xddc4_d499_3bf2_524e_9be9_a890_d2df_8320);

/// The largest article accepted, in bytes of UTF-8 (256 KiB). A news article is a
/// few kilobytes, and extraction costs 20 to 45 µs a character (measured, release
/// build): the limit keeps one article's extraction to seconds, so a hostile post
/// cannot hold a worker for minutes.
pub const MAX_ARTICLE_BYTES: usize = 256 * 1024;

/// Why an article was refused.
///
/// Variants carry the 1-based line (or the JSON field) at fault; the message
/// itself does not repeat the line, so callers can print `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleError {
    /// The input holds no body text at all (empty, blank or only header lines).
    #[error("the article has no body text")]
    Empty,
    /// The bytes are not valid UTF-8.
    #[error("invalid utf-8")]
    NotUtf8 {
        /// The line of the first invalid byte.
        line: usize,
    },
    /// The article is larger than [`MAX_ARTICLE_BYTES`].
    #[error("the article is too large: {bytes} bytes, at most {max} are accepted")]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The input looks binary (it holds NUL bytes).
    #[error("binary content (NUL bytes)")]
    Binary,
    /// A control character other than tab, line feed or carriage return.
    #[error("control character U+{code:04X}")]
    ControlCharacter {
        /// The line holding it.
        line: usize,
        /// Its code point.
        code: u32,
    },
    /// A header line is malformed (missing value, unknown language, duplicate).
    #[error("bad {key} header: {message}")]
    BadHeader {
        /// The header line.
        line: usize,
        /// The header key (`date`, `source`, `title`, `lang`).
        key: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A `date` header whose value is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("invalid date {value:?}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate {
        /// The header line.
        line: usize,
        /// The value that did not parse.
        value: String,
    },
    /// The JSON text does not parse.
    #[error("invalid json: {message}")]
    Json {
        /// The line of the syntax error.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A JSON field has the wrong type.
    #[error("field {field:?} must be {expected}")]
    WrongType {
        /// The field (`text`, `date`, …; `(root)` for the document itself).
        field: &'static str,
        /// The expected JSON type.
        expected: &'static str,
    },
    /// A required JSON field is absent.
    #[error("missing field {field:?}")]
    MissingField {
        /// The field.
        field: &'static str,
    },
    /// A JSON field has the right type but an unusable value.
    #[error("field {field:?}: {message}")]
    BadField {
        /// The field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// An error in one line of a JSON Lines document.
    #[error("{error}")]
    JsonLine {
        /// The line of the JSON Lines document.
        line: usize,
        /// The error of the article on that line.
        error: Box<ArticleError>,
    },
}

impl ArticleError {
    /// The 1-based line the error is about, when it is about one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ArticleError::NotUtf8 { line }
            | ArticleError::ControlCharacter { line, .. }
            | ArticleError::BadHeader { line, .. }
            | ArticleError::BadDate { line, .. }
            | ArticleError::Json { line, .. }
            | ArticleError::JsonLine { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl Article {
    /// Builds an article from a body and its metadata, computing its id and, when
    /// `lang` is `None`, detecting its language.
    pub fn new(
        text: impl Into<String>,
        date: Option<PartialDate>,
        source: Option<String>,
        title: Option<String>,
        lang: Option<Lang>,
    ) -> Self {
        let text = text.into();
        let lang = lang.unwrap_or_else(|| detect_language(&text));
        let id = article_id(&text, source.as_deref());
        Self {
            id,
            text,
            date,
            source,
            title,
            lang,
        }
    }
}

/// The stable id of an article: UUIDv5 over the NFC body with whitespace runs
/// collapsed (so re-wrapped copies of one text get one id), plus the source.
pub fn article_id(text: &str, source: Option<&str>) -> Uuid {
    let nfc: String = text.nfc().collect();
    let mut normalised = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(source) = source {
        normalised.push('\n');
        normalised.push_str(source.trim());
    }
    Uuid::new_v5(&NAMESPACE, normalised.as_bytes())
}

const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "des", "est", "une", "dans", "pour", "que", "qui", "avec", "sur", "du",
    "au", "et", "un",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "that", "with", "on", "a", "by", "were",
];

/// Guesses French or English by counting frequent function words of each.
///
/// Ties (including text with none of them) go to French when the text has
/// French accents, else to English.
pub fn detect_language(text: &str) -> Lang {
    let (mut french, mut english) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        french += usize::from(FRENCH_WORDS.contains(&word.as_str()));
        english += usize::from(ENGLISH_WORDS.contains(&word.as_str()));
    }
    match french.cmp(&english) {
        std::cmp::Ordering::Greater => Lang::Fr,
        std::cmp::Ordering::Less => Lang::En,
        std::cmp::Ordering::Equal if text.contains(['é', 'è', 'à', 'ç', 'ê']) => Lang::Fr,
        std::cmp::Ordering::Equal => Lang::En,
    }
}

/// Parses bytes: refuses binary and invalid UTF-8, strips a BOM, then parses
/// JSON (when the first non-blank character is `{`) or text.
pub fn parse_bytes(bytes: &[u8]) -> Result<Article, ArticleError> {
    let text = decode(bytes)?;
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        parse_text(text)
    }
}

/// Parses bytes that must be a JSON article (a `.json` file): refuses binary and
/// invalid UTF-8, strips a BOM, then parses JSON whatever the first character.
pub fn parse_json_bytes(bytes: &[u8]) -> Result<Article, ArticleError> {
    parse_json(decode(bytes)?)
}

/// The text of an article's bytes: at most [`MAX_ARTICLE_BYTES`], no NUL, UTF-8, no BOM.
fn decode(bytes: &[u8]) -> Result<&str, ArticleError> {
    check_size(bytes.len())?;
    if bytes.contains(&0) {
        return Err(ArticleError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|error| ArticleError::NotUtf8 {
        line: line_of_byte(bytes, error.valid_up_to()),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn check_size(bytes: usize) -> Result<(), ArticleError> {
    if bytes > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            bytes,
            max: MAX_ARTICLE_BYTES,
        });
    }
    Ok(())
}

fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Refuses NUL bytes and control characters other than `\t`, `\n` and `\r`.
fn check_characters(text: &str) -> Result<(), ArticleError> {
    if text.contains('\0') {
        return Err(ArticleError::Binary);
    }
    for (index, line) in text.split('\n').enumerate() {
        if let Some(c) = line
            .chars()
            .find(|&c| c.is_control() && c != '\t' && c != '\r')
        {
            return Err(ArticleError::ControlCharacter {
                line: index + 1,
                code: u32::from(c),
            });
        }
    }
    Ok(())
}

/// The header keys a text article may open with.
#[derive(Clone, Copy)]
enum HeaderKey {
    Date,
    Source,
    Title,
    Lang,
}

impl HeaderKey {
    fn parse(word: &str) -> Option<Self> {
        Some(match word.to_ascii_lowercase().as_str() {
            "date" => HeaderKey::Date,
            "source" => HeaderKey::Source,
            "title" => HeaderKey::Title,
            "lang" => HeaderKey::Lang,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            HeaderKey::Date => "date",
            HeaderKey::Source => "source",
            HeaderKey::Title => "title",
            HeaderKey::Lang => "lang",
        }
    }
}

/// Splits off the first whitespace-separated word: `(word, rest)`.
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    match text.find(char::is_whitespace) {
        Some(end) => (&text[..end], &text[end..]),
        None => (text, ""),
    }
}

/// Parses a text article: optional header lines, then the body.
///
/// CRLF line endings are read as LF, so that offsets into the body do not
/// depend on the platform the file was written on.
pub fn parse_text(input: &str) -> Result<Article, ArticleError> {
    check_size(input.len())?;
    check_characters(input)?;
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let input = if input.contains('\r') {
        std::borrow::Cow::Owned(input.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(input)
    };
    let (mut date, mut source, mut title, mut lang) = (None, None, None, None);
    let mut offset = 0; // byte offset of the first line not consumed by headers
    let mut body_start = None;
    for (index, line) in input.split_inclusive('\n').enumerate() {
        let line_number = index + 1;
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            offset += line.len();
            continue;
        }
        let (word, rest) = split_word(content);
        let Some(key) = HeaderKey::parse(word) else {
            body_start = Some(offset);
            break;
        };
        let bad = |message: &str| ArticleError::BadHeader {
            line: line_number,
            key: key.name(),
            message: message.to_owned(),
        };
        let (value, rest) = match key {
            // A title runs to the end of its line.
            HeaderKey::Title => (rest.trim(), ""),
            _ => split_word(rest),
        };
        if value.is_empty() {
            return Err(bad("missing value"));
        }
        let duplicate = match key {
            HeaderKey::Date => date.is_some(),
            HeaderKey::Source => source.is_some(),
            HeaderKey::Title => title.is_some(),
            HeaderKey::Lang => lang.is_some(),
        };
        if duplicate {
            return Err(bad("given twice"));
        }
        match key {
            HeaderKey::Date => {
                date = Some(
                    value
                        .parse::<PartialDate>()
                        .map_err(|_| ArticleError::BadDate {
                            line: line_number,
                            value: value.to_owned(),
                        })?,
                )
            }
            HeaderKey::Source => source = Some(value.to_owned()),
            HeaderKey::Title => title = Some(value.to_owned()),
            HeaderKey::Lang => {
                lang = Some(Lang::from_code(value).ok_or_else(|| {
                    bad(&format!("unknown language {value:?}: expected fr or en"))
                })?)
            }
        }
        if !rest.trim().is_empty() {
            // The body starts on the header line itself (wire copy does this).
            body_start = Some(offset + content.len() - rest.trim_start().len());
            break;
        }
        offset += line.len();
    }
    let body = body_start.map_or("", |start| input[start..].trim());
    if body.is_empty() {
        return Err(ArticleError::Empty);
    }
    Ok(Article::new(body, date, source, title, lang))
}

/// Reads an optional string field of a JSON object.
fn optional_string<'a>(
    object: &'a serde_json::Map<String, serde_json::Value>,
    field: &'static str,
) -> Result<Option<&'a str>, ArticleError> {
    match object.get(field) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(value)) => Ok(Some(value)),
        Some(_) => Err(ArticleError::WrongType {
            field,
            expected: "a string",
        }),
    }
}

/// Parses a JSON article: `{"text", "date", "source", "title", "lang"}`; only `text` is required.
pub fn parse_json(input: &str) -> Result<Article, ArticleError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    // JSON escapes make the text shorter than its document: the document bounds it.
    check_size(input.len())?;
    let value: serde_json::Value =
        serde_json::from_str(input).map_err(|error| ArticleError::Json {
            line: error.line().max(1),
            message: error.to_string(),
        })?;
    let serde_json::Value::Object(object) = value else {
        return Err(ArticleError::WrongType {
            field: "(root)",
            expected: "an object",
        });
    };
    let text =
        optional_string(&object, "text")?.ok_or(ArticleError::MissingField { field: "text" })?;
    check_characters(text).map_err(|error| match error {
        ArticleError::ControlCharacter { code, .. } => ArticleError::BadField {
            field: "text",
            message: format!("control character U+{code:04X}"),
        },
        other => other,
    })?;
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(ArticleError::Empty);
    }
    let date = optional_string(&object, "date")?
        .map(|value| {
            value
                .parse::<PartialDate>()
                .map_err(|error| ArticleError::BadField {
                    field: "date",
                    message: error.to_string(),
                })
        })
        .transpose()?;
    let non_empty = |value: Option<&str>| {
        value
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let source = non_empty(optional_string(&object, "source")?);
    let title = non_empty(optional_string(&object, "title")?);
    let lang = optional_string(&object, "lang")?
        .map(|code| {
            Lang::from_code(code).ok_or_else(|| ArticleError::BadField {
                field: "lang",
                message: format!("unknown language {code:?}: expected fr or en"),
            })
        })
        .transpose()?;
    Ok(Article::new(text, date, source, title, lang))
}

/// Parses JSON Lines: one JSON article per non-blank line. Each error is a
/// [`ArticleError::JsonLine`] naming its line, so one bad line spoils only itself.
pub fn parse_json_lines(input: &str) -> Vec<Result<Article, ArticleError>> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    input
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            parse_json(line).map_err(|error| ArticleError::JsonLine {
                line: index + 1,
                error: Box::new(error),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_the_v5_of_the_project_iri() {
        // The constant is written out so that it is usable in const context; check it.
        assert_eq!(
            NAMESPACE,
            Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://w3id.org/actorgraph/")
        );
    }

    #[test]
    fn header_and_body_on_the_same_line() {
        let article =
            parse_text(" date 2024-07 Les affrontements opposant l'armée.\n\nSuite.\n").unwrap();
        assert_eq!(article.date, Some(PartialDate::month(2024, 7).unwrap()));
        assert_eq!(
            article.text,
            "Les affrontements opposant l'armée.\n\nSuite."
        );
        assert_eq!(article.lang, Lang::Fr);
    }

    #[test]
    fn the_seed_loads() {
        let seed = include_str!("../seeds/000_c4c148fc28c04675.txt");
        let article = parse_text(seed).unwrap();
        assert_eq!(article.date.unwrap().to_string(), "2024-07");
        assert!(article.text.starts_with("Les affrontements"));
        assert_eq!(article.lang, Lang::Fr);
        assert_eq!(parse_bytes(seed.as_bytes()).unwrap(), article);
    }

    #[test]
    fn each_header() {
        let article = parse_text(
            "Date 2024-07-27\nsource https://example.org/a\n  TITLE Un titre long\nlang en\n\nThe body.\n\nSecond paragraph.",
        )
        .unwrap();
        assert_eq!(article.date.unwrap().to_string(), "2024-07-27");
        assert_eq!(article.source.as_deref(), Some("https://example.org/a"));
        assert_eq!(article.title.as_deref(), Some("Un titre long"));
        assert_eq!(article.lang, Lang::En);
        assert_eq!(article.text, "The body.\n\nSecond paragraph.");
    }

    #[test]
    fn bad_headers() {
        assert_eq!(
            parse_text("date 2024-13 Le texte").unwrap_err(),
            ArticleError::BadDate {
                line: 1,
                value: "2024-13".into()
            }
        );
        assert_eq!(
            parse_text("\ndate hier\nLe texte").unwrap_err(),
            ArticleError::BadDate {
                line: 2,
                value: "hier".into()
            }
        );
        assert!(matches!(
            parse_text("lang de\nText").unwrap_err(),
            ArticleError::BadHeader {
                line: 1,
                key: "lang",
                ..
            }
        ));
        assert!(matches!(
            parse_text("date 2024\ndate 2023\nText").unwrap_err(),
            ArticleError::BadHeader {
                line: 2,
                key: "date",
                ..
            }
        ));
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(parse_text("").unwrap_err(), ArticleError::Empty);
        assert_eq!(parse_text(" \n\n\t\n").unwrap_err(), ArticleError::Empty);
        assert_eq!(
            parse_text("date 2024\ntitle T\n\n").unwrap_err(),
            ArticleError::Empty
        );
        assert_eq!(parse_bytes(b"").unwrap_err(), ArticleError::Empty);
    }

    #[test]
    fn crlf_and_bom() {
        let article =
            parse_bytes("\u{feff}date 2024\r\n\r\nLe texte.\r\n\r\nLa suite.\r\n".as_bytes())
                .unwrap();
        assert_eq!(article.text, "Le texte.\n\nLa suite.");
        assert_eq!(article.date, Some(PartialDate::year(2024)));
    }

    #[test]
    fn binary_and_encoding() {
        assert_eq!(parse_bytes(b"abc\0def").unwrap_err(), ArticleError::Binary);
        assert_eq!(
            parse_bytes(b"line one\nline \xff two").unwrap_err(),
            ArticleError::NotUtf8 { line: 2 }
        );
        assert_eq!(
            parse_text("ok\nbell \u{7} here").unwrap_err(),
            ArticleError::ControlCharacter { line: 2, code: 7 }
        );
    }

    #[test]
    fn json() {
        let article = parse_json(
            r#"{"text": " The army said. ", "date": "2024-07", "source": "https://x.org", "lang": "en"}"#,
        )
        .unwrap();
        assert_eq!(article.text, "The army said.");
        assert_eq!(article.lang, Lang::En);
        assert_eq!(
            parse_bytes(br#"  {"text": "Le texte"}"#).unwrap().text,
            "Le texte"
        );
        assert_eq!(
            parse_json(r#"{"text": 3}"#).unwrap_err(),
            ArticleError::WrongType {
                field: "text",
                expected: "a string"
            }
        );
        assert_eq!(
            parse_json(r#"{"text": "t", "date": 2024}"#).unwrap_err(),
            ArticleError::WrongType {
                field: "date",
                expected: "a string"
            }
        );
        assert_eq!(
            parse_json(r#"{"title": "t"}"#).unwrap_err(),
            ArticleError::MissingField { field: "text" }
        );
        assert!(matches!(
            parse_json(r#"["t"]"#).unwrap_err(),
            ArticleError::WrongType {
                field: "(root)",
                ..
            }
        ));
        assert!(matches!(
            parse_json("{\n\"text\": }").unwrap_err(),
            ArticleError::Json { line: 2, .. }
        ));
        assert!(matches!(
            parse_json(r#"{"text": "t", "date": "July"}"#).unwrap_err(),
            ArticleError::BadField { field: "date", .. }
        ));
    }

    #[test]
    fn json_lines_report_their_line() {
        let results =
            parse_json_lines("{\"text\": \"one\"}\n\n{\"text\": 1}\n{\"text\": \"three\"}\n");
        assert_eq!(results.len(), 3);
        assert!(results[0].is_ok() && results[2].is_ok());
        let error = results[1].as_ref().unwrap_err();
        assert_eq!(error.line(), Some(3));
        assert_eq!(error.to_string(), "field \"text\" must be a string");
    }

    #[test]
    fn ids_are_stable() {
        let a = parse_text("Le  texte\n de l'article.").unwrap();
        let b = parse_text("date 2024\n\nLe texte de   l'article.\n").unwrap();
        assert_eq!(a.id, b.id);
        let c = parse_text("source https://a.org\nLe texte de l'article.").unwrap();
        let d = parse_text("source https://b.org\nLe texte de l'article.").unwrap();
        assert_ne!(a.id, c.id);
        assert_ne!(c.id, d.id);
        // NFC: a decomposed é gives the same id as a composed one.
        assert_eq!(article_id("arme\u{301}e", None), article_id("armée", None));
    }

    #[test]
    fn language_detection() {
        assert_eq!(
            detect_language("Les combats sont dans la ville avec les rebelles."),
            Lang::Fr
        );
        assert_eq!(
            detect_language("The army said that fighting was in the north of the country."),
            Lang::En
        );
        assert_eq!(detect_language("Kidal, Tinzaouatène"), Lang::Fr);
        assert_eq!(detect_language("Kidal"), Lang::En);
    }
}
