"""The site's Replication page: every published figure the notebooks touch, reproduced with the publisher's
own definition (the ``replication`` result each notebook records, see ``core.replication``).

One table per notebook: the figure, its publisher and date, their definition, their number, ours computed
with their definition, our own estimate, whether it reproduces and one line on any difference. Every
data-derived string is escaped; the page is static and local like the front page.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.core.replication import KEY
from helpers.core.text import fmt_number
from helpers.publish.csp import META

PAGE = "replication.html"
STATUS_CLASS = {"reproduced": "v-sup", "differs": "v-part", "not computable": "v-nt"}


def replication_rows(results: dict) -> dict[str, list[dict]]:
    """{notebook stem: its replication rows}, notebooks in order, those without rows left out."""
    out = {}
    for stem in sorted(results):
        entry = results[stem].get(KEY) if isinstance(results[stem], dict) else None
        rows = entry.get("value") if isinstance(entry, dict) else None
        if isinstance(rows, list) and rows:
            out[stem] = [r for r in rows if isinstance(r, dict)]
    return out


def _num(r: dict, key: str) -> str:
    v = r.get(key)
    if v is None:
        return "–"
    s = html.escape(fmt_number(v))  # a crafted results file may hold a string here
    lo, hi = r.get(f"{key}_low"), r.get(f"{key}_high")
    if lo is not None and hi is not None:
        s += f"<div class='note'>{html.escape(fmt_number(lo))} to {html.escape(fmt_number(hi))}</div>"
    return s


def tally(rows_by_nb: dict[str, list[dict]]) -> tuple[int, int]:
    rows = [r for rs in rows_by_nb.values() for r in rs]
    return sum(r.get("status") == "reproduced" for r in rows), len(rows)


def render_page(results: dict, titles: dict, css: str, esc, run: str) -> str:
    """The whole page (``esc`` is the site's escaping function, so both pages escape alike)."""
    rows_by_nb = replication_rows(results)
    ok, n = tally(rows_by_nb)
    body = []
    if not rows_by_nb:
        body.append("<p class='note'>No notebook of this run recorded published figures to reproduce.</p>")
    for stem, rows in rows_by_nb.items():
        body.append(f"<h2 id='{esc(stem)}'>{esc(titles.get(stem) or stem)}</h2>")
        body.append(
            "<div class='tablewrap'><table class='scorecard'><thead><tr><th>Published figure</th>"
            "<th>Publisher (date)</th><th>Their definition</th><th>Theirs</th><th>Ours, their definition</th>"
            "<th>Ours, our definition</th><th>Status</th><th>Difference</th></tr></thead><tbody>"
        )
        for r in rows:
            status = str(r.get("status", ""))
            link = (
                f" <a href='{esc(r['url'])}'>source</a>"
                if str(r.get("url", "")).startswith(("https://", "http://"))
                else ""
            )
            unit = esc(r.get("unit", ""))
            body.append(
                f"<tr><td>{esc(r.get('figure', ''))}<div class='note'>{unit}</div></td>"
                f"<td>{esc(r.get('publisher', ''))} ({esc(r.get('published', ''))}){link}</td>"
                f"<td>{esc(r.get('definition', ''))}</td><td>{_num(r, 'theirs')}</td><td>{_num(r, 'ours')}</td>"
                f"<td>{_num(r, 'own')}<div class='note'>{esc(r.get('own_definition', ''))}</div></td>"
                f"<td><span class='verdict {STATUS_CLASS.get(status, 'v-ne')}'>{esc(status)}</span></td>"
                f"<td>{esc(r.get('note', ''))}</td></tr>"
            )
        body.append("</tbody></table></div>")
    summary = (
        f"{ok} of {n} published figures are reproduced with the publisher's own definition"
        if n
        else "No published figures recorded"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{META}<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Published figures, reproduced</title><style>{css}</style></head>
<body><header><h1>Published figures, reproduced</h1>
<p>Each row is a number published by Epoch AI, the AI Index, market analysts or others that a notebook
touches, recomputed from the collection's data with the publisher's own definition (their window, filter
and estimand), beside our own estimate. A parameter is never tuned to hit a published number; where ours
differs, the last column says why. {esc(summary)}.</p>
<p><a href="index.html" style="color:#fff">Back to the scorecard</a></p></header>
<main>{"".join(body)}</main>
<footer>Run <code>{esc(run)}</code>. Rows come from the <code>replication</code> result of each notebook
(results.json).</footer></body></html>
"""


def write_page(site: Path, results: dict, titles: dict, css: str, esc, run: str) -> str | None:
    """Write replication.html when any notebook recorded rows; returns the page name (None: no page)."""
    if not replication_rows(results):
        return None
    (site / PAGE).write_text(render_page(results, titles, css, esc, run), encoding="utf-8")
    return PAGE
