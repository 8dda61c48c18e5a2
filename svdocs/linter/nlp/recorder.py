"""The ``svdocs_recorder`` component: finds obligations, parties, hedges and the parts of a
commitment in each sentence, and stores them as
:class:`~svdocs.linter.nlp.records.SentenceRecord` objects on
``doc._.svd_clauses`` (and each sentence span's ``span._.svd_clause``).

Everything is matched with spaCy's PhraseMatcher (on lower-case lemmas, or on the lower-case
words for the ``exact`` lists; :mod:`.phrases` gives it the phrases) and token patterns, once
per document; the per-sentence
work only sorts matches into sentences and applies the drafting rules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from svdocs.linter.nlp.batches import in_batches
from svdocs.linter.nlp.blocks import BLOCK_TOKENS_KEY, BLOCKS_KEY
from svdocs.linter.nlp.entities import YEARS
from svdocs.linter.nlp.entity_matcher import doc_entities, drop_entity_notes
from svdocs.linter.nlp.lexicons import Lexicons, load_lexicons
from svdocs.linter.nlp.phrases import phrase_keys
from svdocs.linter.nlp.records import Hit, SentenceRecord
from svdocs.linter.nlp.sentences import _BULLETS, item_marker_at
from svdocs.linter.nlp.tokens import TokenTable, drop_token_table, token_table

# hedges that qualify a clause rather than make it (they never act as the obligation word)
_ADVERBIAL_STARTS = ("where", "wherever", "as", "if", "when", "whenever", "so", "to", "subject")
MODAL_HEDGES = frozenset({"may", "might", "could", "should", "can"})
#: words before "plan to" that make "plan" the verb of the clause ("we plan to", "will plan
#: to"); after anything else it is the noun ("the Action Plan to derive savings")
_PLAN_VERB_BEFORE = frozenset({"we", "i", "it", "they", "will", "shall", "would", "also",
                               "does", "do", "currently"})
#: words that open a relative clause: a party named after one is not the sentence's subject
_RELATIVES = frozenset({"which", "whom", "whose", "whereby", "wherein"})
#: "the Supplier may be required to ...": the buyer's option to require, not a hedge
_PASSIVE_OPTION = frozenset({"required", "asked", "requested", "instructed", "directed",
                             # "the Firm may be suspended from the panel": a remedy
                             "suspended", "removed", "excluded", "terminated"})
PARTY_LABELS = ("PARTY|supplier", "PARTY|bidder", "PARTY|authority")
# lists in the lexicons that are matched by the analyzer: (lexicon, key, label)
LEMMA_LISTS: tuple[tuple[str, str, str], ...] = (
    ("hedges", "terms", "HEDGE"),
    ("vague_verbs", "terms", "VAGUE_VERB"),
    ("vague_terms", "terms", "VAGUE_TERM"),
    ("local", "terms", "LOCAL"),
    ("local", "ignore", "LOCAL_IGNORE"),
    ("local", "definitions", "LOCAL_DEF"),
    ("evidence", "terms", "EVIDENCE"),
    ("evidence", "ignore", "EVIDENCE_IGNORE"),
    ("consequence", "terms", "CONSEQ"),
    ("consequence", "exclusions", "CONSEQ_EXCLUDE"),
    ("consequence", "payment", "CONSEQ_PAY"),
    ("consequence", "reductions", "CONSEQ_REDUCE"),
    ("consequence", "operational", "OPERATIONAL"),
    ("vague_terms", "quantity", "VAGUE_QTY"),
    ("vague_verbs", "ignore", "VAGUE_IGNORE"),
    ("frequency", "terms", "FREQ"),
    ("deadline", "terms", "DEADLINE"),
    ("baseline", "terms", "BASELINE"),
    ("baseline", "change", "CHANGE"),
    ("beneficiaries", "terms", "BENEF"),
    ("obligations", "terms", "OBLIG"),
    ("obligations", "ask_verbs", "ASK"),
    ("obligations", "definitions", "DEFN"),
    ("obligations", "references", "REFS"),
    ("obligations", "contractual", "CONTRACTUAL"),
    ("obligations", "noncontractual", "NONCONTRACTUAL"),
    ("obligations", "admin_verbs", "ADMIN"),
    ("obligations", "evidence_verbs", "EVIDENCE_VERB"),
    ("themes", "employment_words", "EMPLOY"),
    ("themes", "buying_words", "BUY"),
    ("themes", "resident_words", "RESIDENT"),
    ("themes", "ignore", "THEME_IGNORE"),
    ("themes", "running_the_service", "RUNNING"),
    ("itt", "weighting", "WEIGHT"),
    ("itt", "evaluation", "EVAL"),
    ("itt", "measurable", "MEASURABLE"),
    ("itt", "value", "VALUE"),
)
EXACT_LISTS: tuple[tuple[str, str, str], ...] = (
    ("hedges", "exact", "HEDGE"),
    ("obligations", "exact", "OBLIG"),
)
GROUP_LISTS: tuple[tuple[str, str, str], ...] = (
    ("themes", "themes", "THEME"),
    ("imperatives", "imperatives", "IMP"),
    ("cycle", "stages", "CYCLE"),
    ("parties", "", "PARTY"),
)
# Words of failure, matched as lemma phrases ("fails", "failure", "is not met", "below target").
FAILURE_PHRASES = [
    "fail", "failure", "shortfall", "underperformance", "non-delivery", "non-compliance",
    "underperform", "miss", "not meet", "not achieve", "not deliver", "never meet",
    "do not meet", "do not achieve", "do not deliver", "be not meet", "be not achieve",
    "be not deliver", "have not be meet", "have not be achieve", "have not be deliver",
    "fall short", "fall below",
    "below target", "below the target", "below its target",
    "below the trajectory", "behind the milestone", "behind plan", "below the milestone",
    "fall short",
]  # fmt: skip
_DETERMINERS = ["", "the ", "a ", "each ", "all ", "any "]


_CURRENCIES = frozenset({"£", "$", "€"})
_NOT_HITS = frozenset({"HEDGE", "OBLIG", "NUMBER"})  # kept on the clause in other forms
_POSSESSIVES = frozenset({"its", "their", "our", "your", "his", "her"})
_ALLOWS = frozenset({"allow", "allows", "permit", "permits", "permitting"})


def _token_matches(tokens: TokenTable) -> list[tuple[str, int, int]]:
    """Token patterns, over the token table: every number ("NUMBER") and a baseline stated as
    "from [£]N" ("BASELINE")."""
    words = tokens.words
    n = tokens.n
    lower = tokens.lower
    out = [("NUMBER", i, i + 1) for i in tokens.numbers]
    for i in _positions(lower, "far"):
        # "as far as its programming allows", "as far as the Supplier's resources permit"
        if i > 0 and lower[i - 1] == "as" and i + 1 < n and lower[i + 1] == "as":
            for j in range(i + 2, min(i + 8, n)):
                if lower[j] in _ALLOWS:
                    out.append(("HEDGE", i - 1, j + 1))
                    break
                if lower[j] in {".", ";", ","} or "\n\n" in lower[j]:
                    break  # (a blank line: the end of a block, see .blocks)
    for i in _positions(lower, "from"):
        if i + 1 >= n:
            continue
        if words[i + 1].like_num:
            out.append(("BASELINE", i, i + 2))
        elif tokens.text[i + 1] in _CURRENCIES and i + 2 < n and words[i + 2].like_num:
            out.append(("BASELINE", i, i + 3))
    return out


# A theme implied by two kinds of words together, when the sentence names none: (labels
# that must all be found, a label that must not be, the theme)
_IMPLIED_THEMES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    # "recruit its crews from the local area" ("local weather conditions" is no theme)
    (("LOCAL", "EMPLOY"), "LOCAL_DEF", "local-employment"),
    # "strive to hire Quay Residents", "employ people who live in the parish"
    (("EMPLOY", "RESIDENT"), "", "local-employment"),
    # "offer snow ploughing subcontracts to local farmers": buying locally
    (("LOCAL", "BUY"), "LOCAL_DEF", "supply-chain"),
)


def _implied_themes(found: dict[str, list[tuple[int, int]]]) -> set[str]:
    for needed, unless, theme in _IMPLIED_THEMES:
        if all(found.get(label) for label in needed) and not (unless and found.get(unless)):
            return {theme}
    return set()


def _positions(items: list[str], value: str) -> list[int]:
    """Where ``value`` occurs in ``items`` (``list.index`` scans in C)."""
    out: list[int] = []
    i = -1
    try:
        while True:
            i = items.index(value, i + 1)
            out.append(i)
    except ValueError:
        return out
#: words after which a party named later in a sentence opens a clause of its own
_CLAUSE_OPENERS = frozenset({"and", "or", "but", ",", ";", "that", "then", "where", "if", "when",
                             "while", "whereas", "unless", "(", ":"})


#: prepositions whose object is never the subject of the clause ("by" is left out: "staff
#: employed by the Supplier shall" names the party that owes the duty)
_PREPOSITIONS = frozenset({"on", "in", "for", "to", "with", "from", "of", "at", "across", "within",
                           "throughout", "under"})


def _after_preposition(lower: list[str], start: int, lo: int) -> bool:
    """Is the party at ``start`` the object of a preposition ("on Council routes")?"""
    k = start - 1
    while k >= lo and lower[k] in {"the", "a", "an", "each", "any", "all"}:
        k -= 1
    return k >= lo and lower[k] in _PREPOSITIONS


def _object_of_verb(lower: list[str], start: int, sent_start: int) -> bool:
    """Is the party at ``start`` the object of a verb ("give the Contractor notice", "include
    the Contractor in") rather than the subject of a new clause ("..., and the Contractor")?"""
    k = start - 1
    while k >= sent_start and lower[k] in {"the", "a", "an", "each", "any"}:
        k -= 1
    return k >= sent_start and lower[k] not in _CLAUSE_OPENERS


def _after_question_code(text: list[str], first: int, end: int) -> int:
    """Where a question starts after a short code and a colon ("SV-A: State ...", "MAC 2.1:
    Describe ..."); ``first`` when the sentence opens with no such code."""
    for k in range(first, min(first + 8, end)):
        if text[k] == ":":
            code = text[first:k]
            if code and all(t.isupper() or t.isdigit() or t in {"-", ".", "/"} or
                            t.replace(".", "").isdigit() for t in code):
                return _after_quote(text, k + 1, end)
            # "Question SV2 asks tenderers: "Set out ...""
            if any(t.lower() in _QUESTION_WORDS for t in code):
                return _after_quote(text, k + 1, end)
            return first
    return first


_QUESTION_WORDS = frozenset({"question", "asks", "ask", "asked"})
_QUOTES = frozenset({'"', "“", "'", "‘"})
_CLOSING = frozenset({'"', "”", "'", "’", ")"})


def _after_quote(text: list[str], j: int, end: int) -> int:
    """``j``, past an opening quotation mark (and the spaces before it)."""
    while j < end and (text[j].isspace() or text[j] in _QUOTES):
        j += 1
    return j


class Analyzer:
    def __init__(self, nlp: Language, lexicons: Lexicons) -> None:
        self.lexicons = lexicons
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = nlp.pipe_names
        lemmatize = nlp.get_pipe("svdocs_lemmatizer") if "svdocs_lemmatizer" in names else None
        # every list is tokenised in one go: (index, label, phrases), keys filled in below
        lemma_lists: list[tuple[str, list[str]]] = []
        lower_lists: list[tuple[str, list[str]]] = []
        for lexicon, key, label in LEMMA_LISTS:
            phrases = lexicons.get(lexicon, key)
            if phrases:
                lemma_lists.append((label, list(phrases)))
        for lexicon, key, label in EXACT_LISTS:
            phrases = lexicons.get(lexicon, key)
            if phrases:
                lower_lists.append((label, list(phrases)))
        for lexicon, key, prefix in GROUP_LISTS:
            if key:
                groups = lexicons.groups(lexicon, key)
            else:
                groups = {
                    k: [str(x) for x in v]
                    for k, v in lexicons.data.get(lexicon, {}).items()
                    if isinstance(v, list)
                }
            for name, phrases in groups.items():
                if phrases:
                    lemma_lists.append((f"{prefix}|{name}", list(phrases)))
        lemma_lists.append(("FAILURE", FAILURE_PHRASES))
        lower_lists.append(
            ("BASELINE", [f"{w} {y}" for w in ("below", "above", "on", "against") for y in YEARS])
        )
        supplier_words = [p.lower() for p in lexicons.get("parties", "supplier")] + [
            p.lower() for p in lexicons.get("parties", "bidder")
        ]
        # "requires the Supplier to ..." / "expects the Supplier to ...": phrases of lemmas
        for label, verbs in (
            ("REQUIRE_SUPPLIER", ["require", "oblige", "need", "instruct"]),
            ("EXPECT_SUPPLIER", ["expect", "encourage", "invite", "ask", "want", "like", "hope"]),
        ):
            phrases = [
                f"{v} {d}{w} to" for v in verbs for d in _DETERMINERS for w in supplier_words
            ]
            lemma_lists.append((label, phrases))
        for matcher, lists, attr in (
            (self.lemma_matcher, lemma_lists, "LEMMA"),
            (self.lower_matcher, lower_lists, "LOWER"),
        ):
            keys = iter(phrase_keys(nlp, [p for _, ps in lists for p in ps], lemmatize, attr))
            for label, phrases in lists:
                matcher.add(label, [next(keys) for _ in phrases])
        self.strings = nlp.vocab.strings
        self.labels: dict[int, str] = {}
        self.years = frozenset(YEARS)

    # ------------------------------------------------------------------ matching
    def _label(self, key: int) -> str:
        label: str = self.strings[key]
        self.labels[key] = label
        return label

    def _matches(self, doc: Doc, tokens: TokenTable) -> list[tuple[str, int, int]]:
        # match ids to label strings through a plain dict (the StringStore lookup per match
        # cost more than the matching)
        labels = self.labels
        out = [
            (labels.get(m) or self._label(m), s, e)
            for matcher in (self.lemma_matcher, self.lower_matcher)
            for m, s, e in matcher(doc)
        ]
        out += _token_matches(tokens)
        ignored: set[int] = set()
        verbs_ignored: set[int] = set()
        evidence_ignored: set[int] = set()
        for label, s, e in out:
            if label in ("THEME_IGNORE", "LOCAL_IGNORE"):
                ignored.update(range(s, e))
            elif label == "VAGUE_IGNORE":
                verbs_ignored.update(range(s, e))
            elif label == "EVIDENCE_IGNORE":
                evidence_ignored.update(range(s, e))
        if ignored or verbs_ignored or evidence_ignored:
            out = [
                (label, s, e)
                for label, s, e in out
                if not (
                    (label.startswith("THEME|") or label == "LOCAL")
                    and any(i in ignored for i in range(s, e))
                )
                and not (label == "VAGUE_VERB" and any(i in verbs_ignored for i in range(s, e)))
                and not (label == "EVIDENCE" and any(i in evidence_ignored for i in range(s, e)))
            ]
        return out

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            doc._.svd_clauses = []
            doc._.svd_blocks = [[]]
            doc.user_data[BLOCK_TOKENS_KEY] = [0]
            drop_token_table(doc)
            drop_entity_notes(doc)
            return doc
        tokens = token_table(doc)
        # sentence starts as the sentencizer set them (``doc.sents`` without a Span each)
        marks = doc.to_array(SENT_START)
        starts: list[int] = [0, *(numpy.flatnonzero(marks[1:] == 1) + 1).tolist()]
        # the blocks joined in this Doc (see .blocks): each opens a sentence of its own
        block_chars: list[int] = doc.user_data.get(BLOCKS_KEY) or [0]
        block_tokens = [bisect_left(tokens.idx, c) for c in block_chars]
        if len(block_tokens) > 1:
            starts = sorted(set(starts).union(block_tokens))
        doc.user_data[BLOCK_TOKENS_KEY] = block_tokens
        ends = [*starts[1:], n]
        per_sent: list[dict[str, list[tuple[int, int]]]] = [defaultdict(list) for _ in starts]
        for label, s, e in self._matches(doc, tokens):
            per_sent[bisect_right(starts, s) - 1][label].append((s, e))
        ents_per: list[list[tuple[str, int, int]]] = [[] for _ in starts]
        for ent in doc_entities(doc):
            ents_per[bisect_right(starts, ent[1]) - 1].append(ent)
        doc_text = tokens.doc_text()
        per_block: list[list[SentenceRecord]] = []
        clauses: list[SentenceRecord] = []
        lead: SentenceRecord | None = None
        b = -1  # the block of the current sentence
        next_block = 0  # the first token of the next block
        offset = 0
        for k, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if start >= next_block:
                # a new block: nothing carries over from the one before
                b += 1
                offset = block_chars[b]
                next_block = block_tokens[b + 1] if b + 1 < len(block_tokens) else n
                clauses = []
                per_block.append(clauses)
                lead = None
            clause = self._clause(
                doc_text, tokens, len(clauses), start, end, per_sent[k], ents_per[k], lead,
                clauses, offset,
            )
            clauses.append(clause)
            if clause.lead_in:
                lead = clause
            elif not clause.item:
                lead = None
        doc._.svd_blocks = per_block
        doc._.svd_clauses = per_block[0] if len(per_block) == 1 else [
            c for block in per_block for c in block
        ]
        drop_token_table(doc)
        drop_entity_notes(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """``nlp.pipe``: a batch of Docs at a time (see :mod:`.batches`)."""
        return in_batches(self, docs, batch_size)

    @staticmethod
    def _supplier_discretion(
        found: dict[str, list[tuple[int, int]]],
        parties: list[tuple[int, int, str]],
        text_of: list[str],
        lower: list[str],
        candidates: list[tuple[int, int, str]],
    ) -> bool:
        """A subject-less sentence left to the supplier: "At the Operator's discretion, X may be
        offered", "Ideally, 40% of the Provider's spend should go to ...": a hedge other than a
        modal, and the supplier named (as a possessive) before the last obligation word."""
        if not any(lower[s] not in MODAL_HEDGES for s, _ in found.get("HEDGE", [])):
            return False
        last = max(s for s, _, _ in candidates)
        return any(
            name == "supplier" and s < last and e < len(text_of)
            and text_of[e] in {"'s", "’s", "'", "’"}
            for s, e, name in parties
        )

    # ------------------------------------------------------------------ one sentence
    def _clause(
        self,
        doc_text: str,
        tokens: TokenTable,
        k: int,
        sent_start: int,
        sent_end: int,
        found: dict[str, list[tuple[int, int]]],
        ents: list[tuple[str, int, int]],
        lead: SentenceRecord | None,
        previous: list[SentenceRecord],
        offset: int = 0,
    ) -> SentenceRecord:
        text_of = tokens.text
        lower = tokens.lower
        space = tokens.is_space
        idx = tokens.idx
        ends = tokens.ends
        n = tokens.n
        base = idx[sent_start]

        def hit(label: str, s: int, e: int) -> Hit:
            start, end = idx[s], ends[e - 1]
            return Hit(label, start - offset, end - offset, doc_text[start:end])

        # skip trailing whitespace in the sentence text
        text = doc_text[base : ends[sent_end - 1]].rstrip()
        clause = SentenceRecord(index=k, start=base - offset, end=base - offset + len(text),
                                text=text)
        date_tokens = (
            {i for label, s, e in ents if label == "DATE" for i in range(s, e)} if ents else set()
        )
        first = sent_start
        while first < sent_end and space[first]:
            first += 1
        mark = first
        if mark + 1 < sent_end and lower[mark] in {"and", "or"}:
            mark += 1
        clause.item = mark < sent_end and (
            item_marker_at(text_of, mark) or text_of[mark] in _BULLETS
        )
        last = sent_end - 1
        while last > first and space[last]:
            last -= 1
        clause.lead_in = text_of[last] in {":", "—"} or (
            text_of[last] == "-" and last > first and text_of[last - 1] == ":"
        )
        q = last
        while q > first and text_of[q] in _CLOSING:  # 'asks: "How many ... ?"'
            q -= 1
        clause.question = text_of[q] == "?"

        # parties: keep the longest of overlapping mentions
        parties: list[tuple[int, int, str]] = []
        for label in PARTY_LABELS:
            for s, e in found.get(label, []):
                parties.append((s, e, label.split("|")[1]))
        parties.sort(key=lambda p: (p[0], -(p[1] - p[0])))
        kept: list[tuple[int, int, str]] = []
        for p in parties:
            if kept and p[0] < kept[-1][1]:
                continue
            kept.append(p)
        parties = kept

        # hedges: modal hedges count only as the clause's own verb
        strong = sorted(found.get("OBLIG", []))
        party_ends = {e for _, e, _ in parties}

        def real_hedge(s: int, e: int) -> bool:
            if any(i in date_tokens for i in range(s, e)):
                return False
            word = lower[s]
            if word in ("plan", "plans", "planned"):
                return s > 0 and (s in party_ends or lower[s - 1] in _PLAN_VERB_BEFORE)
            if word == "may" and s + 2 < n and lower[s + 1] == "be":
                return lower[s + 2] not in _PASSIVE_OPTION
            # "a vacancy that could not have been filled": what was possible, not a promise
            return not (
                word in MODAL_HEDGES and s + 2 < n and lower[s + 1] == "not"
                and lower[s + 2] == "have"
            )

        hedges_raw = sorted((s, e) for s, e in found.get("HEDGE", []) if real_hedge(s, e))
        # "the Authority may ask any supplier to show ...": the buyer's option, not a hedge
        expect = [(s, e) for s, e in found.get("EXPECT_SUPPLIER", [])
                  if not (s > 0 and lower[s - 1] in MODAL_HEDGES)]
        if expect:
            found["EXPECT_SUPPLIER"] = expect
        else:
            found.pop("EXPECT_SUPPLIER", None)
        for s, e in expect:
            hedges_raw.append((s, e))
        candidates: list[tuple[int, int, str]] = [(s, e, "OBLIG") for s, e in strong]
        candidates += [(s, e, "OBLIG") for s, e in found.get("REQUIRE_SUPPLIER", [])]
        for s, e in hedges_raw:
            if lower[s] not in _ADVERBIAL_STARTS:
                candidates.append((s, e, "HEDGE"))
        candidates.sort()

        possessive = _POSSESSIVES

        def subject_between(lo: int, hi: int) -> tuple[str, int, int] | None:
            """The last party named in [lo, hi) that can be a subject, or "joint"."""
            best: tuple[str, int, int] | None = None
            prev: tuple[int, int, str] | None = None
            for s, e, name in parties:
                if s < lo or s >= hi:
                    continue
                if e < n and text_of[e] in {"'s", "’s", "'", "’"}:
                    continue  # "the Supplier's records"
                if s > 0 and lower[s - 1] in possessive:
                    continue  # "its suppliers"
                if _after_preposition(lower, s, lo):
                    continue  # "staff engaged on Council routes will be paid"
                joined = (
                    prev is not None
                    and prev[2] != name
                    and all(lower[k] in {"and", "the", "or", ","} for k in range(prev[1], s))
                )
                best = ("joint" if joined else name, s, e)
                prev = (s, e, name)
            return best

        trigger: tuple[int, int, str] | None = None
        party: str | None = None
        party_span: tuple[int, int] | None = None
        lo = sent_start
        current: tuple[str, int, int] | None = None
        for s, e, kind in candidates:
            found_subject = subject_between(lo, s)
            if found_subject is not None and not (
                party == "authority" and _object_of_verb(lower, found_subject[1], sent_start)
            ):
                # (the authority's "will give the Contractor notice ... that will": an object)
                current = found_subject
            lo = e
            who = current[0] if current else None
            if (s, e) in found.get("REQUIRE_SUPPLIER", []) or (s, e) in found.get(
                "EXPECT_SUPPLIER", []
            ):
                who = "supplier"
            if (
                party == "authority"
                and trigger is not None
                and any(lower[j] in _RELATIVES for j in range(trigger[1], s))
            ):
                # "The Authority will endeavour to give notice of the open days at which the
                # Contractor may recruit": a relative clause inside the authority's duty
                continue
            if trigger is None or (party is None and who is not None):
                # the first obligation word, or the first one with a subject ("Where
                # commercially viable we will ...": the hedge opens, "we will" obliges)
                trigger, party = (s, e, kind), who
                party_span = current[1:] if current else None
            if who in ("supplier", "bidder"):
                trigger, party = (s, e, kind), who
                party_span = current[1:] if current else None
                break
        if trigger is not None and party is None:
            first_word = lower[first]
            if first_word in {"it", "they"} and previous:
                party = previous[-1].party
            elif lead is not None and clause.item:
                party = lead.party
            elif self._supplier_discretion(found, parties, text_of, lower, candidates):
                party = "supplier"
        if party_span is not None:
            clause.party_word = hit("", party_span[0], party_span[1]).text
        if trigger is not None:
            k = trigger[1]
            while k < sent_end and (
                space[k] or lower[k] in {"also", "promptly", "not", "to", ","}
            ):
                k += 1
            # "shall evidence items (a) to (c) in its quarterly return": the verb says it
            clause.admin = any(s == k for s, _ in found.get("ADMIN", [])) or (
                k < sent_end and lower[k] in ("evidence", "evidences")
            )
            if not clause.admin and any(s == k for s, _ in found.get("EVIDENCE_VERB", [])):
                # "shall provide the Council with a signed statement": an evidence duty
                words = tokens.words
                evidence = found.get("EVIDENCE", [])
                clause.admin = any(
                    k < s <= k + 7 and not any(words[j].like_num for j in range(k + 1, s))
                    for s, _ in evidence
                ) or (
                    # "shall send the Council, by the 10th of each month, a vehicle list and
                    # payroll summary": the object is evidence, no theme is named and nothing
                    # hedges it (a hedged reporting duty is itself judged as a commitment)
                    any(s > k for s, _ in evidence)
                    and not hedges_raw
                    and not any(
                        label.startswith("THEME|") and label != "THEME|general" for label in found
                    )
                )
        first_strong = strong[0][0] if strong else None
        hedges: list[Hit] = []
        for s, e in sorted(set(hedges_raw)):
            word = lower[s]
            if word in MODAL_HEDGES and (
                (first_strong is not None and first_strong < s)
                or (trigger is not None and trigger[0] != s)
            ):
                continue
            hedges.append(hit("HEDGE", s, e))
        if trigger is not None:
            clause.trigger = hit(trigger[2], trigger[0], trigger[1])
            clause.party = party
        # lettered items inherit the lead-in's party, modal and hedges
        if clause.item and lead is not None:
            if clause.trigger is None and lead.trigger is not None:
                clause.trigger = lead.trigger
                clause.inherited = True
                clause.party = lead.party
            if clause.party is None:
                clause.party = lead.party
            if lead.party == clause.party:
                clause.lead_hedges = list(lead.all_hedges)
            clause.context_themes |= lead.all_themes
        clause.hedges = hedges

        # definitions, ITT asks
        # "the people referred to in requirement 2" points back; it defines nothing
        defn = [(s, e) for s, e in found.get("DEFN", []) if lower[s] != "referred"]
        if defn:
            s0 = min(s for s, _ in defn)
            by_means = s0 > 0 and lower[s0 - 1] == "by"
            before = [s for s, _ in strong if s < s0 and lower[s] != "shall"]
            clause.definition = not by_means and not before
        asks = found.get("ASK", [])
        j = _after_question_code(text_of, first, sent_end)
        words = tokens.words
        while j < sent_end and (
            words[j].is_punct
            or words[j].like_num
            or item_marker_at(text_of, j)
            or lower[j] in {"question", "q", "please", "(", ")"}
            or (text_of[j][:1] == "Q"
            and text_of[j][1:].isdigit())
        ):
            j += 1
        opens_with_ask = any(s == j for s, _ in asks) or (
            # "Question Q7.1 asks Tenderers to state ...": a question, described
            lower[first] == "question"
            and any(lower[k] in _QUESTION_WORDS for k in range(first + 1, min(first + 5, sent_end)))
        )
        if not (clause.item and clause.inherited):
            if opens_with_ask:
                clause.ask = True
            elif clause.party == "bidder" and clause.trigger is not None:
                # "Bidders must describe / complete / keep to ...": instructions to bidders
                clause.ask = True
            elif clause.question and any(p[2] == "bidder" for p in parties):
                clause.ask = True

        # everything else: hits in character offsets
        hits: dict[str, list[Hit]] = {}
        for label, spans in found.items():
            if label in _NOT_HITS or not spans:
                continue
            if len(spans) == 1:  # most labels occur once in a sentence
                s, e = spans[0]
                start, end = idx[s], ends[e - 1]
                hits[label] = [Hit(label, start - offset, end - offset, doc_text[start:end])]
            else:
                hits[label] = [hit(label, s, e) for s, e in sorted(spans)]
        clause.hits = hits
        clause.themes = {label.split("|", 1)[1] for label in found if label.startswith("THEME|")}
        if not clause.themes:
            clause.themes = _implied_themes(found)
        item_tokens: set[int] = set()
        if clause.item and text_of[mark] == "(":
            item_tokens = {mark, mark + 1, mark + 2}
        clause.ents = [hit(label, s, e) for label, s, e in ents]
        in_ent = {i for _, s, e in ents for i in range(s, e)} if ents else set()
        years = self.years
        for s, _e in found.get("NUMBER", []):
            word = text_of[s]
            if s in in_ent or s in item_tokens or word in years:
                continue
            if s == first and not (s + 1 < sent_end and text_of[s + 1][:1].islower()):
                continue  # a clause number ("3 The Supplier"), not a count ("3 in each year")
            clause.ents.append(Hit("CARDINAL", idx[s] - offset, ends[s] - offset, word))
        return clause


@Language.factory(
    "svdocs_recorder",
    default_config={"extra_lexicons": {}},
)
def make_analyzer(nlp: Language, name: str, extra_lexicons: dict[str, list[str]]) -> Analyzer:
    return Analyzer(nlp, load_lexicons(extra_lexicons))


def sentence_clause(span: Span) -> SentenceRecord | None:
    """``span._.svd_clause``: the clause of the sentence that starts where ``span`` starts."""
    clauses: list[SentenceRecord] | None = span.doc._.svd_clauses
    if not clauses:
        return None
    k = bisect_right([c.start for c in clauses], span.start_char) - 1
    return clauses[k] if k >= 0 and clauses[k].start == span.start_char else None


def register_extensions() -> None:
    if not Doc.has_extension("svd_clauses"):
        Doc.set_extension("svd_clauses", default=None)
    if not Doc.has_extension("svd_blocks"):
        Doc.set_extension("svd_blocks", default=None)
    if not Span.has_extension("svd_clause"):
        Span.set_extension("svd_clause", getter=sentence_clause)


register_extensions()
