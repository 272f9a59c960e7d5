"""Markdown that prose does not read: the linear scanners against the plain regular expressions."""

from __future__ import annotations

import random

import pytest
import regex

from provenance.extract.prose import _md_code_spans, _md_spans

#: What the scanners must find, written the plain way (which costs a pass per unclosed opener).
CODE = regex.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", regex.MULTILINE | regex.DOTALL)
MASKED = regex.compile(
    r"<!--.*?-->|<[A-Za-z/!][^>\n]*>|\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|!?\[|\]",
    regex.DOTALL,
)
PIECES = ["<!--", "-->", "<a>", "<", ">", "{{<", "{{%", "%}}", ">}}", "{%", "%}", "*", "_", "![", "[", "]", "`",
          "```", "~~~", "\n```", "\n~~~", "\n```\n", "\n", " ", "a", "b", "-", "!", "%", "{", "}"]


def _text(seed: int) -> str:
    generator = random.Random(seed)
    return "".join(generator.choice(PIECES) for _ in range(generator.randrange(1, 120)))


@pytest.mark.parametrize("seed", range(300))
def test_the_scanners_find_what_the_plain_patterns_find(seed):
    text = _text(seed)
    assert list(_md_code_spans(text, 0)) == [m.span() for m in CODE.finditer(text)]
    assert list(_md_spans(text)) == [m.span() for m in MASKED.finditer(text)]
    # Code is looked for from where the body starts, after any front matter: anywhere in a line.
    start = random.Random(-seed).randrange(len(text) + 1)
    assert list(_md_code_spans(text, start)) == [m.span() for m in CODE.finditer(text, start)]


def test_the_random_texts_hold_closed_and_unclosed_fences():
    """The comparison above is worth something only if fences occur in it, closed or not."""
    texts = [_text(seed) for seed in range(300)]
    fenced = [text for text in texts if any(m.group(1) for m in CODE.finditer(text))]
    unclosed = [text for text in texts if regex.search(r"^```", text, regex.MULTILINE) and text not in fenced]
    assert len(fenced) >= 20 and len(unclosed) >= 20


def test_unclosed_openers_are_masked_as_the_plain_patterns_mask_them():
    """A page of unclosed shortcodes, comments and fences is masked like any other text."""
    text = "{{< tweet " * 3 + "<!-- " * 3 + "{% x " * 2
    assert list(_md_spans(text)) == [m.span() for m in MASKED.finditer(text)]
    fences = "```\nx\n~~~\ny\n```"
    assert list(_md_code_spans(fences, 0)) == [m.span() for m in CODE.finditer(fences)]
