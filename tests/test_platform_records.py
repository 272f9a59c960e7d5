"""A platform is one module: its record is complete, and the generic machinery keeps no platform tables.

Adding a platform touches ``provenance/platforms/NAME.py``, its data folder
``provenance/platforms/data/NAME/``, its tests and fixtures, and one entry in the registry
(docs/platforms.md, "Adding a platform"). These tests hold the rest of the package to that: every
record says all a platform has to say, every module outside platforms/ reads the records rather
than naming a platform's hosts, words or modules, and the platform layer imports nothing above it.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from provenance.extract.mention_patterns import MENTIONS_DATA
from provenance.platforms import BARE_ID_PLATFORM, DATA, MENTION_KINDS, PLATFORMS, Platform, mention_words

PACKAGE = Path(__file__).resolve().parents[1] / "provenance"
TESTS = Path(__file__).resolve().parent
#: Everything outside the platform layer: the extractors, the article-date readers (their quoted-post
#: boxes), the rules, the oEmbed client, the commands (``cite``'s default platform), the reference
#: styles. None of it may name a platform's host or word: it reads the records.
GENERIC = sorted(path for path in PACKAGE.rglob("*.py") if not path.is_relative_to(PACKAGE / "platforms"))
#: What the platform layer may import from the package: the shared model, the cache registry
#: (provenance.caches), the date reader (its embed readers read shown dates) and itself. Nothing
#: that reads pages, asks the network or lints. (tests/test_import_graph.py holds every layer.)
PLATFORM_IMPORTS = ("provenance.model", "provenance.caches", "provenance.dates", "provenance.platforms")
LANGUAGES = sorted(path.stem for path in PACKAGE.joinpath(*MENTIONS_DATA).glob("*.json"))


def _module(platform: Platform) -> object:
    return sys.modules[platform.parse_url.__module__]


@pytest.mark.parametrize("platform", PLATFORMS.values(), ids=list(PLATFORMS))
def test_every_record_is_complete(platform: Platform) -> None:
    """Each record names itself, its hosts, launch, slack, readers, words, post kind and any endpoint fully."""
    module = _module(platform)
    assert platform.name == module.NAME == Path(module.__file__).stem
    assert platform.title.strip() and platform.title == module.TITLE
    assert platform.hosts and all(host == host.lower().strip(".") and "." in host for host in platform.hosts)
    assert date(2000, 1, 1) <= platform.launched <= date.today()
    assert timedelta(0) <= platform.shown_date_slack <= timedelta(days=1)
    assert platform.words and all(word == word.lower() for word in platform.words)
    assert platform.post_kind.strip() and platform.post_kind[0].isupper()
    assert all(alias == alias.lower() and alias not in PLATFORMS for alias in platform.aliases)
    assert all(word.isalpha() and word == word.lower() for word in platform.quote_box_words)
    assert not platform.any_host or platform.path_marks, "an any-host platform says what its post paths hold"
    assert not platform.id_attributes or platform.id_permalink is not None
    if platform.oembed is not None:
        assert platform.oembed.key == f"oembed-{platform.name}"
        assert platform.oembed.default.startswith("https://")
    flattened = platform.flattened
    assert flattened.sound_mark is None or len(flattened.sound_mark) == 1
    assert flattened.dash_handle is None or re.compile(flattened.dash_handle).groups == 0
    assert (flattened.attribution is None) or {"name", "handle"} <= set(flattened.attribution.groupindex)
    if platform.short_links is not None:
        keys = {key for _, key in platform.short_links.hosts}
        assert keys == {key for key, _ in platform.short_links.defaults}
        assert set(platform.short_links.media_hosts) <= {host for host, _ in platform.short_links.hosts}


def test_one_platform_reads_bare_ids_by_default() -> None:
    """Exactly one record says a bare ID given with no platform is its post's, and the registry names it."""
    assert [p for p in PLATFORMS.values() if p.bare_id_default] == [BARE_ID_PLATFORM]


@pytest.mark.parametrize("platform", PLATFORMS.values(), ids=list(PLATFORMS))
def test_every_platform_has_its_own_tests(platform: Platform) -> None:
    """Each platform has its test module under tests/platforms/, and each of its forms a fixture folder."""
    assert (TESTS / "platforms" / f"test_{platform.name}.py").is_file()
    if platform.forms:
        assert (TESTS.parent / "fixtures" / "forms" / platform.name).is_dir()


@pytest.mark.parametrize("folder", sorted(PACKAGE.joinpath(*DATA).iterdir()), ids=lambda path: path.name)
def test_every_data_folder_belongs_to_a_platform_and_is_well_formed(folder: Path) -> None:
    """A data folder is a registered platform's; its mention words are lists of strings per known language,
    and every other file in it is one its module names (X's anchor table and the table's licence)."""
    assert folder.name in PLATFORMS
    source = Path(str(_module(PLATFORMS[folder.name]).__file__)).read_text(encoding="utf-8")
    assert [path.name for path in folder.iterdir() if path.name != "mentions.json" and path.name not in source] == []
    words = json.loads((folder / "mentions.json").read_text(encoding="utf-8"))
    assert words and set(words) <= set(LANGUAGES), set(words) - set(LANGUAGES)
    for lang, kinds in words.items():
        assert kinds and set(kinds) <= set(MENTION_KINDS), (lang, kinds)
        for entries in kinds.values():
            assert entries and all(isinstance(entry, str) and entry.strip() for entry in entries)
            assert len(entries) == len(set(entries))


def test_the_language_files_name_no_registered_platform() -> None:
    """A registered platform's mention words live in its own data folder, never in a language file."""
    for path in PACKAGE.joinpath(*MENTIONS_DATA).glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("platforms", "platform_verbs", "platform_posts"):
            assert not set(data.get(key, {})) & set(PLATFORMS), f"{path.name}: {key}"
    assert set(mention_words()) <= set(LANGUAGES)


def test_a_language_file_adds_words_to_a_platforms_own() -> None:
    """Words a language file lists under a registered platform come after the platform's, never instead."""
    from provenance.extract.mention_patterns import _with_platforms  # noqa: PLC0415 - the merge itself

    merged = _with_platforms("en", {"platforms": {"vimeo": ["Vimeo", "Vimeo TV"], "vk": ["VK"]}})
    assert merged["platforms"]["vimeo"] == ["Vimeo", "Vimeo TV"]
    assert merged["platforms"]["vk"] == ["VK"]
    assert merged["platforms"]["x"] == mention_words()["en"]["names"]["x"]


def test_no_two_platforms_claim_the_same_shortcode_attribute_or_class() -> None:
    """Shortcode names, MDX words, embed attributes, feed classes, quote-box words and aliases each belong to
    one platform."""
    owners: dict[tuple[str, str], str] = {}
    for platform in PLATFORMS.values():
        codes = platform.shortcodes
        claims = [
            *(("hugo", name) for name in codes.hugo), *(("jekyll", name) for name in codes.jekyll),
            *(("mdx", word) for word in codes.mdx), *(("jetpack", name) for name in codes.jetpack),
            *(("attribute", name) for name in (*platform.url_attributes, *platform.id_attributes)),
            *(("attribute", name) for _, name in platform.element_ids),
            *(("class", name) for name in platform.feed_classes),
            *(("quote box", word) for word in platform.quote_box_words),
            *(("name", alias) for alias in platform.aliases),
        ]
        for claim in claims:
            assert owners.setdefault(claim, platform.name) == platform.name, f"{claim} claimed twice"


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are code, not docstrings: (line, value)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _platform_vocabulary() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A pattern of every platform's hosts and short-link hosts, and one of their names, titles and words."""
    hosts = {host for p in PLATFORMS.values() for host in p.hosts}
    hosts |= {host for p in PLATFORMS.values() if p.short_links for host, _ in p.short_links.hosts}
    words = {p.name for p in PLATFORMS.values()} | {p.title.lower() for p in PLATFORMS.values()}
    words |= {word for p in PLATFORMS.values() for word in p.words if word.isalpha()}
    words = {word for word in words if len(word) > 2}  # "x" is read apart: as a whole string only
    host_pattern = "|".join(re.escape(host) for host in sorted(hosts, key=len, reverse=True))
    word_pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return (re.compile(rf"(?<![\w-])(?:{host_pattern})(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{word_pattern})(?!\w)", re.IGNORECASE))


@pytest.mark.parametrize("path", GENERIC, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_generic_machinery_names_no_platform(path: Path) -> None:
    """No string in the generic modules' code names a platform's host, name or word: they read the records."""
    hosts, words = _platform_vocabulary()
    found = [
        f"{path.name}:{line}: {value[:80]!r}" for line, value in _strings(path)
        if hosts.search(value) or words.search(value) or value.strip().lower() in PLATFORMS
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", GENERIC, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_generic_machinery_imports_no_platform_module(path: Path) -> None:
    """The generic modules import the registry and the shared records, never one platform's module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "provenance.platforms":
            assert not {alias.name for alias in node.names} & set(PLATFORMS), f"{path.name}:{node.lineno}"
        if isinstance(node, ast.ImportFrom | ast.Import):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for module in modules:
                assert module.rpartition(".")[2] not in PLATFORMS or not module.startswith("provenance.platforms")


@pytest.mark.parametrize("path", sorted((PACKAGE / "platforms").glob("*.py")), ids=lambda path: path.name)
def test_the_platform_layer_imports_nothing_above_it(path: Path) -> None:
    """platforms/ imports only the model, the date reader and itself: never extract/, online/ or the linter."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            continue  # relative imports stay inside the package they are written in
        modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
        if isinstance(node, ast.ImportFrom) and node.module == "provenance":  # the package's modules by name
            modules = [f"provenance.{alias.name}" for alias in node.names]
        for module in modules:
            if module == "provenance" or module.startswith("provenance."):
                assert module.startswith(PLATFORM_IMPORTS), f"{path.name}:{node.lineno} imports {module}"
