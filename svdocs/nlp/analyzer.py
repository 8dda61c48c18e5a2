"""The ``svdocs_analyzer`` component: finds obligations, parties, hedges and the parts of a
commitment in each sentence, and stores them as :class:`~svdocs.nlp.clause.Clause` objects on
``doc._.svd_clauses`` (and each sentence span's ``span._.svd_clause``).

Everything is matched with spaCy's PhraseMatcher (on lower-case lemmas, or on the lower-case
words for the ``exact`` lists) and Matcher token patterns, once per document; the per-sentence
work only sorts matches into sentences and applies the drafting rules.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .clause import Clause, Hit
from .entities import YEARS
from .lexicons import Lexicons, load_lexicons
from .sentences import _BULLETS, is_item_marker

# hedges that qualify a clause rather than make it (they never act as the obligation word)
_ADVERBIAL_STARTS = ("where", "wherever", "as", "if", "when", "whenever", "so", "to", "subject")
MODAL_HEDGES = frozenset({"may", "might", "could", "should"})
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
    ("consequence", "terms", "CONSEQ"),
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
    ("obligations", "admin_verbs", "ADMIN"),
    ("themes", "ignore", "THEME_IGNORE"),
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
    "be not deliver", "below target", "below the target", "below its target",
    "below the trajectory", "behind the milestone", "behind plan", "below the milestone",
]  # fmt: skip
_DETERMINERS = ["", "the ", "a ", "each ", "all ", "any "]


class Analyzer:
    def __init__(self, nlp: Language, lexicons: Lexicons) -> None:
        self.lexicons = lexicons
        self.lemma_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.token_matcher = Matcher(nlp.vocab)
        names = nlp.pipe_names
        lemmatize = nlp.get_pipe("svdocs_lemmatizer") if "svdocs_lemmatizer" in names else None

        def lemma_docs(phrases: list[str]) -> list[Doc]:
            docs = []
            for phrase in phrases:
                doc = nlp.make_doc(phrase.lower())
                if lemmatize is not None:
                    doc = lemmatize(doc)
                docs.append(doc)
            return docs

        for lexicon, key, label in LEMMA_LISTS:
            phrases = lexicons.get(lexicon, key)
            if phrases:
                self.lemma_matcher.add(label, lemma_docs(phrases))
        for lexicon, key, label in EXACT_LISTS:
            phrases = lexicons.get(lexicon, key)
            if phrases:
                self.lower_matcher.add(label, [nlp.make_doc(p.lower()) for p in phrases])
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
                    self.lemma_matcher.add(f"{prefix}|{name}", lemma_docs(phrases))
        self.lemma_matcher.add("FAILURE", lemma_docs(FAILURE_PHRASES))
        self.token_matcher.add("NUMBER", [[{"LIKE_NUM": True}]])
        self.token_matcher.add(
            "BASELINE",
            [[{"LOWER": "from"}, {"TEXT": {"IN": ["£", "$", "€"]}, "OP": "?"}, {"LIKE_NUM": True}]],
        )
        self.lower_matcher.add(
            "BASELINE",
            [nlp.make_doc(f"{w} {y}") for w in ("below", "above", "on", "against") for y in YEARS],
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
            self.lemma_matcher.add(label, lemma_docs(phrases))
        self.strings = nlp.vocab.strings
        self.years = frozenset(YEARS)

    # ------------------------------------------------------------------ matching
    def _matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = self.strings
        out = [
            (strings[m], s, e)
            for matcher in (self.lemma_matcher, self.lower_matcher, self.token_matcher)
            for m, s, e in matcher(doc)
        ]
        ignored: set[int] = set()
        for label, s, e in out:
            if label in ("THEME_IGNORE", "LOCAL_IGNORE"):
                ignored.update(range(s, e))
        if ignored:
            out = [
                (label, s, e)
                for label, s, e in out
                if not (
                    (label.startswith("THEME|") or label == "LOCAL")
                    and any(i in ignored for i in range(s, e))
                )
            ]
        return out

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        if not sents:
            doc._.svd_clauses = []
            return doc
        starts = [s.start for s in sents]
        per_sent: list[dict[str, list[tuple[int, int]]]] = [defaultdict(list) for _ in sents]
        for label, s, e in self._matches(doc):
            per_sent[bisect_right(starts, s) - 1][label].append((s, e))
        ents_per: list[list[Any]] = [[] for _ in sents]
        for ent in doc.ents:
            ents_per[bisect_right(starts, ent.start) - 1].append(ent)
        clauses: list[Clause] = []
        lead: Clause | None = None
        for k, sent in enumerate(sents):
            clause = self._clause(doc, k, sent, per_sent[k], ents_per[k], lead, clauses)
            clauses.append(clause)
            if clause.lead_in:
                lead = clause
            elif not clause.item:
                lead = None
            sent._.svd_clause = clause
        doc._.svd_clauses = clauses
        return doc

    # ------------------------------------------------------------------ one sentence
    def _clause(
        self,
        doc: Doc,
        k: int,
        sent: Span,
        found: dict[str, list[tuple[int, int]]],
        ents: list[Span],
        lead: Clause | None,
        previous: list[Clause],
    ) -> Clause:
        base = sent.start_char

        def hit(label: str, s: int, e: int) -> Hit:
            span = doc[s:e]
            return Hit(label, span.start_char, span.end_char, span.text)

        # skip trailing whitespace in the sentence text
        text = sent.text.rstrip()
        clause = Clause(index=k, start=base, end=base + len(text), text=text)
        date_tokens = {i for ent in ents if ent.label_ == "DATE" for i in range(ent.start, ent.end)}
        first = sent.start
        while first < sent.end and doc[first].is_space:
            first += 1
        mark = first
        if mark + 1 < sent.end and doc[mark].lower_ in {"and", "or"}:
            mark += 1
        clause.item = mark < sent.end and (
            is_item_marker(doc, mark) or doc[mark].text in _BULLETS
        )
        last = sent.end - 1
        while last > first and doc[last].is_space:
            last -= 1
        clause.lead_in = doc[last].text in {":", "—"} or (
            doc[last].text == "-" and last > first and doc[last - 1].text == ":"
        )
        clause.question = doc[last].text == "?"

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
        hedges_raw = sorted(
            (s, e)
            for s, e in found.get("HEDGE", [])
            if not any(i in date_tokens for i in range(s, e))
        )
        for s, e in found.get("EXPECT_SUPPLIER", []):
            hedges_raw.append((s, e))
        candidates: list[tuple[int, int, str]] = [(s, e, "OBLIG") for s, e in strong]
        candidates += [(s, e, "OBLIG") for s, e in found.get("REQUIRE_SUPPLIER", [])]
        for s, e in hedges_raw:
            if doc[s].lower_ not in _ADVERBIAL_STARTS:
                candidates.append((s, e, "HEDGE"))
        candidates.sort()

        possessive = {"its", "their", "our", "your", "his", "her"}

        def subject_between(lo: int, hi: int) -> tuple[str, int, int] | None:
            """The last party named in [lo, hi) that can be a subject, or "joint"."""
            best: tuple[str, int, int] | None = None
            prev: tuple[int, int, str] | None = None
            for s, e, name in parties:
                if s < lo or s >= hi:
                    continue
                if e < len(doc) and doc[e].text in {"'s", "’s", "'", "’"}:
                    continue  # "the Supplier's records"
                if s > 0 and doc[s - 1].lower_ in possessive:
                    continue  # "its suppliers"
                joined = (
                    prev is not None
                    and prev[2] != name
                    and all(doc[k].lower_ in {"and", "the", "or", ","} for k in range(prev[1], s))
                )
                best = ("joint" if joined else name, s, e)
                prev = (s, e, name)
            return best

        trigger: tuple[int, int, str] | None = None
        party: str | None = None
        party_span: tuple[int, int] | None = None
        lo = sent.start
        current: tuple[str, int, int] | None = None
        for s, e, kind in candidates:
            found_subject = subject_between(lo, s)
            if found_subject is not None:
                current = found_subject
            lo = e
            who = current[0] if current else None
            if (s, e) in found.get("REQUIRE_SUPPLIER", []) or (s, e) in found.get(
                "EXPECT_SUPPLIER", []
            ):
                who = "supplier"
            if trigger is None:
                trigger, party = (s, e, kind), who
                party_span = current[1:] if current else None
            if who in ("supplier", "bidder"):
                trigger, party = (s, e, kind), who
                party_span = current[1:] if current else None
                break
        if trigger is not None and party is None:
            first_word = doc[first].lower_
            if first_word in {"it", "they"} and previous:
                party = previous[-1].party
            elif lead is not None and clause.item:
                party = lead.party
        if party_span is not None:
            clause.party_word = doc[party_span[0] : party_span[1]].text
        if trigger is not None:
            k = trigger[1]
            while k < sent.end and (
                doc[k].is_space or doc[k].lower_ in {"also", "promptly", "not", "to", ","}
            ):
                k += 1
            clause.admin = any(s == k for s, _ in found.get("ADMIN", []))
        first_strong = strong[0][0] if strong else None
        hedges: list[Hit] = []
        for s, e in sorted(set(hedges_raw)):
            word = doc[s].lower_
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
        defn = found.get("DEFN", [])
        if defn:
            s0 = min(s for s, _ in defn)
            by_means = s0 > 0 and doc[s0 - 1].lower_ == "by"
            before = [s for s, _ in strong if s < s0 and doc[s].lower_ != "shall"]
            clause.definition = not by_means and not before
        asks = found.get("ASK", [])
        j = first
        while j < sent.end and (
            doc[j].is_punct
            or doc[j].like_num
            or is_item_marker(doc, j)
            or doc[j].lower_ in {"question", "q", "please", "(", ")"}
            or (doc[j].text[:1] == "Q"
            and doc[j].text[1:].isdigit())
        ):
            j += 1
        opens_with_ask = any(s == j for s, _ in asks)
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
            if label in ("HEDGE", "OBLIG", "NUMBER"):
                continue
            hits[label] = [hit(label, s, e) for s, e in sorted(spans)]
        clause.hits = hits
        clause.themes = {label.split("|", 1)[1] for label in found if label.startswith("THEME|")}
        item_tokens: set[int] = set()
        if clause.item and doc[mark].text == "(":
            item_tokens = {mark, mark + 1, mark + 2}
        clause.ents = [Hit(ent.label_, ent.start_char, ent.end_char, ent.text) for ent in ents]
        in_ent = {i for ent in ents for i in range(ent.start, ent.end)}
        years = self.years
        for s, _e in found.get("NUMBER", []):
            tok = doc[s]
            if s in in_ent or s == first or s in item_tokens or tok.text in years:
                continue
            clause.ents.append(Hit("CARDINAL", tok.idx, tok.idx + len(tok.text), tok.text))
        return clause


@Language.factory(
    "svdocs_analyzer",
    default_config={"extra_lexicons": {}},
)
def make_analyzer(nlp: Language, name: str, extra_lexicons: dict[str, list[str]]) -> Analyzer:
    return Analyzer(nlp, load_lexicons(extra_lexicons))


def register_extensions() -> None:
    if not Doc.has_extension("svd_clauses"):
        Doc.set_extension("svd_clauses", default=None)
    if not Span.has_extension("svd_clause"):
        Span.set_extension("svd_clause", default=None)


register_extensions()
