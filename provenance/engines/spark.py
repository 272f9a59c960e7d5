"""The Spark engine: the same per-document function over WARC files, on Apache Spark.

Built the way Common Crawl's cc-pyspark jobs are: the driver makes an RDD of WARC paths, one
partition per file; ``mapPartitions`` reads each WARC with warcio on an executor (streamed,
record by record, as the local engine does) and yields one JSON line per article, made by
``check_item`` and the ``jsonl`` format, so a run gives exactly what the local engine gives.
The lines are written to ``--output DIR`` as text files (``part-*``, JSON lines) or as Parquet
(``SCHEMA``: the JSON fields as columns). Paths are read by every executor: local paths or
``file://`` URIs on a filesystem every node mounts.

On a cluster, install provenance (``pip install 'provenance[spark]'``) on every node, or ship a
packed virtual environment, and start it with spark-submit (see docs/audit.md).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from provenance.checking import check_item
from provenance.formats import jsonl
from provenance.model import ConfigError
from provenance.options import Options
from provenance.sources.inputs import glob_matches
from provenance.sources.warc import is_warc_name, iter_warc
from provenance.walk import walk_files

__all__ = ["SCHEMA", "SparkRun", "local_path", "partition_lines", "run_spark", "warc_paths"]

#: The Parquet columns: the JSON-lines fields (``--format json``'s file object), typed. Fields
#: added to that format later are dropped from Parquet until they are added here.
SCHEMA = (
    "source STRING, kind STRING, lang STRING, published STRING, published_from STRING, "
    "published_evidence STRING, published_confidence STRING, "
    "modified STRING, modified_from STRING, modified_evidence STRING, modified_confidence STRING, "
    "citations ARRAY<STRUCT<platform: STRING, kind: STRING, form: STRING, handle: STRING, "
    "url_handle: STRING, display_name: STRING, post_id: STRING, url: STRING, shown_date: STRING, "
    "shown_date_text: STRING, shown_time: STRING, id_time: STRING, id_time_precision: STRING, "
    "id_time_estimate: BOOLEAN, id_time_error_s: DOUBLE, id_time_note: STRING, media: ARRAY<STRING>, "
    "hashtags: ARRAY<STRING>, mentions: ARRAY<STRING>, text: STRING, lang: STRING, "
    "dates_in_text: ARRAY<STRUCT<text: STRING, date: STRING, kind: STRING>>, line: INT, `column`: INT, "
    "also_at: ARRAY<ARRAY<INT>>>>, "
    "findings ARRAY<STRUCT<code: STRING, name: STRING, severity: STRING, message: STRING, line: INT, "
    "`column`: INT, citation: INT, args: MAP<STRING, STRING>>>, "
    "error STRING"
)
_SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class SparkRun:
    """What a Spark audit did: articles written, how many failed, the worst severity found."""

    files: int
    failed: int
    worst: str | None


def warc_paths(inputs: Iterable[str], gitignore: bool = True) -> list[str]:
    """The WARC files the inputs name (folders and globs expanded as the local engine expands
    them, by the same walk); ConfigError for anything else, and for a folder that cannot be listed
    (the local engine reports it as an input error; here the audit would silently miss its files)."""
    paths: list[str] = []
    for raw in inputs:
        scheme = urlsplit(raw).scheme
        if len(scheme) > 1 and scheme != "file":
            paths.append(raw)  # a cluster filesystem: the executors will tell whether they can read it
        elif os.path.isdir(raw):
            for path, error in walk_files(raw, gitignore):
                if error is not None:
                    raise ConfigError(f"--engine spark: cannot list {path}: {error.strerror or error}")
                if is_warc_name(path):
                    paths.append(path)
        elif (matches := glob_matches(raw)) is None and is_warc_name(raw):
            paths.append(raw)
        elif matches:
            paths.extend(warc_paths(matches, gitignore))
        else:
            raise ConfigError(f"--engine spark reads WARC files (.warc, .warc.gz); {raw!r} is none")
    for path in paths:
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            raise ConfigError(f"--engine spark: {path!r}: Spark passes file names as UTF-8, and this one "
                              "is not (rename it, or audit it with the local engine)") from None
    return paths


def local_path(path: str) -> str:
    """The file a ``file:`` URL names; any other path or URL as it is."""
    parts = urlsplit(path)
    return parts.path if parts.scheme == "file" else path


def partition_lines(options: Options, max_bytes: int, paths: Iterable[str]) -> Iterator[str]:
    """One JSON line per article of the WARC files of one partition (runs on an executor)."""
    for path in paths:
        for item in iter_warc(local_path(path), max_bytes):
            yield jsonl.render_file(check_item(item, options)).rstrip("\n")


def _stats(line: str) -> tuple[int, int, int]:
    record = json.loads(line)
    worst = max((_SEVERITIES.index(f["severity"]) + 1 for f in record["findings"] if f["severity"] in _SEVERITIES),
                default=0)
    return 1, int(record["error"] is not None), worst


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return a[0] + b[0], a[1] + b[1], max(a[2], b[2])


def run_spark(
    paths: Sequence[str], options: Options, output: str, *, output_format: str = "jsonl",
    max_bytes: int, master: str | None = None, spark: Any = None,
) -> SparkRun:
    """Check every article of the WARC files ``paths`` on Spark and write them to the folder ``output``."""
    from pyspark import StorageLevel  # noqa: PLC0415 - pyspark is an optional dependency
    from pyspark.sql import SparkSession  # noqa: PLC0415

    owned = spark is None and SparkSession.getActiveSession() is None
    if spark is None:
        builder = SparkSession.builder.appName("provenance audit")
        if master:
            builder = builder.master(master)
        elif not os.environ.get("PYSPARK_GATEWAY_PORT"):
            builder = builder.master("local[*]")  # not under spark-submit (which sets the gateway port)
        if (master or "local").startswith("local"):
            # Local workers must run this Python, which has provenance; pyspark reads only the variable.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            # A local run stays on the loopback instead of the machine's outward address.
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        spark = builder.getOrCreate()
    try:
        context = spark.sparkContext
        lines = context.parallelize(list(paths), max(len(paths), 1)).mapPartitions(
            functools.partial(partition_lines, options, max_bytes)
        )
        # Checked once, then both written and counted.
        lines.persist(StorageLevel.MEMORY_AND_DISK)
        if output_format == "parquet":
            spark.read.schema(SCHEMA).json(lines).write.parquet(output)
        else:
            lines.saveAsTextFile(output)
        files, failed, worst = lines.map(_stats).fold((0, 0, 0), _add)
        lines.unpersist()
    finally:
        if owned:
            spark.stop()
    return SparkRun(files, failed, _SEVERITIES[worst - 1] if worst else None)
