//! A Turtle file as a list of subjects with their properties, the shape both readers need.

use super::OntologyError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

/// One object value of a property.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An IRI.
    Iri(String),
    /// A literal with its language tag, if any.
    Literal { value: String, lang: Option<String> },
    /// A blank node, by its id.
    Blank(String),
}

impl Value {
    /// The IRI, if this is one.
    pub fn iri(&self) -> Option<&str> {
        match self {
            Value::Iri(iri) => Some(iri),
            _ => None,
        }
    }

    /// The lexical value of a literal.
    pub fn literal(&self) -> Option<&str> {
        match self {
            Value::Literal { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// The properties of one subject.
///
/// A subject has a handful of predicates, so they are a list searched in order
/// rather than a map; predicate IRIs are shared ([`Arc`]) between the subjects of
/// a file instead of being copied for each triple.
#[derive(Debug, Default, Clone)]
pub struct Node {
    /// The subject's IRI, or `_:id` for a blank node.
    pub subject: String,
    /// Predicate IRI → values, predicates in first-seen order, values in file order.
    pub properties: Vec<(Arc<str>, Vec<Value>)>,
}

impl Node {
    /// All values of a predicate.
    pub fn values(&self, predicate: &str) -> &[Value] {
        self.properties
            .iter()
            .find(|(p, _)| &**p == predicate)
            .map_or(&[], |(_, values)| values.as_slice())
    }

    /// Takes the values of a predicate out of the node, leaving none.
    pub fn take(&mut self, predicate: &str) -> Vec<Value> {
        self.properties
            .iter_mut()
            .find(|(p, _)| &**p == predicate)
            .map(|(_, values)| std::mem::take(values))
            .unwrap_or_default()
    }

    /// Adds values to a predicate, after those it has.
    pub fn extend(&mut self, predicate: Arc<str>, values: impl IntoIterator<Item = Value>) {
        match self.properties.iter_mut().find(|(p, _)| *p == predicate) {
            Some((_, existing)) => existing.extend(values),
            None => self
                .properties
                .push((predicate, values.into_iter().collect())),
        }
    }

    /// The first IRI value of a predicate.
    pub fn iri(&self, predicate: &str) -> Option<&str> {
        self.values(predicate).iter().find_map(Value::iri)
    }

    /// The first literal value of a predicate.
    pub fn literal(&self, predicate: &str) -> Option<&str> {
        self.values(predicate).iter().find_map(Value::literal)
    }

    /// Whether the node has `rdf:type <class>`.
    pub fn has_type(&self, class: &str) -> bool {
        self.values(RDF_TYPE).iter().any(|v| v.iri() == Some(class))
    }
}

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Parses a Turtle file into its subjects, in first-seen order.
pub fn read_nodes(path: &Path) -> Result<Vec<Node>, OntologyError> {
    let bytes = std::fs::read(path).map_err(|source| OntologyError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse_nodes(path, &bytes)
}

/// Parses the bytes of a Turtle file (`path` is for errors) into its subjects, in first-seen order.
pub fn parse_nodes(path: &Path, bytes: &[u8]) -> Result<Vec<Node>, OntologyError> {
    let mut nodes: Vec<Node> = Vec::new();
    // Subject → position in `nodes`. The triples of a subject mostly come in a run,
    // so the last subject is checked first, without hashing.
    let mut positions: FxHashMap<String, usize> = FxHashMap::default();
    let mut predicates: FxHashMap<String, Arc<str>> = FxHashMap::default();
    let mut blank = String::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(bytes) {
        let quad = quad.map_err(|error| OntologyError::Syntax {
            path: path.to_owned(),
            message: error.to_string(),
        })?;
        let subject = match &quad.subject {
            NamedOrBlankNode::NamedNode(node) => node.as_str(),
            NamedOrBlankNode::BlankNode(node) => {
                blank.clear();
                blank.push_str("_:");
                blank.push_str(node.as_str());
                blank.as_str()
            }
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        let value = match quad.object {
            Term::NamedNode(node) => Value::Iri(node.into_string()),
            Term::BlankNode(node) => Value::Blank(format!("_:{}", node.as_str())),
            Term::Literal(literal) => {
                let (value, _datatype, lang) = literal.destruct();
                Value::Literal { value, lang }
            }
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        let position = match nodes.last() {
            Some(last) if last.subject == subject => nodes.len() - 1,
            _ => match positions.get(subject) {
                Some(&position) => position,
                None => {
                    positions.insert(subject.to_owned(), nodes.len());
                    nodes.push(Node {
                        subject: subject.to_owned(),
                        properties: Vec::new(),
                    });
                    nodes.len() - 1
                }
            },
        };
        let predicate = quad.predicate.as_str();
        let predicate = match predicates.get(predicate) {
            Some(shared) => Arc::clone(shared),
            None => {
                let shared: Arc<str> = Arc::from(predicate);
                predicates.insert(predicate.to_owned(), Arc::clone(&shared));
                shared
            }
        };
        nodes[position].extend(predicate, [value]);
    }
    Ok(nodes)
}
