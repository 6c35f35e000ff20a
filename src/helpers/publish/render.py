"""Render executed notebooks to self-contained HTML that works offline from the file system.

nbconvert's lab template links require.js, MathJax and mermaid from a CDN; the collection's notebooks
need none of them (figures are PNG, prose is Markdown), so those tags are dropped and every image is
embedded. ``report=True`` hides the code (for readers); the full render keeps it (for researchers).
Neither shows the exercise solutions (cells tagged ``solution``): they belong to the seminar's instructor
site (``python -m helpers seminar``), rendered with ``solutions=True``. The report puts the answer first
(``publish.report_box``): a box of the notebook's claims after the title when ``claims`` (scorecard rows) are
given, no Exercises section and no plain-text variable dumps. Every page carries the site's
Content-Security-Policy (``publish.csp``).
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config

from helpers.publish import report_box
from helpers.publish.csp import add_policy

_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*>", re.I)
_MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_MERMAID_BLOCK = re.compile(r"<script type=\"module\">[^<]*?(?:mermaid|https?://)[\s\S]*?</script>", re.I)


def make_offline(html: str) -> str:
    html = _MATHJAX_BLOCK.sub("", html)
    html = _REMOTE_SCRIPT.sub("", html)
    html = _REMOTE_LINK.sub("", html)
    html = _MERMAID_BLOCK.sub("", html)
    return html


class _Refs(HTMLParser):
    """Collects every URL an HTML page would fetch by itself (not the links a reader may click)."""

    FETCHING = ("src", "href", "srcset", "poster", "data", "background")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None or name not in self.FETCHING:
                continue
            if tag in ("a", "area") and name == "href":
                self.links.append(value.strip())
            elif name == "srcset":
                self.fetched.extend(part.strip().split()[0] for part in value.split(",") if part.strip())
            else:
                self.fetched.append(value.strip())
        self._in_style = tag == "style"
        for name, value in attrs:
            if name == "style" and value:
                self.fetched.extend(_css_urls(value))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.fetched.extend(_css_urls(_CSS_COMMENT.sub("", data)))


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, ws://, protocol-relative //


def _css_urls(css: str) -> list[str]:
    return _CSS_URL.findall(css)


def _scan(html: str) -> _Refs:
    refs = _Refs()
    refs.feed(html)
    refs.close()
    return refs


def remote_references(html: str) -> list[str]:
    """Every resource the page would load from off the file system (scripts, styles, images, fonts, frames,
    CSS ``url()``/``@import``). Must be empty for every page of the site. Links a reader may click
    (``<a href="https://...">`` citing a publisher) are not loads and are not listed."""
    return [u for u in _scan(html).fetched if _REMOTE.match(u) and not u.lower().startswith("file:")]


def external_links(html: str) -> list[str]:
    """The ``<a href>`` targets that leave the site (citations of publishers): shown, never loaded."""
    return [u for u in _scan(html).links if _REMOTE.match(u)]


_IPYNB_LINK = re.compile(r"""(<a\b[^>]*\bhref=")((?:\./)?)([A-Za-z0-9_.-]+)\.ipynb((?:#[^"]*)?)(")""", re.I)


def link_notebooks(html: str, report: bool) -> str:
    """A Markdown link from one notebook to another (``02_x.ipynb#claim-c5``) points at the same render of
    the other notebook in the site (``02_x.report.html#claim-c5``), which sits in the same folder."""
    suffix = ".report.html" if report else ".html"
    return _IPYNB_LINK.sub(
        lambda m: m.group(1) + m.group(2) + m.group(3) + suffix + m.group(4) + m.group(5), html
    )


_BODY = re.compile(r"(<body\b[^>]*>)", re.I)
_NAV_STYLE = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:14px;"
    "background:#12263a;padding:8px 24px;margin:0 0 8px"
)
_NAV_LINK = "color:#fff;font-weight:600;margin-right:24px;text-decoration:none"


def add_navigation(html: str, stem: str, report: bool) -> str:
    """A bar on top of each render with links back to the site's front page and to the other render; both
    sit in the same folder of the site (``index.html``, ``<stem>.html`` / ``<stem>.report.html``)."""
    other, other_label = (
        (f"{stem}.html", "Full notebook with code")
        if report
        else (f"{stem}.report.html", "Report without code")
    )
    nav = (
        f'<nav class="site-nav" style="{_NAV_STYLE}"><a style="{_NAV_LINK}" href="index.html">'
        f'&larr; All claims and notebooks</a><a style="{_NAV_LINK}" href="{other}">{other_label}</a></nav>'
    )
    return _BODY.sub(lambda m: m.group(1) + nav, html, count=1)


REPORT_HIDDEN_TAGS = {"solution", "parameters", "injected-parameters"}  # the reader's edition hides them


def _exporter() -> HTMLExporter:
    c = Config()
    c.HTMLExporter.embed_images = True
    return HTMLExporter(config=c, template_name="lab")


SOLUTION_TAG = "solution"


def _without(nb, tags: set[str]):
    """A copy of ``nb`` without the cells carrying any of ``tags``."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if not tags & set(c.get("metadata", {}).get("tags", []))]
    return nb


def _for_readers(nb, claims: list[dict] | None = None):
    """The reader's edition without the solutions (they belong to the seminar) and the parameters cells,
    with the answer first (``report_box.for_report``)."""
    return report_box.for_report(_without(nb, REPORT_HIDDEN_TAGS), claims)


def _html(
    exporter: HTMLExporter,
    nb,
    stem: str,
    report: bool,
    solutions: bool = False,
    claims: list[dict] | None = None,
) -> str:
    exporter.exclude_input = exporter.exclude_input_prompt = exporter.exclude_output_prompt = report
    if report:
        nb = _for_readers(nb, claims)
    elif not solutions:
        nb = _without(nb, {SOLUTION_TAG})
    body, _ = exporter.from_notebook_node(nb)
    return add_policy(add_navigation(link_notebooks(make_offline(body), report), stem, report))


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def render(
    nb_file: Path,
    out_html: Path,
    report: bool = False,
    solutions: bool = False,
    claims: list[dict] | None = None,
) -> Path:
    """One edition: ``report=True`` hides code, prompts, solutions, parameters, exercises and plain-text
    outputs (for readers) and opens with the box of ``claims`` (the notebook's scorecard rows) if given; the
    full render keeps code and parameters, and the solutions only with ``solutions=True`` (the
    instructor's). ``claims`` has no effect on the full render."""
    nb = nbformat.read(str(nb_file), as_version=4)
    _write(out_html, _html(_exporter(), nb, Path(nb_file).stem, report, solutions, claims))
    return out_html


def render_editions(
    nb_file: Path, full_html: Path, report_html: Path, claims: list[dict] | None = None
) -> tuple[Path, Path]:
    """Both public editions of one notebook (no solutions) from one read and one exporter (its templates
    load once); ``claims`` (its scorecard rows) fill the report's box."""
    nb = nbformat.read(str(nb_file), as_version=4)
    exporter = _exporter()
    stem = Path(nb_file).stem
    _write(full_html, _html(exporter, nb, stem, report=False))
    _write(report_html, _html(exporter, nb, stem, report=True, claims=claims))
    return full_html, report_html
