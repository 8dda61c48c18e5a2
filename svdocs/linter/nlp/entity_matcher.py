"""The ``svdocs_entities`` component: spaCy's entity ruler semantics, with faster matching.

It takes the same token patterns as spaCy's ``EntityRuler`` (see :mod:`.entities`) and gives
the same entities: every match of every pattern, then the longest first (the earliest among
equals), skipping matches that overlap one already taken. Matching differs only in how it is
done: spaCy's Matcher tests every pattern's first token against every token of the Doc, which
is slow for patterns that open with a word list (months, "every"/"each", clause words). Here
each pattern is indexed by what its first token must be (a number, one of some words, texts or
shapes), so a pattern is only tried where it can start, over the plain lists of a
:class:`~.tokens.TokenTable`.

Supported in a token pattern: ``TEXT``, ``LOWER`` and ``SHAPE`` (a string, ``{"IN": [...]}``
or, for ``LOWER``, ``{"NOT_IN": [...]}``), ``LIKE_NUM`` and ``IS_ALPHA`` (booleans) and ``OP``
``?``, ``*`` and ``+``. Anything else raises ``ValueError`` when the patterns are added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from svdocs.linter.nlp.batches import in_batches
from svdocs.linter.nlp.entities import entity_patterns
from svdocs.linter.nlp.tokens import TokenTable, Word, token_table

Predicate = Callable[[Word], bool]
_ENTS_KEY = "svdocs.ents"
_FIELDS = {"TEXT": "text", "LOWER": "lower", "SHAPE": "shape"}
_FLAGS = {"LIKE_NUM": "like_num", "IS_ALPHA": "is_alpha"}


def _predicate(spec: dict[str, Any]) -> Predicate:
    tests: list[Predicate] = []
    for key, value in spec.items():
        if key == "OP":
            continue
        if key in _FLAGS:
            attr, want = _FLAGS[key], bool(value)
            tests.append(lambda w, a=attr, v=want: getattr(w, a) is v)
        elif key in _FIELDS:
            attr = _FIELDS[key]
            if isinstance(value, str):
                tests.append(lambda w, a=attr, v=value: getattr(w, a) == v)
            elif isinstance(value, dict) and set(value) == {"IN"}:
                allowed = frozenset(value["IN"])
                tests.append(lambda w, a=attr, s=allowed: getattr(w, a) in s)
            elif isinstance(value, dict) and set(value) == {"NOT_IN"}:
                barred = frozenset(value["NOT_IN"])
                tests.append(lambda w, a=attr, s=barred: getattr(w, a) not in s)
            else:
                raise ValueError(f"unsupported entity pattern value for {key}: {value!r}")
        else:
            raise ValueError(f"unsupported entity pattern attribute: {key}")
    if len(tests) == 1:
        return tests[0]
    return lambda w: all(t(w) for t in tests)


def _first_keys(spec: dict[str, Any]) -> tuple[str, list[Any]]:
    """Where a pattern can start: ("num", [True]) or (field, [values])."""
    if spec.get("OP") in ("?", "*"):
        raise ValueError("an entity pattern cannot start with an optional token")
    for key in ("TEXT", "LOWER", "SHAPE"):
        value = spec.get(key)
        if isinstance(value, str):
            return _FIELDS[key], [value]
        if isinstance(value, dict) and "IN" in value:
            return _FIELDS[key], list(value["IN"])
    if spec.get("LIKE_NUM") is True:
        return "like_num", [True]
    if spec.get("IS_ALPHA") is True:
        return "is_alpha", [True]
    raise ValueError(f"cannot index entity pattern starting with {spec!r}")


class _Pattern:
    __slots__ = ("fixed", "label", "second", "steps")

    def __init__(self, label: str, tokens: list[dict[str, Any]]) -> None:
        self.label = label
        self.steps: list[tuple[Predicate, str]] = []
        for spec in tokens:
            op = str(spec.get("OP") or "1")
            if op not in ("1", "?", "*", "+"):
                raise ValueError(f"unsupported entity pattern operator: {op!r}")
            test = _predicate(spec)
            if op == "+":  # one, then any number more
                self.steps += [(test, "1"), (test, "*")]
            else:
                self.steps.append((test, op))
        # without operators a pattern matches one way or not at all
        self.fixed: list[Predicate] | None = (
            [t for t, _ in self.steps] if all(op == "1" for _, op in self.steps) else None
        )
        # the test the next token must pass when the first two tokens are both required: most
        # tries fail there ("5" then "%"), so it is checked before a full match is tried
        self.second: Predicate | None = (
            self.steps[1][0]
            if len(self.steps) > 1 and self.steps[0][1] == "1" and self.steps[1][1] == "1"
            else None
        )

    def ends(self, words: list[Word], start: int) -> set[int] | tuple[int, ...]:
        """Every end position of a match of this pattern starting at ``start``."""
        n = len(words)
        fixed = self.fixed
        if fixed is not None:
            end = start + len(fixed)
            if end > n:
                return ()
            for k, test in enumerate(fixed):
                if not test(words[start + k]):
                    return ()
            return (end,)
        steps = self.steps
        last = len(steps)
        out: set[int] = set()
        # depth-first over (step, position); patterns are short, so this stays small
        stack = [(0, start)]
        seen: set[tuple[int, int]] = set()
        while stack:
            state = stack.pop()
            if state in seen:
                continue
            seen.add(state)
            k, i = state
            if k == last:
                out.add(i)
                continue
            test, op = steps[k]
            if op != "1":
                stack.append((k + 1, i))  # "?" / "*": zero occurrences
            if i < n and test(words[i]):
                stack.append((k + 1, i + 1))
                if op == "*":
                    stack.append((k, i + 1))
        return out


class EntityMatcher:
    """Finds entities with the patterns given, as spaCy's EntityRuler would."""

    def __init__(self, nlp: Language, overwrite_ents: bool = True) -> None:
        self.strings = nlp.vocab.strings
        self.overwrite = overwrite_ents
        self.patterns: list[_Pattern] = []
        # first-token field -> value -> patterns that can start there
        self.index: dict[str, dict[Any, list[_Pattern]]] = defaultdict(lambda: defaultdict(list))
        self.order: dict[_Pattern, int] = {}
        # orth id -> patterns that can start at that word (filled as words are met)
        self.starting: dict[int, tuple[_Pattern, ...]] = {}

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        for entry in patterns:
            tokens = entry["pattern"]
            if not isinstance(tokens, list) or not tokens:
                raise ValueError("svdocs_entities takes token patterns (lists of dicts) only")
            pattern = _Pattern(str(entry["label"]), tokens)
            field, values = _first_keys(tokens[0])
            for value in values:
                self.index[field][value].append(pattern)
            self.order[pattern] = len(self.patterns)
            self.patterns.append(pattern)
            self.strings.add(pattern.label)
        self.starting.clear()

    def __len__(self) -> int:
        return len(self.patterns)

    def _starting(self, word: Word) -> tuple[_Pattern, ...]:
        """The patterns whose first token can be this word (first-token index lookup)."""
        out: list[_Pattern] = []
        for field, by_value in self.index.items():
            candidates = by_value.get(getattr(word, field))
            if candidates:
                out.extend(p for p in candidates if p not in out)
        # keep the order the patterns were added in
        order = self.order
        return tuple(sorted(out, key=order.__getitem__))

    def matches(self, tokens: TokenTable) -> list[tuple[int, int, int]]:
        """(label id, start, end) of every match, best first (spaCy's EntityRuler order)."""
        words = tokens.words
        cache = self.starting
        get = cache.get
        found: set[tuple[int, int, int]] = set()
        strings = self.strings
        n = len(words)
        for i, orth in enumerate(tokens.orth):
            patterns = get(orth)
            if patterns is None:
                patterns = cache[orth] = self._starting(words[i])
            for p in patterns:
                second = p.second
                if second is not None and (i + 1 >= n or not second(words[i + 1])):
                    continue
                for end in p.ends(words, i):
                    if end != i:
                        found.add((strings[p.label], i, end))
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def entities(
        self, doc: Doc, blocked: frozenset[int] = frozenset()
    ) -> list[tuple[str, int, int]]:
        """The entities of ``doc`` as (label, start, end), in document order; matches that
        touch a ``blocked`` token are skipped."""
        out: list[tuple[str, int, int]] = []
        seen: set[int] = set()
        strings = self.strings
        for label, start, end in self.matches(token_table(doc)):
            if blocked and any(i in blocked for i in range(start, end)):
                continue
            if start not in seen and end - 1 not in seen:
                out.append((strings[label], start, end))
                seen.update(range(start, end))
        out.sort(key=lambda e: e[1])
        return out

    def __call__(self, doc: Doc) -> Doc:
        if not self.overwrite and doc.ents:
            # like spaCy's ruler: existing entities stay, new ones may not overlap them
            taken = frozenset(i for e in doc.ents for i in range(e.start, e.end))
            ents = sorted(
                [(e.label_, e.start, e.end) for e in doc.ents] + self.entities(doc, taken),
                key=lambda x: x[1],
            )
        else:
            ents = self.entities(doc)
        doc.ents = [Span(doc, s, e, label=label) for label, s, e in ents]
        doc.user_data[_ENTS_KEY] = (len(doc), ents)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """``nlp.pipe``: a batch of Docs at a time (see :mod:`.batches`)."""
        return in_batches(self, docs, batch_size)


def doc_entities(doc: Doc) -> list[tuple[str, int, int]]:
    """(label, start, end) of the Doc's entities, from the component's notes when fresh."""
    noted = doc.user_data.get(_ENTS_KEY)
    if noted is not None and noted[0] == len(doc):
        return list(noted[1])
    return [(e.label_, e.start, e.end) for e in doc.ents]


def drop_entity_notes(doc: Doc) -> None:
    doc.user_data.pop(_ENTS_KEY, None)


@Language.factory("svdocs_entities", default_config={"overwrite_ents": True})
def make_entity_matcher(nlp: Language, name: str, overwrite_ents: bool) -> EntityMatcher:
    matcher = EntityMatcher(nlp, overwrite_ents)
    matcher.add_patterns(entity_patterns())
    return matcher
