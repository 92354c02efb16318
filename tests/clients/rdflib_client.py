"""rdflib's SPARQLStore and SPARQLUpdateStore against a live actorgraph server.

Usage: python3 rdflib_client.py BASE_URL TOKEN   (prints "ok" when every check passes)
"""
import sys

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

base, token = sys.argv[1], sys.argv[2]
AG = "https://w3id.org/actorgraph/ns#"

store = SPARQLStore(query_endpoint=base + "/sparql")
graph = Graph(store)

# SELECT: rows with typed values.
rows = list(graph.query(f"SELECT ?article ?language WHERE {{ ?article a <{AG}Article> ; <{AG}language> ?language }}"))
assert len(rows) == 1, rows
assert str(rows[0].language) == "fr", rows

# ASK.
assert graph.query(f"ASK {{ ?article a <{AG}Article> }}").askAnswer is True
assert graph.query("ASK { <http://example.com/none> ?p ?o }").askAnswer is False

# CONSTRUCT: a graph.
constructed = graph.query(f"CONSTRUCT {{ ?article ?p ?o }} WHERE {{ ?article a <{AG}Article> ; ?p ?o }}").graph
assert len(constructed) > 3, len(constructed)

# Writing through SPARQLUpdateStore, with the token in a header.
writable = SPARQLUpdateStore(
    query_endpoint=base + "/query",
    update_endpoint=base + "/update",
    headers={"Authorization": f"Bearer {token}"},
)
named = Graph(writable, identifier=URIRef("http://example.com/rdflib"))
named.add((URIRef("http://example.com/s"), URIRef("http://example.com/p"), Literal("r")))
assert (URIRef("http://example.com/s"), URIRef("http://example.com/p"), Literal("r")) in named
assert len(list(graph.query("SELECT * WHERE { GRAPH <http://example.com/rdflib> { ?s ?p ?o } }"))) == 1

print("ok")
