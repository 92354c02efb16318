//! A Turtle file as a map from subject to its properties, the shape both readers need.

use super::OntologyError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::BTreeMap;
use std::path::Path;

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

/// The properties of one subject, by predicate IRI.
#[derive(Debug, Default, Clone)]
pub struct Node {
    /// The subject's IRI, or `_:id` for a blank node.
    pub subject: String,
    /// Predicate IRI → values, in file order.
    pub properties: BTreeMap<String, Vec<Value>>,
}

impl Node {
    /// All values of a predicate.
    pub fn values(&self, predicate: &str) -> &[Value] {
        self.properties.get(predicate).map_or(&[], Vec::as_slice)
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
    let bytes = std::fs::read(path).map_err(|source| OntologyError::Io { path: path.to_owned(), source })?;
    let mut order: Vec<String> = Vec::new();
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&bytes) {
        let quad = quad.map_err(|error| OntologyError::Syntax { path: path.to_owned(), message: error.to_string() })?;
        let subject = match &quad.subject {
            NamedOrBlankNode::NamedNode(node) => node.as_str().to_owned(),
            NamedOrBlankNode::BlankNode(node) => format!("_:{}", node.as_str()),
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
        let node = nodes.entry(subject.clone()).or_insert_with(|| {
            order.push(subject.clone());
            Node { subject: subject.clone(), ..Node::default() }
        });
        node.properties.entry(quad.predicate.into_string()).or_default().push(value);
    }
    Ok(order.into_iter().filter_map(|s| nodes.remove(&s)).collect())
}
