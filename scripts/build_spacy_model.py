"""Builds the spaCy pipeline the NLU model uses, without downloading anything.

A blank English pipeline with a lookup lemmatizer whose tables come from the
`spacy-lookups-data` package. Rasa's SpacyNLP loads it from the path given
in config.yml. Run by `make`; the output folder is not committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy


def build(output: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # initialize() reads the lookup tables from spacy-lookups-data.
    nlp.initialize()
    nlp.meta.update(name="blank_lookup", version="1.0.0", description="Blank English tokenizer with lookup lemmas")
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    check = spacy.load(output)
    lemmas = [token.lemma_ for token in check("side effects of the pills")]
    if lemmas[1] != "effect" or lemmas[-1] != "pill":
        sys.exit(f"lookup lemmatizer did not load its tables: {lemmas}")
    print(f"spaCy pipeline written to {output} (lemmas: {lemmas})")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/spacy-en"))
