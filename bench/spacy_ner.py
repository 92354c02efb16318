#!/usr/bin/env python3
"""spaCy NER throughput on one core: reads JSON Lines articles, runs the
pipeline over their "text" fields and prints characters and articles a second.

usage: spacy_ner.py MODEL FILE.jsonl [--pipes ner|all] [--rounds N]

--pipes ner (default) keeps what the entity recogniser needs (tok2vec, ner);
--pipes all runs the whole pipeline (tagger, parser, lemmatizer too). The model
is loaded before timing; the best of N rounds is kept, as extract_throughput does.
"""
import argparse
import json
import os
import time

# One core, as our figure: no BLAS or OpenMP threads.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import spacy  # noqa: E402  (after the thread settings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("file")
    parser.add_argument("--pipes", choices=("ner", "all"), default="ner")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with open(args.file, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    nlp = spacy.load(args.model)
    if args.pipes == "ner":
        nlp.select_pipes(enable=["tok2vec", "ner"])
    chars = sum(len(text) for text in texts)
    size = sum(len(text.encode("utf-8")) for text in texts)
    best, entities = float("inf"), 0
    for _ in range(args.rounds):
        started = time.perf_counter()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
        best = min(best, time.perf_counter() - started)
    print(f"spacy model={args.model} pipes={'+'.join(nlp.pipe_names)} articles={len(texts)} "
          f"chars={chars} bytes={size} best_of={args.rounds} seconds={best:.3f} "
          f"chars_per_s={chars / best:.0f} mb_per_s={size / best / 1e6:.3f} "
          f"articles_per_s={len(texts) / best:.1f} entities={entities}")


if __name__ == "__main__":
    main()
