"""The seminar's pages: the docs of ``docs/seminar/`` as HTML (the guide, glossary, reading list and
prediction sheet) and the one-page printable verdict handout generated from a run's results. Every page
escapes what comes from data and carries the site's Content-Security-Policy. Split from ``seminar`` (the
editions and the build), which writes them.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from helpers.core import paths
from helpers.publish.csp import META
from helpers.publish.site import VERDICT_CLASS  # one verdict-to-class map for the site and the handout

DOCS = ("guide", "glossary", "reading-list", "prediction-sheet")  # docs/seminar/<name>.md

PAGE_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1b1b;
max-width:52rem;margin:1.5rem auto;padding:0 1.2rem;line-height:1.45}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;
text-align:left;vertical-align:top}th{background:#f0f3f6}code,pre{background:#f6f8fa;border-radius:.2rem}
pre{padding:.5rem;overflow-x:auto}blockquote{color:#444;border-left:3px solid #ccc;margin-left:0;padding-left:.8rem}
@media print{body{max-width:none;margin:0}a{color:inherit;text-decoration:none}}
"""


def page(title: str, body: str, css: str = PAGE_CSS) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{META}'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{css}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def markdown_page(md: str, title: str) -> str:
    """A document of docs/seminar/ as a page (written by the project, so its Markdown is trusted; the
    policy still forbids scripts and remote loads)."""
    import mistune  # nbconvert's Markdown renderer

    body = mistune.create_markdown(plugins=["table"])(md)
    body = re.sub(
        r'href="([\w-]+)\.md(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body
    )
    return page(title, body)


def write_docs(out: Path) -> list[str]:
    written = []
    folder = paths.ROOT / "docs" / "seminar"
    for name in DOCS:
        src = folder / f"{name}.md"
        if not src.is_file():
            continue
        md = src.read_text(encoding="utf-8")
        title = next((ln.lstrip("# ").strip() for ln in md.splitlines() if ln.startswith("# ")), name)
        shutil.copy2(src, out / src.name)
        (out / f"{name}.html").write_text(markdown_page(md, title), encoding="utf-8")
        written.append(f"{name}.html")
    return written


HANDOUT_CSS = """
@page{size:A4;margin:12mm}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111;font-size:9.5pt;
line-height:1.3;max-width:60rem;margin:1rem auto;padding:0 1rem}
h1{font-size:14pt;margin:0 0 .2rem}p{margin:.2rem 0 .5rem}.meta{color:#555;font-size:8pt}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.18rem .3rem;text-align:left;
vertical-align:top}th{background:#eef1f4}td.c{font-weight:700;white-space:nowrap}td.v{white-space:nowrap;font-weight:600}
.v-sup{color:#1b5e20}.v-part{color:#7a5b00}.v-not{color:#842029}.v-nt,.v-ctx,.v-ne{color:#41464b}
.sure{color:#555;font-size:8pt}
@media print{body{margin:0;max-width:none;padding:0;font-size:8.5pt}tr{break-inside:avoid}a{color:inherit}}
"""


def _sure(row: dict) -> str:
    if "n_specs" not in row:
        return ""
    s = f"{row['agree']:,} of {row['n_specs']:,} specifications agree"
    flip = row.get("flip")
    if flip:
        s += f"; fragile: {flip.get('param')} = {json.dumps(flip.get('value'))} gives {flip.get('verdict')}"
    return s


def handout(results: dict, manifest: dict) -> str:
    """One printable page: each claim, what the essay says, the verdict, the estimate behind it and how many
    specifications agree; from the run's scorecard rows."""
    e = html.escape
    sc = results.get("00_scorecard", {}).get("scorecard", {})
    rows = sc.get("value", []) if isinstance(sc, dict) else []
    lines = [
        "<h1>Does the data back the essay? The verdicts</h1>",
        "<p>Each of the essay's claims tested against public data by the notebook collection. "
        "<b>Before session 1</b>, fill in the prediction sheet; afterwards, mark where the data surprised you.</p>",
        f'<p class="meta">Run <code>{e(str(manifest.get("run", "")))}</code>, commit '
        f"<code>{e(str(manifest.get('git_commit') or 'unknown')[:10])}</code>, created "
        f"{e(str(manifest.get('created', '')))}"
        + (f"; scenario {e(str(manifest['scenario']))}" if manifest.get("scenario") else "")
        + ". Generated from the run's results.json by <code>make seminar</code>.</p>",
    ]
    if not rows:
        lines.append(
            "<p><b>This run has no scorecard</b> (the scorecard notebook was not run or failed).</p>"
        )
    else:
        lines.append(
            "<table><thead><tr><th>Claim</th><th>What the essay says</th><th>Verdict</th>"
            "<th>Estimate and why</th></tr></thead><tbody>"
        )
        for r in rows:
            v = str(r.get("verdict", "not evaluated"))
            sure = _sure(r)
            lines.append(
                f'<tr><td class="c">{e(str(r.get("claim", "")))}</td><td>{e(str(r.get("text", "")))}</td>'
                f'<td class="v {VERDICT_CLASS.get(v, "v-ne")}">{e(v)}</td>'
                f"<td>{e(str(r.get('estimate', '')))}"
                + (f'<div class="sure">{e(sure)}</div>' if sure else "")
                + "</td></tr>"
            )
        lines.append("</tbody></table>")
    lines.append(
        '<p class="meta">Verdicts: supported, partly supported, not supported, not testable (the data cannot '
        "settle it), context only (a claim the collection describes but does not test). Glossary and reading "
        "list: glossary.html, reading-list.html.</p>"
    )
    return page("Verdict handout", "\n".join(lines), HANDOUT_CSS)
