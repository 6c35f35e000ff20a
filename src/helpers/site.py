"""The HTML front page of a run: the claims scorecard, a card per notebook, links to both renders.

Everything is local (no CDN, no remote fonts): the page works when opened from the file system.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from . import paths

VERDICT_CLASS = {
    "supported": "v-sup", "partly supported": "v-part", "not supported": "v-not",
    "not testable": "v-nt", "context only": "v-ctx", "not evaluated": "v-ne",
}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;
background:#fafafa;line-height:1.45}
header{background:#12263a;color:#fff;padding:1.5rem 2rem}header h1{margin:0 0 .3rem;font-size:1.6rem}
header p{margin:.2rem 0;color:#d6e2ee;max-width:60rem}
main{padding:1rem 2rem 3rem;max-width:78rem}
h2{margin-top:2rem;border-bottom:2px solid #e3e3e3;padding-bottom:.3rem}
table.scorecard{border-collapse:collapse;width:100%;background:#fff;font-size:.93rem}
table.scorecard th,table.scorecard td{border:1px solid #ddd;padding:.45rem .55rem;vertical-align:top;text-align:left}
table.scorecard th{background:#f0f3f6}
.verdict{display:inline-block;padding:.1rem .5rem;border-radius:.8rem;font-weight:600;font-size:.85rem;white-space:nowrap}
.v-sup{background:#d8f3dc;color:#1b5e20}.v-part{background:#fff3cd;color:#7a5b00}.v-not{background:#f8d7da;color:#842029}
.v-nt{background:#e2e3e5;color:#41464b}.v-ctx{background:#e7f1ff;color:#084298}.v-ne{background:#fbe3ff;color:#6f1c78}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem}
.card h3{margin:.1rem 0 .4rem}.card img{width:100%;height:auto;border:1px solid #eee}
.card ul{padding-left:1.1rem;margin:.4rem 0}.links a{margin-right:1rem;font-weight:600}
.failed{border-color:#c62828;background:#fff5f5}.note{color:#555;font-size:.88rem}
.params{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;background:#f6f8fa;padding:.4rem;border-radius:.3rem}
footer{color:#666;font-size:.85rem;padding:1rem 2rem;border-top:1px solid #e3e3e3}
"""


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def fmt_value(entry: dict) -> str:
    v = entry.get("value")
    unit = entry.get("unit") or ""

    def f(x):
        if isinstance(x, float):
            if abs(x) >= 1e6 or (abs(x) < 1e-3 and x != 0):
                return f"{x:.3g}"
            return f"{x:,.3g}" if abs(x) < 100 else f"{x:,.0f}"
        if isinstance(x, int) and not isinstance(x, bool):
            return f"{x:,}"
        return str(x)
    if isinstance(v, dict):
        items = list(v.items())
        s = ", ".join(f"{k}: {f(x) if not isinstance(x, dict) else '…'}" for k, x in items[:6])
        return s + (" …" if len(items) > 6 else "")
    if isinstance(v, list):
        return ", ".join(f(x) for x in v[:6]) + (" …" if len(v) > 6 else "")
    s = f(v)
    if "low" in entry or "high" in entry:
        s += f" [{f(entry.get('low'))} – {f(entry.get('high'))}]"
    return f"{s} {unit}".strip()


def verdict_badge(v: str) -> str:
    return f'<span class="verdict {VERDICT_CLASS.get(v, "v-ne")}">{esc(v)}</span>'


def scorecard_rows(results: dict) -> list[dict]:
    sc = results.get("00_scorecard", {}).get("scorecard", {})
    return sc.get("value", []) if isinstance(sc, dict) else []


def render_scorecard(rows: list[dict], site: Path | None = None) -> str:
    """The verdict table. Evidence links point at the report render of the owning notebook, and only
    when that page exists in ``site`` (a notebook that was not run has no page to link to)."""
    if not rows:
        return ('<p class="note">No scorecard in this run: the scorecard notebook was not run or failed. '
                'The notebooks below hold the evidence.</p>')
    out = ['<table class="scorecard"><thead><tr><th>Claim</th><th>What the essay says</th><th>Measure</th>'
           '<th>Estimate</th><th>Verdict</th><th>Evidence</th></tr></thead><tbody>']
    for r in rows:
        link = ""
        if r.get("notebook"):
            label = esc(r.get("notebook_title") or r["notebook"])
            page = f"{r['notebook']}.report.html"
            if site is None or (site / page).is_file():
                href = page + (f"#{r['anchor']}" if r.get("anchor") else "")
                link = f'<a href="{esc(href)}">{label}</a>'
            else:
                link = f'{label}<div class="note">not run: no page in this run</div>'
        out.append(f"<tr><td><b>{esc(r['claim'])}</b></td><td>{esc(r.get('text', ''))}</td>"
                   f"<td>{esc(r.get('measure', ''))}</td><td>{esc(r.get('estimate', ''))}</td>"
                   f"<td>{verdict_badge(r.get('verdict', 'not evaluated'))}"
                   f"<div class='note'>{esc(r.get('reason', ''))}</div></td><td>{link}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render_card(stem: str, meta: dict, outcome: dict, results: dict, given: dict, site: Path,
                run_dir: Path) -> str:
    title = meta.get("title") or stem
    failed = not outcome.get("ok", False)
    parts = [f'<div class="card{" failed" if failed else ""}" id="nb-{esc(stem)}"><h3>{esc(title)}</h3>']
    if meta.get("question"):
        parts.append(f"<p>{esc(meta['question'])}</p>")
    if failed:
        parts.append(f"<p><b>This notebook failed in this run:</b> {esc(outcome.get('error') or '')}</p>")
    fig = meta.get("key_figure")
    if fig and not failed:
        src = run_dir / "figures" / stem / f"{fig}.png"
        if src.is_file():
            dst = site / "figures" / stem / src.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            parts.append(f'<img src="figures/{esc(stem)}/{esc(src.name)}" alt="{esc(title)}: key figure">')
    heads = [k for k in meta.get("headline_results", []) if k in results]
    if heads:
        parts.append("<ul>" + "".join(f"<li><code>{esc(k)}</code>: {esc(fmt_value(results[k]))}</li>"
                                      for k in heads) + "</ul>")
    if given:
        parts.append('<div class="params">parameters changed from the defaults: '
                     + ", ".join(f"{esc(k)} = {esc(json.dumps(v))}" for k, v in sorted(given.items())) + "</div>")
    links = []
    if (site / f"{stem}.report.html").is_file():
        links.append(f'<a href="{esc(stem)}.report.html">Read the report</a>')
    if (site / f"{stem}.html").is_file():
        links.append(f'<a href="{esc(stem)}.html">Full notebook with code</a>')
    parts.append(f'<p class="links">{"".join(links)}</p></div>')
    return "\n".join(parts)


def build_run_site(run_dir: Path, manifest: dict, results: dict, metas: dict) -> Path:
    """Write ``run_dir/site/``: index.html, both renders of every notebook and the card figures."""
    site = run_dir / "site"
    site.mkdir(parents=True, exist_ok=True)
    for p in run_dir.glob("*.html"):
        shutil.copy2(p, site / p.name)
    rows = scorecard_rows(results)
    summary = results.get("00_scorecard", {}).get("summary", {}).get("value")
    nb_outcomes = manifest.get("notebooks", {})
    analysis = [s for s in nb_outcomes if not metas.get(s, {}).get("reads_results")]
    cards = [render_card(s, metas.get(s, {}), nb_outcomes[s], results.get(s, {}),
                         manifest.get("parameters_given", {}).get(s, {}), site, run_dir) for s in analysis]
    scen = ""
    if manifest.get("scenario"):
        scen = (f"<p><b>Scenario:</b> {esc(manifest['scenario'])} — "
                f"{esc(manifest.get('scenario_description') or '')}</p>")
    run_line = "" if manifest["run"] == "default" else f"<p><b>Run:</b> {esc(manifest['run'])}</p>"
    sc_link = ""
    if "00_scorecard" in nb_outcomes and (site / "00_scorecard.report.html").is_file():
        sc_link = ('<p class="links"><a href="00_scorecard.report.html">The scorecard notebook</a>'
                   '<a href="00_scorecard.html">with code</a></p>')
    no_nb = "" if nb_outcomes else "<p>No notebooks have been added to the collection yet.</p>"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Open models, compute and export controls: the essay's claims against the data</title>
<style>{CSS}</style></head>
<body><header><h1>Does the data back the essay?</h1>
<p>A 2026 opinion essay argues that open-weight models have caught up with closed ones, that compute is
controlled by five companies, and that algorithmic efficiency makes export controls a speed bump.
These notebooks test each of its claims with public data (Epoch AI, LMArena, Artificial Analysis,
market-share reports) and say how sure the answer is.</p>{scen}{run_line}</header>
<main>
<h2 id="scorecard">Which claims hold up?</h2>
{f"<p>{esc(summary)}</p>" if summary else ""}
{render_scorecard(rows, site)}
{sc_link}
<h2 id="notebooks">The notebooks</h2>
{no_nb}
<div class="cards">
{"".join(cards)}
</div>
</main>
<footer>Run <code>{esc(manifest['run'])}</code>, commit <code>{esc((manifest.get('git_commit') or 'unknown')[:10])}</code>,
created {esc(manifest.get('created', ''))}. Data: Epoch AI (CC BY 4.0), LMArena (CC BY 4.0), Artificial Analysis
(attribution), Synergy Research Group, TrendForce, TechInsights as cited in each notebook.
Parameters, data hashes and package versions are in <code>manifest.json</code> beside the run.</footer>
</body></html>
"""
    (site / "index.html").write_text(page, encoding="utf-8")
    return site


def site_root() -> Path:
    return paths.SITE
