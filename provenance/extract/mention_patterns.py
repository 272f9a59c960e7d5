"""Phrases that cite a post in a sentence, per language, from data files a newsroom can extend.

One data file per language, ``provenance/data/mentions/<lang>.json``, read once and compiled
with ``regex``; the words that name a registered platform come from that platform's own data,
``provenance/platforms/data/NAME/mentions.json`` (language → ``names``, ``verbs``, ``posts``), and
are merged in as the first entries of the three platform lists below. Each language file is a
JSON object with these keys:

- ``"platforms"``: a network provenance has no platform module for (``truthsocial``, ``vk``, or
  ``social`` for "social media" that names no platform) → the names prose gives it ("Truth
  Social", "μέσα κοινωνικής δικτύωσης"); the registered platforms' names ("Twitter", "X",
  "Facebook") are merged in from their data.
- ``"platform_verbs"``, ``"platform_posts"``: platform → verbs and nouns that name their platform
  by themselves ("tweeted", "retweeting"; "tweet", "tuit"), likewise.
- ``"words"``: named word lists that the patterns use (``verb``, ``post``, ``account``, ``at``,
  ``det``, …), and four lists with a fixed role: ``gap_stop`` (words a gap may not cross: "and",
  "that", "because"), and, to name who posted, ``joiner`` (lower-case words inside a name: "of",
  "της"), ``article`` (words that may stand before a name: "the", "το"), ``relative`` ("who",
  "die": the name before ", who …" is the subject of the clause) and, optional, ``indefinite``
  (words that name no one: "Others tweeted that …" names no author).
- ``"patterns"``: templates, one string each, of tokens separated by spaces: ``{list}`` is any
  entry of a word list (``{platform}``, ``{platform_verb}`` and ``{platform_post}`` are the
  platform lists; every pattern holds one of them), ``{list}?`` an optional one, ``~N`` up to N
  other words (not crossing a ``gap_stop`` word or a comma: "followers on Instagram passed two
  million, the CEO announced" is two clauses), and any other token is that word itself.
  Between tokens may stand spaces, commas, colons, quotes, brackets and hyphens; around a gap, no
  comma or colon.
- ``"exclude"``: phrases that make a sentence page furniture, not a citation ("follow us").
- Two optional word lists tell a bare platform verb that characterises a person from one that
  cites a post: ``habit`` (words just before the verb that make it a habit: "a history of
  retweeting", "known for tweeting") and ``after_verb`` (the words that may follow a verb citing
  a post besides the ``det``, ``at`` and ``gap_stop`` words: "tweeted yesterday", "tweeted out").
  With ``after_verb`` given, a bare platform verb followed by a lower-case word of no list takes
  a bare noun for its object ("retweeting conspiracy theories"): it tells what someone posts in
  general, not a post.
- ``"prefixes"`` (optional): clitics that may be glued to the front of any word (Arabic ``و``, ``ب``).

Entries match case-insensitively as whole words. A ``*`` in an entry stands for any letters
(``Twitter*`` also matches "Twitteru", ``твиттер*`` matches "твиттере"), a space matches any run
of spaces, and an entry that starts with ``=`` matches only as written (``=X``, so that the
letter x is not taken for the platform). A platform name may carry an apostrophe suffix
("Twitter'dan", "Trump’s").

A bare platform verb ("tweeted") is weak evidence — "both men simply tweeted out an accusation
or two" cites no post — so it counts only when the sentence quotes the post or names who posted.
Who posted is read next to the phrase (see ``_author``): a name inside it ("spotted by Mike
Rundle on Twitter"), right after it ("píše na Twitter Gary Lineker"), right before it ("Goldstein
tweeted"), between commas before it, before a relative clause ("Adele, die … auf Instagram
teilte") or past the comma that ends its clause ("…στο Facebook, το Γενικό Επιτελείο …").
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import regex

from provenance import caches
from provenance.dates._spans import longest_word
from provenance.extract.scan import LiteralSet, literal_occurrences
from provenance.platforms import mention_words

__all__ = [
    "MAX_SENTENCE_CHARS",
    "MENTIONS_DATA",
    "MIN_SENTENCE_WORDS",
    "Language",
    "MentionMatch",
    "candidate_positions",
    "compile_language",
    "has_candidate",
    "languages",
    "match_sentence",
    "prose_languages",
]

#: The folder of the data files, inside the package.
MENTIONS_DATA = ("data", "mentions")
#: Fewer words than this is a label or a menu entry ("Share on Facebook"), not a sentence.
MIN_SENTENCE_WORDS = 4
#: Longer "sentences" are lists or text without punctuation; only their start is read, which
#: also bounds the cost of matching.
MAX_SENTENCE_CHARS = 2000
#: The first letters of a platform word (its longest word) that the cheap test looks for: enough
#: to tell "twitt", "faceb", "твитт" from ordinary words, few enough to cover inflected forms.
STEM_CHARS = 5
#: How much of a text is read to tell its languages: a few paragraphs tell it.
DETECT_CHARS = 20_000
#: A language whose common words occur at least this share as often as the most frequent
#: language's is tried too (Spanish and Portuguese prose share many words).
DETECT_SHARE = 0.5
#: Fewer common words than this in the best language tell nothing: every language is tried.
MIN_COMMON_WORDS = 5
#: How far after the phrase the comma that ends its clause may stand ("… on its Facebook page,").
CLAUSE_TAIL_CHARS = 30
#: How far before or after the phrase an @handle is taken as the author's.
HANDLE_REACH = 40
#: How far before a platform verb the words that make it a habit are looked for ("has a long
#: history of", "is known for").
HABIT_REACH = 30

_LETTER = r"\p{L}\p{M}\p{N}_"
_BEFORE = rf"(?<![{_LETTER}])"
_AFTER = rf"(?![{_LETTER}])"
_SEPARATOR_CHAR = r"[\s,:\"“”„«»‘’'()\-]"
_SEPARATOR = _SEPARATOR_CHAR + "*"
#: Around a ``~N`` gap: a gap stays inside its clause.
_GAP_SEPARATOR = r"[\s\"“”„«»‘’'()\-]*"
_GAP_WORD = r"[\p{L}\p{M}\p{N}@#_'’-]+"
_PLATFORM_SUFFIX = r"(?:['’]\p{L}+)?"
_WORD = regex.compile(r"[\p{L}\p{M}'’]+")
_COMMON_LISTS = ("gap_stop", "at", "det", "article", "joiner", "relative", "indefinite")
_TOKEN = regex.compile(r"\{(?P<list>\w+)\}(?P<optional>\?)?|~(?P<gap>\d+)|(?P<word>\S+)")
_SPECIAL = {"platform": "platforms", "platform_verb": "platform_verbs", "platform_post": "platform_posts"}
#: The language file's key of each kind of word a platform's ``mentions.json`` lists.
_PLATFORM_KINDS = {"platforms": "names", "platform_verbs": "verbs", "platform_posts": "posts"}
_NAME_WORD = r"[\p{Lu}\p{Lt}][\p{L}\p{M}'’.\-]*"
_SEPARATOR_CHARACTER = regex.compile(_SEPARATOR_CHAR)
_QUOTE = regex.compile(r"[\"“”„«»]")
_HANDLE = regex.compile(r"(?<![\w@])@([A-Za-z0-9_.]{1,30}[A-Za-z0-9_])")
#: The word right after a verb, spaces between (any other character ends the clause or quotes).
_NEXT_WORD = regex.compile(r"[ \t\u00a0]+([\p{L}\p{M}'’-]+)")


def _entry(entry: str, prefixes: str) -> str:
    exact = entry.startswith("=")
    body = entry[1:] if exact else entry
    pattern = r"\s+".join(
        "".join(r"[\p{L}\p{M}]*" if char == "*" else regex.escape(char) for char in word) for word in body.split()
    )
    if exact:
        pattern = f"(?-i:{pattern})"
    return f"{prefixes}{pattern}"


def _alternation(entries: Sequence[str], prefixes: str = "", suffix: str = "") -> str:
    if not entries:
        return "(?!)"  # an empty list matches nothing, not the empty string
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    return _BEFORE + "(?:" + "|".join(_entry(e, prefixes) for e in ordered) + ")" + suffix + _AFTER


@dataclass(frozen=True)
class Language:
    """One language's compiled mention patterns and naming words."""

    code: str
    pattern: regex.Pattern[str]
    #: Where the first token of a template can match (None: a template may begin anywhere), and
    #: whether separators may stand before it (a template that begins with an optional token).
    leads: regex.Pattern[str] | None
    lead_separators: bool
    #: Any of the platform names, verbs and nouns, when every template needs one (else None).
    platform_words: regex.Pattern[str] | None
    #: (list kind, platform, pattern source): which platform a matched name, verb or noun means.
    #: Compiled when first asked (``_case_free``): a sentence names one platform, a language a dozen.
    platform_names: tuple[tuple[str, str, str], ...]
    exclude: regex.Pattern[str] | None
    name: regex.Pattern[str]
    #: A name that ends the text, searched from the end.
    name_at_end: regex.Pattern[str]
    articles: frozenset[str]
    relatives: frozenset[str]
    #: The language's common words (every list of ``_COMMON_LISTS``): capitalised at the start of
    #: a sentence ("In a statement …") they are no name.
    common: frozenset[str]
    #: Words before a platform verb that make it a habit; None when the language lists none.
    habit: regex.Pattern[str] | None = None
    #: The words that may follow a platform verb that cites a post (``after_verb`` with ``det``,
    #: ``at`` and ``gap_stop``); empty when the language lists no ``after_verb``.
    after_verb: frozenset[str] = frozenset()

    def characterises(self, sentence: str, start: int, end: int) -> bool:
        """Whether the platform verb at ``start``–``end`` tells what someone posts in general
        ("a history of retweeting …", "retweeting conspiracy theories") rather than citing a post."""
        before = sentence[max(start - HABIT_REACH, 0) : start]
        if self.habit is not None and self.habit.search(before) is not None:
            return True
        if not self.after_verb:
            return False
        following = _NEXT_WORD.match(sentence, end)
        if following is None:
            return False
        word = following.group(1)
        return word[0].islower() and word.casefold() not in self.after_verb

    def search(self, sentence: str) -> regex.Match[str] | None:
        """``pattern.search(sentence)``, for far less: the leftmost match.

        Scanning every position with the whole pattern is what costs; the pattern is only tried
        where a template can begin, and not at all in a sentence without a platform word.
        """
        if self.platform_words is not None and self.platform_words.search(sentence) is None:
            return None
        if self.leads is None:
            return self.pattern.search(sentence)
        tried = -1
        for lead in self.leads.finditer(sentence, overlapped=True):
            end = lead.start()
            begin = end
            while self.lead_separators and begin > 0 and _SEPARATOR_CHARACTER.match(sentence, begin - 1):
                begin -= 1
            for start in range(max(begin, tried + 1), end + 1):
                found = self.pattern.match(sentence, start)
                if found is not None:
                    return found
            tried = end
        return None

    def platform_of(self, kind: str, text: str) -> str | None:
        """The platform a matched platform name, verb or noun stands for."""
        for list_kind, platform, source in self.platform_names:
            if list_kind == kind and _case_free(source).fullmatch(text):
                return platform
        return None


def compile_language(code: str, data: dict[str, Any]) -> Language:
    """One language's data file (parsed JSON) compiled; ValueError names what is wrong in it."""
    prefixes = data.get("prefixes") or []
    prefix = "(?:" + "|".join(regex.escape(p) for p in prefixes) + ")?" if prefixes else ""
    words: dict[str, list[str]] = data.get("words", {})
    stops = words.get("gap_stop", [])
    gap_word = (f"(?!{_alternation(stops, prefix)})" if stops else "") + _GAP_WORD

    def list_pattern(name: str, grouped: bool = True) -> str:
        if name in _SPECIAL:
            entries = [e for names in data.get(_SPECIAL[name], {}).values() for e in names]
            group = {"platform": "platform", "platform_verb": "pverb", "platform_post": "ppost"}[name]
            suffix = _PLATFORM_SUFFIX if name == "platform" else ""
            if not entries:
                return "(?!)"
            body = _alternation(entries, prefix, suffix)
            return f"(?P<{group}>{body})" if grouped else body
        if name not in words:
            raise ValueError(f"mentions/{code}.json: a pattern uses {{{name}}}, which is not a word list")
        return _alternation(words[name], prefix)

    templates = []
    # What Language.search needs: the tokens a template can begin with (the first, and the next
    # ones while those before are optional; None when a template may begin with a gap, which
    # starts anywhere), and the platform tokens (None when a template can do without one).
    leads: list[str] | None = []
    lead_separators = False
    platform_words: list[str] | None = []
    for template in data.get("patterns", []):
        pieces: list[str] = []
        leading = True  # every token so far is optional
        needs_platform = False
        after_gap = False
        for token in _TOKEN.finditer(template):
            if token.group("gap"):
                # Words of a gap, with the separator to the next token; or no word and any separator.
                run = f"(?:{_GAP_SEPARATOR}{gap_word}){{1,{int(token.group('gap'))}}}"
                pieces.append(f"(?:{run}{_GAP_SEPARATOR}|{_SEPARATOR})" if pieces else run)
                if leading:
                    leads = None
                leading = False
                after_gap = True
                continue
            if token.group("list"):
                body = list_pattern(token.group("list"))
                bare = list_pattern(token.group("list"), grouped=False)
            else:
                body = bare = _alternation([token.group("word")], prefix)
            joined = body if not pieces or after_gap else _SEPARATOR + body
            after_gap = False
            pieces.append(f"(?:{joined})?" if token.group("optional") else joined)
            if leading and leads is not None:
                leads.append(bare)
                lead_separators = lead_separators or len(pieces) > 1
            leading = leading and bool(token.group("optional"))
            if token.group("list") in _SPECIAL:
                needs_platform = needs_platform or not token.group("optional")
                if platform_words is not None:
                    platform_words.append(bare)
        if not any(f"{{{name}}}" in template for name in _SPECIAL):
            raise ValueError(f"mentions/{code}.json: pattern {template!r} names no platform, verb or noun of one")
        if leading:
            leads = None  # every token optional: the template may match anywhere
        if not needs_platform:
            platform_words = None
        templates.append("".join(pieces))
    if not templates:
        raise ValueError(f"mentions/{code}.json has no patterns")
    names = []
    for key, kind in (("platforms", "platform"), ("platform_verbs", "pverb"), ("platform_posts", "ppost")):
        for platform, entries in data.get(key, {}).items():
            suffix = _PLATFORM_SUFFIX if kind == "platform" else ""
            names.append((kind, platform, _alternation(entries, prefix, suffix)))
    exclude = data.get("exclude") or []
    joiners = words.get("joiner", [])
    joiner = f"(?:\\s+{_alternation(joiners)}){{1,2}}" if joiners else "(?!)"
    name = rf"{_NAME_WORD}(?:(?:{joiner})?\s+{_NAME_WORD})*"
    return Language(
        code=code,
        pattern=regex.compile("|".join(f"(?:{t})" for t in templates), regex.I),
        leads=_union(leads),
        lead_separators=lead_separators,
        platform_words=_union(platform_words),
        platform_names=tuple(names),
        exclude=regex.compile(_alternation(exclude), regex.I) if exclude else None,
        name=regex.compile(name, regex.V1),
        name_at_end=regex.compile(f"(?:{name})\\Z", regex.V1 | regex.REVERSE),
        articles=frozenset(w.casefold() for w in words.get("article", [])),
        relatives=frozenset(w.casefold() for w in words.get("relative", [])),
        common=frozenset(w.casefold() for key in _COMMON_LISTS for w in words.get(key, [])),
        habit=regex.compile(_alternation(words["habit"], prefix) + r"[\s,]*\Z", regex.I)
        if words.get("habit") else None,
        after_verb=frozenset(
            w.casefold() for key in ("after_verb", "det", "at", "gap_stop") for w in words.get(key, [])
        ) if words.get("after_verb") else frozenset(),
    )


@caches.register
@cache
def _case_free(source: str) -> regex.Pattern[str]:
    return regex.compile(source, regex.I)


def _union(alternatives: list[str] | None) -> regex.Pattern[str] | None:
    if not alternatives:
        return None
    return regex.compile("|".join(f"(?:{item})" for item in dict.fromkeys(alternatives)), regex.I)


@caches.register
@cache
def _data() -> dict[str, dict[str, Any]]:
    folder = resources.files("provenance").joinpath(*MENTIONS_DATA)
    items = sorted((item for item in folder.iterdir() if item.name.endswith(".json")), key=lambda i: i.name)
    return {item.name[: -len(".json")]: _with_platforms(item.name[: -len(".json")], json.loads(
        item.read_text(encoding="utf-8"))) for item in items}


def _with_platforms(code: str, data: dict[str, Any]) -> dict[str, Any]:
    """A language's data with the registered platforms' names, verbs and nouns in it (from each
    platform's ``data/NAME/mentions.json``), before the networks the language file names itself."""
    words = mention_words().get(code, {})
    merged = dict(data)
    for key, kind in _PLATFORM_KINDS.items():
        table = {platform: list(entries) for platform, entries in words.get(kind, {}).items()}
        for platform, entries in data.get(key, {}).items():
            # A language file may add words for a registered platform too (a newsroom's own).
            table[platform] = list(dict.fromkeys([*table.get(platform, []), *entries]))
        merged[key] = table
    return merged


def languages() -> dict[str, Language]:
    """Every language with a mention data file, compiled (each once, when first needed)."""
    return {code: _language(code) for code in _data()}


@caches.register
@cache
def _language(code: str) -> Language:
    # Compiled when a sentence first holds one of its platform words: a page needs one or two
    # of the languages, and compiling all of them is most of a short run's start-up.
    return compile_language(code, _data()[code])


@caches.register
@cache
def _names(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """A language's platform-word stems (lower case) and its short names matched as written, read
    from its data file uncompiled: every pattern holds one, so a sentence without one is not
    matched further (most sentences are not, and the cost of matching is there)."""
    data = _data()[code]
    return _stems_of([e for key in _SPECIAL.values() for names in data.get(key, {}).values() for e in names])


def _stems_of(names: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The starts of platform names, verbs and nouns (lower case), and the short exact names."""
    stems: set[str] = set()
    exact: set[str] = set()
    for name in names:
        if name.startswith("="):
            exact.add(name[1:].split("*")[0])
            continue
        # The longest word tells most: "social" in "red social", not "red".
        stems.add(longest_word(name.split("*")[0]).lower()[:STEM_CHARS])
    return frozenset(stems), frozenset(exact)


@caches.register
@cache
def _all_stems() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # Shortest first, in a fixed order: a short name ("X") is soonest found in a page, and the
    # cost of the test does not depend on the hash seed.
    table = [_names(code) for code in _data()]
    return (tuple(sorted({stem for stems, _ in table for stem in stems}, key=lambda s: (len(s), s))),
            tuple(sorted({name for _, exact in table for name in exact}, key=lambda n: (len(n), n))))


def has_candidate(text: str) -> bool:
    """Whether ``text`` may name a platform at all: the cheap test before any pattern is tried.

    Substring tests, not a regular expression: an alternation of a few hundred names costs far
    more than parsing a page, and most pages and sentences name none.
    """
    stems, exact = _all_stems()
    # The names matched as written first: most pages hold one ("X" in their markup), and then
    # the page is not lower-cased at all.
    if any(name in text for name in exact):
        return True
    lowered = text.lower()
    return any(stem in lowered for stem in stems)


def candidate_positions(text: str, one_pass: bool = True) -> list[int] | None:
    """Where the starts of platform words stand in ``text``, sorted (None when lower-casing moves
    characters, which a few letters do: then every sentence is a candidate).

    A place is listed once, however many words start there; a word that starts with another
    (``твита`` with ``твит``, ``Insta`` with ``insta``) adds no place and is not looked for. With
    ``one_pass``, the ASCII stems are found in one pass
    (:func:`provenance.extract.scan.literal_occurrences`, which loads hyperscan when installed: a
    check of a plain-text article asks without), the others one by one, and only those whose
    first letter the text holds.
    """
    ascii_stems, other_stems, exact = _candidate_needles()
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    found = {start for start, _ in literal_occurrences(ascii_stems, lowered)} if one_pass else set()
    if not one_pass:
        other_stems = ascii_stems.literals + other_stems
    # Testing each first letter once costs less than making a set of the text's letters.
    letters = {letter for letter in {stem[0] for stem in other_stems} if letter in lowered}
    needles = [(stem, lowered) for stem in other_stems if stem[0] in letters] + [(name, text) for name in exact]
    for needle, haystack in needles:
        position = haystack.find(needle)
        while position != -1:
            found.add(position)
            position = haystack.find(needle, position + 1)
    return sorted(found)


@caches.register
@cache
def _candidate_needles() -> tuple[LiteralSet, tuple[str, ...], tuple[str, ...]]:
    """What :func:`candidate_positions` looks for: the ASCII stems, the other stems and the exact
    names, without those that start with a stem (the shorter one is found at the same place)."""
    stems, exact = _all_stems()
    kept = [stem for stem in stems if not any(other != stem and stem.startswith(other) for other in stems)]
    # An ASCII name lower-cases letter by letter, so where it stands in the text its lower case
    # stands in the lower-cased text.
    names = tuple(name for name in exact
                  if not (name.isascii() and any(name.lower().startswith(stem) for stem in kept)))
    return (LiteralSet([stem for stem in kept if stem.isascii()]),
            tuple(stem for stem in kept if not stem.isascii()), names)


@dataclass(frozen=True)
class MentionMatch:
    """What one sentence says about a post it cites: where, on which platform, and by whom."""

    lang: str
    platform: str
    start: int
    end: int
    display_name: str | None
    handle: str | None


def prose_languages(text: str, declared: str | None = None) -> tuple[str, ...]:
    """The languages to try on a text: the declared one first, then those whose common words
    (articles, prepositions, conjunctions of the data files) the text uses about as often as the
    best; every language when the text is too short to tell. Pages misdeclare their language."""
    table = _data()
    first = (declared or "").split("-")[0].lower()
    counts = dict.fromkeys(table, 0)
    common = _common_words()
    for word, number in Counter(_WORD.findall(text[:DETECT_CHARS].lower())).items():
        for code in common.get(word, ()):
            counts[code] += number
    best = max(counts.values(), default=0)
    if best < MIN_COMMON_WORDS:
        found = list(table)
    else:
        found = [code for code, count in counts.items() if count >= DETECT_SHARE * best]
    return tuple(([first] if first in table else []) + [code for code in found if code != first])


@caches.register
@cache
def _common_words() -> dict[str, tuple[str, ...]]:
    """Each common word of any language → the languages it belongs to."""
    owners: dict[str, list[str]] = {}
    for code, data in _data().items():
        words = data.get("words", {})
        common = {w.lower() for key in _COMMON_LISTS for w in words.get(key, []) if " " not in w and "*" not in w}
        for word in common:
            owners.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


@caches.register
@cache
def _exclusion_words(code: str) -> frozenset[str]:
    """The case-folded longest word of each of a language's exclusion phrases (before any ``*``)."""
    exclude = _data()[code].get("exclude") or []
    return frozenset(longest_word(entry.removeprefix("=").split("*")[0]).casefold() for entry in exclude)


@caches.register
@cache
def _exclusion(code: str) -> regex.Pattern[str]:
    return regex.compile(_alternation(_data()[code]["exclude"]), regex.I)


def _excluded(sentence: str) -> bool:
    """Whether the exclusions of any language match ``sentence`` (page furniture: "follow us").

    A language's pattern is compiled and tried only for a sentence that holds the longest word of
    one of its phrases, which every match of the phrase contains: compiling all the languages'
    exclusions costs a short article more than matching its sentences.
    """
    folded = sentence.casefold()
    for code in _data():
        words = _exclusion_words(code)
        if any(word in folded for word in words) and _exclusion(code).search(sentence) is not None:
            return True
    return False


def match_sentence(sentence: str, langs: Sequence[str] | None = None) -> MentionMatch | None:
    """The post a sentence cites without embedding it, if it cites one, trying the languages
    ``langs`` in order (every language when None)."""
    if len(sentence.split()) < MIN_SENTENCE_WORDS:
        return None
    sentence = sentence[:MAX_SENTENCE_CHARS]
    lowered = sentence.lower()
    excluded = None  # page furniture ("follow us"): only asked of a sentence that matches
    table = _data()
    for code in langs if langs is not None else table:
        if code not in table:
            continue
        # The languages' names together are has_candidate's: a sentence without one ends here.
        stems, exact = _names(code)
        if not (any(stem in lowered for stem in stems) or any(name in sentence for name in exact)):
            continue  # no platform word of this language: it is not even compiled
        language = _language(code)
        found = language.search(sentence)
        if found is None:
            continue
        if excluded is None:
            excluded = _excluded(sentence)
        if excluded:
            return None
        platform = None
        for group, kind in (("platform", "platform"), ("pverb", "pverb"), ("ppost", "ppost")):
            text = found.group(group)
            if text:
                platform = language.platform_of(kind, text)
                if platform is not None:
                    break
        spans = [found.span(g) for g in ("platform", "pverb", "ppost") if found.group(g)]
        author = _author(language, sentence, found.start(), found.end(), spans)
        handle = _handle(sentence, found.start(), found.end())
        # "tweeted" alone is weak evidence ("both men simply tweeted out an accusation or two"): it
        # cites a post when the sentence quotes it or names who posted it.
        if found.span() == found.span("pverb") and not (author or handle or _QUOTE.search(sentence)):
            continue
        if found.span() == found.span("pverb") and language.characterises(sentence, found.start(), found.end()):
            continue
        return MentionMatch(
            lang=language.code,
            platform=platform or "social",
            start=found.start(),
            end=found.end(),
            display_name=author,
            handle=handle,
        )
    return None


def _handle(sentence: str, start: int, end: int) -> str | None:
    for match in _HANDLE.finditer(sentence, max(start - HANDLE_REACH, 0), min(end + HANDLE_REACH, len(sentence))):
        return match.group(1)
    return None


def _author(language: Language, sentence: str, start: int, end: int, platforms: list[tuple[int, int]]) -> str | None:
    """The name of who posted, where the sentence gives it next to the phrase (or inside it).

    In order: a name inside the phrase ("spotted by Mike Rundle on Twitter"), right after it
    ("píše na Twitter Gary Lineker"), right before it ("Goldstein tweeted"), set off by commas
    before it ("a lawyer, Shannon Kilpatrick, tweeted"), before a relative clause ("Adele, die …
    auf Instagram teilte"), or after it past a comma ("…στο Facebook, το Γενικό Επιτελείο …").
    """
    for inside in language.name.finditer(sentence, start, end):
        if inside.start() > start and not any(a < inside.end() and inside.start() < b for a, b in platforms):
            name = _name(language, sentence, inside)
            if name is not None:
                return name
    after = _name_after(language, sentence, end, past_comma=False)
    if after is not None:
        return after
    before = sentence[:start].rstrip(" \u00a0")
    comma = before.endswith(",")
    before = before.rstrip(", \u00a0")
    clause_start = before.rfind(",")
    clause = before[clause_start + 1 :].split() if clause_start != -1 else []
    relative = bool(clause) and clause[0].casefold() in language.relatives
    if relative:
        before = before[:clause_start].rstrip()
    ending = language.name_at_end.search(before)
    if ending is not None and (name := _name(language, before, ending)) is not None:
        preceding = before[: ending.start()].rstrip()
        # Past a comma the name must stand alone between commas: "…, Human Rights Watch, reaccionó"
        # ends a longer phrase ("investigador de … Human Rights Watch") that names its employer.
        if relative or not comma or not preceding or preceding.endswith(","):
            return name
    return _name_after(language, sentence, end, past_comma=True)


def _name_after(language: Language, sentence: str, end: int, past_comma: bool) -> str | None:
    """A name of two words or more right after the phrase, or with ``past_comma`` after the comma
    that ends its clause ("… on its Facebook page, the Harbour Authority said") and an article."""
    if past_comma:
        comma = sentence.find(",", end, end + CLAUSE_TAIL_CHARS)
        if comma == -1:
            return None
        end = comma + 1
    gap = regex.match(r"[\s\u00a0]*", sentence[end:])
    following = end + (gap.end() if gap else 0)
    if past_comma:
        words = sentence[following:].split(None, 1)
        if words and words[0].casefold() in language.articles:
            following = sentence.index(words[1], following) if len(words) > 1 else len(sentence)
    found = language.name.match(sentence, following)
    if found is None:
        return None
    name = _name(language, sentence, found)
    return name if name is not None and " " in name else None


def _name(language: Language, text: str, found: regex.Match[str]) -> str | None:
    """The name a run of capitalised words gives, without a leading article or other common word
    ("In", "Σε" at the start of a sentence); None when it is none.

    A single capitalised word after an article is a common noun ("Der US-Präsident": German
    capitalises nouns), not a name; so is one that starts a sentence in a language without
    articles ("Министр написал …").
    """
    words = found.group().split()
    before = text[: found.start()].split()
    after_article = bool(before) and before[-1].casefold() in language.articles
    while words and (words[0].casefold() in language.articles or words[0].casefold() in language.common):
        after_article = after_article or words[0].casefold() in language.articles
        words.pop(0)
    if words:
        words[-1] = words[-1].rstrip(".'’-")
    words = [word for word in words if word]
    if not words or (len(words) == 1 and (after_article or words[0].casefold() in language.relatives)):
        return None
    if len(words) == 1 and not before and not language.articles:
        return None  # "Premiér napsal …": without articles a sentence's first noun may be any noun
    return " ".join(words)

