"""The front page's answer: the bottom line and the arguments written from the verdicts, and one escaped
block per claim with what the data say, the verdict, how sure and the folded reasoning."""

from __future__ import annotations

from helpers.analysis.scorecard.text import arguments, bottom_line
from helpers.publish import front
from helpers.publish.site import verdict_badge


def rows():
    return [
        {
            "claim": "C1",
            "verdict": "not supported",
            "text": "open source won",
            "notebook": "01_benchmark_parity",
            "anchor": "claim-c1",
            "finding": "Open models trail by 6.6 months (interval 4.3 to 9.4).",
            "reason": "why <1>",
            "agree": 643,
            "n_specs": 2000,
            "fragile": True,
            "flip": {
                "param": "arena_category",
                "value": "hard_prompts",
                "verdict": "partly supported",
                "reason": "r",
            },
        },
        {
            "claim": "C2",
            "verdict": "supported",
            "text": "90%",
            "notebook": "01_benchmark_parity",
            "anchor": "claim-c2",
            "finding": "",
            "reason": "",
            "agree": 10,
            "n_specs": 10,
            "fragile": False,
        },
        {
            "claim": "C5",
            "verdict": "partly supported",
            "text": "five",
            "notebook": "02_x",
            "anchor": "claim-c5",
            "finding": "f",
            "reason": "r",
        },
        {
            "claim": "C11",
            "verdict": "context only",
            "text": "ctx",
            "notebook": None,
            "anchor": None,
            "reason": "bg",
        },
    ]


def test_bottom_line_and_arguments_follow_the_verdicts():
    assert bottom_line(rows()) == (
        "The data back 1 of the essay's 3 testable claims in full, 1 in part and 1 not at all; 1 of these "
        "verdicts would change under a single defensible choice of the analyst."
    )
    args = dict(arguments(rows()))
    assert args["Open-weight models have caught up with closed ones"] == (
        "The data are mixed: supported (C2) and not supported (C1); a single defensible choice flips C1."
    )
    assert args['The chokepoint is compute, "controlled by five companies"'].startswith(
        "The data back it only in part: partly supported (C5)"
    )
    assert args["Who captures the value: clouds and model providers"].startswith("Not tested in this run")
    assert bottom_line([]) == "No claim of the essay could be tested in this run."


def test_claim_blocks_show_the_answer_first_and_escape_everything(tmp_path):
    (tmp_path / "01_benchmark_parity.report.html").write_text("x")
    page = front.claims_html(rows(), verdict_badge, tmp_path, {"01_benchmark_parity": "Parity <b>"})
    assert page.index("The essay: open source won") < page.index("Open models trail by 6.6 months")
    assert "643 of 2,000 specifications agree" in page
    assert (
        "with arena category = hard prompts it is partly supported" in page and "arena_category" not in page
    )
    assert "<details><summary>Why this verdict</summary><p class='why'>why &lt;1&gt;</p></details>" in page
    assert 'href="01_benchmark_parity.report.html#claim-c1"' in page and "Parity &lt;b&gt;" in page
    assert "the x notebook: not run, no page in this run" in page
    assert page.count('<article class="claim"') == 4
    assert "bottom" in front.answer_html(rows()) and front.answer_html([]) == ""
    assert [r["claim"] for r in front.claims_of(rows(), "01_benchmark_parity")] == ["C1", "C2"]
