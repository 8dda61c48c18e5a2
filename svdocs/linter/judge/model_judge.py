"""The statistical judge: the trained text classifier that ships in ``svdocs/_models/judge``.

It is loaded from the package on first use (no download, CPU only) and scores sentences: the
probability that a unit is vague, and that it shows each smell class. Trained by
``svdocs train`` (:mod:`svdocs.workflow.judge_training`); see ``docs/model-card.md``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from svdocs.core.errors import InputError
from svdocs.linter.judge.model_text import VAGUE, model_text

#: Where the shipped model lives: inside the package, so the wheel carries it.
MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "_models" / "judge"

_LOCK = threading.Lock()
_LOADED: dict[Path, Language] = {}


def load_judge(path: Path | None = None) -> Language:
    """The judge pipeline at ``path`` (default: the shipped one), loaded once per process."""
    where = Path(path) if path is not None else MODEL_DIR
    with _LOCK:
        nlp = _LOADED.get(where)
        if nlp is None:
            if not (where / "meta.json").is_file():
                raise InputError(f"{where}: no trained judge model here (run 'svdocs train')")
            nlp = spacy.load(where)
            _LOADED[where] = nlp
        return nlp


def scores(texts: Sequence[str], path: Path | None = None) -> list[dict[str, float]]:
    """Per text, the model's probability for each label (``VAGUE`` and the smell classes)."""
    if not texts:
        return []
    nlp = load_judge(path)
    return [dict(doc.cats) for doc in nlp.pipe((model_text(t) for t in texts), batch_size=256)]


def vague_scores(texts: Sequence[str], path: Path | None = None) -> list[float]:
    """Per text, the probability that it is vague."""
    return [s.get(VAGUE, 0.0) for s in scores(texts, path)]
