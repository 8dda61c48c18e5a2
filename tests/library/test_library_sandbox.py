"""Clause text renders in a sandbox: filters work, undefined names fail, escapes are refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from svdocs.library.sandbox import (
    TemplateError,
    _configure,
    longdate,
    money,
    oxford,
    percent,
    render_string,
    render_template,
    title_case,
)


def test_money_filter() -> None:
    assert money(250000) == "£250,000"
    assert money(1250.5) == "£1,250.50"
    assert money(0) == "£0"
    assert money(-10) == "-£10"


def test_percent_filter() -> None:
    assert percent(15) == "15%"
    assert percent(12.5) == "12.5%"
    assert percent(10.0) == "10%"


def test_longdate_filter() -> None:
    assert longdate("2027-04-01") == "1 April 2027"
    assert longdate(dt.date(2030, 12, 25)) == "25 December 2030"
    with pytest.raises(TemplateError):
        longdate("next spring")


def test_oxford_filter() -> None:
    assert oxford(["a"]) == "a"
    assert oxford(["a", "b"]) == "a and b"
    assert oxford(["care leavers", "veterans", "disabled people"]) == (
        "care leavers, veterans and disabled people")
    assert oxford(["x", "y"], "or") == "x or y"


def test_title_filter_keeps_acronyms_and_small_words() -> None:
    assert title_case("spend with SMEs and VCSEs") == "Spend with SMEs and VCSEs"
    assert title_case("the real living wage") == "The Real Living Wage"


def test_filters_available_in_templates() -> None:
    out = render_string("{{ v | money }} {{ p | percent }} {{ d | longdate }} {{ l | oxford }}",
                        {"v": 5000000, "p": 10, "d": "2027-01-04", "l": ["a", "b", "c"]})
    assert out == "£5,000,000 10% 4 January 2027 a, b and c"


def test_undefined_variable_is_an_error_not_empty() -> None:
    with pytest.raises(TemplateError, match="undefined"):
        render_string("Hello {{ nobody }}", {})
    with pytest.raises(TemplateError, match="undefined"):
        render_string("{{ brief.nothing }}", {"brief": {"authority": "X"}})


#: Templates that reach Python internals or change the brief. Each names only what a clause
#: may use (the kept globals, the brief, the filters), so nothing stops it but the sandbox.
ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ range.__class__.__mro__ }}",
    "{{ brief.__class__ }}",
    "{{ (1).__class__.__base__ }}",
    "{{ (1|money).__class__.__mro__ }}",
    "{{ brief.items.__self__ }}",
    "{{ brief.update({'x': 1}) }}",
]
BRIEF = {"brief": {"authority": "X"}}


@pytest.mark.parametrize("source", ESCAPES)
def test_access_to_internals_is_refused_by_the_sandbox(source: str) -> None:
    with pytest.raises(TemplateError) as info:
        render_string(source, BRIEF)
    message = str(info.value)
    assert message.startswith("not allowed in the sandbox: ")
    assert "\n" not in message
    assert "object at 0x" not in message and "<class" not in message


@pytest.mark.parametrize("source", ESCAPES)
def test_the_escapes_render_without_the_sandbox(source: str) -> None:
    """The refusals above are the sandbox's doing: the same environment without it (strict
    undefined names, the same filters and globals) renders every one of them."""
    env = _configure(jinja2.Environment(undefined=jinja2.StrictUndefined))
    context = {"brief": dict(BRIEF["brief"])}
    assert env.from_string(source).render(**context)


@pytest.mark.parametrize("source", [
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
    "{% from '../../etc/passwd' import x %}",
    "{% extends '/etc/hostname' %}",
])
def test_clause_text_cannot_read_files(source: str) -> None:
    with pytest.raises(TemplateError, match="may not include"):
        render_string(source, {})


def test_document_templates_cannot_leave_their_folder(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    (folder / "a.md.j2").write_text("{% include '../secret.txt' %}")
    (folder / "b.md.j2").write_text("{% include '" + str(secret) + "' %}")
    for name in ("a.md.j2", "b.md.j2"):
        with pytest.raises(TemplateError) as info:
            render_template(folder, name, {})
        assert "TOP SECRET" not in str(info.value)


def test_syntax_error_gives_line() -> None:
    with pytest.raises(TemplateError, match=r"syntax error.*line 2"):
        render_string("ok\n{% if %}", {})
