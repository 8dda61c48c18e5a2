"""The library clause that fixes a vague or unevidenced commitment, chosen by its theme and words.

``fix_clauses`` in ``rules/lexicons/themes.yml`` maps a theme to a clause id, or to a default
clause and an ordered list of clauses that apply when the commitment uses certain words::

    fix_clauses:
      innovation: innovation
      fair-work:
        default: real-living-wage
        when:
          - clause: fair-work-hours
            words: [zero hours, guaranteed hours, trade union]

The first ``when`` entry one of whose phrases occurs in the commitment's sentence wins, else
the default. Phrases are compared as lower-case lemmas, as the lexicons are ("trade unions"
matches "trade union"), and hyphens are ignored ("zero-hours" matches "zero hours").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from svdocs.core.errors import ValidationError

#: Keys of a theme's mapping form.
THEME_KEYS = ("default", "when")
#: Keys of one ``when`` entry.
ENTRY_KEYS = ("clause", "words")


@dataclass(frozen=True)
class FixChoice:
    """A clause that fits a commitment using one of ``words`` (lemma phrases)."""

    clause: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ThemeFix:
    """The clauses of one theme: the first choice whose words occur, else the default."""

    default: str
    choices: tuple[FixChoice, ...] = ()

    @property
    def clause_ids(self) -> list[str]:
        """Every clause id named: the choices' in order, then the default."""
        return [*(c.clause for c in self.choices), self.default]

    def pick(self, text: str) -> str:
        """The clause for a commitment whose sentence is ``text``."""
        if not self.choices:
            return self.default
        words = lemmas(text)
        for choice in self.choices:
            if any(_contains(words, phrase_lemmas(p)) for p in choice.words):
                return choice.clause
        return self.default


# ---------------------------------------------------------------------------- parsing


def _clause_id(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _phrases(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(p, str) and p.strip() for p in value):
        return None
    return tuple(" ".join(p.split()) for p in value)


def _theme_fix(theme: str, value: Any, problems: list[str]) -> ThemeFix | None:
    where = f"fix_clauses.{theme}"
    single = _clause_id(value)
    if single is not None:
        return ThemeFix(single)
    if not isinstance(value, Mapping):
        problems.append(
            f"{where}: expected a clause id, or a mapping with 'default' (a clause id) and "
            "'when' (a list of {clause: ID, words: [phrases]})"
        )
        return None
    found = len(problems)
    for key in value:
        if key not in THEME_KEYS:
            problems.append(f"{where}: unknown key {key!r} (known: {', '.join(THEME_KEYS)})")
    default = _clause_id(value.get("default"))
    if default is None:
        problems.append(f"{where}.default: expected a clause id")
    entries = value.get("when", [])
    if not isinstance(entries, list):
        problems.append(f"{where}.when: expected a list of {{clause: ID, words: [phrases]}}")
        entries = []
    choices: list[FixChoice] = []
    for i, entry in enumerate(entries):
        at = f"{where}.when[{i}]"
        if not isinstance(entry, Mapping):
            problems.append(f"{at}: expected {{clause: ID, words: [phrases]}}")
            continue
        unknown = [k for k in entry if k not in ENTRY_KEYS]
        if unknown:
            problems.append(f"{at}: unknown key {unknown[0]!r} (known: {', '.join(ENTRY_KEYS)})")
        clause = _clause_id(entry.get("clause"))
        if clause is None:
            problems.append(f"{at}.clause: expected a clause id")
        words = _phrases(entry.get("words"))
        if words is None:
            problems.append(f"{at}.words: expected a list of non-empty phrases")
        if clause is not None and words is not None:
            choices.append(FixChoice(clause, words))
    if len(problems) > found or default is None:
        return None
    return ThemeFix(default, tuple(choices))


def parse_fix_clauses(
    value: Any, themes: Mapping[str, Any] | None = None, where: str | None = None
) -> dict[str, ThemeFix]:
    """Read a ``fix_clauses`` mapping; every problem is reported at once in a
    :class:`ValidationError` naming ``where``. With ``themes``, a theme must be one of them."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(["fix_clauses: expected a mapping of theme to clause id"], where)
    problems: list[str] = []
    out: dict[str, ThemeFix] = {}
    for theme, entry in value.items():
        name = str(theme)
        if themes is not None and name not in themes:
            known = ", ".join(str(t) for t in themes)
            problems.append(f"fix_clauses: unknown theme {name!r} (known: {known})")
            continue
        fix = _theme_fix(name, entry, problems)
        if fix is not None:
            out[name] = fix
    if problems:
        raise ValidationError(problems, where)
    return out


_PARSED: tuple[Any, dict[str, ThemeFix]] | None = None


def theme_fix_clauses() -> dict[str, ThemeFix]:
    """Theme -> its clauses, from the shipped ``themes`` lexicon (checked when first read and
    again whenever the file changes)."""
    global _PARSED
    # deferred: start-up: lexicons and lemmas are read on first use
    from svdocs.linter.nlp.lexicons import lexicon_dir, load_lexicons

    lexicon = load_lexicons().data.get("themes", {})
    raw = lexicon.get("fix_clauses")
    cached = _PARSED
    # the lexicon loader returns the same parsed objects until the file changes
    if cached is not None and cached[0] is raw:
        return cached[1]
    themes = lexicon.get("themes")
    parsed = parse_fix_clauses(
        raw, themes if isinstance(themes, Mapping) else None, str(lexicon_dir() / "themes.yml")
    )
    _PARSED = (raw, parsed)
    return parsed


# ---------------------------------------------------------------------------- matching

_PHRASES: dict[str, tuple[str, ...]] = {}
# words as the tokenizer splits them for this purpose: hyphens, dashes, apostrophes and
# punctuation separate words and are dropped ("zero-hours" is "zero hours")
_WORD = re.compile(r"[^\W_]+")


def lemmas(text: str) -> tuple[str, ...]:
    """The lower-case lemmas of the words of ``text`` (the svdocs lemmatizer's, without
    building a pipeline: a sentence is looked up word by word in the same table)."""
    # deferred: start-up: lexicons and lemmas are read on first use
    from svdocs.linter.nlp.lemmatizer import lemma_table, word_lemma

    table = lemma_table()
    return tuple(word_lemma(w, table) for w in _WORD.findall(text.lower()))


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    found = _PHRASES.get(phrase)
    if found is None:
        found = _PHRASES[phrase] = lemmas(phrase)
    return found


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if not n:
        return False
    first = phrase[0]
    return any(
        words[i] == first and words[i : i + n] == phrase for i in range(len(words) - n + 1)
    )
