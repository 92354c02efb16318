//! The gazetteer: known actors and places, and the index of their names.

use super::turtle::{read_nodes, Node, Value, RDF_TYPE};
use super::OntologyError;
use crate::date::PartialDate;
use crate::extract::{ActorKind, Lang};
use crate::text::name_key;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::Path;

const AG: &str = "https://w3id.org/actorgraph/ns#";
const ACTOR_NS: &str = "https://w3id.org/actorgraph/actor/";
const PLACE_NS: &str = "https://w3id.org/actorgraph/place/";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const SKOS_ALT: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
const GEO_GEOMETRY: &str = "http://www.opengis.net/ont/geosparql#hasGeometry";
const GEO_WKT: &str = "http://www.opengis.net/ont/geosparql#asWKT";

/// A name with its language (`None`: valid in every language).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The name.
    pub text: String,
    /// Its language, if tagged with one the extractor knows.
    pub lang: Option<Lang>,
}

/// A known actor (not a country: countries are [`KnownPlace`]s).
#[derive(Debug, Clone, PartialEq)]
pub struct KnownActor {
    /// Local id: the last segment of its IRI.
    pub id: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Canonical names (`rdfs:label`).
    pub labels: Vec<Label>,
    /// Other names (`skos:altLabel`).
    pub aliases: Vec<Label>,
    /// The id of the country it belongs to.
    pub country: Option<String>,
    /// Wikidata entity IRI.
    pub wikidata: Option<String>,
    /// First date it exists under this name.
    pub valid_from: Option<PartialDate>,
    /// Last date it exists under this name.
    pub valid_until: Option<PartialDate>,
    /// The id of the actor it became.
    pub succeeded_by: Option<String>,
}

/// What kind of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceType {
    /// A sovereign country (also an actor).
    Country,
    /// A first-level region, province or department.
    Region,
    /// A town, city or village.
    Town,
    /// Anything else: a sea, a desert, a front, a multi-country area.
    Area,
}

/// A known place.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownPlace {
    /// Local id: the last segment of its IRI (ISO code for countries).
    pub id: String,
    /// Its type.
    pub place_type: PlaceType,
    /// Canonical names.
    pub labels: Vec<Label>,
    /// Other names.
    pub aliases: Vec<Label>,
    /// Adjectives and nouns for its people ("malien", "Malian"), countries only.
    pub demonyms: Vec<Label>,
    /// The id of its country (its own id for a country).
    pub country: Option<String>,
    /// The id of the larger place it lies in.
    pub part_of: Option<String>,
    /// Its population, for telling namesakes apart.
    pub population: Option<u64>,
    /// The actor id of a country's armed forces.
    pub armed_forces: Option<String>,
    /// The actor id of a country's government.
    pub government: Option<String>,
    /// Wikidata entity IRI.
    pub wikidata: Option<String>,
    /// Longitude and latitude.
    pub point: Option<(f64, f64)>,
    /// Whether its name alone is weak evidence (`ag:needsContext`): a generated small
    /// town, to take only where the article names its country or region.
    pub needs_context: bool,
}

/// What a gazetteer name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameTarget {
    /// An actor, by index into [`Gazetteer::actors`].
    Actor(usize),
    /// A place, by index into [`Gazetteer::places`].
    Place(usize),
    /// A demonym of a country, by index into [`Gazetteer::places`].
    Demonym(usize),
}

/// One entry of the name index.
#[derive(Debug, Clone, PartialEq)]
pub struct NameEntry {
    /// What the name refers to.
    pub target: NameTarget,
    /// The name as written in the gazetteer.
    pub written: String,
    /// The name's language, if any.
    pub lang: Option<Lang>,
    /// Whether the text must match the name's exact case (short acronyms such as "CSP", "EI").
    pub exact_case: bool,
    /// Whether the first word in the text must be capitalised (proper names such as "Bol", "Ber").
    pub capitalised: bool,
}

/// Known actors and places, with an index from folded names to entries.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    /// Known actors.
    pub actors: Vec<KnownActor>,
    /// Known places, countries included.
    pub places: Vec<KnownPlace>,
    /// Folded name tokens → entries.
    pub names: FxHashMap<Vec<String>, Vec<NameEntry>>,
    /// The longest name, in tokens.
    pub longest_name: usize,
    /// The first token of each name → the length of the longest name it begins, in tokens.
    pub name_starts: FxHashMap<String, usize>,
    actor_index: HashMap<String, usize>,
    place_index: HashMap<String, usize>,
    /// Subjects read and not yet built, with the file that first named them.
    pending: Vec<(std::path::PathBuf, Node)>,
    pending_index: HashMap<String, usize>,
}

impl Gazetteer {
    /// Reads one Turtle file of actors and places. Entries are built by [`Gazetteer::finish`],
    /// so that several files may describe one entry: the triples of a subject are merged
    /// (the generated `places-geonames.ttl` completes hand-kept entries under their ids).
    pub fn add_file(&mut self, path: &Path) -> Result<(), OntologyError> {
        for node in read_nodes(path)? {
            match self.pending_index.get(&node.subject) {
                Some(&i) => {
                    let merged = &mut self.pending[i].1;
                    for (predicate, values) in node.properties {
                        merged
                            .properties
                            .entry(predicate)
                            .or_default()
                            .extend(values);
                    }
                }
                None => {
                    self.pending_index
                        .insert(node.subject.clone(), self.pending.len());
                    self.pending.push((path.to_owned(), node));
                }
            }
        }
        Ok(())
    }

    /// Builds the entries of the files read, then the name index.
    pub fn finish(&mut self) -> Result<(), OntologyError> {
        let pending = std::mem::take(&mut self.pending);
        self.pending_index.clear();
        let blanks: HashMap<&str, &Node> = pending
            .iter()
            .filter(|(_, n)| n.subject.starts_with("_:"))
            .map(|(_, n)| (n.subject.as_str(), n))
            .collect();
        for (path, node) in &pending {
            self.add_node(path, node, &blanks)?;
        }
        self.index_names();
        Ok(())
    }

    fn add_node(
        &mut self,
        path: &Path,
        node: &Node,
        blanks: &HashMap<&str, &Node>,
    ) -> Result<(), OntologyError> {
        let entry_error = |node: &Node, message: &str| OntologyError::Entry {
            path: path.to_owned(),
            subject: node.subject.clone(),
            message: message.to_owned(),
        };
        let labels = labels(node, RDFS_LABEL);
        if let Some(id) = node.subject.strip_prefix(ACTOR_NS) {
            let kind = node
                .values(RDF_TYPE)
                .iter()
                .filter_map(|v| v.iri()?.strip_prefix(AG))
                .find_map(ActorKind::from_class_name)
                .ok_or_else(|| entry_error(node, "an actor needs one of the ag: actor classes"))?;
            if labels.is_empty() {
                return Err(entry_error(node, "an actor needs an rdfs:label"));
            }
            let actor = KnownActor {
                id: id.to_owned(),
                kind,
                labels,
                aliases: labels_of(node, SKOS_ALT),
                country: local(node.iri(&format!("{AG}country")), PLACE_NS),
                wikidata: node.iri(OWL_SAME_AS).map(str::to_owned),
                valid_from: date(node.literal(&format!("{AG}validFrom"))),
                valid_until: date(node.literal(&format!("{AG}validUntil"))),
                succeeded_by: local(node.iri(&format!("{AG}succeededBy")), ACTOR_NS),
            };
            match self.actor_index.get(id) {
                Some(&i) => self.actors[i] = actor,
                None => {
                    self.actor_index.insert(id.to_owned(), self.actors.len());
                    self.actors.push(actor);
                }
            }
        } else if let Some(id) = node.subject.strip_prefix(PLACE_NS) {
            if !node.has_type(&format!("{AG}Place")) {
                return Ok(());
            }
            if labels.is_empty() {
                return Err(entry_error(node, "a place needs an rdfs:label"));
            }
            let is_country = node.has_type(&format!("{AG}Country"));
            let place_type = if is_country {
                PlaceType::Country
            } else {
                match node
                    .iri(&format!("{AG}placeType"))
                    .and_then(|t| t.strip_prefix(AG))
                {
                    Some("Region") => PlaceType::Region,
                    Some("Area") => PlaceType::Area,
                    _ => PlaceType::Town,
                }
            };
            let point = node.values(GEO_GEOMETRY).iter().find_map(|g| match g {
                Value::Blank(b) => blanks
                    .get(b.as_str())
                    .and_then(|n| parse_point(n.literal(GEO_WKT)?)),
                _ => None,
            });
            let place = KnownPlace {
                id: id.to_owned(),
                place_type,
                labels,
                aliases: labels_of(node, SKOS_ALT),
                demonyms: labels_of(node, &format!("{AG}demonym")),
                country: if is_country {
                    Some(id.to_owned())
                } else {
                    local(node.iri(&format!("{AG}country")), PLACE_NS)
                },
                part_of: local(node.iri(&format!("{AG}partOf")), PLACE_NS),
                population: node
                    .literal(&format!("{AG}population"))
                    .and_then(|p| p.parse().ok()),
                armed_forces: local(node.iri(&format!("{AG}armedForces")), ACTOR_NS),
                government: local(node.iri(&format!("{AG}government")), ACTOR_NS),
                wikidata: node.iri(OWL_SAME_AS).map(str::to_owned),
                point,
                needs_context: node.literal(&format!("{AG}needsContext")) == Some("true"),
            };
            match self.place_index.get(id) {
                Some(&i) => self.places[i] = place,
                None => {
                    self.place_index.insert(id.to_owned(), self.places.len());
                    self.places.push(place);
                }
            }
        }
        Ok(())
    }

    fn index_names(&mut self) {
        let mut names: FxHashMap<Vec<String>, Vec<NameEntry>> = FxHashMap::default();
        let mut add = |label: &Label, target: NameTarget| {
            let key = name_key(&label.text);
            if key.is_empty() {
                return;
            }
            let letters: Vec<char> = label.text.chars().filter(|c| c.is_alphabetic()).collect();
            let exact_case =
                letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase()) && key.len() == 1;
            let capitalised = label.text.chars().next().is_some_and(char::is_uppercase);
            let entries = names.entry(key).or_default();
            if !entries
                .iter()
                .any(|e| e.target == target && e.lang == label.lang && e.exact_case == exact_case)
            {
                entries.push(NameEntry {
                    target,
                    written: label.text.clone(),
                    lang: label.lang,
                    exact_case,
                    capitalised,
                });
            }
        };
        for (i, actor) in self.actors.iter().enumerate() {
            for label in actor.labels.iter().chain(&actor.aliases) {
                add(label, NameTarget::Actor(i));
            }
        }
        for (i, place) in self.places.iter().enumerate() {
            for label in place.labels.iter().chain(&place.aliases) {
                add(label, NameTarget::Place(i));
            }
            for demonym in &place.demonyms {
                add(demonym, NameTarget::Demonym(i));
            }
        }
        self.longest_name = names.keys().map(Vec::len).max().unwrap_or(0);
        let mut name_starts: FxHashMap<String, usize> = FxHashMap::default();
        for key in names.keys() {
            let longest = name_starts.entry(key[0].clone()).or_default();
            *longest = (*longest).max(key.len());
        }
        self.name_starts = name_starts;
        self.names = names;
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&KnownActor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    /// The index of the actor with this id.
    pub fn actor_position(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&KnownPlace> {
        self.place_index.get(id).map(|&i| &self.places[i])
    }

    /// The index of the place with this id.
    pub fn place_position(&self, id: &str) -> Option<usize> {
        self.place_index.get(id).copied()
    }
}

/// The best label for a language: tagged with it, else untagged, else any.
pub fn best_label(labels: &[Label], lang: Lang) -> &str {
    labels
        .iter()
        .find(|l| l.lang == Some(lang))
        .or_else(|| labels.iter().find(|l| l.lang.is_none()))
        .or_else(|| labels.first())
        .map_or("", |l| l.text.as_str())
}

fn labels(node: &Node, predicate: &str) -> Vec<Label> {
    labels_of(node, predicate)
}

fn labels_of(node: &Node, predicate: &str) -> Vec<Label> {
    node.values(predicate)
        .iter()
        .filter_map(|v| match v {
            Value::Literal { value, lang } => Some(Label {
                text: value.clone(),
                lang: lang
                    .as_deref()
                    .and_then(|l| Lang::from_code(l.split('-').next().unwrap_or(l))),
            }),
            _ => None,
        })
        .collect()
}

fn local(iri: Option<&str>, namespace: &str) -> Option<String> {
    iri?.strip_prefix(namespace).map(str::to_owned)
}

fn date(value: Option<&str>) -> Option<PartialDate> {
    value?.parse().ok()
}

/// Parses `POINT(lon lat)` (an optional CRS IRI in front is skipped).
fn parse_point(wkt: &str) -> Option<(f64, f64)> {
    let wkt = wkt.trim();
    let wkt = if wkt.starts_with('<') {
        wkt.split_once('>')?.1.trim()
    } else {
        wkt
    };
    let inner = wkt
        .strip_prefix("POINT")?
        .trim()
        .strip_prefix('(')?
        .strip_suffix(')')?;
    let mut parts = inner.split_whitespace();
    let lon = parts.next()?.parse().ok()?;
    let lat = parts.next()?.parse().ok()?;
    Some((lon, lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wkt_points() {
        assert_eq!(parse_point("POINT(1.5 18.25)"), Some((1.5, 18.25)));
        assert_eq!(
            parse_point("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT (-4 17)"),
            Some((-4.0, 17.0))
        );
        assert_eq!(parse_point("LINESTRING(0 0, 1 1)"), None);
    }
}
