#!/usr/bin/env python3
"""Consistency check for the actorgraph ontology and gazetteer.

Usage:  python3 ontology/check.py [ONTOLOGY_DIR]      (default: the directory of this script)

Loads every .ttl file under ONTOLOGY_DIR with rdflib (pip install rdflib),
prints the triple count of each, and checks that:

  * every actor (IRI under https://w3id.org/actorgraph/actor/) has exactly one
    of the six actor classes (ag:StateArmedForce ag:ArmedGroup ag:Coalition
    ag:Government ag:Person ag:Organisation) and at least one rdfs:label;
  * actor ids are lowercase ASCII, digits and '-';
  * every place (IRI under https://w3id.org/actorgraph/place/) is typed
    ag:Place, has an rdfs:label and (regions excepted) a geo:hasGeometry/geo:asWKT
    POINT; non-country places have an ag:placeType;
  * no two different entities share a label or altLabel once case, accents,
    typographic apostrophes and hyphen/space differences are folded, unless
    they are declared twins in TWINS below (e.g. the Malian and Algerian
    Tinzaouatene) or one of them comes only from a generated file (GENERATED);
    a clash only counts when the language tags can co-occur
    (an @fr form never clashes with an @en form), and an actor may share a
    name with the one it was renamed into (ag:succeededBy: "CSP" for the
    CSP-PSD and the CSP-DPA; the article's date picks one);
  * every IRI object of ag:armedForces, ag:government, ag:country, ag:partOf,
    ag:succeededBy, ag:memberOf, ag:leads, ag:affiliatedWith is defined
    (has an rdf:type in the loaded data);
  * ag:validFrom / ag:validUntil are xsd:date, xsd:gYearMonth or xsd:gYear;
  * ag:demonym forms are not shared by two countries (warning only).

Exits with status 1 if any error is found.
"""
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

try:
    import rdflib
    from rdflib import RDF, RDFS, Literal, URIRef, Namespace
except ImportError:  # pragma: no cover
    sys.exit("rdflib is required: pip install rdflib")

AG = Namespace("https://w3id.org/actorgraph/ns#")
AGA = "https://w3id.org/actorgraph/actor/"
AGP = "https://w3id.org/actorgraph/place/"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ACTOR_CLASSES = {AG.StateArmedForce, AG.ArmedGroup, AG.Coalition, AG.Government, AG.Person, AG.Organisation}
LINK_PROPS = [AG.armedForces, AG.government, AG.country, AG.partOf, AG.succeededBy,
              AG.memberOf, AG.leads, AG.affiliatedWith]
DATE_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear}

# Files written by tools/build_places.py: their twins (one name, several GeoNames
# places) are on purpose, and their regions may lack a point.
GENERATED = {"places-geonames.ttl"}

# Entities allowed to share names (same name, different referents on purpose).
TWINS = [
    {AGP + "tinzaouatene", AGP + "tinzaouatene-dz"},  # Malian and Algerian sides of the border town
]


def fold(s):
    """Case-, accent-, apostrophe- and hyphen-insensitive key."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = re.sub(r"[-\u2010-\u2015\s]+", " ", s)
    return s.casefold().strip()


def is_twin(a, b):
    return any(a in t and b in t for t in TWINS)


def main(argv):
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    files = sorted(p for p in root.rglob("*.ttl") if "lexicon" not in p.parts)
    if not files:
        sys.exit(f"no .ttl files under {root}")
    g = rdflib.Graph()
    errors, warnings = [], []
    hand_kept = set()
    hand_names = rdflib.Graph()  # the names of the hand-kept files: generated twins are on purpose
    for f in files:
        fg = rdflib.Graph()
        try:
            fg.parse(f, format="turtle")
        except Exception as e:  # parse error
            errors.append(f"{f}: parse error: {e}")
            continue
        print(f"{f.relative_to(root)}: {len(fg)} triples")
        if f.name not in GENERATED:
            hand_kept |= {s for s in fg.subjects() if isinstance(s, URIRef)}
            hand_names += fg
        g += fg
    print(f"total: {len(g)} triples")

    subjects = {s for s in g.subjects() if isinstance(s, URIRef)}
    defined = {s for s in g.subjects(RDF.type, None)}
    actors = sorted(s for s in subjects if str(s).startswith(AGA))
    places = sorted(s for s in subjects if str(s).startswith(AGP))
    countries = [p for p in places if (p, RDF.type, AG.Country) in g]

    # actors
    for a in actors:
        local = str(a)[len(AGA):]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", local):
            errors.append(f"actor id not lowercase-ascii-hyphen: {local}")
        classes = set(g.objects(a, RDF.type)) & ACTOR_CLASSES
        if len(classes) != 1:
            errors.append(f"actor {local}: {len(classes)} actor classes {sorted(map(str, classes))}")
        if not list(g.objects(a, RDFS.label)):
            errors.append(f"actor {local}: no rdfs:label")

    # places
    for p in places:
        local = str(p)[len(AGP):]
        if (p, RDF.type, AG.Place) not in g:
            errors.append(f"place {local}: not typed ag:Place")
        if not list(g.objects(p, RDFS.label)):
            errors.append(f"place {local}: no rdfs:label")
        wkts = [w for geom in g.objects(p, GEO.hasGeometry) for w in g.objects(geom, GEO.asWKT)]
        if not wkts and (p, AG.placeType, AG.Region) not in g:
            errors.append(f"place {local}: no geometry")
        for w in wkts:
            m = re.fullmatch(r"POINT\((-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)\)", str(w))
            if not m or not (-180 <= float(m.group(1)) <= 180 and -90 <= float(m.group(2)) <= 90):
                errors.append(f"place {local}: bad WKT {w}")
        if (p, RDF.type, AG.Country) not in g and not list(g.objects(p, AG.placeType)):
            errors.append(f"place {local}: no ag:placeType")

    # name clashes
    names = defaultdict(set)  # fold -> {(entity, lang)}
    for prop in (RDFS.label, SKOS.altLabel):
        for s, o in hand_names.subject_objects(prop):
            if isinstance(s, URIRef) and (str(s).startswith(AGA) or str(s).startswith(AGP)) and isinstance(o, Literal):
                names[fold(str(o))].add((s, o.language))
    for key, ents in sorted(names.items()):
        by_ent = defaultdict(set)
        for e, lang in ents:
            by_ent[e].add(lang)
        es = sorted(by_ent)
        for i in range(len(es)):
            for j in range(i + 1, len(es)):
                a, b = es[i], es[j]
                la, lb = by_ent[a], by_ent[b]
                overlap = None in la or None in lb or (la & lb)
                renamed = (a, AG.succeededBy, b) in g or (b, AG.succeededBy, a) in g
                if overlap and not is_twin(str(a), str(b)) and not renamed:
                    errors.append(f"name clash '{key}': {a.n3()} {sorted(map(str, la))} / {b.n3()} {sorted(map(str, lb))}")

    # links
    for prop in LINK_PROPS:
        for s, o in g.subject_objects(prop):
            if isinstance(o, URIRef) and o not in defined:
                errors.append(f"{s.n3()} {prop.n3()} {o.n3()}: object not defined")
            if prop == AG.country and isinstance(o, URIRef) and (o, RDF.type, AG.Country) not in g:
                errors.append(f"{s.n3()} ag:country {o.n3()}: object is not an ag:Country")

    # validity dates
    for prop in (AG.validFrom, AG.validUntil):
        for s, o in g.subject_objects(prop):
            if not isinstance(o, Literal) or o.datatype not in DATE_TYPES:
                errors.append(f"{s.n3()} {prop.n3()} {o!r}: not xsd:date/gYearMonth/gYear")

    # demonyms shared by two countries
    dem = defaultdict(set)
    for c in countries:
        for d in g.objects(c, AG.demonym):
            dem[(fold(str(d)), d.language)].add(c)
    for (k, lang), cs in dem.items():
        if len(cs) > 1:
            warnings.append(f"demonym '{k}'@{lang} shared by {sorted(str(c)[len(AGP):] for c in cs)}")

    print(f"actors: {len(actors)}  places: {len(places)} (countries: {len(countries)})")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
