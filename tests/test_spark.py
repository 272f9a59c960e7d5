"""The Spark engine on a local Spark: the same results as the local engine over the same WARC files.

pyspark and a Java runtime are optional: without them the tests that start Spark skip, saying
what is missing, and the ones that need no Spark still run.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from audit_support import Record, build_warc
from helpers import FIXTURES, SHARED

from provenance.audit import audit_paths
from provenance.cli import main
from provenance.config import ConfigError, Options
from provenance.engines import spark as spark_engine
from provenance.engines.spark import run_spark, warc_paths
from provenance.fetch import Fetcher
from provenance.formats.jsonl import render_file
from provenance.sources.inputs import Sources

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def java_problem() -> str | None:
    """Why this machine cannot start a local Spark, or None when it can."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install '.[spark]')"
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if java is None or not os.path.exists(java):
        return "no Java runtime for Spark (apt-get install default-jre-headless)"
    # pyspark 4 runs on Java 17 or later; 3.5 on Java 8 or later.
    needed = 17 if int(metadata.version("pyspark").split(".")[0]) >= 4 else 8
    shown = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    found = re.search(r'version "(?:1\.)?(\d+)', shown)
    if found is None or int(found[1]) < needed:
        return f"pyspark {metadata.version('pyspark')} needs Java {needed} or later ({java}: {shown.strip()[:60]!r})"
    return None


#: pyspark before 4.2 leaves the socket of each collect() to the garbage collector (SPARK-54247),
#: which Python reports as an unclosed socket; the sockets are pyspark's, and closed when collected.
pytestmark = pytest.mark.filterwarnings(
    r"ignore:Exception ignored in. <socket\.socket:pytest.PytestUnraisableExceptionWarning"
)
NO_PYSPARK = pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                                reason="pyspark is not installed (pip install '.[spark]')")
SITE = FIXTURES / "audit" / "site"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One local Spark for the module: starting one takes seconds."""
    problem = java_problem()
    if problem is not None:
        pytest.skip(problem)
    from pyspark.sql import SparkSession  # noqa: PLC0415 - pyspark is optional

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)  # workers must import this provenance
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # keep the driver on the loopback
        session = (
            SparkSession.builder.master("local[2]").appName("provenance-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()
        gc.collect()  # pyspark's sockets are closed here, while this module's warning filter holds


def second_pages() -> list[Path]:
    """The second WARC file's pages: six of the corpus when ../shared is there, else the fixture site's again."""
    return sorted((SHARED / "corpus").glob("*.html"))[:6] or sorted(SITE.rglob("*.html"))


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two WARC files: the fixture site (with a broken record and a non-article) and the corpus when present."""
    folder = tmp_path_factory.mktemp("warcs")
    pages = sorted(SITE.rglob("*.html"))
    first = folder / "site.warc.gz"
    offsets = build_warc(first, [
        *[Record(f"https://site.example/{page.name}", page.read_bytes()) for page in pages],
        Record("https://site.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        *[Record(f"https://site.example/{n}.html", pages[0].read_bytes()) for n in range(3)],
    ])
    data = first.read_bytes()
    middle = (offsets[-2] + offsets[-1]) // 2
    first.write_bytes(data[:middle] + data[middle + 40 :])
    second = folder / "corpus.warc"
    corpus = second_pages()
    build_warc(second, [Record(f"https://corpus.example/{page.name}", page.read_bytes(), "text/html")
                        for page in corpus], compress=False)
    return [str(first), str(second)]


@pytest.fixture(scope="module")
def local(warcs: list[str]) -> dict[str, dict[str, object]]:
    """The local engine's JSON line of each article of the WARC files."""
    return {report.source: json.loads(render_file(report)) for report in audit_paths(warcs, Options())}


def read_lines(folder: Path) -> dict[str, dict[str, object]]:
    parts = sorted(folder.glob("part-*"))
    records = [json.loads(line) for part in parts for line in part.read_text("utf-8").splitlines()]
    by_source = {record["source"]: record for record in records}
    assert len(by_source) == len(records)
    return by_source


def test_spark_gives_the_local_engines_results(spark, warcs, local, tmp_path):
    """Each article of the WARC files has the same JSON line from Spark as from the local engine."""
    result = run_spark(warcs, Options(), str(tmp_path / "out"), max_bytes=20_000_000, spark=spark)
    from_spark = read_lines(tmp_path / "out")
    assert from_spark == local
    assert result.files == len(local) and result.failed == 1 and result.worst is not None
    assert sum(1 for record in local.values() if record["error"]) == 1
    # The site's pages, three copies of its first (one cut by the break), the second file's pages.
    assert len(local) == len(sorted(SITE.rglob("*.html"))) + 3 + len(second_pages())


def test_spark_writes_parquet_with_the_same_content(spark, warcs, local, tmp_path):
    """--spark-format parquet writes the same articles, citations and findings as columns."""
    run_spark(warcs, Options(), str(tmp_path / "pq"), output_format="parquet", max_bytes=20_000_000, spark=spark)
    rows = spark.read.parquet(str(tmp_path / "pq")).collect()
    assert {row["source"] for row in rows} == set(local)
    for row in rows:
        record = local[row["source"]]
        assert row["error"] == record["error"] and row["published"] == record["published"]
        assert [c["post_id"] for c in row["citations"]] == [c["post_id"] for c in record["citations"]]  # type: ignore[attr-defined]
        assert [(f["code"], f["line"], f["column"]) for f in row["findings"]] == [
            (f["code"], f["line"], f["column"]) for f in record["findings"]]  # type: ignore[attr-defined]


def test_the_command_line_runs_the_spark_engine(spark, warcs, local, tmp_path, capsys):
    """'audit --engine spark' writes the folder, prints one summary line and exits 3 for the broken record."""
    listing = tmp_path / "warcs.txt"
    listing.write_text("\n".join(warcs) + "\n", encoding="utf-8")
    code = main(["audit", "--engine", "spark", "--spark-master", "local[2]", "--no-config",
                 "--output", str(tmp_path / "cli"), "--from-file", str(listing)])
    _, err = capsys.readouterr()
    assert code == 3
    assert err.splitlines()[-1].endswith(f"1 unreadable, written to {tmp_path / 'cli'} (jsonl)")
    assert set(read_lines(tmp_path / "cli")) == set(local)
    code = main(["audit", "--engine", "spark", "--output", str(tmp_path / "cli"), *warcs])
    assert code == 2 and "exists" in capsys.readouterr().err


def test_spark_inputs_must_be_warc_files(tmp_path):
    """Folders and globs expand to their WARC files; any other input is a usage error."""
    (tmp_path / "a.warc.gz").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.warc").write_bytes(b"")
    assert warc_paths([str(tmp_path)]) == [str(tmp_path / "a.warc.gz"), str(tmp_path / "sub" / "b.warc")]
    assert warc_paths([f"{tmp_path}/**/*.warc"]) == [str(tmp_path / "sub" / "b.warc")]
    assert warc_paths(["s3://bucket/crawl.warc.gz"]) == ["s3://bucket/crawl.warc.gz"]
    with pytest.raises(ValueError, match="reads WARC files"):
        warc_paths([str(SITE / "brief.txt")])


def test_spark_walks_folders_as_the_local_engine_does(tmp_path):
    """Hidden files and folders are skipped and linked folders followed: Spark audits the WARC
    files a local audit of the same folder reads, no more and no fewer."""
    top, other = tmp_path / "crawl", tmp_path / "other"
    (top / ".hidden").mkdir(parents=True)
    other.mkdir()
    for path in [top / "a.warc.gz", top / ".b.warc.gz", top / ".hidden" / "c.warc", other / "d.warc"]:
        path.write_bytes(b"")
    (top / "linked").symlink_to(other, target_is_directory=True)
    expected = [str(top / "a.warc.gz"), str(top / "linked" / "d.warc")]
    assert warc_paths([str(top)]) == expected
    with Fetcher() as fetcher:  # each empty WARC file is one error item, keyed by its path
        assert [item.key for item in Sources(fetcher, max_bytes=100).items([str(top)])] == expected


def test_a_folder_spark_cannot_list_is_a_usage_error(tmp_path, monkeypatch):
    """The local engine reports a folder it cannot list; Spark refuses to start rather than skip it."""
    locked = str(tmp_path / "locked")
    denied = PermissionError(13, "Permission denied")
    monkeypatch.setattr(spark_engine, "walk_files", lambda top, gitignore=True: iter([(locked, denied)]))
    with pytest.raises(ConfigError, match=re.escape(f"cannot list {locked}: Permission denied")):
        warc_paths([str(tmp_path)])


@NO_PYSPARK
def test_a_file_name_that_is_not_utf8_is_a_usage_error_before_spark_starts(tmp_path, capsys):
    """Spark passes paths to its workers as UTF-8: a name that is not (from a Latin-1 list, or a
    folder) is one line on standard error and exit 2, not a Java stack trace."""
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.warc.gz"), "wb"):
        pass
    listing = tmp_path / "warcs.txt"
    listing.write_bytes(folder + b"/caf\xe9.warc.gz\n# a comment\n\n")
    for inputs in (["--from-file", str(listing)], [str(tmp_path)]):
        code = main(["audit", "--engine", "spark", "--no-config", "--output", str(tmp_path / "out"), *inputs])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "caf\\udce9.warc.gz" in err and "not (rename it" in err and len(err.splitlines()) == 1
        assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("flag", "message"), [("--state", "--state is for the local engine"),
                                               ("--report", "--report is for the local engine")])
def test_local_engine_options_are_refused_with_spark(tmp_path, capsys, flag, message):
    """An option only the local engine honours is a usage error with Spark, never silently dropped
    (checked before Spark starts)."""
    code = main(["audit", "--engine", "spark", "--output", str(tmp_path / "out"), flag, str(tmp_path / "x"),
                 str(tmp_path / "a.warc")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_the_spark_engine_without_pyspark_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """Without pyspark, '--engine spark' says how to install it on one line and exits 2."""
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now fails, as when it is absent
    (tmp_path / "a.warc").write_bytes(b"")
    code = main(["audit", "--engine", "spark", "--no-config", "--output", str(tmp_path / "out"), str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.endswith("--engine spark needs pyspark: pip install 'provenance[spark]'\n"), err
    assert len(err.splitlines()) == 1
