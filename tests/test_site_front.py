"""The front page as a reader meets it, built from a small run folder: the bottom line and the arguments
first, one block per claim with how sure it is, the claim-against-evidence figure, cards that list every
claim their notebook judges, and no result key or identifier in the words a reader sees."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from helpers.analysis.scorecard import table as scorecard
from helpers.publish import site

SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


class VisibleText(HTMLParser):
    """The text a reader sees (no style, no attribute values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(page: str) -> str:
    p = VisibleText()
    p.feed(page)
    return " ".join(" ".join(p.parts).split())


RESULTS = {
    "01_benchmark_parity": {
        "verdict_C1": {"value": "not supported", "note": "The lag's upper end is above the 3-month bound."},
        "verdict_C2": {"value": "partly supported", "note": "2 of 4 measures."},
        "eci_lag_months": {"value": 7.2, "low": 4.3, "high": 10.3, "unit": "months"},
    },
    "02_compute_concentration": {"verdict_C5": {"value": "partly supported", "note": "69% named share."}},
}
ROBUSTNESS = {
    "claims": {
        "C1": {
            "default": "not supported",
            "agree": 600,
            "n_specs": 900,
            "fragile": True,
            "flipped_by": [
                {
                    "param": "arena_category",
                    "value": "hard_prompts",
                    "verdict": "partly supported",
                    "reason": "r",
                }
            ],
        },
        "C2": {"default": "partly supported", "agree": 10, "n_specs": 10, "fragile": False, "flipped_by": []},
    }
}
METAS = {
    "00_scorecard": {"title": "Scorecard", "reads_results": True},
    "01_benchmark_parity": {"title": "Benchmark parity", "question": "Have open models caught up?"},
    "02_compute_concentration": {"title": "Compute concentration", "question": "Who controls compute?"},
}


@pytest.fixture
def run(tmp_path):
    status = {s: {"status": "ok"} for s in RESULTS}
    rows = scorecard.evaluate({"notebooks": status, "results": RESULTS})
    results = dict(RESULTS, **{"00_scorecard": {"scorecard": {"value": rows}}})
    (tmp_path / "robustness.json").write_text(json.dumps(ROBUSTNESS))
    fig = tmp_path / "figures" / "00_scorecard"
    fig.mkdir(parents=True)
    (fig / "evidence.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for stem in METAS:
        (tmp_path / f"{stem}.report.html").write_text("<html></html>")
    manifest = {
        "run": "default",
        "notebooks": {s: {"ok": True} for s in METAS},
        "parameters_given": {"01_benchmark_parity": {"arena_category": "hard_prompts"}},
    }
    page = (site.build_run_site(tmp_path, manifest, results, METAS) / "index.html").read_text()
    return page, rows


def test_the_page_opens_with_the_bottom_line_then_the_claims(run):
    page, _ = run
    assert page.index('class="answer"') < page.index('class="claims"') < page.index('id="notebooks"')
    assert "What the data say about the essay's arguments" in page
    assert 'figure class="evidence"' in page and 'src="figures/00_scorecard/evidence.png"' in page


def test_each_claim_says_how_sure_and_what_would_flip_it(run):
    page, rows = run
    assert page.count('<article class="claim"') == len(scorecard.CLAIMS) == len(rows)
    block = page[page.index('id="row-c1"') : page.index('id="row-c2"')]
    assert "600 of 900 specifications agree" in block
    assert "<b>fragile</b>: with arena category = hard prompts it is partly supported" in block
    c2 = page[page.index('id="row-c2"') : page.index('id="row-c3"')]
    assert "10 of 10 specifications agree" in c2 and "fragile" not in c2
    assert "<details><summary>Why this verdict</summary>" in block
    assert 'href="01_benchmark_parity.report.html#claim-c1"' in block


def test_cards_list_every_claim_of_their_notebook(run):
    page, rows = run
    for stem in ("01_benchmark_parity", "02_compute_concentration"):
        card = page[page.index(f'id="nb-{stem}"') :]
        card = card[: card.index("</div>")]
        owned = [r["claim"] for r in rows if r.get("notebook") == stem]
        assert owned, stem
        for claim in owned:
            assert f'href="#row-{claim.lower()}">{claim}</a>' in card, (stem, claim)


def test_no_result_key_or_identifier_in_what_a_reader_sees(run):
    page, _ = run
    text = visible(page)
    assert "parameters changed from the defaults: arena category = hard prompts" in text
    assert not SNAKE.findall(text), SNAKE.findall(text)[:5]


def test_a_crafted_finding_is_escaped(tmp_path):
    rows = [
        {"claim": "C1", "verdict": "supported", "text": "<b>x</b>", "finding": "<script>alert(1)</script>"}
    ]
    html = site.render_scorecard(rows)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;x&lt;/b&gt;" in html
