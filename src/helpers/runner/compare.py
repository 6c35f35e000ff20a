"""``python -m helpers compare RUN_A RUN_B``: what changed between two runs.

Reads ``build/runs/<RUN>/results.json`` and ``manifest.json`` of both runs and lists, in a table on the
terminal and on an HTML page (``build/compare/<RUN_A>--<RUN_B>.html``):

- the parameters that differ (what the second run changed),
- every claim whose verdict changed (from the scorecard rows, or the notebooks' ``verdict_*`` results when
  a run has no scorecard), with the reason the second run gives,
- the key results that changed: those a notebook lists as headline results or records for a claim; the
  page lists every other changed scalar result too.

A claim or result present in one run only is listed as "(not in run)". Same runs, same output. A scenario's
name stands for the run ``--scenario NAME`` wrote (``scenario-NAME``) when no run has that name.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from helpers.core import paths
from helpers.core.errors import UserError
from helpers.core.text import fmt_value

MISSING = "(not in run)"


@dataclass
class Comparison:
    a: str
    b: str
    params: list[tuple[str, str, str, str]] = field(default_factory=list)  # notebook, name, A, B
    verdicts: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # claim, nb, A, B, why (B)
    key_results: list[tuple[str, str, str, str]] = field(default_factory=list)  # notebook, key, A, B
    other_results: list[tuple[str, str, str, str]] = field(default_factory=list)
    same_verdicts: int = 0


def resolve(name: str) -> str:
    """A run's folder name: ``hawkish_controls`` finds the run ``--scenario hawkish_controls`` wrote
    (``scenario-hawkish_controls``) when no run has that very name."""
    if (
        not (paths.RUNS / name / "results.json").is_file()
        and (paths.RUNS / f"scenario-{name}" / "results.json").is_file()
    ):
        return f"scenario-{name}"
    return name


def load_run(name: str) -> tuple[dict, dict]:
    folder = paths.RUNS / name
    if not (folder / "results.json").is_file():
        known = (
            sorted(p.name for p in paths.RUNS.glob("*") if (p / "results.json").is_file())
            if paths.RUNS.is_dir()
            else []
        )
        raise UserError(
            f"run {name!r}: no build/runs/{name}/results.json; finished runs: {', '.join(known) or 'none'}"
        )
    try:
        results = json.loads((folder / "results.json").read_text())
        manifest = (
            json.loads((folder / "manifest.json").read_text()) if (folder / "manifest.json").is_file() else {}
        )
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"run {name!r}: results.json or manifest.json is not valid JSON ({e})") from None
    if not isinstance(results, dict):
        raise UserError(f"run {name!r}: results.json is not a mapping of notebooks to results")
    return results, manifest


def _verdicts(results: dict) -> dict[str, tuple[str, str, str]]:
    """{claim: (notebook, verdict, reason)} from the scorecard rows, else from verdict_* results."""
    rows = results.get("00_scorecard", {}).get("scorecard", {})
    rows = rows.get("value") if isinstance(rows, dict) else None
    if isinstance(rows, list) and rows:
        return {
            str(r.get("claim")): (
                str(r.get("notebook") or ""),
                str(r.get("verdict", "")),
                str(r.get("reason", "")),
            )
            for r in rows
            if isinstance(r, dict)
        }
    out = {}
    for stem, entries in sorted(results.items()):
        for key, e in (entries or {}).items():
            if key.lower().startswith("verdict_") and isinstance(e, dict):
                out[key.split("_", 1)[1]] = (stem, str(e.get("value", "")), str(e.get("note", "")))
    return out


def _scalar(entry) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("value"), (int, float, str, bool))


def _shown(entry) -> str:
    return MISSING if entry is None else fmt_value(entry)


def _same(x, y) -> bool:
    if x is None or y is None:
        return x is y
    vx, vy = x.get("value"), y.get("value")
    if isinstance(vx, float) and isinstance(vy, float) and not (math.isfinite(vx) and math.isfinite(vy)):
        return str(vx) == str(vy)
    return (vx, x.get("low"), x.get("high")) == (vy, y.get("low"), y.get("high"))


def _headlines(stem: str) -> set[str]:
    nb = paths.notebook(stem)
    try:
        return set(
            json.loads(nb.read_text()).get("metadata", {}).get("helpers", {}).get("headline_results", [])
        )
    except (OSError, ValueError):
        return set()


def _key_claim_order(claim: str) -> tuple:
    digits = "".join(ch for ch in claim if ch.isdigit())
    return (int(digits) if digits else 10**6, claim)


def compare(a: str, b: str) -> Comparison:
    a, b = resolve(a), resolve(b)
    ra, ma = load_run(a)
    rb, mb = load_run(b)
    cmp = Comparison(a, b)
    pa, pb = ma.get("parameters", {}), mb.get("parameters", {})
    for stem in sorted(set(pa) | set(pb)):
        xa, xb = pa.get(stem) or {}, pb.get(stem) or {}
        for name in sorted(set(xa) | set(xb)):
            va, vb = xa.get(name, MISSING), xb.get(name, MISSING)
            if va != vb:
                cmp.params.append(
                    (
                        stem,
                        name,
                        json.dumps(va) if va != MISSING else va,
                        json.dumps(vb) if vb != MISSING else vb,
                    )
                )
    va, vb = _verdicts(ra), _verdicts(rb)
    for claim in sorted(set(va) | set(vb), key=_key_claim_order):
        x, y = va.get(claim), vb.get(claim)
        if x and y and x[1] == y[1]:
            cmp.same_verdicts += 1
            continue
        cmp.verdicts.append(
            (claim, (y or x)[0], x[1] if x else MISSING, y[1] if y else MISSING, y[2] if y else "")
        )
    for stem in sorted(set(ra) | set(rb)):
        if stem == "00_scorecard":
            continue
        ea, eb = ra.get(stem) or {}, rb.get(stem) or {}
        heads = _headlines(stem)
        for key in sorted(set(ea) | set(eb)):
            x, y = ea.get(key), eb.get(key)
            if key.lower().startswith("verdict_") or not (_scalar(x) or _scalar(y)) or _same(x, y):
                continue
            claims = (y or x).get("claims") if isinstance(y or x, dict) else None
            row = (stem, key, _shown(x), _shown(y))
            (cmp.key_results if key in heads or claims else cmp.other_results).append(row)
    return cmp


def text_table(headers: list[str], rows: list[tuple], widths: list[int]) -> str:
    def cut(s, w):
        s = str(s).replace("\n", " ")
        return s if len(s) <= w else s[: w - 1] + "…"

    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(cut(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(out)


def terminal(cmp: Comparison) -> str:
    out = [f"compare {cmp.a} -> {cmp.b}"]
    if cmp.params:
        out += [
            "",
            "parameters that differ:",
            text_table(["notebook", "parameter", cmp.a, cmp.b], cmp.params, [24, 34, 20, 20]),
        ]
    else:
        out += ["", "parameters: the same"]
    n = len(cmp.verdicts)
    out += ["", f"verdicts: {n} changed, {cmp.same_verdicts} the same"]
    if cmp.verdicts:
        out.append(
            text_table(
                ["claim", "notebook", cmp.a, cmp.b, f"why ({cmp.b})"], cmp.verdicts, [6, 24, 17, 17, 60]
            )
        )
    out += ["", f"key results: {len(cmp.key_results)} changed"]
    if cmp.key_results:
        out.append(text_table(["notebook", "result", cmp.a, cmp.b], cmp.key_results, [24, 34, 28, 28]))
    if cmp.other_results:
        out.append(f"({len(cmp.other_results)} other recorded results changed: listed on the page)")
    return "\n".join(out)


def page_path(a: str, b: str) -> Path:
    return paths.BUILD / "compare" / f"{a}--{b}.html"


def html_page(cmp: Comparison) -> str:
    from helpers.publish.csp import META  # the site's policy and look (publish: the HTML side)
    from helpers.publish.site import CSS, esc, verdict_badge

    def table(headers, rows, badge_cols=()):
        head = "".join(f"<th>{esc(h)}</th>" for h in headers)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{verdict_badge(c) if i in badge_cols and c != MISSING else esc(c)}</td>"
                for i, c in enumerate(r)
            )
            + "</tr>"
            for r in rows
        )
        return f'<div class="tablewrap"><table class="scorecard"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'

    parts = [
        "<h2>Parameters that differ</h2>"
        + (table(["notebook", "parameter", cmp.a, cmp.b], cmp.params) if cmp.params else "<p>The same.</p>"),
        f"<h2>Verdicts: {len(cmp.verdicts)} changed, {cmp.same_verdicts} the same</h2>"
        + (
            table(["claim", "notebook", cmp.a, cmp.b, f"why ({cmp.b})"], cmp.verdicts, badge_cols=(2, 3))
            if cmp.verdicts
            else "<p>No verdict changed.</p>"
        ),
        f"<h2>Key results: {len(cmp.key_results)} changed</h2>"
        + (
            table(["notebook", "result", cmp.a, cmp.b], cmp.key_results)
            if cmp.key_results
            else "<p>None changed.</p>"
        ),
    ]
    if cmp.other_results:
        parts.append(
            f"<h2>Other recorded results: {len(cmp.other_results)} changed</h2>"
            + table(["notebook", "result", cmp.a, cmp.b], cmp.other_results)
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{META}<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(cmp.a)} against {esc(cmp.b)}: what changed</title><style>{CSS}</style></head>
<body><header><h1>What changed from run {esc(cmp.a)} to run {esc(cmp.b)}</h1>
<p>Verdicts and results of two runs of the collection (build/runs/{esc(cmp.a)} and build/runs/{esc(cmp.b)}).</p>
</header><main>{"".join(parts)}</main>
<footer>Written by <code>helpers compare {esc(cmp.a)} {esc(cmp.b)}</code>.</footer></body></html>
"""


def cli_compare(args) -> int:
    cmp = compare(args.run_a, args.run_b)
    print(terminal(cmp))
    out = page_path(cmp.a, cmp.b)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".html.tmp")
    tmp.write_text(html_page(cmp), encoding="utf-8")
    tmp.replace(out)
    print(f"\n-> {out.relative_to(paths.ROOT) if out.is_relative_to(paths.ROOT) else out}")
    return 0
