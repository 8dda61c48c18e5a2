"""Train the statistical judge: a spaCy multi-label text classifier on the labelled corpora.

Two corpora feed it, each a folder of ``<name>.labels.yml`` files (the labelling guides are
``tests/requirements/LABELLING.md`` and ``tests/sentences/LABELLING.md``):

- requirement specifications: every requirement unit with ``vague`` and its ``smells``, and
  ``non_requirements`` as negatives;
- social value documents: every commitment with its ``categories`` (``vague-commitment`` or
  not), and ``non_commitments`` as negatives.

Only the ``train`` splits are read by default; ``dev`` tunes the thresholds and ``test`` is
scored once, to report. Training is seeded: the same data and seed give the same model.

>>> from svdocs.workflow.judge_training import train_judge
>>> report = train_judge(["tests/requirements/train"], ["tests/sentences/train"], "out/judge")
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.language import Language
from spacy.training import Example
from spacy.util import minibatch

from svdocs.core.errors import InputError
from svdocs.core.yaml import load_yaml
from svdocs.linter.judge.model_text import LABELS, SMELLS, VAGUE, model_text, smell_label

#: The classifier: a bag of words and word pairs (spaCy's TextCatBOW), small and fast on CPU.
#: ``length`` is the size of its hash table: 2**16 rows of one weight per label keep the
#: shipped model under 3 MB.
MODEL_CONFIG: dict[str, Any] = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 2**16,
    },
}
EPOCHS = 12
BATCH = 16
DROPOUT = 0.1
SEED = 17


@dataclass(frozen=True)
class Labelled:
    """One labelled unit: its text, and its labels (1.0 or 0.0; a smell left out is unknown)."""

    text: str
    cats: dict[str, float]
    source: str  # the labels file it came from


def _read(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read labels: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path}: a labels file must be a YAML mapping")
    return data


def _labels_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of labelled documents")
    files = sorted(folder.glob("*.labels.yml"))
    if not files:
        raise InputError(f"{folder}: no *.labels.yml files in it")
    return files


def requirement_units(folder: str | Path) -> list[Labelled]:
    """The requirement units of every specification in ``folder``, with vague and smells."""
    out: list[Labelled] = []
    for path in _labels_files(Path(folder)):
        data = _read(path)
        for unit in data.get("requirements") or []:
            smells = set(unit.get("smells") or [])
            unknown = smells - set(SMELLS)
            if unknown:
                raise InputError(f"{path}: unknown smell class {sorted(unknown)[0]!r}")
            cats = {VAGUE: 1.0 if unit.get("vague") else 0.0}
            cats |= {smell_label(s): 1.0 if s in smells else 0.0 for s in SMELLS}
            out.append(Labelled(str(unit["text"]), cats, path.name))
        for unit in data.get("non_requirements") or []:
            cats = {VAGUE: 0.0} | {smell_label(s): 0.0 for s in SMELLS}
            out.append(Labelled(str(unit["text"]), cats, path.name))
    return out


def commitment_units(folder: str | Path) -> list[Labelled]:
    """The social value commitments (vague-commitment or not) and non-commitments in
    ``folder``. Smell labels are unknown there and left out (spaCy masks missing labels)."""
    out: list[Labelled] = []
    for path in _labels_files(Path(folder)):
        data = _read(path)
        for unit in data.get("commitments") or []:
            vague = "vague-commitment" in (unit.get("categories") or [])
            out.append(Labelled(str(unit["text"]), {VAGUE: 1.0 if vague else 0.0}, path.name))
        for unit in data.get("non_commitments") or []:
            out.append(Labelled(str(unit["text"]), {VAGUE: 0.0}, path.name))
    return out


def blank_judge() -> Language:
    """An untrained judge pipeline: spaCy's English tokenizer and the text classifier."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config=MODEL_CONFIG)
    for label in LABELS:
        textcat.add_label(label)
    return nlp


@dataclass
class TrainingReport:
    units: int
    vague: int
    sources: int
    epochs: int
    seed: int
    losses: list[float]
    output: Path


def train(units: Sequence[Labelled], *, epochs: int = EPOCHS, seed: int = SEED) -> Language:
    """A judge pipeline trained on ``units``, seeded: the same units and seed, the same model."""
    if not units:
        raise InputError("no labelled units to train on")
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = blank_judge()
    examples = [Example.from_dict(nlp.make_doc(model_text(u.text)), {"cats": u.cats})
                for u in units]
    nlp.initialize(lambda: examples)
    order = list(examples)
    for _ in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=BATCH):
            nlp.update(batch, drop=DROPOUT, losses=losses)
        nlp.meta.setdefault("svdocs_losses", []).append(round(losses.get("textcat_multilabel",
                                                                         0.0), 4))
    return nlp


def train_judge(requirements: Iterable[str | Path], commitments: Iterable[str | Path],
                output: str | Path, *, epochs: int = EPOCHS, seed: int = SEED,
                force: bool = False) -> TrainingReport:
    """Train on the labelled folders and write the pipeline to ``output`` (a new folder, or
    an existing one with ``force``)."""
    out = Path(output)
    if out.exists() and not force:
        raise InputError(f"{out}: already exists (use --force to replace it)")
    units: list[Labelled] = []
    for folder in requirements:
        units += requirement_units(folder)
    for folder in commitments:
        units += commitment_units(folder)
    nlp = train(units, epochs=epochs, seed=seed)
    nlp.meta["name"] = "svdocs_judge"
    nlp.meta["description"] = "svdocs statistical judge: vague requirements and commitments"
    nlp.meta["svdocs_training"] = {
        "units": len(units), "seed": seed, "epochs": epochs,
        "sources": sorted({u.source for u in units}),
    }
    _write_atomically(nlp, out)
    return TrainingReport(
        units=len(units), vague=sum(1 for u in units if u.cats.get(VAGUE)),
        sources=len({u.source for u in units}), epochs=epochs, seed=seed,
        losses=list(nlp.meta.get("svdocs_losses", [])), output=out,
    )


def _write_atomically(nlp: Language, out: Path) -> None:
    """Write to a sibling folder, then swap it in: a reader never sees half a model."""
    tmp = out.with_name(out.name + ".tmp-train")
    if tmp.exists():
        _remove(tmp)
    nlp.to_disk(tmp)
    if out.exists():
        old = out.with_name(out.name + ".old-train")
        out.rename(old)
        tmp.rename(out)
        _remove(old)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.rename(out)


def _remove(folder: Path) -> None:
    for p in sorted(folder.rglob("*"), reverse=True):
        p.rmdir() if p.is_dir() else p.unlink()
    folder.rmdir()
