"""Driver of bench/after-write.sh: times the first reads after each write.

    after_write.py BASE TOKEN NEW_ARTICLES.jsonl

Before the writes: the first search (builds the index) and the first relations page
of the TOP (environment, default 20) most-mentioned actors (cold). Then, after each article posted: the first
search, and the first relations page of each of those actors, split by whether the
article mentions the actor. The articles posted are deleted at the end. Prints one
line per measure:
    after-write what=… n=… p50_ms=… p90_ms=… max_ms=…
"""

import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request

base, token, new_articles = sys.argv[1:4]

TOP_ACTORS = """PREFIX ag: <https://w3id.org/actorgraph/ns#>
SELECT ?actor (COUNT(*) AS ?n) WHERE {
  ?article ag:mentions ?actor FILTER(STRSTARTS(STR(?actor), "https://w3id.org/actorgraph/actor/"))
} GROUP BY ?actor ORDER BY DESC(?n) LIMIT %d""" % int(os.environ.get("TOP", "20"))


def timed_get(path):
    """Milliseconds to a 200 for GET path (retried while the server answers 503)."""
    start = time.monotonic()
    for _ in range(60):
        try:
            with urllib.request.urlopen(base + path, timeout=120) as response:
                response.read()
                return (time.monotonic() - start) * 1000
        except urllib.error.HTTPError as error:
            if error.code != 503:
                raise
            time.sleep(0.5)
    raise RuntimeError(f"no 200 for {path}")


def post(article):
    request = urllib.request.Request(
        base + "/api/articles",
        data=json.dumps(article).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, json.load(response)


def report(what, figures):
    figures = sorted(figures)
    if figures:
        p90 = figures[min(len(figures) - 1, int(len(figures) * 0.9))]
        print(f"after-write what={what} n={len(figures)} p50_ms={statistics.median(figures):.1f} "
              f"p90_ms={p90:.1f} max_ms={figures[-1]:.1f}", flush=True)
    else:
        print(f"after-write what={what} n=0", flush=True)


query = urllib.parse.urlencode({"query": TOP_ACTORS})
request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"})
with urllib.request.urlopen(request) as response:
    rows = json.load(response)["results"]["bindings"]
actors = [row["actor"]["value"].rsplit("/", 1)[1] for row in rows]
search = "/api/actors?q=jnim"

report("cold-search", [timed_get(search)])
report("cold-relations", [timed_get(f"/api/actors/{actor}/relations") for actor in actors])
report("warm-relations", [timed_get(f"/api/actors/{actor}/relations") for actor in actors])

after = {"search": [], "touched-relations": [], "untouched-relations": []}
posted = []
with open(new_articles, encoding="utf-8") as lines:
    for line in lines:
        status, created = post(json.loads(line))
        if status == 201:  # new: deleted at the end (an article already stored stays)
            posted.append(created["id"])
        mentioned = {actor["id"] for actor in created["facts"]["actors"]}
        after["search"].append(timed_get(search))
        for actor in actors:
            kind = "touched-relations" if actor in mentioned else "untouched-relations"
            after[kind].append(timed_get(f"/api/actors/{actor}/relations"))
for what, figures in after.items():
    report(f"after-write-{what}", figures)
for article in posted:
    request = urllib.request.Request(f"{base}/api/articles/{article}", method="DELETE",
                                     headers={"Authorization": f"Bearer {token}"})
    urllib.request.urlopen(request, timeout=120).read()
