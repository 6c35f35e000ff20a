"""The HTML front page of a run: the claims scorecard, a card per notebook, links to both renders.

Everything is local (no CDN, no remote fonts, no scripts): the page works when opened from the file
system. Every link points at a file the run wrote; a notebook that was not run gets no link.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
from pathlib import Path

from helpers.analysis.scorecard.table import how_sure
from helpers.core import paths
from helpers.core.text import fmt_parts, label, setting
from helpers.core.verdicts import TESTED
from helpers.publish import front, replication, report_box
from helpers.publish.csp import META


def esc(x) -> str:
    return html.escape(str(x), quote=True)


VERDICT_CLASS = {
    "supported": "v-sup",
    "partly supported": "v-part",
    "not supported": "v-not",
    "not testable": "v-nt",
    "context only": "v-ctx",
    "not evaluated": "v-ne",
}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b;
background:#fafafa;line-height:1.45}
header{background:#12263a;color:#fff;padding:1.5rem 2rem}header h1{margin:0 0 .3rem;font-size:1.6rem}
header p{margin:.2rem 0;color:#d6e2ee;max-width:60rem}
main{padding:1rem 2rem 3rem;max-width:84rem}
h2{margin-top:2rem;border-bottom:2px solid #e3e3e3;padding-bottom:.3rem}
.alert{background:#fff5f5;border:1px solid #c62828;border-radius:.4rem;padding:.6rem .9rem;margin:1rem 0}
.overview{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.overview .summary{flex:1 1 24rem;max-width:40rem;font-size:1.02rem}
.overview figure{flex:0 1 30rem;margin:0}.overview img{width:100%;height:auto;border:1px solid #e3e3e3;background:#fff}
.counts span{margin-right:.4rem}
.tablewrap{overflow-x:auto}
table.scorecard{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem;min-width:56rem}
table.scorecard th,table.scorecard td{border:1px solid #ddd;padding:.45rem .55rem;vertical-align:top;text-align:left}
table.scorecard th{background:#f0f3f6;position:sticky;top:0}
table.scorecard tr:target td{background:#fffbe6}
.verdict{display:inline-block;padding:.1rem .5rem;border-radius:.8rem;font-weight:600;font-size:.85rem;white-space:nowrap}
.v-sup{background:#d8f3dc;color:#1b5e20}.v-part{background:#fff3cd;color:#7a5b00}.v-not{background:#f8d7da;color:#842029}
.v-nt{background:#e2e3e5;color:#41464b}.v-ctx{background:#e7f1ff;color:#084298}.v-ne{background:#fbe3ff;color:#6f1c78}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:.5rem;padding:1rem;display:flex;flex-direction:column}
.card h3{margin:.1rem 0 .4rem}.card img{width:100%;height:auto;border:1px solid #eee}
.card ul{padding-left:1.1rem;margin:.5rem 0}.card li{margin:.15rem 0}
.card .links{margin-top:auto;padding-top:.5rem}.links a{margin-right:1rem;font-weight:600}
.failed{border-color:#c62828;background:#fff5f5}.note{color:#555;font-size:.88rem}
.robust{font-size:.85rem;margin:.2rem 0}.fragile{font-size:.85rem;color:#8a4b00;margin:.2rem 0}
.params{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82rem;background:#f6f8fa;padding:.4rem;border-radius:.3rem}
footer{color:#666;font-size:.85rem;padding:1rem 2rem;border-top:1px solid #e3e3e3}
"""


EVIDENCE_FIGURE = (
    '<figure class="evidence"><a href="{src}" title="the figure at full size"><img src="{src}" '
    "alt=\"Each claim's figure in the essay against the estimate from the data, with its interval, coloured "
    'by verdict"></a><figcaption class="note">The essay\'s figure (grey band for a range, dashed line for a '
    "point) against the estimate from the data and its interval, coloured by the claim's verdict."
    "</figcaption></figure>"
)


def verdict_badge(v: str) -> str:
    return f'<span class="verdict {VERDICT_CLASS.get(v, "v-ne")}">{esc(v)}</span>'


def scorecard_rows(results: dict) -> list[dict]:
    sc = results.get("00_scorecard", {}).get("scorecard", {})
    return sc.get("value", []) if isinstance(sc, dict) else []


def with_robustness(rows: list[dict], robustness: dict | None) -> list[dict]:
    """The rows, each tested verdict carrying how sure it is: from the row itself (the scorecard notebook
    records it when the run computed the grid) or else from the run's robustness.json."""
    claims = (robustness or {}).get("claims", {})
    out = []
    for r in rows:
        r = dict(r)
        if "n_specs" not in r and r.get("verdict") in TESTED:
            r.update(how_sure(claims.get(str(r.get("claim"))), r["verdict"]))
        out.append(r)
    return out


def render_scorecard(
    rows: list[dict], site: Path | None = None, titles: dict | None = None, robustness: dict | None = None
) -> str:
    """One block per claim, in order: the essay's words, what the data say, the verdict, how sure it is
    ("k of N specifications agree", fragile and the choice that flips it), the reasoning folded and the
    link to the evidence. Evidence links point at the report render of the owning notebook, and only when
    that page exists in ``site`` (a notebook that was not run has no page to link to)."""
    if not rows:
        return (
            '<p class="note">No scorecard in this run: the scorecard notebook was not run or failed. '
            "The notebooks below hold the evidence.</p>"
        )
    return front.claims_html(with_robustness(rows, robustness), verdict_badge, site, titles)


def _copy_figure(run_dir: Path, site: Path, stem: str, name: str | None) -> str | None:
    """Copy a run figure into the site; returns its site-relative path (None when it does not exist)."""
    if not name:
        return None
    src = run_dir / "figures" / stem / f"{name}.png"
    if not src.is_file():
        return None
    dst = site / "figures" / stem / src.name
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
    return f"figures/{stem}/{src.name}"


def _headline(key: str, entry: dict) -> str:
    if key.lower().startswith("verdict_") and isinstance(entry.get("value"), str):
        claim = key.split("_", 1)[1]
        return (
            f'<li><a href="#row-{esc(claim.lower())}">{esc(claim)}</a> {verdict_badge(entry["value"])}</li>'
        )
    main, interval = fmt_parts(entry)
    interval = f' <span class="note">{esc(interval)}</span>' if interval else ""
    return f'<li title="{esc(key)}">{esc(label(key))}: <b>{esc(main)}</b>{interval}</li>'


def render_card(
    stem: str,
    meta: dict,
    outcome: dict,
    results: dict,
    given: dict,
    site: Path,
    run_dir: Path,
    claims: list[dict] | None = None,
) -> str:
    """A notebook's card: its question, key figure, the claims it judges (``claims``: its scorecard rows;
    without a scorecard, its headline results), the parameters changed and the links to its renders."""
    title = meta.get("title") or stem
    failed = not outcome.get("ok", False)
    parts = [f'<div class="card{" failed" if failed else ""}" id="nb-{esc(stem)}"><h3>{esc(title)}</h3>']
    if meta.get("question"):
        parts.append(f"<p>{esc(meta['question'])}</p>")
    if failed:
        parts.append(f"<p><b>This notebook failed in this run:</b> {esc(outcome.get('error') or '')}</p>")
    fig = None if failed else _copy_figure(run_dir, site, stem, meta.get("key_figure"))
    if fig:
        parts.append(
            f'<a href="{esc(fig)}" title="the figure at full size"><img src="{esc(fig)}" '
            f'alt="{esc(title)}: key figure"></a>'
        )
    if claims:  # every claim the notebook judges, with its verdict and what the data say
        items = "".join(
            f'<li><a href="#row-{esc(str(r["claim"]).lower())}">{esc(r["claim"])}</a> '
            f"{verdict_badge(r.get('verdict', 'not evaluated'))}"
            + (f" <span class='note'>{esc(r['finding'])}</span>" if r.get("finding") else "")
            + "</li>"
            for r in claims
        )
        parts.append(f'<ul class="verdicts">{items}</ul>')
    else:  # no scorecard in the run: the notebook's headline results, plain claim ids
        heads = [k for k in meta.get("headline_results", []) if k in results]
        numbers = [k for k in heads if not k.lower().startswith("verdict_")]
        verdicts = [k for k in heads if k.lower().startswith("verdict_")]
        if numbers:
            parts.append("<ul>" + "".join(_headline(k, results[k]) for k in numbers) + "</ul>")
        if verdicts:
            items = [
                re.sub(r'<a href="#row-[^"]*">([^<]*)</a>', r"\1", _headline(k, results[k])) for k in verdicts
            ]
            parts.append('<ul class="verdicts">' + "".join(items) + "</ul>")
    if given:
        parts.append(
            '<div class="params">parameters changed from the defaults: '
            + "; ".join(esc(setting(k, v)) for k, v in sorted(given.items()))
            + "</div>"
        )
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
    rob_file = run_dir / "robustness.json"
    robustness = json.loads(rob_file.read_text()) if rob_file.is_file() else None
    nb_outcomes = manifest.get("notebooks", {})
    readers = sorted(s for s in nb_outcomes if metas.get(s, {}).get("reads_results"))
    analysis = sorted(s for s in nb_outcomes if s not in readers)
    for s in analysis:  # the reader's edition opens with its claims (issue 17 item 2)
        if (page := site / f"{s}.report.html").is_file():
            with contextlib.suppress(ValueError):  # a page that is not a report render keeps as it is
                report_box.add_to_page(page, front.claims_of(rows, s))
    titles = {s: m.get("title") for s, m in metas.items() if m.get("title")}
    cards = [
        render_card(
            s,
            metas.get(s, {}),
            nb_outcomes[s],
            results.get(s, {}),
            manifest.get("parameters_given", {}).get(s, {}),
            site,
            run_dir,
            claims=front.claims_of(rows, s),
        )
        for s in analysis
    ]
    failed = [s for s in sorted(nb_outcomes) if not nb_outcomes[s].get("ok", False)]
    alert = ""
    if failed:
        alert = (
            f'<div class="alert"><b>{len(failed)} notebook{"s" if len(failed) > 1 else ""} failed in this '
            f"run:</b> {', '.join(esc(titles.get(s) or s) for s in failed)}. Their claims are marked "
            "<i>not evaluated</i>; the other results stand.</div>"
        )
    scen = ""
    if manifest.get("scenario"):
        scen = (
            f"<p><b>Scenario:</b> {esc(manifest['scenario'])} — "
            f"{esc(manifest.get('scenario_description') or '')}</p>"
        )
    run_line = "" if manifest["run"] == "default" else f"<p><b>Run:</b> {esc(manifest['run'])}</p>"

    overview, sc_links = front.answer_html(rows), ""
    for s in readers:  # the scorecard notebook: the claim-against-evidence figure and the links to it
        fig = _copy_figure(run_dir, site, s, "evidence") if nb_outcomes[s].get("ok") else None
        if fig:
            overview += EVIDENCE_FIGURE.format(src=esc(fig))
        if (site / f"{s}.report.html").is_file():
            sc_links += (
                f'<p class="links"><a href="{esc(s)}.report.html">{esc(titles.get(s) or s)}: the notebook</a>'
                f'<a href="{esc(s)}.html">with code</a></p>'
            )
    no_nb = "" if nb_outcomes else "<p>No notebooks have been added to the collection yet.</p>"
    rep_page = replication.write_page(site, results, titles, CSS, esc, manifest["run"])
    rep = ""
    if rep_page:
        ok, n = replication.tally(replication.replication_rows(results))
        rep = (
            f'<h2 id="replication">Published figures, reproduced</h2><p>{ok} of {n} published figures the '
            "notebooks touch are reproduced with the publisher's own definition. "
            f'<a href="{esc(rep_page)}">See each figure, theirs against ours</a>.</p>'
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{META}<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Open models, compute and export controls: the essay's claims against the data</title>
<style>{CSS}{front.CSS}</style></head>
<body><header><h1>Does the data back the essay?</h1>
<p>A 2026 opinion essay argues that open-weight models have caught up with closed ones, that compute is
controlled by five companies, and that algorithmic efficiency makes export controls a speed bump.
These notebooks test each of its claims with public data (Epoch AI, LMArena, Artificial Analysis,
market-share reports) and say how sure the answer is.</p>{scen}{run_line}</header>
<main>
{alert}
<h2 id="scorecard">Which claims hold up?</h2>
{overview}
{render_scorecard(rows, site, titles, robustness)}
{sc_links}
{rep}
<h2 id="notebooks">The notebooks</h2>
{no_nb}
<div class="cards">
{"".join(cards)}
</div>
</main>
<footer>Run <code>{esc(manifest["run"])}</code>, commit <code>{esc((manifest.get("git_commit") or "unknown")[:10])}</code>,
created {esc(manifest.get("created", ""))}. Data: Epoch AI (CC BY 4.0), LMArena (CC BY 4.0), Artificial Analysis
(attribution), Synergy Research Group, TrendForce, TechInsights as cited in each notebook.
Parameters, data hashes and package versions are in <code>manifest.json</code> beside the run.</footer>
</body></html>
"""
    (site / "index.html").write_text(page, encoding="utf-8")
    return site


def rebuild_run_site(run_dir: Path) -> Path:
    """Rebuild ``run_dir/site`` of a finished run from its files (after ``robustness`` added its
    document); the default run's site is also published to build/site, replaced in one move."""
    manifest = json.loads((run_dir / "manifest.json").read_text())
    results = json.loads((run_dir / "results.json").read_text())
    metas = {}
    for stem in manifest.get("notebooks", {}):
        nb = paths.notebook(stem)
        if nb.is_file():
            metas[stem] = json.loads(nb.read_text()).get("metadata", {}).get("helpers", {})
    site = build_run_site(run_dir, manifest, results, metas)
    if run_dir.name == "default" and run_dir.parent == paths.RUNS:
        tmp = paths.BUILD / f".tmp-site-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(site, tmp)
        old = paths.BUILD / f".old-site-{os.getpid()}"
        if paths.SITE.exists():
            paths.SITE.rename(old)
        tmp.rename(paths.SITE)
        shutil.rmtree(old, ignore_errors=True)
    return site
