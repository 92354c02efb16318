//! `/api/articles`: list, read (text, metadata, facts, mentions with offsets),
//! post (text or JSON; idempotent) and delete articles. Writes need the bearer token.

use super::actors::PageQuery;
use super::dto::{self, ClaimDto, EventSummary, Link, Names};
use super::jsonld::respond;
use super::problem::Problem;
use super::queries::{self, Scope, ACTOR_CLASSES};
use super::{blocking, checked_id, Page, Params};
use crate::api::facts::FactsDto;
use crate::api::{auth, AppState};
use crate::article::{self, Article, ArticleError};
use crate::store::KgStore;
use crate::IngestError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// An article in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSummary {
    /// Short id (a UUID derived from the text and source).
    pub id: String,
    /// The full IRI (also the name of its graph).
    pub iri: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Where it came from (usually a URL).
    pub source: Option<String>,
    /// Its language (`fr`, `en`).
    pub lang: Option<String>,
}

/// A page of articles.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePage {
    /// The articles, newest first.
    pub items: Vec<ArticleSummary>,
    /// The cursor of the next page, or null on the last one.
    pub next: Option<String>,
}

/// A mention of an actor or a place, for highlighting.
#[derive(Debug, Serialize, ToSchema)]
pub struct MentionDto {
    /// Offset of its first character in `text`, counted in Unicode code points.
    pub start: u64,
    /// Offset just after its last character.
    pub end: u64,
    /// The words as written.
    pub text: String,
    /// What it refers to.
    pub entity: Link,
    /// `actor`, `place` or `country` (a country is both).
    pub kind: String,
}

/// An actor named in an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorRef {
    /// The actor.
    #[serde(flatten)]
    pub link: Link,
    /// Its class.
    #[serde(rename = "type")]
    pub kind: String,
}

/// A relation stated in an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleRelation {
    /// Who.
    pub subject: Link,
    /// `allyOf`, `opposes`, `memberOf`, `leads`, …, `locatedIn`.
    pub predicate: String,
    /// With whom (or where).
    pub object: Link,
    /// The words that state it.
    pub evidence: Option<String>,
    /// Since when it holds, when stated.
    pub since: Option<String>,
    /// Until when it held, when stated.
    pub until: Option<String>,
    /// Those the supporting sentence is attributed to.
    pub claimed_by: Vec<Link>,
}

/// What was read in an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleFacts {
    /// The actors it names (countries acting included).
    pub actors: Vec<ActorRef>,
    /// The places it names.
    pub places: Vec<Link>,
    /// Its events.
    pub events: Vec<EventSummary>,
    /// The relations it states.
    pub relations: Vec<ArticleRelation>,
    /// Its claims.
    pub claims: Vec<ClaimDto>,
    /// Every mention, in text order, with offsets into `text`.
    pub mentions: Vec<MentionDto>,
}

/// One article with its facts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleDetail {
    /// Short id.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Where it came from.
    pub source: Option<String>,
    /// Its language.
    pub lang: Option<String>,
    /// The body; mention offsets refer to it.
    pub text: String,
    /// What was read in it.
    pub facts: ArticleFacts,
}

/// The JSON form of a new article (the text form is the body with optional header lines:
/// `date 2024-07`, `source URL`, `title …`, `lang fr`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // Describes the body for the OpenAPI document; `article::parse_json` reads it.
pub struct ArticleInput {
    /// The body.
    #[schema(min_length = 1)]
    text: String,
    /// Its date.
    #[schema(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    date: Option<String>,
    /// Where it came from.
    source: Option<String>,
    /// Its title.
    title: Option<String>,
    /// Its language (detected when absent).
    #[schema(inline)]
    lang: Option<Language>,
}

/// The languages articles may be in.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Only describes the body.
pub enum Language {
    /// French.
    Fr,
    /// English.
    En,
}

fn summary(record: queries::ArticleRecord) -> ArticleSummary {
    ArticleSummary {
        id: queries::local_id(&record.iri),
        iri: record.iri,
        title: record.title,
        date: record.date,
        source: record.source,
        lang: record.lang,
    }
}

/// Reads an article's graph back into its DTO; `None` when there is no such article.
fn detail(store: &KgStore, iri: &str) -> Result<Option<ArticleDetail>, Problem> {
    let Some(record) = queries::articles(store, Some(iri))?.into_iter().next() else {
        return Ok(None);
    };
    let text = queries::article_text(store, iri)?.unwrap_or_default();
    let mentions = queries::mentions(store, iri)?;
    let mentioned = queries::mentioned(store, iri)?;
    let events = queries::events(store, &Scope::Article(iri.to_owned()))?;
    let relations = queries::stated_relations(store, &Scope::Article(iri.to_owned()))?;
    let claims = queries::claims(store, &Scope::Article(iri.to_owned()))?;
    let classes = queries::classes_of(store, &mentioned)?;
    let names = Names::fetch(
        store,
        mentioned
            .iter()
            .chain(events.iter().flat_map(dto::event_iris))
            .chain(relations.iter().flat_map(|r| {
                [&r.subject, &r.object]
                    .into_iter()
                    .chain(r.claimed_by.iter())
            }))
            .chain(claims.iter().filter_map(|c| c.source.as_ref())),
    )?;
    let has = |iri: &str, wanted: &dyn Fn(&str) -> bool| {
        classes
            .get(iri)
            .is_some_and(|classes| classes.iter().any(|class| wanted(class)))
    };
    let is_actor = |iri: &str| has(iri, &|class| ACTOR_CLASSES.contains(&class));
    let is_place = |iri: &str| has(iri, &|class| class == "Place" || class == "Country");
    let kind = |iri: &str| {
        if has(iri, &|class| class == "Country") {
            "country"
        } else if is_actor(iri) {
            "actor"
        } else {
            "place"
        }
    };
    let actor_type = |iri: &str| {
        ACTOR_CLASSES
            .iter()
            .find(|class| has(iri, &|c| c == **class))
            .map_or("Actor", |class| class)
            .to_owned()
    };
    let facts = ArticleFacts {
        actors: mentioned
            .iter()
            .filter(|iri| is_actor(iri))
            .map(|iri| ActorRef {
                link: names.link(iri),
                kind: actor_type(iri),
            })
            .collect(),
        places: mentioned
            .iter()
            .filter(|iri| is_place(iri))
            .map(|iri| names.link(iri))
            .collect(),
        events: events
            .iter()
            .map(|event| dto::event_summary(event, &names))
            .collect(),
        relations: relations
            .iter()
            .map(|relation| ArticleRelation {
                subject: names.link(&relation.subject),
                predicate: relation.predicate.clone(),
                object: names.link(&relation.object),
                evidence: relation.evidence_text.clone(),
                since: relation.since.clone(),
                until: relation.until.clone(),
                claimed_by: relation
                    .claimed_by
                    .iter()
                    .map(|iri| names.link(iri))
                    .collect(),
            })
            .collect(),
        claims: claims
            .iter()
            .map(|claim| dto::claim(claim, &names))
            .collect(),
        mentions: mentions
            .into_iter()
            .map(|mention| MentionDto {
                kind: kind(&mention.entity).to_owned(),
                entity: names.link(&mention.entity),
                start: mention.start,
                end: mention.end,
                text: mention.text,
            })
            .collect(),
    };
    let summary = summary(record);
    Ok(Some(ArticleDetail {
        id: summary.id,
        iri: summary.iri,
        title: summary.title,
        date: summary.date,
        source: summary.source,
        lang: summary.lang,
        text,
        facts,
    }))
}

/// The article IRI of an id (a UUID), or 404.
fn article_iri(id: &str) -> Result<oxigraph::model::NamedNode, Problem> {
    let not_found = || Problem::not_found(format!("no article with id {id:?}"));
    checked_id("article", id).map_err(|_| not_found())?;
    let uuid = uuid::Uuid::parse_str(id).map_err(|_| not_found())?;
    Ok(crate::rdf::article_iri(&uuid))
}

/// List articles, newest first.
#[utoipa::path(get, path = "/api/articles", tag = "articles", params(PageQuery),
    responses(
        (status = 200, description = "Articles, newest first", content(
            (ArticlePage = "application/json"), (ArticlePage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(query): Params<PageQuery>,
) -> Result<Response, Problem> {
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    let body = blocking(&state, move |store| {
        let (items, next) = page.slice(queries::articles(store, None)?);
        Ok(ArticlePage {
            items: items.into_iter().map(summary).collect(),
            next,
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

/// One article: text, date, source, facts, and each mention with its offsets.
#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "The article's id (a UUID)",
        example = "7dec51be-f292-57b9-b242-8c85e5933be6")),
    responses(
        (status = 200, description = "The article", content(
            (ArticleDetail = "application/json"), (ArticleDetail = "application/ld+json"))),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let iri = article_iri(&id)?;
    let body = blocking(&state, move |store| {
        detail(store, iri.as_str())?
            .ok_or_else(|| Problem::not_found(format!("no article with id {id:?}")))
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

fn refused(error: ArticleError) -> Problem {
    if matches!(error, ArticleError::TooLarge { .. }) {
        return Problem::new(StatusCode::PAYLOAD_TOO_LARGE, error.to_string());
    }
    match error.line() {
        Some(line) => Problem::bad_request(format!("line {line}: {error}")),
        None => Problem::bad_request(error.to_string()),
    }
}

/// Holds `date` and `lang` to the documented patterns, which the article parser
/// (lenient with spaces and case, for files) would stretch.
fn check_json_fields(text: &str) -> Result<(), Problem> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_str(text) else {
        return Ok(()); // the parser says what is wrong
    };
    if let Some(serde_json::Value::String(date)) = fields.get("date") {
        super::date_param("date", Some(date))?;
    }
    if let Some(serde_json::Value::String(lang)) = fields.get("lang") {
        if lang != "fr" && lang != "en" {
            return Err(Problem::bad_request(format!(
                "field \"lang\" must be \"fr\" or \"en\", not {lang:?}"
            )));
        }
    }
    Ok(())
}

/// Parses a posted body by its media type: JSON, or text with header lines.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<Article, Problem> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_else(|| "text/plain".to_owned());
    if media_type == "application/json" {
        let text = std::str::from_utf8(body)
            .map_err(|_| Problem::bad_request("the body is not valid utf-8"))?;
        check_json_fields(text)?;
        article::parse_json(text).map_err(refused)
    } else if media_type.starts_with("text/") {
        article::parse_bytes(body).map_err(refused)
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("cannot read {media_type}: send text/plain (the article format) or application/json"),
        ))
    }
}

/// Add an article: 201 with its facts, or 200 with the same id when it is already stored
/// (then nothing changes).
#[utoipa::path(post, path = "/api/articles", tag = "articles",
    request_body(description = "The article: text with optional header lines, or JSON", content(
        (String = "text/plain", example = "date 2024-07\nLes FAMa et Wagner ont repris Kidal."),
        (ArticleInput = "application/json"))),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored; its facts", body = ArticleDetail,
            headers(("location" = String, description = "The article's URL"))),
        (status = 200, description = "Already stored: unchanged", body = ArticleDetail),
        (status = 400, description = "An unusable article", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or wrong bearer token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The server is read-only (no write token)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A media type other than text or JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    auth::require_write(&state.config, &headers)?;
    let article = parse_body(&headers, &body?)?;
    let knowledge = state.knowledge.clone();
    let (status, body) = blocking(&state, move |store| {
        let iri = crate::rdf::article_iri(&article.id);
        let status = if store.contains_article(&iri)? {
            StatusCode::OK
        } else {
            crate::ingest(store, &knowledge, &article).map_err(|error| match error {
                IngestError::Article(error) => refused(error),
                IngestError::Store(error) => Problem::from(error),
            })?;
            StatusCode::CREATED
        };
        let body = detail(store, iri.as_str())?
            .ok_or_else(|| Problem::not_found("the article vanished while being stored"))?;
        Ok((status, body))
    })
    .await?;
    let mut response = respond(&headers, status, &body);
    if let Ok(location) = HeaderValue::from_str(&format!("/api/articles/{}", body.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// Read an article without storing it: the facts the extractor finds, in the shape
/// `actorgraph extract --json` prints. Writes nothing, so it needs no token.
#[utoipa::path(post, path = "/api/extract", tag = "articles",
    request_body(description = "The article: text with optional header lines, or JSON", content(
        (String = "text/plain", example = "date 2024-07\nLes FAMa et Wagner ont repris Kidal."),
        (ArticleInput = "application/json"))),
    responses(
        (status = 200, description = "What would be read from it", body = FactsDto),
        (status = 400, description = "An unusable article", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "A media type other than text or JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn extract(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    let article = parse_body(&headers, &body?)?;
    let knowledge = state.knowledge.clone();
    // Extraction is CPU-bound: off the async threads, in one of the operation slots
    // and under the timeout, like the store's work (it needs no token, so it is bounded).
    let facts = super::blocking(&state, move |_| {
        let facts = crate::extract::extract(&article, &knowledge);
        Ok(FactsDto::new(&article, &facts))
    })
    .await?;
    Ok(axum::Json(facts).into_response())
}

/// Remove an article and everything read from it.
#[utoipa::path(delete, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "The article's id (a UUID)")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Missing or wrong bearer token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The server is read-only (no write token)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    auth::require_write(&state.config, &headers)?;
    let iri = article_iri(&id)?;
    blocking(&state, move |store| {
        if store.remove_article(&iri)? {
            Ok(StatusCode::NO_CONTENT.into_response())
        } else {
            Err(Problem::not_found(format!("no article with id {id:?}")))
        }
    })
    .await
}
