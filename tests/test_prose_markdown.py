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
          "```", "~~~", "\n", " ", "a", "b", "-", "!", "%", "{", "}"]


@pytest.mark.parametrize("seed", range(300))
def test_the_scanners_find_what_the_plain_patterns_find(seed):
    generator = random.Random(seed)
    text = "".join(generator.choice(PIECES) for _ in range(generator.randrange(1, 120)))
    assert list(_md_code_spans(text, 0)) == [m.span() for m in CODE.finditer(text)]
    assert list(_md_spans(text)) == [m.span() for m in MASKED.finditer(text)]


def test_unclosed_openers_are_read_once():
    """A page of unclosed shortcodes, comments and fences is masked like any other text."""
    text = "{{< tweet " * 3 + "<!-- " * 3 + "{% x " * 2
    assert list(_md_spans(text)) == [m.span() for m in MASKED.finditer(text)]
    fences = "```\nx\n~~~\ny\n```"
    assert list(_md_code_spans(fences, 0)) == [m.span() for m in CODE.finditer(fences)]
