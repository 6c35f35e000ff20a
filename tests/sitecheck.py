"""Headless Chromium over a static site opened from the file system.

``ensure_chromium()`` installs Debian's ``chromium`` when it is missing (as root, with apt-get) and otherwise
says why it cannot. ``crawl(index)`` opens the index and every local page it links (breadth first), and
lists every problem a reader would meet: error output or a traceback, an image that did not load, a link
or ``#anchor`` that leads nowhere, a JavaScript error, and any request that would leave the file system
(every request is intercepted; only ``file:`` and inline ``data:`` are let through). It saves a full-page
screenshot of every page.

Playwright drives the system Chromium (``executable_path``); ``playwright install`` is never run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse
from urllib.request import url2pathname

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:")  # data: = images embedded in the page itself
EXTERNAL_LINK_SCHEMES = ("http", "https", "mailto")  # links a reader may follow; never loaded by the test
STDERR_SELECTOR = '[data-mime-type="application/vnd.jupyter.stderr"]'  # nbconvert: errors and stderr


def ensure_chromium() -> str | None:
    """Install Chromium if needed. Returns None when it is there, else the reason it cannot be had."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return None
    if shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and this system has no apt-get to install Debian's chromium package"
    if os.geteuid() != 0:
        return (
            f"{CHROMIUM} is missing and the tests are not running as root, so they cannot install it; "
            "run 'apt-get install chromium' as root"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log = []
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
        except subprocess.TimeoutExpired:
            return f"'{' '.join(cmd)}' did not finish in 15 minutes"
        log.append(p.stdout[-800:] + p.stderr[-800:])
        if p.returncode != 0:
            return f"'{' '.join(cmd)}' failed (exit {p.returncode}): {log[-1].strip()[-600:]}"
    if not CHROMIUM.is_file():
        return f"apt-get installed chromium but {CHROMIUM} does not exist"
    return None


@dataclass
class PageReport:
    url: str
    title: str = ""
    screenshot: Path | None = None
    images: int = 0
    links: int = 0
    code_inputs: int = 0  # code cells whose source is shown (nbconvert's .jp-CodeCell .jp-InputArea)
    external_links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass
class CrawlReport:
    pages: dict[str, PageReport] = field(default_factory=dict)  # file path -> report
    problems: list[str] = field(default_factory=list)
    offsite_requests: list[str] = field(default_factory=list)

    def problem(self, page: str, what: str) -> None:
        self.problems.append(f"{Path(page).name}: {what}")


_COLLECT = """() => {
  const stderr = [...document.querySelectorAll('%s')]
      .map(e => e.innerText.trim().split('\\n').slice(0, 4).join(' | ').slice(0, 300));
  const images = [...document.images].map(i => ({
      src: (i.currentSrc || i.src || '').slice(0, 120), alt: i.alt || '',
      ok: i.complete && i.naturalWidth > 0, width: i.naturalWidth}));
  const links = [...document.querySelectorAll('a[href]')].map(a => ({raw: a.getAttribute('href'), abs: a.href}));
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id)
      .concat([...document.querySelectorAll('a[name]')].map(e => e.getAttribute('name')));
  const text = document.body ? document.body.innerText : '';
  const codeInputs = document.querySelectorAll('.jp-CodeCell .jp-InputArea').length;
  return {stderr, images, links, ids, title: document.title, text, codeInputs,
          traceback: text.includes('Traceback (most recent call last)') || /\\bTraceback\\b/.test(text),
          papermillError: !!document.getElementById('papermill-error-cell')};
}""".replace("%s", STDERR_SELECTOR)


def _path_of(url: str) -> Path:
    return Path(url2pathname(unquote(urlparse(url).path)))


def crawl(
    index: Path,
    screenshots: Path | None = None,
    *,
    user_data_dir: Path | None = None,
    viewport=(1280, 900),
    forbidden_text: tuple[str, ...] = (),
) -> CrawlReport:
    """Open ``index`` and every page under its folder that is reachable by links; check each of them.
    ``forbidden_text``: strings a reader must not see (e.g. paths of the machine that built the site)."""
    from playwright.sync_api import sync_playwright

    index = index.resolve()
    root = index.parent
    report = CrawlReport()
    anchors: list[tuple[str, Path, str]] = []  # (from page, target page, fragment)
    if screenshots is not None:
        shutil.rmtree(screenshots, ignore_errors=True)
        screenshots.mkdir(parents=True)
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=user_data_dir))
    try:
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(
                str(profile),
                executable_path=str(CHROMIUM),
                headless=True,
                args=LAUNCH_ARGS,
                viewport={"width": viewport[0], "height": viewport[1]},
                service_workers="block",
            )
            current = {"page": str(index)}
            noted: set[tuple[str, str]] = set()

            def offsite(url: str) -> None:
                if (current["page"], url) not in noted:
                    noted.add((current["page"], url))
                    report.offsite_requests.append(url)
                    report.problem(current["page"], f"request leaves the file system: {url[:160]}")

            def guard(route):  # every request of the context passes here; only local ones go on
                if route.request.url.startswith(LOCAL_SCHEMES):
                    route.continue_()
                else:
                    offsite(route.request.url)
                    route.abort("blockedbyclient")

            ctx.route("**/*", guard)
            ctx.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else offsite(r.url))
            page = ctx.new_page()
            page.on("websocket", lambda ws: report.problem(current["page"], f"websocket opened: {ws.url}"))
            page.on("pageerror", lambda e: report.problem(current["page"], f"JavaScript error: {e}"))
            page.on(
                "console",
                lambda m: (
                    report.problem(current["page"], f"console error: {m.text[:200]}")
                    if m.type == "error" and "ERR_BLOCKED_BY_CLIENT" not in m.text
                    else None
                ),
            )

            queue, seen = deque([index]), {index}
            while queue:
                path = queue.popleft()
                current["page"] = str(path)
                pr = PageReport(url=path.as_uri())
                report.pages[str(path)] = pr
                resp = page.goto(pr.url, wait_until="load")
                if resp is not None and not resp.ok:
                    report.problem(str(path), f"page did not load (status {resp.status})")
                info = page.evaluate(_COLLECT)
                pr.title, pr.ids, pr.code_inputs = info["title"], set(info["ids"]), info["codeInputs"]
                for text in info["stderr"]:
                    report.problem(str(path), f"error/stderr output: {text}")
                if info["traceback"]:
                    report.problem(str(path), "the page text shows a Traceback")
                for bad in forbidden_text:
                    at = info["text"].find(bad)
                    if at >= 0:
                        report.problem(
                            str(path),
                            f"the page shows {bad!r}: ...{info['text'][max(0, at - 60) : at + 100]!r}...",
                        )
                if info["papermillError"]:
                    report.problem(str(path), "papermill marked a failed cell (papermill-error-cell)")
                pr.images = len(info["images"])
                for img in info["images"]:
                    if not img["ok"]:
                        report.problem(
                            str(path),
                            f"image did not load (naturalWidth {img['width']}): "
                            f"alt={img['alt']!r} src={img['src']!r}",
                        )
                pr.links = len(info["links"])
                for link in info["links"]:
                    raw, absolute = (link["raw"] or "").strip(), link["abs"]
                    if raw in ("", "#"):
                        continue
                    scheme = urlparse(absolute).scheme
                    if scheme in EXTERNAL_LINK_SCHEMES:
                        pr.external_links.append(absolute)
                        continue
                    if scheme != "file":
                        report.problem(str(path), f"link with scheme '{scheme}:' cannot work offline: {raw}")
                        continue
                    target_url, fragment = urldefrag(absolute)
                    target = _path_of(target_url).resolve()
                    if not target.exists():
                        report.problem(str(path), f"broken link: {raw} (no file {target})")
                        continue
                    if fragment:
                        anchors.append((str(path), target, fragment))
                    if target.suffix == ".html" and target.is_relative_to(root) and target not in seen:
                        seen.add(target)
                        queue.append(target)
                if screenshots is not None:
                    shot = screenshots / (path.relative_to(root).as_posix().replace("/", "__") + ".png")
                    page.screenshot(path=str(shot), full_page=True)
                    pr.screenshot = shot
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for source, target, fragment in anchors:
        pr = report.pages.get(str(target))
        if pr is None:
            report.problem(source, f"link to #{fragment} in {target.name}, a page outside the site")
        elif fragment not in pr.ids and unquote(fragment) not in pr.ids:
            # the HTML standard's rule: the fragment as written, then percent-decoded, must name an id
            report.problem(source, f"broken anchor: {target.name}#{fragment} (no element with that id)")
    return report
