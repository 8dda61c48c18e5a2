"""Rendering clause bodies and document templates in jinja2's sandbox.

Clause libraries may come from folders a user does not control, so templates run in an
:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with :class:`~jinja2.StrictUndefined`:
no access to Python internals (``__class__``, ``__globals__`` ...), no mutation of the values
passed in, an undefined name is an error rather than an empty string. Clause bodies get no
loader at all, so ``{% include %}``, ``{% import %}`` and ``{% extends %}`` cannot read any
file; document templates get a loader confined to the templates folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from svdocs.library.variables import parse_date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "per", "the", "to", "under", "upon", "with",
})
#: Longest text a single template may produce; a guard against runaway loops.
MAX_OUTPUT_CHARS = 2_000_000


class TemplateError(ValueError):
    """A template that cannot be rendered, with a one-line reason (line number if known)."""


# --------------------------------------------------------------------------- filters


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(str(value).replace(",", "").replace("£", "").replace("%", "").strip())
        except ValueError:
            raise TemplateError(f"the {what} filter needs a number, got {value!r}") from None
    return value


def money(value: Any, pence: bool | None = None) -> str:
    """``250000`` -> ``£250,000``; ``1250.5`` -> ``£1,250.50``; negative -> ``-£10``."""
    amount = _number(value, "money")
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    show_pence = pence if pence is not None else round(amount * 100) % 100 != 0
    text = f"{amount:,.2f}" if show_pence else f"{round(amount):,}"
    return f"{sign}£{text}"


def percent(value: Any, places: int | None = None) -> str:
    """``15`` -> ``15%``; ``12.5`` -> ``12.5%`` (the value is already in per cent)."""
    number = _number(value, "percent")
    if places is not None:
        return f"{number:.{places}f}%"
    if float(number).is_integer():
        return f"{int(number)}%"
    return f"{number:g}%"


def longdate(value: Any) -> str:
    """``2027-04-01`` (a date or ISO text) -> ``1 April 2027``."""
    day = parse_date(value)
    if day is None:
        raise TemplateError(f"the longdate filter needs a date (YYYY-MM-DD), got {value!r}")
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def oxford(items: Any, conjunction: str = "and") -> str:
    """Join a list as ``a, b and c`` (one item alone, two with the conjunction)."""
    if isinstance(items, str):
        return items
    parts = [str(i) for i in (items or [])]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def title_case(value: Any) -> str:
    """Title case that keeps short words lower-case and leaves acronyms (SME, VCSE) alone."""
    words = str(value).split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        if not word or any(ch.isupper() for ch in word[1:]) or word.isupper():
            out.append(word)
        elif i > 0 and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[0].upper() + word[1:])
    return " ".join(out)


FILTERS: dict[str, Any] = {
    "money": money,
    "percent": percent,
    "longdate": longdate,
    "oxford": oxford,
    "title": title_case,
}


# --------------------------------------------------------------------------- environments


def _configure(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(FILTERS)
    # no helpers that build objects or reach outside: only what a clause needs
    for name in ("lipsum", "cycler", "joiner", "namespace", "dict"):
        env.globals.pop(name, None)
    return env


@lru_cache(maxsize=1)
def clause_environment() -> ImmutableSandboxedEnvironment:
    """The environment for clause bodies and commitment fields: no loader at all."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, loader=None,
    )
    return _configure(env)  # type: ignore[return-value]


@lru_cache(maxsize=8)
def template_environment(folder: str) -> ImmutableSandboxedEnvironment:
    """The environment for document templates: a loader confined to ``folder``."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
        loader=jinja2.FileSystemLoader(folder, followlinks=False),
    )
    return _configure(env)  # type: ignore[return-value]


def _reason(exc: BaseException) -> str:
    line = getattr(exc, "lineno", None)
    where = f" (line {line})" if line else ""
    if isinstance(exc, SecurityError):
        return f"not allowed in the sandbox: {exc}{where}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined: {exc.message or exc}{where}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error: {exc.message}{where}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"cannot include or import {exc.name!r}: no such template{where}"
    if isinstance(exc, TypeError) and "no loader" in str(exc):
        return "clause text may not include, import or extend other files"
    if isinstance(exc, TemplateError):
        return str(exc)
    return f"cannot render: {type(exc).__name__}: {exc}{where}"


def render_string(source: str, context: Mapping[str, Any],
                  env: jinja2.Environment | None = None) -> str:
    """Render ``source`` with ``context`` in the clause sandbox; failures -> TemplateError."""
    try:
        template = _compiled(source) if env is None else env.from_string(source)
        out = template.render(**context)
    except TemplateError:
        raise
    except RecursionError:
        raise TemplateError("cannot render: the template recurses too deeply") from None
    except Exception as exc:  # jinja2 raises many kinds; all become one line
        raise TemplateError(_reason(exc)) from None
    if len(out) > MAX_OUTPUT_CHARS:
        raise TemplateError(f"renders to more than {MAX_OUTPUT_CHARS:,} characters")
    return out


@lru_cache(maxsize=4096)
def _compiled(source: str) -> jinja2.Template:
    """Clause sources compiled once (the same body is rendered for every brief)."""
    return clause_environment().from_string(source)


def render_template(folder: Path, name: str, context: Mapping[str, Any]) -> str:
    """Render the document template ``name`` from ``folder`` (sandboxed, confined loader)."""
    env = template_environment(str(folder))
    try:
        template = env.get_template(name)
        out = template.render(**context)
    except Exception as exc:
        raise TemplateError(_reason(exc)) from None
    if len(out) > MAX_OUTPUT_CHARS:
        raise TemplateError(f"renders to more than {MAX_OUTPUT_CHARS:,} characters")
    return out


# --------------------------------------------------------------------------- analysis

_IMPORT_NODES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


def referenced_names(sources: Iterable[str]) -> tuple[set[str], list[str]]:
    """Names a group of template strings reads, and syntax / structure problems found.

    Only top-level names are returned (``brief`` for ``brief.value``); loop variables and
    names set inside the template are excluded, as are the environment's globals.
    """
    env = clause_environment()
    names: set[str] = set()
    problems: list[str] = []
    for source in sources:
        try:
            ast = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(f"template syntax error: {exc.message} (line {exc.lineno})")
            continue
        if any(True for _ in ast.find_all(_IMPORT_NODES)):
            problems.append("clause text may not include, import or extend other files")
        names |= meta.find_undeclared_variables(ast)
    return names - set(env.globals), problems


_WS = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """Strip trailing spaces on lines and collapse three or more blank lines into one."""
    text = _WS.sub("\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
