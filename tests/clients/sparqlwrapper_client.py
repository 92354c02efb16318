"""SPARQLWrapper against a live actorgraph server: SELECT, ASK, CONSTRUCT, and an update with a token.

Usage: python3 sparqlwrapper_client.py BASE_URL TOKEN   (prints "ok" when every check passes)
"""
import sys

from rdflib import Graph
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

base, token = sys.argv[1], sys.argv[2]
AG = "https://w3id.org/actorgraph/ns#"


def endpoint(path="/sparql"):
    return SPARQLWrapper(base + path)


# SELECT, as JSON: the seed article and its date.
select = endpoint()
select.setQuery(f"SELECT ?article ?date WHERE {{ ?article a <{AG}Article> ; <{AG}date> ?date }}")
select.setReturnFormat(JSON)
bindings = select.query().convert()["results"]["bindings"]
assert len(bindings) == 1, bindings
assert bindings[0]["date"]["value"] == "2024-07", bindings

# SELECT, as XML (POST this time).
select_xml = endpoint("/query")
select_xml.setMethod(POST)
select_xml.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?article a <{AG}Article> }}")
select_xml.setReturnFormat(XML)
document = select_xml.query().convert()
literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
assert literals == ["1"], literals

# ASK.
ask = endpoint()
ask.setQuery(f"ASK {{ ?article a <{AG}Article> }}")
ask.setReturnFormat(JSON)
assert ask.query().convert()["boolean"] is True

# CONSTRUCT, as Turtle and as RDF/XML, read by rdflib.
for return_format in (TURTLE, XML):
    construct = endpoint()
    construct.setQuery(f"CONSTRUCT {{ ?article ?p ?o }} WHERE {{ ?article a <{AG}Article> ; ?p ?o }}")
    construct.setReturnFormat(return_format)
    result = construct.query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert len(graph) > 3, (return_format, len(graph))

# An update needs the token: refused without it, done with it.
insert = "INSERT DATA { GRAPH <http://example.com/sparqlwrapper> { <http://example.com/s> <http://example.com/p> \"w\" } }"
update = SPARQLWrapper(base + "/sparql", updateEndpoint=base + "/update")
update.setMethod(POST)
update.setQuery(insert)
try:
    update.query()
    raise AssertionError("an update without a token was accepted")
except Exception as error:  # SPARQLWrapper raises its own error types on 401
    assert "401" in str(error) or "Unauthorized" in str(error), error
update.addCustomHttpHeader("Authorization", f"Bearer {token}")
update.query()

check = endpoint()
check.setQuery("ASK { GRAPH <http://example.com/sparqlwrapper> { ?s ?p \"w\" } }")
check.setReturnFormat(JSON)
assert check.query().convert()["boolean"] is True

print("ok")
