//! The gazetteer: known actors and places, and the index of their names.

use super::cache::{Reader, Writer};
use super::turtle::{parse_nodes, read_nodes, Node, Value, RDF_TYPE};
use super::OntologyError;
use crate::date::PartialDate;
use crate::extract::{ActorKind, Lang};
use crate::text::name_key;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};

/// Prefixes `ag:` to a local name, as a constant.
macro_rules! ag {
    ($local:literal) => {
        concat!("https://w3id.org/actorgraph/ns#", $local)
    };
}
const AG: &str = ag!("");
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
    /// The id of the country whose capital it is ("Islamabad" → Pakistan).
    pub capital_of: Option<String>,
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
    actor_index: FxHashMap<String, usize>,
    place_index: FxHashMap<String, usize>,
    /// The files read, in order.
    files: Vec<PathBuf>,
    /// Subjects read and not yet built, with the file that first named them (index into `files`).
    pending: Vec<(usize, Node)>,
    pending_index: FxHashMap<String, usize>,
}

impl Gazetteer {
    /// Reads one Turtle file of actors and places. Entries are built by [`Gazetteer::finish`],
    /// so that several files may describe one entry: the triples of a subject are merged
    /// (the generated `places-geonames.ttl` completes hand-kept entries under their ids).
    pub fn add_file(&mut self, path: &Path) -> Result<(), OntologyError> {
        self.add_nodes(path, read_nodes(path)?);
        Ok(())
    }

    /// [`Gazetteer::add_file`] for a file already read.
    pub fn add_bytes(&mut self, path: &Path, bytes: &[u8]) -> Result<(), OntologyError> {
        self.add_nodes(path, parse_nodes(path, bytes)?);
        Ok(())
    }

    fn add_nodes(&mut self, path: &Path, nodes: Vec<Node>) {
        let file = self.files.len();
        self.files.push(path.to_owned());
        self.pending.reserve(nodes.len());
        for node in nodes {
            match self.pending_index.get(&node.subject) {
                Some(&i) => {
                    let merged = &mut self.pending[i].1;
                    for (predicate, values) in node.properties {
                        merged.extend(predicate, values);
                    }
                }
                None => {
                    self.pending_index
                        .insert(node.subject.clone(), self.pending.len());
                    self.pending.push((file, node));
                }
            }
        }
    }

    /// Builds the entries of the files read, then the name index.
    pub fn finish(&mut self) -> Result<(), OntologyError> {
        let pending = std::mem::take(&mut self.pending);
        let files = std::mem::take(&mut self.files);
        self.pending_index = FxHashMap::default();
        // Blank nodes (geometries) are looked up by the entries that point to them;
        // the entries are consumed, their strings moved rather than copied.
        let (blank_nodes, entries): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|(_, n)| n.subject.starts_with("_:"));
        let blanks: FxHashMap<String, Node> = blank_nodes
            .into_iter()
            .map(|(_, n)| (n.subject.clone(), n))
            .collect();
        self.places.reserve(entries.len());
        for (file, node) in entries {
            self.add_node(&files[file], node, &blanks)?;
        }
        self.index_names();
        Ok(())
    }

    fn add_node(
        &mut self,
        path: &Path,
        mut node: Node,
        blanks: &FxHashMap<String, Node>,
    ) -> Result<(), OntologyError> {
        let entry_error = |node: &Node, message: &str| OntologyError::Entry {
            path: path.to_owned(),
            subject: node.subject.clone(),
            message: message.to_owned(),
        };
        let labels = take_labels(&mut node, RDFS_LABEL);
        if let Some(id) = node.subject.strip_prefix(ACTOR_NS) {
            let kind = node
                .values(RDF_TYPE)
                .iter()
                .filter_map(|v| v.iri()?.strip_prefix(AG))
                .find_map(ActorKind::from_class_name)
                .ok_or_else(|| entry_error(&node, "an actor needs one of the ag: actor classes"))?;
            if labels.is_empty() {
                return Err(entry_error(&node, "an actor needs an rdfs:label"));
            }
            let id = id.to_owned();
            let actor = KnownActor {
                id: id.clone(),
                kind,
                labels,
                aliases: take_labels(&mut node, SKOS_ALT),
                country: local(node.iri(ag!("country")), PLACE_NS),
                wikidata: node.iri(OWL_SAME_AS).map(str::to_owned),
                valid_from: date(node.literal(ag!("validFrom"))),
                valid_until: date(node.literal(ag!("validUntil"))),
                succeeded_by: local(node.iri(ag!("succeededBy")), ACTOR_NS),
            };
            match self.actor_index.get(&id) {
                Some(&i) => self.actors[i] = actor,
                None => {
                    self.actor_index.insert(id, self.actors.len());
                    self.actors.push(actor);
                }
            }
        } else if let Some(id) = node.subject.strip_prefix(PLACE_NS) {
            if !node.has_type(ag!("Place")) {
                return Ok(());
            }
            if labels.is_empty() {
                return Err(entry_error(&node, "a place needs an rdfs:label"));
            }
            let id = id.to_owned();
            let is_country = node.has_type(ag!("Country"));
            let place_type = if is_country {
                PlaceType::Country
            } else {
                match node.iri(ag!("placeType")).and_then(|t| t.strip_prefix(AG)) {
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
                place_type,
                labels,
                aliases: take_labels(&mut node, SKOS_ALT),
                demonyms: take_labels(&mut node, ag!("demonym")),
                country: if is_country {
                    Some(id.clone())
                } else {
                    local(node.iri(ag!("country")), PLACE_NS)
                },
                part_of: local(node.iri(ag!("partOf")), PLACE_NS),
                capital_of: local(node.iri(ag!("capitalOf")), PLACE_NS),
                population: node.literal(ag!("population")).and_then(|p| p.parse().ok()),
                armed_forces: local(node.iri(ag!("armedForces")), ACTOR_NS),
                government: local(node.iri(ag!("government")), ACTOR_NS),
                wikidata: node.iri(OWL_SAME_AS).map(str::to_owned),
                point,
                needs_context: node.literal(ag!("needsContext")) == Some("true"),
                id,
            };
            match self.place_index.get(&place.id) {
                Some(&i) => self.places[i] = place,
                None => {
                    self.place_index.insert(place.id.clone(), self.places.len());
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
            let mut letters = label.text.chars().filter(|c| c.is_alphabetic());
            let exact_case =
                key.len() == 1 && letters.clone().count() <= 5 && letters.all(char::is_uppercase);
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

    /// Writes the built gazetteer (entries and name index) for [`Gazetteer::decode`].
    pub(super) fn encode(&self, w: &mut Writer) {
        w.len(self.actors.len());
        for actor in &self.actors {
            w.str(&actor.id);
            w.str(actor.kind.class_name());
            encode_labels(w, &actor.labels);
            encode_labels(w, &actor.aliases);
            w.opt_str(actor.country.as_deref());
            w.opt_str(actor.wikidata.as_deref());
            w.opt_str(actor.valid_from.map(|d| d.to_string()).as_deref());
            w.opt_str(actor.valid_until.map(|d| d.to_string()).as_deref());
            w.opt_str(actor.succeeded_by.as_deref());
        }
        w.len(self.places.len());
        for place in &self.places {
            w.str(&place.id);
            w.u8(match place.place_type {
                PlaceType::Country => 0,
                PlaceType::Region => 1,
                PlaceType::Town => 2,
                PlaceType::Area => 3,
            });
            encode_labels(w, &place.labels);
            encode_labels(w, &place.aliases);
            encode_labels(w, &place.demonyms);
            w.opt_str(place.country.as_deref());
            w.opt_str(place.part_of.as_deref());
            w.opt_str(place.capital_of.as_deref());
            match place.population {
                Some(population) => {
                    w.u8(1);
                    w.u64(population);
                }
                None => w.u8(0),
            }
            w.opt_str(place.armed_forces.as_deref());
            w.opt_str(place.government.as_deref());
            w.opt_str(place.wikidata.as_deref());
            match place.point {
                Some((lon, lat)) => {
                    w.u8(1);
                    w.f64(lon);
                    w.f64(lat);
                }
                None => w.u8(0),
            }
            w.bool(place.needs_context);
        }
        w.len(self.names.len());
        for (key, entries) in &self.names {
            w.len(key.len());
            for word in key {
                w.str(word);
            }
            w.len(entries.len());
            for entry in entries {
                let (tag, index) = match entry.target {
                    NameTarget::Actor(i) => (0, i),
                    NameTarget::Place(i) => (1, i),
                    NameTarget::Demonym(i) => (2, i),
                };
                w.u8(tag);
                w.len(index);
                w.str(&entry.written);
                encode_lang(w, entry.lang);
                w.bool(entry.exact_case);
                w.bool(entry.capitalised);
            }
        }
        w.len(self.longest_name);
        w.len(self.name_starts.len());
        for (word, longest) in &self.name_starts {
            w.str(word);
            w.len(*longest);
        }
    }

    /// Reads what [`Gazetteer::encode`] wrote; `None` if it does not make a sound gazetteer.
    pub(super) fn decode(r: &mut Reader) -> Option<Self> {
        let mut gazetteer = Self::default();
        let n = r.len()?;
        gazetteer.actors.reserve(n);
        for _ in 0..n {
            let id = r.str()?;
            let kind = ActorKind::from_class_name(&r.str()?)?;
            let date = |r: &mut Reader| -> Option<Option<PartialDate>> {
                match r.opt_str()? {
                    Some(text) => Some(Some(text.parse().ok()?)),
                    None => Some(None),
                }
            };
            gazetteer.actors.push(KnownActor {
                kind,
                labels: decode_labels(r)?,
                aliases: decode_labels(r)?,
                country: r.opt_str()?,
                wikidata: r.opt_str()?,
                valid_from: date(r)?,
                valid_until: date(r)?,
                succeeded_by: r.opt_str()?,
                id,
            });
        }
        let n = r.len()?;
        gazetteer.places.reserve(n);
        for _ in 0..n {
            let id = r.str()?;
            let place_type = match r.u8()? {
                0 => PlaceType::Country,
                1 => PlaceType::Region,
                2 => PlaceType::Town,
                3 => PlaceType::Area,
                _ => return None,
            };
            gazetteer.places.push(KnownPlace {
                id,
                place_type,
                labels: decode_labels(r)?,
                aliases: decode_labels(r)?,
                demonyms: decode_labels(r)?,
                country: r.opt_str()?,
                part_of: r.opt_str()?,
                capital_of: r.opt_str()?,
                population: match r.u8()? {
                    0 => None,
                    1 => Some(r.u64()?),
                    _ => return None,
                },
                armed_forces: r.opt_str()?,
                government: r.opt_str()?,
                wikidata: r.opt_str()?,
                point: match r.u8()? {
                    0 => None,
                    1 => Some((r.f64()?, r.f64()?)),
                    _ => return None,
                },
                needs_context: r.bool()?,
            });
        }
        let (actors, places) = (gazetteer.actors.len(), gazetteer.places.len());
        let n = r.len()?;
        gazetteer.names.reserve(n);
        for _ in 0..n {
            let words = r.len()?;
            let key = (0..words).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
            let count = r.len()?;
            let mut entries = Vec::with_capacity(count);
            for _ in 0..count {
                let target = match r.u8()? {
                    0 => NameTarget::Actor(r.index(actors)?),
                    1 => NameTarget::Place(r.index(places)?),
                    2 => NameTarget::Demonym(r.index(places)?),
                    _ => return None,
                };
                entries.push(NameEntry {
                    target,
                    written: r.str()?,
                    lang: decode_lang(r)?,
                    exact_case: r.bool()?,
                    capitalised: r.bool()?,
                });
            }
            if key.is_empty() || gazetteer.names.insert(key, entries).is_some() {
                return None;
            }
        }
        gazetteer.longest_name = r.number()?;
        let n = r.len()?;
        gazetteer.name_starts.reserve(n);
        for _ in 0..n {
            let word = r.str()?;
            let longest = r.number()?;
            gazetteer.name_starts.insert(word, longest);
        }
        gazetteer.actor_index = gazetteer
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        gazetteer.place_index = gazetteer
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Some(gazetteer)
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

fn encode_lang(w: &mut Writer, lang: Option<Lang>) {
    w.u8(match lang {
        None => 0,
        Some(Lang::Fr) => 1,
        Some(Lang::En) => 2,
    });
}

fn decode_lang(r: &mut Reader) -> Option<Option<Lang>> {
    match r.u8()? {
        0 => Some(None),
        1 => Some(Some(Lang::Fr)),
        2 => Some(Some(Lang::En)),
        _ => None,
    }
}

fn encode_labels(w: &mut Writer, labels: &[Label]) {
    w.len(labels.len());
    for label in labels {
        w.str(&label.text);
        encode_lang(w, label.lang);
    }
}

fn decode_labels(r: &mut Reader) -> Option<Vec<Label>> {
    let n = r.len()?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        labels.push(Label {
            text: r.str()?,
            lang: decode_lang(r)?,
        });
    }
    Some(labels)
}

/// The literal values of a predicate as labels, moved out of the node.
fn take_labels(node: &mut Node, predicate: &str) -> Vec<Label> {
    node.take(predicate)
        .into_iter()
        .filter_map(|v| match v {
            Value::Literal { value, lang } => Some(Label {
                text: value,
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
