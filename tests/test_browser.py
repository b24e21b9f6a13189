"""The HTML report in a real browser: Debian's Chromium, headless, opens the report of the seeds
plus a small test corpus, and the test reads back what was laid out.

Chromium is driven over the DevTools protocol through `--remote-debugging-pipe` (JSON messages
separated by NUL bytes on file descriptors 3 and 4): no port to pick or race for, no websocket
client, only the standard library. `--dump-dom` would show that the page parses; the protocol also
gives layout, which is what "rendered" means here: every group and chart has a box on the page,
every mark of a chart a non-empty box inside its chart, the conflicting marks another colour.
A full-page screenshot is taken (Page.captureScreenshot, the protocol's `--screenshot`) and the
page is printed to PDF with the print styles.

Chromium is required in CI (`.ci/run` installs it; the test fails without it when CI is set);
elsewhere the test is skipped with the reason when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import select
import shutil
import struct
import subprocess
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_html_report import REPO_ROOT, parse

from claimcheck.cli import main

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1200,900",
)
TIMEOUT = 60.0

# Three articles on a period no rule file has a fact for, so that the articles judge each other:
# a and b agree, c contradicts them (a contradiction group and a red mark on the trade timeline).
CORPUS = {
    "a.md": """\
        ---
        title: Trade hits a record
        date: 2032-02-01
        url: https://example.org/news/trade-record
        source: Example Daily
        ---
        Trade between Vietnam and Japan reached US$60.2 billion in 2031, customs data show.
        """,
    "b.md": """\
        ---
        title: "Customs review <script>alert(1)</script>"
        date: 2032-03-01
        ---
        Bilateral trade reached about US$60 billion in 2031, according to the customs office.

        Bilateral trade turnover reached US$10 billion in 2017, the ministry said.
        """,
    "c.md": """\
        ---
        title: A strong year
        date: 2032-05-01
        ---
        Vietnam-Japan trade hit US$66.1 billion in 2031, the highest level on record.
        """,
}

MEASURE = """
(() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  // checkVisibility: false under display none and inside a closed <details> (whose content
  // Chromium lays out but does not paint, so a box alone would not tell)
  const shown = e => e.checkVisibility() && box(e).h > 0;
  return {
    url: location.href,
    scripts: document.scripts.length,
    h1: box(document.querySelector('h1')),
    nav: shown(document.querySelector('nav')),
    counts: Object.fromEntries([...document.querySelectorAll('td[data-count]')]
      .map(td => [td.dataset.count, Number(td.textContent)])),
    groups: [...document.querySelectorAll('article.group')].map(g => ({
      title: g.querySelector('h3').textContent, box: box(g),
      rows: g.querySelectorAll('tbody tr').length,
      flagged: g.querySelectorAll('tbody tr.conflict').length})),
    charts: [...document.querySelectorAll('figure.timeline')].map(f => {
      const svg = f.querySelector('svg');
      return {metric: f.dataset.metric, svg: svg ? box(svg) : null,
        open: f.querySelector('details').open, drawn: svg ? shown(svg) : false,
        marks: [...f.querySelectorAll('g.mark')].map(g => {
          const r = g.querySelector('rect');
          return {kind: g.classList[1], box: box(r), fill: getComputedStyle(r).fill,
                  title: g.querySelector('title').textContent};
        })};
    }),
    findings: document.querySelectorAll('li.finding').length,
    shown: [...document.querySelectorAll('li.finding')].filter(shown)
      .map(li => li.classList[1]),
    articles: [...document.querySelectorAll('article.doc')].filter(shown).length,
    published: [...document.querySelectorAll('a.published')].map(a => a.href),
    page: {scroll: document.documentElement.scrollWidth,
           client: document.documentElement.clientWidth},
  };
})()
"""


def chromium_or_skip() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    why = f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{why}: CI must install it (.ci/run does)")
    pytest.skip(f"{why}; the browser test runs where Chromium is installed, and always in CI")


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, binary: Path, profile: Path) -> None:
        ours_read, theirs_write = os.pipe()  # Chromium writes replies on its fd 4
        theirs_read, ours_write = os.pipe()  # and reads commands on its fd 3

        def pipes_to_3_and_4() -> None:
            a, b = os.dup(theirs_read), os.dup(theirs_write)  # dup first: 3/4 may be taken
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [str(binary), *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            pass_fds=(3, 4),
            preexec_fn=pipes_to_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(theirs_read)
        os.close(theirs_write)
        self.write = ours_write
        self.read = ours_read
        self.buffer = b""
        self.last = 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its reply (events in between are dropped)."""
        self.last += 1
        message: dict[str, Any] = {"id": self.last, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self.write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" not in self.buffer:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([self.read], [], [], max(left, 0))
                if not ready:
                    raise TimeoutError(f"Chromium did not answer {method} in {TIMEOUT:.0f} s")
                chunk = os.read(self.read, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe during {method}")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.last:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    def evaluate(self, session: str, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(reply["exceptionDetails"])
        return reply["result"].get("value")

    def open(self, url: str) -> str:
        """A new tab showing `url`, loaded; returns its session id."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session: str = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session)
        self.call("Page.navigate", session, url=url)
        deadline = time.monotonic() + TIMEOUT
        while self.evaluate(session, "[location.href, document.readyState]") != [url, "complete"]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {TIMEOUT:.0f} s")
            time.sleep(0.05)
        return session

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.write)
        os.close(self.read)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`claimcheck check seeds corpus --format html` in a scratch folder, the project's rules."""
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(REPO_ROOT / "seeds", root / "seeds")
    (root / "corpus").mkdir()
    for name, text in CORPUS.items():
        (root / "corpus" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / ".claimcheck.yaml").write_text(f"rules: [{REPO_ROOT / 'rules'}]\n", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(root)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            code = main(["check", "seeds", "corpus", "--format", "html", "-o", "report.html"])
    finally:
        os.chdir(cwd)
    assert code == 1, err.getvalue()  # the seeds and c.md have errors
    return root / "report.html"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    binary = chromium_or_skip()
    tools = DevTools(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack
    )


def test_report_renders_groups_and_charts(report: Path, browser: DevTools) -> None:
    expected = parse(report.read_text(encoding="utf-8"))
    groups = expected.find_all("article", "group")
    figures = expected.find_all("figure", "timeline")
    url = report.as_uri()
    session = browser.open(url)
    page = browser.evaluate(session, MEASURE)
    assert page["url"] == url and page["scripts"] == 0
    assert page["h1"]["w"] > 100 and page["h1"]["h"] > 10  # text laid out in a real font
    # the counts and blocks Python wrote are what the browser built
    assert page["counts"]["documents"] == 8
    assert page["counts"]["contradiction-groups"] == len(page["groups"]) == len(groups) >= 1
    assert page["counts"]["timelines"] == len(page["charts"]) == len(figures) >= 1
    assert page["findings"] == len(expected.find_all("li", "finding"))
    trade = next(g for g in page["groups"] if "2031" in g["title"])
    assert trade["rows"] >= 2 and trade["flagged"] >= 1
    for group in page["groups"]:
        assert group["box"]["w"] > 300 and group["box"]["h"] > 50, group["title"]
    conflicts = 0
    for chart, figure in zip(page["charts"], figures, strict=True):
        assert chart["metric"] == figure.attrs["data-metric"]
        if not chart["open"]:  # folded: drawn only when opened (test_folded_timelines_open)
            assert not chart["drawn"]
            continue
        assert chart["drawn"]
        svg = chart["svg"]
        assert svg is not None and svg["w"] >= 300 and svg["h"] >= 100, chart["metric"]
        assert len(chart["marks"]) == len(figure.find_all("g", "mark")) >= 1
        for mark in chart["marks"]:
            assert mark["box"]["w"] > 0 and mark["box"]["h"] > 0, mark["title"]
            assert inside(mark["box"], svg), mark["title"]
            assert mark["title"]
        fills = {m["kind"]: m["fill"] for m in chart["marks"]}
        if "conflict" in fills:
            conflicts += 1
            assert fills["conflict"] not in (fills.get("claim"), fills.get("fact"))
    assert conflicts >= 1  # c.md's figure is marked on the trade timeline
    assert page["page"]["scroll"] <= page["page"]["client"] + 1  # nothing wider than the window


def click(browser: DevTools, session: str, selector: str) -> None:
    """A real mouse click in the middle of the element (scrolled into view first)."""
    x, y = browser.evaluate(
        session,
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); "
        "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect(); "
        "return [r.x + r.width / 2, r.y + r.height / 2]; })()",
    )
    for kind in ("mousePressed", "mouseReleased"):
        browser.call(
            "Input.dispatchMouseEvent", session, type=kind, x=x, y=y, button="left", clickCount=1
        )


def settle(browser: DevTools, session: str, expression: str) -> Any:
    """The expression's value once it is truthy (a click's effects land asynchronously)."""
    deadline = time.monotonic() + TIMEOUT
    while not (value := browser.evaluate(session, expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.05)
    return value


def test_severity_filter_by_fragment_and_by_click(report: Path, browser: DevTools) -> None:
    """No script: the filter is CSS `:target`, so a link click and a shared address both work."""
    everything = browser.evaluate(browser.open(report.as_uri()), MEASURE)
    assert sorted(everything["shown"]) == ["error"] * 4 + ["warning"]  # the seeds' 4, and c.md's
    assert everything["shown"][0] == "error"  # the worst first
    # by fragment: an address that opens on the warnings
    only = browser.evaluate(browser.open(report.as_uri() + "#only-warning"), MEASURE)
    assert only["shown"] == ["warning"] and only["articles"] == 1
    # by click, on the page as opened
    session = browser.open(report.as_uri())
    click(browser, session, "a.filter.only-error")
    settle(browser, session, "location.hash === '#only-error'")
    errors = browser.evaluate(session, MEASURE)
    assert errors["shown"] == ["error"] * 4 and errors["articles"] == 3
    click(browser, session, "a.filter.all")
    settle(browser, session, "location.hash === '#articles'")
    assert browser.evaluate(session, MEASURE)["shown"] == everything["shown"]


def test_folded_timelines_open_and_articles_link_out(report: Path, browser: DevTools) -> None:
    session = browser.open(report.as_uri())
    page = browser.evaluate(session, MEASURE)
    folded = [i for i, c in enumerate(page["charts"]) if not c["open"]]
    assert folded and len(folded) < len(page["charts"])  # the trade timeline has a finding
    n = folded[0] + 1
    click(browser, session, f"#timeline-{n} summary")
    settle(browser, session, f"document.querySelector('#timeline-{n} details').open")
    chart = browser.evaluate(session, MEASURE)["charts"][n - 1]
    assert chart["drawn"] and chart["svg"]["w"] >= 300 and chart["svg"]["h"] >= 100
    assert all(m["box"]["h"] > 0 and inside(m["box"], chart["svg"]) for m in chart["marks"])
    # a.md's front matter gives its address: its section and its title link there
    assert page["published"] == ["https://example.org/news/trade-record"] * 2


def test_screenshot_and_print(report: Path, browser: DevTools) -> None:
    session = browser.open(report.as_uri())
    shot = browser.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)
    png = base64.b64decode(shot["data"])
    width, height = png_size(png)
    assert width >= 1000 and height > 2000  # the whole page, not a blank viewport
    (report.parent / "report.png").write_bytes(png)
    keep = os.environ.get("CLAIMCHECK_SCREENSHOT")
    if keep:  # look at it: CLAIMCHECK_SCREENSHOT=/tmp/report.png pytest tests/test_browser.py
        Path(keep).write_bytes(png)
    # print: the navigation goes, the charts stay, and a PDF comes out
    browser.call("Emulation.setEmulatedMedia", session, media="print")
    printed = browser.evaluate(session, MEASURE)
    assert not printed["nav"]
    assert all(c["drawn"] and c["svg"]["h"] > 50 for c in printed["charts"])  # folded ones too
    pdf = base64.b64decode(browser.call("Page.printToPDF", session)["data"])
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
