//! Articles: the input model and its parsers (text with header lines, JSON, JSON Lines).

use crate::date::PartialDate;
use crate::extract::Lang;
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
