"""The embed form catalogue: every platform's declared forms, each with a fixture whose citations are checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FIXTURES

from provenance import check_path
from provenance.extract.catalogue import EMBED_OPENER, OPENER_MARKER, STOCK_OPENER, matched_form
from provenance.htmltree import parse_html
from provenance.platforms import PLATFORMS
from provenance.platforms.forms import FORM_KINDS, EmbedForm, catalogue_markdown

FORMS_DIR = FIXTURES / "forms"


def _expected() -> dict[str, list[dict[str, str | None]]]:
    """The expected citations of every form fixture: ``forms/expected.json``, and a platform's own
    ``forms/PLATFORM/expected.json`` (so that adding a platform touches only its own folder)."""
    expected: dict[str, list[dict[str, str | None]]] = json.loads(
        (FORMS_DIR / "expected.json").read_text(encoding="utf-8")
    )
    for own in sorted(FORMS_DIR.glob("*/expected.json")):
        for key, citations in json.loads(own.read_text(encoding="utf-8")).items():
            assert key not in expected, f"{key} is expected twice"
            assert key.startswith(f"{own.parent.name}/"), f"{own} names {key}, outside its folder"
            expected[key] = citations
    return expected


EXPECTED = _expected()
DECLARED = [(name, form) for name, platform in PLATFORMS.items() for form in platform.forms]


def fixture_of(platform: str, form: EmbedForm) -> Path | None:
    """The fixture page of a declared form: ``fixtures/forms/PLATFORM/SLUG.html`` (``.txt`` for text forms)."""
    for extension in ("html", "txt"):
        path = FORMS_DIR / platform / f"{form.slug}.{extension}"
        if path.is_file():
            return path
    return None


@pytest.mark.parametrize(("platform", "form"), DECLARED, ids=lambda value: getattr(value, "slug", value))
def test_every_declared_form_has_a_fixture_with_expectations(platform, form):
    """Each catalogued form has its own fixture page, and the page's expected citations are written down."""
    path = fixture_of(platform, form)
    assert path is not None, f"no fixture for {platform} {form.slug}"
    assert EXPECTED.get(str(path.relative_to(FORMS_DIR))), f"no expected citations for {path.name}"


def test_every_fixture_is_a_declared_form_or_a_generic_case():
    """No fixture page stands for a form nobody declares (generic/ holds the generic reader's cases)."""
    declared = {f"{platform}/{form.slug}" for platform, form in DECLARED}
    for key in EXPECTED:
        stem = key.rsplit(".", 1)[0]
        assert stem in declared or key.startswith("generic/"), key
        assert (FORMS_DIR / key).is_file(), key


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=str)
def test_fixture_citations_have_the_expected_platform_id_handle_and_form(key):
    """A form's fixture page gives exactly the expected citations: platform, post ID, handle and form."""
    report = check_path(FORMS_DIR / key)
    assert report.error is None
    found = [
        {"platform": c.platform, "post_id": c.post_id, "handle": c.handle, "form": c.form} for c in report.citations
    ]
    assert found == EXPECTED[key]


@pytest.mark.parametrize(("platform", "form"), DECLARED, ids=lambda value: getattr(value, "slug", value))
def test_declared_forms_are_complete_records(platform, form):
    """Each form has a known kind, an example and a source; markup forms name their marker."""
    assert form.kind in FORM_KINDS
    assert form.example.strip() and form.source.strip()
    if form.kind in ("class", "attribute", "frame", "tag", "wrapper", "encoded", "json", "card-text"):
        assert form.marker, form.name


@pytest.mark.parametrize(
    ("platform", "form"),
    [(p, f) for p, f in DECLARED if f.kind == "frame"],
    ids=lambda value: getattr(value, "slug", value),
)
def test_frame_patterns_match_their_example_and_hold_their_hint(platform, form):
    """A frame's pattern matches its example, and its hint is a lower-case literal every match holds."""
    match = re.search(form.marker, form.example, re.IGNORECASE)
    assert match is not None, form.marker
    assert form.hint == form.hint.lower() and form.hint in match.group().lower() + form.example.lower()
    assert OPENER_MARKER.search(form.hint)


@pytest.mark.parametrize(
    ("platform", "form"),
    [(p, f) for p, f in DECLARED if f.kind in ("class", "attribute", "tag", "wrapper", "encoded", "json")],
    ids=lambda value: getattr(value, "slug", value),
)
def test_markup_forms_open_a_region_and_are_recognised_in_their_example(platform, form):
    """A markup form's example opens an embed region and is reported under the form's name (a wrapper as a wrapper)."""
    opener = EMBED_OPENER.search(form.example)
    assert opener is not None, form.example
    root = parse_html(form.example)
    element = next(root.iter(opener.group("tag").lower()))
    found = matched_form(element)
    assert found is not None and found.name == form.name
    assert (STOCK_OPENER.match(form.example, opener.start()) is None) == (form.kind == "wrapper")


def test_form_names_of_a_platform_are_unique_with_their_variants():
    """Two forms of one platform differ in name or variant, so each has its own fixture."""
    for name, platform in PLATFORMS.items():
        slugs = [form.slug for form in platform.forms]
        assert len(slugs) == len(set(slugs)), name


def test_platforms_with_embeds_declare_their_words():
    """Every platform with declared forms names the words the generic reader looks for."""
    for name, platform in PLATFORMS.items():
        if platform.forms:
            assert platform.words and all(word == word.lower() for word in platform.words), name


def test_the_docs_catalogue_is_the_declared_forms(update_golden):
    """docs/platforms.md prints the declared forms, table by table, as the records say them."""
    docs = FORMS_DIR.parent.parent / "docs" / "platforms.md"
    text = docs.read_text(encoding="utf-8")
    begin = text.index("\n", text.index("<!-- forms:begin")) + 1
    end = text.index("<!-- forms:end -->")
    rendered = "\n" + catalogue_markdown({name: (p.title, p.forms) for name, p in PLATFORMS.items()}) + "\n"
    if update_golden:
        docs.write_text(text[:begin] + rendered + text[end:], encoding="utf-8")
        text = docs.read_text(encoding="utf-8")
        begin, end = text.index("\n", text.index("<!-- forms:begin")) + 1, text.index("<!-- forms:end -->")
    assert text[begin:end] == rendered
