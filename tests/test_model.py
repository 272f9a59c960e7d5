"""The model records' own behaviour: where an offset stands in a document."""

from __future__ import annotations

import random

from provenance.model import Document, one_line


def _expected(text: str, offset: int) -> tuple[int, int]:
    lines = text[:offset].split("\n")
    return len(lines), len(lines[-1]) + 1


def test_position_counts_lines_and_columns_from_one() -> None:
    document = Document("a.txt", "text", "one\ntwo\n\nfour")
    assert document.position(0) == (1, 1)
    assert document.position(3) == (1, 4)  # the newline ends line 1
    assert document.position(4) == (2, 1)
    assert document.position(9) == (4, 1)
    assert document.position(13) == (4, 5)  # the end of the text


def test_position_answers_the_same_in_any_order_of_asking() -> None:
    generator = random.Random(7)
    text = "".join(generator.choice("ab\n") for _ in range(5000))
    document = Document("a.txt", "text", text)
    offsets = [generator.randrange(len(text) + 1) for _ in range(2000)]
    assert [document.position(offset) for offset in offsets] == [_expected(text, offset) for offset in offsets]
    assert [document.position(offset) for offset in sorted(offsets)] == [_expected(text, o) for o in sorted(offsets)]


def test_one_line_is_the_message_on_one_line_or_the_type_name() -> None:
    assert one_line(OSError("cannot\n  read\tthis")) == "cannot read this"
    assert one_line(ValueError()) == "ValueError"
    assert one_line(ValueError("  \n ")) == "ValueError"
    assert one_line(ValueError("x" * 10), 5) == "xxxx…"
    assert one_line(ValueError("x" * 5), 5) == "xxxxx"
    assert one_line(ValueError("bad line b'\x8b\x00é'"), ascii_only=True) == "bad line b'???'"
