//! `/api/places`: search places by name; one place with its coordinates, country
//! and the events there (or anywhere inside it).

use super::dto::{self, Coordinates, EventSummary, LabelDto, Link, Names};
use super::jsonld::respond;
use super::problem::Problem;
use super::queries::{self, EntityRecord, Scope};
use super::{blocking, checked_id, search, Page, Params};
use crate::api::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

const PLACE_CLASSES: &[&str] = &["Place", "Country"];

/// Search parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlaceQuery {
    /// Words of a name or alias, in any case, with or without accents.
    q: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u32>,
    /// The `next` value of the previous page.
    #[param(pattern = "^o[0-9]{1,12}$")]
    cursor: Option<String>,
}

/// A place in search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceSummary {
    /// Short id: the IRI's local part.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
    /// `Country`, `Town`, `Region`, `Area`, or `Place` when unknown.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// How often articles mention it.
    pub mentions: u64,
    /// How many articles mention it.
    pub articles: u64,
}

/// A page of places.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacePage {
    /// The places, best match first.
    pub items: Vec<PlaceSummary>,
    /// The cursor of the next page, or null on the last one.
    pub next: Option<String>,
}

/// Everything known about one place.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceDetail {
    /// Short id.
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// The name to show.
    pub name: String,
    /// `Country`, `Town`, `Region`, `Area`, or `Place` when unknown.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its names, by language.
    pub labels: Vec<LabelDto>,
    /// Other names.
    pub aliases: Vec<String>,
    /// Where it is.
    pub coordinates: Option<Coordinates>,
    /// Its country.
    pub country: Option<Link>,
    /// The larger places it is part of.
    pub part_of: Vec<Link>,
    /// Its Wikidata item.
    pub wikidata: Option<String>,
    /// How often articles mention it.
    pub mentions: u64,
    /// How many articles mention it.
    pub articles: u64,
    /// The events there or anywhere inside it, newest first.
    pub events: Vec<EventSummary>,
}

fn place_type(record: &EntityRecord, place_type: Option<&str>) -> String {
    if record.classes.iter().any(|class| class == "Country") {
        return "Country".to_owned();
    }
    place_type
        .map(|iri| iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned())
        .unwrap_or_else(|| "Place".to_owned())
}

/// Search places by name or alias.
#[utoipa::path(get, path = "/api/places", tag = "places", params(PlaceQuery),
    responses(
        (status = 200, description = "Matching places, best first", content(
            (PlacePage = "application/json"), (PlacePage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(query): Params<PlaceQuery>,
) -> Result<Response, Problem> {
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    let text = query.q.unwrap_or_default();
    let index = state.place_search.clone();
    let body = blocking(&state, move |store| {
        let generation = store.generation();
        let view = index.get(
            generation,
            |since| store.touched_since(since),
            || {
                let entities =
                    search::index(queries::entities::<&str>(store, PLACE_CLASSES, None)?);
                Ok::<_, Problem>((entities, queries::place_types::<&str>(store, None)?))
            },
            |(entities, types), touched| {
                let touched_iris: Vec<&String> = touched.iter().collect();
                let fresh = queries::entities(store, PLACE_CLASSES, Some(&touched_iris))?;
                let mut types = types.clone();
                types.retain(|iri, _| !touched.contains(iri));
                types.extend(queries::place_types(store, Some(&touched_iris))?);
                Ok((entities.patched(touched, fresh), types))
            },
        )?;
        let (entities, types) = &*view;
        let (items, next) = page.slice(search::rank_indexed(&text, entities));
        Ok(PlacePage {
            items: items
                .into_iter()
                .cloned()
                .map(|record| PlaceSummary {
                    id: record.id(),
                    name: record.name(),
                    kind: place_type(&record, types.get(&record.iri).map(String::as_str)),
                    aliases: record.aliases.iter().map(|a| a.value.clone()).collect(),
                    mentions: record.mentions,
                    articles: record.articles,
                    iri: record.iri,
                })
                .collect(),
            next,
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

/// One place: coordinates, country, events there.
#[utoipa::path(get, path = "/api/places/{id}", tag = "places",
    params(("id" = String, Path, description = "The place's id (`tinzaouatene`, `kidal-region`, `ml`)",
        example = "tinzaouatene")),
    responses(
        (status = 200, description = "The place", content(
            (PlaceDetail = "application/json"), (PlaceDetail = "application/ld+json"))),
        (status = 404, description = "No such place", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = checked_id("place", &id)?;
    let body = blocking(&state, move |store| {
        let iri = queries::iri("place", &id);
        let Some(record) = queries::entities(store, PLACE_CLASSES, Some(&[iri.as_str()]))?
            .into_iter()
            .next()
        else {
            return Err(Problem::not_found(format!("no place with id {id:?}")));
        };
        let properties = queries::properties(
            store,
            &iri,
            &[
                "ag:placeType",
                "ag:country",
                "ag:partOf",
                "ag:locatedIn",
                "owl:sameAs",
            ],
        )?;
        let values = |suffixes: &[&str]| -> Vec<String> {
            properties
                .iter()
                .filter(|(predicate, _)| suffixes.iter().any(|s| predicate.ends_with(s)))
                .map(|(_, value)| value.clone())
                .collect()
        };
        let country = values(&["#country"]).into_iter().next();
        let mut part_of = values(&["#partOf", "#locatedIn"]);
        part_of.sort();
        part_of.dedup();
        let events = queries::events(store, &Scope::Place(iri.clone()))?;
        let names = Names::fetch(
            store,
            country
                .iter()
                .chain(&part_of)
                .chain(events.iter().flat_map(dto::event_iris)),
        )?;
        let coordinates = queries::coordinates(store)?;
        Ok(PlaceDetail {
            id: record.id(),
            iri: iri.clone(),
            name: record.name(),
            kind: place_type(&record, values(&["#placeType"]).first().map(String::as_str)),
            labels: record.labels.iter().map(LabelDto::from).collect(),
            aliases: record.aliases.iter().map(|a| a.value.clone()).collect(),
            coordinates: coordinates
                .get(&iri)
                .map(|&(latitude, longitude)| Coordinates {
                    latitude,
                    longitude,
                }),
            country: country.map(|iri| names.link(&iri)),
            part_of: part_of.iter().map(|iri| names.link(iri)).collect(),
            wikidata: values(&["#sameAs"])
                .into_iter()
                .find(|v| v.starts_with("http://www.wikidata.org/")),
            mentions: record.mentions,
            articles: record.articles,
            events: events
                .iter()
                .map(|event| dto::event_summary(event, &names))
                .collect(),
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}
