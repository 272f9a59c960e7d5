"""The HTML audit report: one self-contained page, bounded, escaped, and safe to open in a real browser."""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from helpers import FIXTURES

from provenance import check_path, check_text
from provenance.formats.html_report import CSP, SCRIPT, HtmlReport, article_href, safe_url
from provenance.formats.summary import Tally, posted_span
from provenance.model import ArticleDate, Citation, FileReport, Finding, IdTime, Severity

CHROMIUM = next((path for name in ("chromium", "chromium-browser", "google-chrome")
                 if (path := shutil.which(name))), None)
#: The flags of a headless run that reaches no network and keeps no state.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
#: Every payload tries to leave this mark in the page's title or on its body.
MARK = "PWNED"
JS = f"document.title='{MARK}';document.body.setAttribute('data-{MARK.lower()}','1')"
HOSTILE_PAGE = f"""<!DOCTYPE html>
<html><head><title>Hostile</title>
<meta property="article:published_time" content="2020-03-01T10:00:00Z">
<script>{JS}</script></head><body>
<h1 onmouseover="{JS}">News <img src=x onerror="{JS}"></h1>
<p>Read <a href="javascript:{JS}">this</a>.</p>
<blockquote class="twitter-tweet"><p lang="en">&lt;/script&gt;&lt;script&gt;{JS}&lt;/script&gt; &lt;img src=x
onerror=&quot;{JS}&quot;&gt;</p>&mdash; &lt;img src=x onerror=&quot;{JS}&quot;&gt; (@evil_handle)
<a href="https://twitter.com/evil_handle/status/1234567890123456789">March 5, 2020</a></blockquote>
<blockquote class="twitter-tweet"><p>Old news</p>&mdash; &lt;/title&gt;&lt;script&gt;{JS}&lt;/script&gt;
(@someone) <a href="https://twitter.com/someone/status/938406524728291328">December 6, 2017</a></blockquote>
</body></html>
"""
HOSTILE_TEXT = f"</script><script>{JS}</script><img src=x onerror=\"{JS}\">"


def hostile_reports() -> list[FileReport]:
    """A hostile article through the whole pipeline, and records with hostile text in every field."""
    through_pipeline = check_text(HOSTILE_PAGE, source=f"https://example.com/\"><script>{JS}</script>", kind="html")
    cited = Citation(
        platform=f"<script>{JS}</script>", kind="embed", form=HOSTILE_TEXT, line=1, column=1,
        handle=f"\"><svg onload=\"{JS}\">", display_name=HOSTILE_TEXT, post_id="1",
        url=f"javascript:{JS}", text=HOSTILE_TEXT, shown_date=date(2020, 3, 2),
        id_time=IdTime(datetime(2020, 3, 2, tzinfo=UTC), "ms"),
    )
    synthetic = FileReport(
        source=f"<img src=x onerror=\"{JS}\">.html",
        published=ArticleDate(date(2020, 3, 1), HOSTILE_TEXT),
        citations=(cited, cited),
        findings=(Finding("PV101", HOSTILE_TEXT, Severity.ERROR, HOSTILE_TEXT, 1, 1, 0, (("who", HOSTILE_TEXT),)),
                  Finding(HOSTILE_TEXT, "x", Severity.INFO, HOSTILE_TEXT, 2, 1, None)),
    )
    scheme = FileReport(source=f"javascript:{JS}//.html", published=ArticleDate(date(2020, 3, 1), "test"),
                        citations=(cited,), findings=(Finding("PV101", "n", Severity.WARNING, "m", 1, 1, 0),))
    broken = FileReport(source=HOSTILE_TEXT, error=HOSTILE_TEXT)
    return [through_pipeline, synthetic, scheme, broken]


def write_report(path: Path, files: list[FileReport], **bounds: int) -> str:
    """Write the HTML report of ``files`` to ``path`` and return its text."""
    report, tally = HtmlReport(**bounds), Tally()
    for n, file in enumerate(files):
        report.add(file)
        tally.add(file, seconds=0.1 * n)
    report.write(path, tally.summary())
    return path.read_text(encoding="utf-8")


def assert_inert(root: lxml.html.HtmlElement) -> None:
    """The page holds no element or attribute that could run article text."""
    scripts = root.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == SCRIPT
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("img", "iframe", "object", "embed", "form", "base", "foreignObject")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "action", "xlink:href"):
                assert value.startswith(("https://", "http://", "file:///")), value
    assert MARK not in (root.findtext(".//title") or "")


def test_page_is_self_contained_and_escapes_everything(tmp_path):
    """The page loads nothing from the network and holds article text only as escaped text."""
    page = write_report(tmp_path / "report.html", hostile_reports())
    root = lxml.html.fromstring(page)
    assert_inert(root)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page.replace('href="https://', "")
                         .replace('href="http://', "")), "the page must fetch nothing"
    assert "<link" not in page and "@import" not in page
    policy = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == [CSP] and "default-src 'none'" in CSP and "unsafe-inline" not in CSP
    # The hostile text is still shown, as text, for a person to read.
    assert HOSTILE_TEXT in root.text_content()
    assert "Unreadable inputs (1)" in root.text_content()


def test_empty_audit_still_makes_a_page(tmp_path):
    """An audit with nothing to show still writes a valid page that says there are no findings."""
    root = lxml.html.fromstring(write_report(tmp_path / "report.html", []))
    assert_inert(root)
    assert "No findings." in root.text_content() and root.xpath("//figure") == []


def test_links_only_to_http_urls_and_files():
    """Posts link only to http(s) permalinks; articles also to their file, never through another scheme."""
    assert safe_url("https://x.com/a/status/1") == "https://x.com/a/status/1"
    assert safe_url("javascript:alert(1)") is None and safe_url("JavaScript:alert(1)") is None
    assert safe_url("https://x.com/a b") is None and safe_url("data:text/html,x") is None
    assert safe_url("https://") is None and safe_url(None) is None
    assert article_href("https://example.com/a") == "https://example.com/a"
    assert article_href("javascript:alert(1)//x.html") is None and article_href("<stdin>") is None
    assert article_href("folder/a b.html") == (Path.cwd() / "folder" / "a b.html").as_uri()


def test_rows_and_timelines_are_bounded_and_the_cut_is_said(tmp_path):
    """Past its caps the page keeps the gravest findings and timelines and says how many it left out."""
    files = []
    for n in range(30):
        severity = Severity.ERROR if n == 17 else Severity.INFO
        cited = Citation("x", "embed", "test", 1, 1, handle=f"user{n}", post_id=str(n),
                         shown_date=date(2020, 1, 1))
        files.append(FileReport(f"article{n:02}.html", published=ArticleDate(date(2020, 1, 2), "test"),
                                citations=(cited,), findings=(Finding("PV103", "stale-post", severity, "m", 1, 1, 0),)))
    page = write_report(tmp_path / "report.html", files, max_rows=5, max_timelines=3)
    root = lxml.html.fromstring(page)
    assert len(root.xpath("//table[contains(@class,'sortable')]/tbody/tr")) == 5
    assert "Showing the 5 gravest of 30 findings" in page
    assert len(root.xpath("//figure")) == 3 and "Showing the 3 gravest of 30." in page
    assert "article17.html" in page  # the one error is kept before the info findings


def test_report_of_real_fixtures_draws_its_pictures(tmp_path):
    """A report of real articles has the age histogram, a timeline per article with findings, and the table."""
    files = [check_path(path) for path in sorted((FIXTURES / "cases").iterdir()) if not path.name.endswith(".json")]
    page = write_report(tmp_path / "report.html", files)
    root = lxml.html.fromstring(page)
    assert_inert(root)
    with_findings = [f for f in files if f.findings and f.published is not None
                     and any(posted_span(c) is not None for c in f.citations)]
    assert len(root.xpath("//figure")) == len(with_findings)
    assert len(root.xpath("//svg")) >= 1 + len(with_findings)
    rows = root.xpath("//table[contains(@class,'sortable')]/tbody/tr")
    assert len(rows) == sum(len(f.findings) for f in files)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile under ``tmp_path``."""
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("policy", ["with-csp", "without-csp"])
def test_hostile_article_runs_nothing_in_chromium(tmp_path, policy):
    """Opened in Chromium, the report runs its own script and nothing of a hostile article, even without its CSP."""
    path = tmp_path / "report.html"
    page = write_report(path, hostile_reports())
    if policy == "without-csp":  # escaping alone must hold: the policy is only a second wall
        page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
        assert "Content-Security-Policy" not in page
        path.write_text(page, encoding="utf-8")
    result = chromium(tmp_path, "--dump-dom", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = lxml.html.fromstring(result.stdout)
    assert dom.findtext(".//title") == "provenance audit report"
    assert dom.xpath(f"//*[@data-{MARK.lower()}]") == []
    assert dom.xpath("//table[@data-sortable='ready']"), "the page's own script did not run"
    assert_inert(dom)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_chromium_screenshot_is_a_png(tmp_path):
    """Chromium renders the report to a non-empty PNG screenshot."""
    path = tmp_path / "report.html"
    write_report(path, [*hostile_reports(), check_path(FIXTURES / "cases" / "html_problems.html")])
    shot = tmp_path / "shot.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4), for one page."""

    #: Seconds to wait for any one answer from the browser.
    TIMEOUT = 30.0

    def __init__(self, tmp_path: Path, url: str) -> None:
        assert CHROMIUM is not None
        # Pipes on high descriptors, so that placing them on 3 and 4 in the child clobbers neither.
        to_chromium = [self._high(fd) for fd in os.pipe()]
        from_chromium = [self._high(fd) for fd in os.pipe()]

        def wire() -> None:
            os.dup2(to_chromium[0], 3)
            os.dup2(from_chromium[1], 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--remote-debugging-pipe",
             "about:blank"],
            # wire() only calls dup2, which is safe between fork and exec even with threads about.
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,  # noqa: PLW1509
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chromium[0])
        os.close(from_chromium[1])
        self.writer, self.reader = to_chromium[1], from_chromium[0]
        self.buffer, self.next_id, self.session = b"", 0, None
        target = self.call("Target.createTarget", url=url)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        deadline = time.monotonic() + self.TIMEOUT
        while self.evaluate("location.protocol + document.readyState") != "file:complete":
            assert time.monotonic() < deadline, "the page did not load"
            time.sleep(0.05)

    @staticmethod
    def _high(fd: int) -> int:
        moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(fd)
        return moved

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session is not None:
            message["sessionId"] = self.session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self.next_id:
                    assert "error" not in answer, answer["error"]
                    result: dict[str, Any] = answer["result"]
                    return result
            ready, _, _ = select.select([self.reader], [], [], self.TIMEOUT)
            assert ready, f"Chromium did not answer {method}"
            chunk = os.read(self.reader, 1 << 16)
            assert chunk, "Chromium closed the pipe"
            self.buffer += chunk

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def close(self) -> None:
        """Close the browser and the pipes."""
        try:
            self.session = None
            self.call("Browser.close")
            self.process.wait(timeout=self.TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.writer)
            os.close(self.reader)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_table_sorts_by_a_clicked_column_in_chromium(tmp_path):
    """Clicking a column's title sorts the findings by it, numbers as numbers, and again reverses the order."""
    files = [FileReport(f"{name}.html", citations=(), findings=(Finding("PV100", "n", severity, "m", line, 1),))
             for name, severity, line in (("b", Severity.INFO, 9), ("a", Severity.ERROR, 100),
                                          ("c", Severity.WARNING, 10))]
    path = tmp_path / "report.html"
    write_report(path, files)
    browser = DevTools(tmp_path, path.as_uri())
    try:
        column = "[].map.call(document.querySelectorAll('table.sortable tbody tr'), r => r.cells[{}].textContent)"
        click = "document.querySelectorAll('table.sortable th button')[{}].click()"
        assert browser.evaluate(column.format(2)) == ["a.html", "b.html", "c.html"]  # as written: by source
        browser.evaluate(click.format(3))
        assert browser.evaluate(column.format(3)) == ["9:1", "10:1", "100:1"]
        browser.evaluate(click.format(0))
        assert browser.evaluate(column.format(0)) == ["info", "warning", "error"]
        browser.evaluate(click.format(0))
        assert browser.evaluate(column.format(0)) == ["error", "warning", "info"]
        assert browser.evaluate("document.querySelectorAll('th')[0].getAttribute('aria-sort')") == "descending"
    finally:
        browser.close()
