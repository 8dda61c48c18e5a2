"""The statistical judge: the trained text classifier that ships in ``svdocs/_models/judge``.

It is loaded from the package on first use (no download, CPU only) and scores sentences: the
probability that a unit is vague, and that it shows each smell class. Trained by
``svdocs train`` (:mod:`svdocs.workflow.judge_training`); see ``docs/model-card.md``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import srsly
from spacy.util import registry
from thinc.api import Config, Model

from svdocs.core.errors import InputError
from svdocs.linter.judge.model_text import VAGUE, model_text
from svdocs.linter.nlp.pipeline import get_pipeline

#: Where the shipped model lives: inside the package, so the wheel carries it.
MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "_models" / "judge"

_LOCK = threading.Lock()
_LOADED: dict[Path, Judge] = {}
COMPONENT = "textcat_multilabel"


class Judge:
    """The trained classifier's weights and labels, run on Docs made by the svdocs pipeline's
    own tokenizer (spaCy's English tokenizer, the one training used). Only the thinc model is
    loaded: building a second spaCy tokenizer would cost more than the scoring."""

    def __init__(self, path: Path) -> None:
        config = Config().from_disk(path / "config.cfg")
        labels = srsly.read_json(path / COMPONENT / "cfg")["labels"]
        architecture = config["components"][COMPONENT]["model"]
        model: Model = registry.resolve({"model": architecture})["model"]
        model.from_bytes((path / COMPONENT / "model").read_bytes())
        self.labels: list[str] = list(labels)
        self.model = model

    def scores(self, texts: Sequence[str], batch: int = 512) -> list[dict[str, float]]:
        make_doc = get_pipeline().make_doc
        out: list[dict[str, float]] = []
        for i in range(0, len(texts), batch):
            docs = [make_doc(model_text(t)) for t in texts[i: i + batch]]
            rows = self.model.ops.to_numpy(self.model.predict(docs))
            out += [dict(zip(self.labels, map(float, row), strict=True)) for row in rows]
        return out


def load_judge(path: Path | None = None) -> Judge:
    """The judge at ``path`` (default: the shipped one), loaded once per process."""
    where = Path(path) if path is not None else MODEL_DIR
    with _LOCK:
        judge = _LOADED.get(where)
        if judge is None:
            if not (where / "meta.json").is_file():
                raise InputError(f"{where}: no trained judge model here (run 'svdocs train')")
            try:
                judge = Judge(where)
            except (OSError, ValueError, KeyError) as exc:
                raise InputError(f"{where}: cannot load the judge model: {exc}") from exc
            _LOADED[where] = judge
        return judge


def scores(texts: Sequence[str], path: Path | None = None) -> list[dict[str, float]]:
    """Per text, the model's probability for each label (``VAGUE`` and the smell classes)."""
    if not texts:
        return []
    return load_judge(path).scores(list(texts))


def vague_scores(texts: Sequence[str], path: Path | None = None) -> list[float]:
    """Per text, the probability that it is vague."""
    return [s.get(VAGUE, 0.0) for s in scores(texts, path)]
