"""The front page's answer: a bottom line, what the data say about each of the essay's arguments, and one
block per claim in order (the essay's words, what the data say with the number and its interval, the
verdict, how sure it is, the reasoning folded, the link to the evidence).

Everything shown is written from the scorecard's rows (``analysis.scorecard``); every data-derived string
is escaped. Blocks rather than a wide table, so the page reads at 375 px without horizontal scrolling.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers.analysis.scorecard.text import arguments, bottom_line
from helpers.core.labels import notebook_name
from helpers.core.text import setting

CSS = """
.answer{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:.9rem 1.1rem;margin:1rem 0}
.answer .bottom{font-size:1.15rem;font-weight:600;margin:.2rem 0 .6rem}
.answer dl{margin:0}.answer dt{font-weight:600;margin-top:.5rem}.answer dd{margin:.1rem 0 0 0}
.claims{display:flex;flex-direction:column;gap:.6rem}
.claim{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:.7rem .9rem}
.claim:target{background:#fffbe6}
.claim h3{margin:0 0 .3rem;font-size:1rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.claim .essay{margin:.1rem 0;color:#333}.claim .data{margin:.3rem 0;font-weight:500}
.claim details{margin-top:.3rem}.claim summary{cursor:pointer;color:#0b57d0}
.claim .why{font-size:.9rem;color:#333;margin:.3rem 0 0}
.robust{font-size:.88rem;color:#333}.fragile{font-size:.88rem;color:#7a2e00}
figure.evidence{margin:1rem 0}figure.evidence img{width:100%;max-width:60rem;height:auto;border:1px solid #e3e3e3;background:#fff}
@media (max-width:40rem){main{padding:.6rem .8rem 2rem}header{padding:1rem}header h1{font-size:1.3rem}
.cards{grid-template-columns:1fr}.card,.claim{padding:.6rem}}
@media print{header{background:none;color:#000}header p{color:#000}.cards,.links,footer,details{display:none}
.claim{break-inside:avoid;border-color:#999;padding:.3rem .5rem}main{padding:0}body{background:#fff;font-size:10pt}
figure.evidence{break-inside:avoid}}
"""


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def sure_html(row: dict) -> str:
    """'k of N specifications agree' and, for a fragile verdict, the single choice that flips it."""
    if "n_specs" not in row:
        return ""
    out = f"<div class='robust'>{row['agree']:,} of {row['n_specs']:,} specifications agree</div>"
    if row.get("most"):
        m = row["most"]
        out += f"<div class='most'>more of them ({m['count']:,}) give {esc(m['verdict'])}</div>"
    f = row.get("flip")
    if f:
        out += (
            f"<div class='fragile'><b>fragile</b>: with {esc(setting(f['param'], f['value']))} it is "
            f"{esc(f['verdict'])} ({esc(f['reason'])})</div>"
        )
    return out


def answer_html(rows: list[dict]) -> str:
    """The bottom line and one sentence per argument of the essay."""
    if not rows:
        return ""
    items = "".join(f"<dt>{esc(t)}</dt><dd>{esc(s)}</dd>" for t, s in arguments(rows))
    return (
        f'<div class="answer"><p class="bottom">{esc(bottom_line(rows))}</p>'
        f"<p>What the data say about the essay's arguments:</p><dl>{items}</dl></div>"
    )


def claims_html(rows: list[dict], badge, site: Path | None = None, titles: dict | None = None) -> str:
    """One block per claim; ``badge`` renders a verdict (the site's ``verdict_badge``)."""
    titles = titles or {}
    out = ['<div class="claims">']
    for r in rows:
        link = ""
        if r.get("notebook"):
            name = esc(titles.get(r["notebook"]) or notebook_name(r["notebook"]))
            page = f"{r['notebook']}.report.html"
            if site is None or (site / page).is_file():
                href = page + (f"#{r['anchor']}" if r.get("anchor") else "")
                link = f'<a href="{esc(href)}">Evidence for {esc(r["claim"])}</a> <span class="note">in {name}</span>'
            else:
                link = f'<span class="note">{name}: not run, no page in this run</span>'
        finding = f"<p class='data'>{esc(r['finding'])}</p>" if r.get("finding") else ""
        why = (
            f"<details><summary>Why this verdict</summary><p class='why'>{esc(r['reason'])}</p></details>"
            if r.get("reason")
            else ""
        )
        out.append(
            f'<article class="claim" id="row-{esc(str(r["claim"]).lower())}">'
            f"<h3><span>{esc(r['claim'])}</span>{badge(r.get('verdict', 'not evaluated'))}</h3>"
            f"<p class='essay'>The essay: {esc(r.get('text', ''))}</p>{finding}{sure_html(r)}{why}"
            f"<p class='links'>{link}</p></article>"
        )
    out.append("</div>")
    return "\n".join(out)


def claims_of(rows: list[dict], stem: str) -> list[dict]:
    """The scorecard rows a notebook owns (its card lists them all)."""
    return [r for r in rows if r.get("notebook") == stem]
