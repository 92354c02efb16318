//! `/api/events`: events filtered by actor, place, type, dates and distance; one
//! event with its participants and sides, place, date, evidence and claims.

use super::actors::EventPage;
use super::dto::{self, ClaimDto, Coordinates, EvidenceDto, Link, Names, ParticipantDto};
use super::jsonld::respond;
use super::problem::Problem;
use super::queries::{self, Scope};
use super::{blocking, checked_id, date_param, overlaps, Page, Params};
use crate::api::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// The kinds of events.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
pub enum EventType {
    /// Fighting between sides.
    Battle,
    /// One side strikes another.
    Attack,
    /// An attack from the air.
    Airstrike,
    /// A place or people taken.
    Capture,
    /// An aircraft or vehicle crash.
    Crash,
    /// A deal between parties.
    Agreement,
    /// A public statement.
    Statement,
    /// Anything else.
    OtherEvent,
}

/// Event filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Only events this actor takes part in (its id).
    actor: Option<String>,
    /// Only events at this place or inside it (its id: a town, a region, a country).
    place: Option<String>,
    /// Only events of this type (`Attack` includes air strikes).
    #[serde(rename = "type")]
    #[param(rename = "type", inline)]
    kind: Option<EventType>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[param(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    from: Option<String>,
    /// Only events on or before this date.
    #[param(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    to: Option<String>,
    /// Only events within `km` kilometres of a point: `lat,lon,km` (places with coordinates).
    #[param(
        pattern = r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?,\d{1,5}(\.\d+)?$",
        example = "19.9,2.9,100"
    )]
    near: Option<String>,
    /// Page size.
    #[param(minimum = 1, maximum = 500, default = 50)]
    limit: Option<u32>,
    /// The `next` value of the previous page.
    #[param(pattern = "^o[0-9]{1,12}$")]
    cursor: Option<String>,
}

/// A place with its coordinates.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceRef {
    /// The place.
    #[serde(flatten)]
    pub link: Link,
    /// Where it is, when known.
    pub coordinates: Option<Coordinates>,
}

/// The actors on one side of an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct SideDto {
    /// The side number.
    pub side: u8,
    /// The actors on it.
    pub actors: Vec<Link>,
}

/// Everything known about one event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDetail {
    /// Short id (a UUID).
    pub id: String,
    /// The full IRI.
    pub iri: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `year`, `month` or `day`.
    pub date_precision: Option<String>,
    /// The time expression as written ("samedi").
    pub date_text: Option<String>,
    /// Since when it runs, when stated.
    pub since: Option<String>,
    /// Until when it ran, when stated.
    pub until: Option<String>,
    /// Where it happened.
    pub place: Option<PlaceRef>,
    /// Who took part, with their roles and sides.
    pub participants: Vec<ParticipantDto>,
    /// The participants grouped by side.
    pub sides: Vec<SideDto>,
    /// The words that name it.
    pub trigger: Option<String>,
    /// People killed, when stated.
    pub fatalities: Option<u64>,
    /// Confidence in [0, 1].
    pub confidence: Option<f64>,
    /// Where it was read.
    pub evidence: Vec<EvidenceDto>,
    /// What sources say about it.
    pub claims: Vec<ClaimDto>,
}

/// Reads `lat,lon,km`.
fn parse_near(text: &str) -> Result<(f64, f64, f64), Problem> {
    let error = || {
        Problem::bad_request(format!(
            "near must be lat,lon,km (e.g. 19.9,2.9,100), not {text:?}"
        ))
    };
    // Exactly the documented pattern: `f64::from_str` alone would take "+1", "1e3" or "inf".
    let decimal = |part: &str, max_digits: usize, signed: bool| -> Option<f64> {
        let digits = if signed {
            part.strip_prefix('-').unwrap_or(part)
        } else {
            part
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (all_digits(whole) && whole.len() <= max_digits && all_digits(fraction))
            .then(|| part.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.split(',').collect();
    let [lat, lon, km] = parts[..] else {
        return Err(error());
    };
    let (Some(lat), Some(lon), Some(km)) = (
        decimal(lat, 2, true),
        decimal(lon, 3, true),
        decimal(km, 5, false),
    ) else {
        return Err(error());
    };
    let valid = (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && km.is_finite()
        && km >= 0.0;
    valid.then_some((lat, lon, km)).ok_or_else(error)
}

/// Great-circle distance in kilometres.
fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// List events, newest first.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventQuery),
    responses(
        (status = 200, description = "Matching events, newest first", content(
            (EventPage = "application/json"), (EventPage = "application/ld+json"))),
        (status = 400, description = "A malformed parameter", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(query): Params<EventQuery>,
) -> Result<Response, Problem> {
    let page = Page::new(query.limit, query.cursor.as_deref())?;
    let from = date_param("from", query.from.as_deref())?;
    let to = date_param("to", query.to.as_deref())?;
    let near = query.near.as_deref().map(parse_near).transpose()?;
    let check = |name: &str, id: Option<String>| -> Result<Option<String>, Problem> {
        match id.filter(|id| !id.is_empty()) {
            Some(id) if !queries::valid_id(&id) => Err(Problem::bad_request(format!(
                "{name} must be an id such as `fama`, not {id:?}"
            ))),
            other => Ok(other),
        }
    };
    let actor = check("actor", query.actor)?;
    let place = check("place", query.place)?;
    let kind = query.kind.map(|kind| format!("{kind:?}"));
    let body = blocking(&state, move |store| {
        let scope = match &place {
            Some(place) => Scope::Place(queries::iri("place", place)),
            None => Scope::All,
        };
        let mut events = queries::events(store, &scope)?;
        if let Some(actor) = &actor {
            events.retain(|event| {
                event
                    .participants
                    .iter()
                    .any(|p| queries::local_id(&p.actor) == *actor)
            });
        }
        if let Some(kind) = &kind {
            // An air strike is an attack (ag:Airstrike is a subclass of ag:Attack).
            events.retain(|event| {
                event.kind == *kind || (kind == "Attack" && event.kind == "Airstrike")
            });
        }
        if from.is_some() || to.is_some() {
            events.retain(|event| {
                let start = event.since.as_deref().or(event.effective_date());
                let end = event.until.as_deref().or(event.effective_date());
                overlaps(start, end, from, to)
            });
        }
        if let Some((lat, lon, km)) = near {
            let coordinates = queries::coordinates(store)?;
            events.retain(|event| {
                event
                    .place
                    .as_ref()
                    .and_then(|place| coordinates.get(place))
                    .is_some_and(|&point| distance_km(point, (lat, lon)) <= km)
            });
        }
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

/// One event: participants and sides, place, date and precision, evidence, claims.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events",
    params(("id" = String, Path, description = "The event's id (a UUID)",
        example = "0873443a-1011-55f2-891e-7d92203b4652")),
    responses(
        (status = 200, description = "The event", content(
            (EventDetail = "application/json"), (EventDetail = "application/ld+json"))),
        (status = 404, description = "No such event", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let id = checked_id("event", &id)?;
    let body = blocking(&state, move |store| {
        let iri = queries::iri("event", &id);
        let Some(event) = queries::events(store, &Scope::Event(iri.clone()))?
            .into_iter()
            .next()
        else {
            return Err(Problem::not_found(format!("no event with id {id:?}")));
        };
        let claims = queries::claims(store, &Scope::Event(iri))?;
        let names = Names::fetch(
            store,
            dto::event_iris(&event).chain(claims.iter().filter_map(|c| c.source.as_ref())),
        )?;
        let coordinates = match &event.place {
            Some(_) => queries::coordinates(store)?,
            None => Default::default(),
        };
        let mut sides: BTreeMap<u8, Vec<Link>> = BTreeMap::new();
        for participant in &event.participants {
            if let Some(side) = participant.side {
                sides
                    .entry(side)
                    .or_default()
                    .push(names.link(&participant.actor));
            }
        }
        let evidence = event
            .sentence_text
            .clone()
            .or_else(|| event.trigger.clone())
            .map(|text| EvidenceDto {
                text,
                sentence: event.sentence_text.clone(),
                article: event.article.as_deref().map(queries::local_id),
                article_iri: event.article.clone(),
                date: event.effective_date().map(str::to_owned),
                event: None,
            });
        Ok(EventDetail {
            id: event.id(),
            iri: event.iri.clone(),
            kind: event.kind.clone(),
            date: event.date.clone(),
            date_precision: event.precision.clone(),
            date_text: event.date_text.clone(),
            since: event.since.clone(),
            until: event.until.clone(),
            place: event.place.as_ref().map(|place| PlaceRef {
                link: names.link(place),
                coordinates: coordinates
                    .get(place)
                    .map(|&(latitude, longitude)| Coordinates {
                        latitude,
                        longitude,
                    }),
            }),
            participants: dto::participants(&event, &names),
            sides: sides
                .into_iter()
                .map(|(side, actors)| SideDto { side, actors })
                .collect(),
            trigger: event.trigger.clone(),
            fatalities: event.fatalities,
            confidence: event.confidence,
            evidence: evidence.into_iter().collect(),
            claims: claims
                .iter()
                .map(|claim| dto::claim(claim, &names))
                .collect(),
        })
    })
    .await?;
    Ok(respond(&headers, StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_is_checked() {
        assert_eq!(parse_near("19.9,2.9,100").unwrap(), (19.9, 2.9, 100.0));
        for bad in [
            "", "1,2", "1,2,3,4", "91,0,1", "0,181,1", "0,0,-1", "a,b,c", "0,0,NaN",
        ] {
            assert!(parse_near(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn distances() {
        // Tinzaouatene (Mali) to its Algerian namesake: about 4.5 km.
        let d = distance_km((19.93, 2.95), (19.96, 2.98));
        assert!((3.0..6.0).contains(&d), "{d}");
        assert!(distance_km((0.0, 0.0), (0.0, 0.0)) < 1e-9);
    }
}
