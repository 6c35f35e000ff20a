"""Render executed notebooks to self-contained HTML that works offline from the file system.

nbconvert's lab template links require.js, MathJax and mermaid from a CDN; the collection's notebooks
need none of them (figures are PNG, prose is Markdown), so those tags are dropped and every image is
embedded. ``report=True`` hides the code (for readers); the full render keeps it (for researchers).
"""

from __future__ import annotations

import re
from pathlib import Path

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


def remote_references(html: str) -> list[str]:
    """Every src/href that would leave the file system (should be empty after make_offline)."""
    return re.findall(r"(?:src|href)=\"(https?://[^\"]+)\"", html)


def render(nb_file: Path, out_html: Path, report: bool = False) -> Path:
    import nbformat
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.embed_images = True
    c.HTMLExporter.exclude_input = report
    c.HTMLExporter.exclude_input_prompt = report
    c.HTMLExporter.exclude_output_prompt = report
    if report:  # the reader's edition hides solutions too: they belong to the seminar
        c.TagRemovePreprocessor.remove_cell_tags = ("solution", "parameters", "injected-parameters")
        c.TagRemovePreprocessor.enabled = True
        c.HTMLExporter.preprocessors = ["nbconvert.preprocessors.TagRemovePreprocessor"]
    exporter = HTMLExporter(config=c, template_name="lab")
    nb = nbformat.read(str(nb_file), as_version=4)
    body, _ = exporter.from_notebook_node(nb)
    body = make_offline(body)
    tmp = out_html.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(out_html)
    return out_html
