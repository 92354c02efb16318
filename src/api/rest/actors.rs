//! `/api/actors`: search, details, relations and events of actors (armed forces,
//! armed groups, coalitions, governments, people, organisations, countries).

use super::dto::{self, EventSummary, LabelDto, Link, Names};
use super::jsonld::respond;
use super::memo::Computed;
use super::problem::Problem;
use super::queries::{self, EntityRecord, Scope, ACTOR_CLASSES};
use super::relations::{self, ActorRelations, Derived, Edge, RelationDto};
use super::{blocking, checked_id, date_param, overlaps, search, Page, Params};
use crate::api::AppState;
use crate::store::{Dependencies, KgStore};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};

/// Search parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActorQuery {
    /// Words of a name or alias, in any case, with or without accents ("wagner", "armee malienne").
    q: Option<String>,
    /// Only actors of this class.
    #[serde(rename = "type")]
    #[param(rename = "type", inline)]
    kind: Option<ActorType>,
    /// Page size.
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u32>,
    /// The `next` value of the previous page.
    #[param(pattern = "^o[0-9]{1,12}$")]
    cursor: Option<String>,
}

/// The classes of actors.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub enum ActorType {
    /// Regular armed forces of a state.
    StateArmedForce,
    /// A non-state armed group.
    ArmedGroup,
    /// An alliance of groups or states.
    Coalition,
    /// An executive power.
    Government,
    /// A named individual.
    Person,
    /// A civilian or intergovernmental organisation.
    Organisation,
    /// A country acting as an actor.
    Country,
}

/// An actor in search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorSummary {
    /// Short id: the IRI's local part.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
    /// Its class.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// How often articles mention it.
    pub mentions: u64,
    /// How many articles mention it.
    pub articles: u64,
}

/// A page of actors.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorPage {
    /// The actors, best match first.
    pub items: Vec<ActorSummary>,
    /// The cursor of the next page, or null on the last one.
    pub next: Option<String>,
}

/// Everything known about one actor.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorDetail {
    /// Short id.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
    /// Its class.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its names, by language.
    pub labels: Vec<LabelDto>,
    /// Other names.
    pub aliases: Vec<String>,
    /// What the gazetteer says of it.
    pub description: Option<String>,
    /// Its Wikidata item.
    pub wikidata: Option<String>,
    /// Its country.
    pub country: Option<Link>,
    /// Since when it exists, per the gazetteer.
    pub valid_from: Option<String>,
    /// Until when it existed, per the gazetteer.
    pub valid_until: Option<String>,
    /// How many articles mention it.
    pub articles: u64,
    /// How often articles mention it.
    pub mentions: u64,
    /// In how many events it takes part.
    pub events: u64,
    /// The date of the earliest article that mentions it.
    pub first_seen: Option<String>,
    /// The date of the latest article that mentions it.
    pub last_seen: Option<String>,
}

/// An actor's relations, one page of them: the best supported first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RelationPage {
    /// The actor asked about.
    pub actor: Link,
    /// Its relations on this page, by number of evidence entries (most first), then by
    /// predicate and the other actor's id.
    pub items: Vec<RelationDto>,
    /// How many relations match the filters, on every page.
    pub total: usize,
    /// The `cursor` of the next page, when there is one.
    pub next: Option<String>,
}

/// Relation filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RelationQuery {
    /// Only this relation.
    #[param(inline)]
    predicate: Option<Predicate>,
    /// Only relations holding on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[param(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    since: Option<String>,
    /// Only relations holding on or before this date.
    #[param(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    until: Option<String>,
    /// At most this many evidence entries per relation, the newest (default 10, at
    /// most 1000): a relation read from thousands of articles stays a short answer.
    /// `evidence_count` tells how many there are in all.
    #[param(minimum = 0, maximum = 1000, default = 10)]
    evidence: Option<u32>,
    /// Only relations with this actor (its id).
    with: Option<String>,
    /// Relations per page (1 to 500, default 50).
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u32>,
    /// The `next` value of the previous page.
    cursor: Option<String>,
}

/// Evidence entries per relation when the request does not say.
const DEFAULT_EVIDENCE: u32 = 10;
/// The most evidence entries per relation a request may ask for.
const MAX_EVIDENCE: u32 = 1000;

/// The relations between actors.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum Predicate {
    /// Allied (symmetric).
    AllyOf,
    /// Opposed (symmetric).
    Opposes,
    /// A member of a group or coalition.
    MemberOf,
    /// Leads a group or a state body.
    Leads,
    /// Linked to, without membership.
    AffiliatedWith,
    /// Ended an alliance with.
    BrokeAllianceWith,
    /// Was replaced by.
    SucceededBy,
    /// A country's armed forces.
    ArmedForces,
    /// A country's government.
    Government,
}

impl Predicate {
    fn name(self) -> &'static str {
        match self {
            Predicate::AllyOf => "allyOf",
            Predicate::Opposes => "opposes",
            Predicate::MemberOf => "memberOf",
            Predicate::Leads => "leads",
            Predicate::AffiliatedWith => "affiliatedWith",
            Predicate::BrokeAllianceWith => "brokeAllianceWith",
            Predicate::SucceededBy => "succeededBy",
            Predicate::ArmedForces => "armedForces",
            Predicate::Government => "government",
        }
    }
}

/// Page parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size.
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub(super) limit: Option<u32>,
    /// The `next` value of the previous page.
    #[param(pattern = "^o[0-9]{1,12}$")]
    pub(super) cursor: Option<String>,
}

/// A page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventPage {
    /// The events, newest first.
    pub items: Vec<EventSummary>,
    /// The cursor of the next page, or null on the last one.
    pub next: Option<String>,
}

/// The class to show for an actor: its first actor class.
fn actor_type(record: &EntityRecord) -> String {
    ACTOR_CLASSES
        .iter()
        .find(|class| record.classes.iter().any(|c| c == *class))
        .map_or_else(|| "Actor".to_owned(), |class| (*class).to_owned())
}

fn summary(record: EntityRecord) -> ActorSummary {
    ActorSummary {
        id: record.id(),
        name: record.name(),
        kind: actor_type(&record),
        aliases: record.aliases.iter().map(|a| a.value.clone()).collect(),
        mentions: record.mentions,
        articles: record.articles,
        iri: record.iri,
    }
}

/// The actor with this id: `…/actor/{id}`, or a country at `…/place/{id}`.
pub fn find(store: &KgStore, id: &str) -> Result<EntityRecord, Problem> {
    let id = checked_id("actor", id)?;
    for kind in ["actor", "place"] {
        let iri = queries::iri(kind, &id);
        if let Some(record) = queries::entities(store, ACTOR_CLASSES, Some(&[iri.as_str()]))?
            .into_iter()
            .next()
        {
            return Ok(record);
        }
    }
    Err(Problem::not_found(format!("no actor with id {id:?}")))
}

/// Search actors by name or alias.
#[utoipa::path(get, path = "/api/actors", tag = "actors", params(ActorQuery),
    responses(
        (status = 200, description = "Matching actors, best first", content(
            (ActorPage = "application/json"), (ActorPage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(query): Params<ActorQuery>,
) -> Result<Response, Problem> {
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    let kind = query
        .kind
        .map(|kind| format!("{kind:?}"))
        .unwrap_or_default();
    let text = query.q.unwrap_or_default();
    let index = state.actor_search.clone();
    let body = blocking(&state, move |store| {
        let generation = store.generation();
        let entities = index.get(
            generation,
            |since| store.touched_since(since),
            || queries::entities::<&str>(store, ACTOR_CLASSES, None).map(search::index),
            |view, touched| {
                let touched_iris: Vec<&String> = touched.iter().collect();
                let fresh = queries::entities(store, ACTOR_CLASSES, Some(&touched_iris))?;
                Ok::<_, crate::store::StoreError>(view.patched(touched, fresh))
            },
        )?;
        // Ranking orders each record on its own, so filtering by kind after it keeps the order.
        let mut ranked = search::rank_indexed(&text, &entities);
        if !kind.is_empty() {
            ranked.retain(|record| actor_type(record) == kind);
        }
        let (items, next) = page.slice(ranked);
        Ok(ActorPage {
            items: items.into_iter().cloned().map(summary).collect(),
            next,
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

/// One actor: names, type, Wikidata link, counts, first and last seen.
#[utoipa::path(get, path = "/api/actors/{id}", tag = "actors",
    params(("id" = String, Path, description = "The actor's id (`fama`, `wagner`, `ml` for Mali)", example = "fama")),
    responses(
        (status = 200, description = "The actor", content(
            (ActorDetail = "application/json"), (ActorDetail = "application/ld+json"))),
        (status = 404, description = "No such actor", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let body = blocking(&state, move |store| {
        let record = find(store, &id)?;
        let properties = queries::properties(
            store,
            &record.iri,
            &[
                "owl:sameAs",
                "ag:country",
                "rdfs:comment",
                "ag:validFrom",
                "ag:validUntil",
            ],
        )?;
        let value = |suffix: &str| {
            properties
                .iter()
                .find(|(predicate, _)| predicate.ends_with(suffix))
                .map(|(_, value)| value.clone())
        };
        let wikidata = properties
            .iter()
            .find(|(p, v)| p.ends_with("#sameAs") && v.starts_with("http://www.wikidata.org/"))
            .map(|(_, v)| v.clone());
        let country = value("#country");
        let names = Names::fetch(store, country.iter())?;
        let articles = queries::mentioning_articles(store, &record.iri)?;
        let dates = articles.iter().filter_map(|(_, date)| date.clone());
        let events = queries::events(store, &Scope::Actor(record.iri.clone()))?;
        Ok(ActorDetail {
            id: record.id(),
            iri: record.iri.clone(),
            name: record.name(),
            kind: actor_type(&record),
            labels: record.labels.iter().map(LabelDto::from).collect(),
            aliases: record.aliases.iter().map(|a| a.value.clone()).collect(),
            description: value("#comment"),
            wikidata,
            country: country.map(|iri| names.link(&iri)),
            valid_from: value("#validFrom"),
            valid_until: value("#validUntil"),
            articles: articles.len() as u64,
            mentions: record.mentions,
            events: events.len() as u64,
            first_seen: dates.clone().min(),
            last_seen: dates.max(),
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

/// An actor's relations: stated in articles or the gazetteer, and derived from events.
#[utoipa::path(get, path = "/api/actors/{id}/relations", tag = "actors",
    params(("id" = String, Path, description = "The actor's id", example = "wagner"), RelationQuery),
    responses(
        (status = 200, description = "Its relations", content(
            (RelationPage = "application/json"), (RelationPage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such actor", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn relations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(query): Params<RelationQuery>,
) -> Result<Response, Problem> {
    let predicate = query.predicate.map(Predicate::name);
    let since = date_param("since", query.since.as_deref())?;
    let until = date_param("until", query.until.as_deref())?;
    let evidence = query.evidence.unwrap_or(DEFAULT_EVIDENCE);
    if evidence > MAX_EVIDENCE {
        return Err(Problem::bad_request(format!(
            "evidence must be at most {MAX_EVIDENCE}, not {evidence}"
        )));
    }
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    // Pages as sent are kept per store generation (see `memo`): a repeated request
    // costs a lookup. The generation is read before any work starts.
    let generation = state.store.generation();
    let key = format!(
        "{id}\n{predicate:?}\n{since:?}\n{until:?}\n{evidence}\n{:?}\n{}\n{}\n{}",
        query.with,
        page.offset,
        page.limit,
        super::jsonld::wants_jsonld(&headers)
    );
    let untouched = {
        let store = state.store.clone();
        move |since: u64, dependencies: &Dependencies| store.untouched_since(since, dependencies)
    };
    if let Some((page, _)) = state.relation_pages.get(generation, &key, &untouched) {
        return Ok(page.to_response());
    }
    // Every relation of the actor, computed once per generation (concurrent requests
    // wait for one computation, kept even if they time out): it reads all the actor's
    // relations and events, which other pages and filters then share.
    let lists = state.relation_lists.clone();
    let (all, dependencies) = blocking(&state, {
        let id = id.clone();
        move |store| {
            let untouched = |since: u64, dependencies: &Dependencies| {
                store.untouched_since(since, dependencies)
            };
            lists.get_or_compute(
                generation,
                &id,
                untouched,
                |stale, since| refreshed_relations(store, stale, since),
                || actor_relations(store, &id),
            )
        }
    })
    .await?;
    // Already in page order (see `actor_relations`): filtering keeps it.
    let items: Vec<&RelationDto> = all
        .items
        .iter()
        .filter(|item| {
            predicate.is_none_or(|p| item.predicate == p)
                && query
                    .with
                    .as_ref()
                    .is_none_or(|with| &item.actor.id == with)
                && in_window(item, since, until)
        })
        .collect();
    let total = items.len();
    let (items, next) = page.slice(items);
    let body = RelationPage {
        actor: all.actor.clone(),
        items: items
            .into_iter()
            .map(|item| item.with_newest_evidence(evidence as usize))
            .collect(),
        total,
        next,
    };
    // Kept as rendered: serialising a page again at every request would cost more
    // than the lookup saves.
    let page = super::Rendered::from_response(respond(&headers, StatusCode::OK, &body)).await?;
    let response = page.to_response();
    let weight = page.body.len();
    // A page depends on what its list was read from.
    state.relation_pages.insert(
        generation,
        key,
        std::sync::Arc::new(page),
        dependencies,
        weight,
    );
    Ok(response)
}

/// Every relation of the actor `id`: see [`relation_list`].
fn actor_relations(store: &KgStore, id: &str) -> Result<Computed<ActorRelations>, Problem> {
    let record = find(store, id)?;
    let edges = relations::edges(store, &Scope::Actor(record.iri.clone()))?;
    relation_list(store, &record.iri, edges)
}

/// Articles written or removed since a relation list was read, past which it is read
/// again in full rather than brought up to date.
const MAX_REFRESHED_ARTICLES: usize = 5_000;

/// `stale`, read at generation `since`, brought up to date: its edges read from the
/// articles written or removed since are dropped, and the actor's edges in those
/// articles read again (in their graphs only, however long the actor's history).
/// `None` when that is not possible: a write of unknown reach came since, too many
/// articles changed, or the actor is no longer one.
fn refreshed_relations(
    store: &KgStore,
    stale: &ActorRelations,
    since: u64,
) -> Option<Result<Computed<ActorRelations>, Problem>> {
    let changed = store.articles_since(since)?;
    if changed.len() > MAX_REFRESHED_ARTICLES {
        return None;
    }
    let actor = stale.actor.iri.clone();
    let classes = match queries::classes_of(store, std::slice::from_ref(&actor)) {
        Ok(classes) => classes,
        Err(error) => return Some(Err(error.into())),
    };
    let still_an_actor = classes.get(&actor).is_some_and(|classes| {
        classes
            .iter()
            .any(|class| ACTOR_CLASSES.contains(&class.as_str()))
    });
    if !still_an_actor {
        return None;
    }
    let mut edges: Vec<Edge> = stale
        .edges
        .iter()
        .filter(|edge| {
            edge.article
                .as_ref()
                .is_none_or(|article| !changed.contains(article))
        })
        .cloned()
        .collect();
    let scope = Scope::ActorInArticles(actor.clone(), changed.into_iter().collect());
    Some(
        relations::edges(store, &scope)
            .map_err(Problem::from)
            .and_then(|fresh| {
                edges.extend(fresh);
                relation_list(store, &actor, edges)
            }),
    )
}

/// The relations of `actor` (its IRI) made from `edges`, in page order (most evidence
/// first), their evidence newest first (undated last), the others' names read now;
/// and what the list depends on: the graphs that mention the actor (its events, the
/// relations stated about it, the claims in the same articles; and the gazetteer,
/// whose writes are of unknown reach) and the names of those it relates to and of
/// the sources of claims.
fn relation_list(
    store: &KgStore,
    actor: &str,
    edges: Vec<Edge>,
) -> Result<Computed<ActorRelations>, Problem> {
    let mut iris = relations::edge_iris(&edges);
    iris.push(actor.to_owned());
    let names = Names::fetch(store, iris.iter())?;
    iris.sort_unstable();
    iris.dedup();
    let mut items = relations::for_actor(actor, edges.clone(), &names);
    for item in &mut items {
        // A total order: a list brought up to date reads the same as one read afresh.
        item.evidence.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.article_iri.cmp(&b.article_iri))
                .then_with(|| a.event.cmp(&b.event))
                .then_with(|| a.text.cmp(&b.text))
        });
    }
    // The best supported first; the order is total, so pages do not overlap.
    items.sort_by(|a, b| {
        b.evidence_count
            .cmp(&a.evidence_count)
            .then_with(|| a.predicate.cmp(&b.predicate))
            .then_with(|| a.actor.id.cmp(&b.actor.id))
            .then_with(|| a.direction.cmp(&b.direction))
            .then_with(|| {
                (a.derived == Derived::CoParticipation)
                    .cmp(&(b.derived == Derived::CoParticipation))
            })
    });
    let all = ActorRelations {
        actor: names.link(actor),
        items,
        edges,
    };
    Ok(Computed {
        weight: all.weight(),
        answer: all,
        dependencies: Arc::new(Dependencies {
            read: vec![actor.to_owned()],
            named: iris,
        }),
    })
}

/// Whether a relation holds within `[since, until]`: its stated bounds, else the dates of
/// its evidence, meet the window.
fn in_window(
    item: &RelationDto,
    since: Option<crate::date::PartialDate>,
    until: Option<crate::date::PartialDate>,
) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let dates = item.evidence.iter().filter_map(|e| e.date.clone());
    let start = item.since.clone().or_else(|| dates.clone().min());
    let end = item.until.clone().or_else(|| dates.max());
    overlaps(start.as_deref(), end.as_deref(), since, until)
}

/// The events an actor takes part in, newest first.
#[utoipa::path(get, path = "/api/actors/{id}/events", tag = "actors",
    params(("id" = String, Path, description = "The actor's id", example = "wagner"), PageQuery),
    responses(
        (status = 200, description = "Its events", content(
            (EventPage = "application/json"), (EventPage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such actor", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Params(query): Params<PageQuery>,
) -> Result<Response, Problem> {
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    let body = blocking(&state, move |store| {
        let record = find(store, &id)?;
        let events = queries::events(store, &Scope::Actor(record.iri))?;
        let (events, next) = page.slice(events);
        let names = Names::fetch(store, events.iter().flat_map(dto::event_iris))?;
        Ok(EventPage {
            items: events
                .iter()
                .map(|event| dto::event_summary(event, &names))
                .collect(),
            next,
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}
