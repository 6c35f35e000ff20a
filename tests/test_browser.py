"""The rendered site in a real browser: headless Chromium (Debian's package) driven by Playwright.

The site under test is the one ``make run`` builds (the ``default_run`` fixture runs the runner). Every page
reachable from build/site/index.html is opened from the file system and checked the way a reader meets
it; screenshots land in build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sitecheck

from helpers.core import paths
from helpers.core.text import setting
from helpers.publish.render import remote_references

pytestmark = pytest.mark.browser

SCREENSHOTS = paths.BUILD / "screenshots"
PHONE = paths.BUILD / "screenshots-375px"  # the front page as a phone shows it


@pytest.fixture(scope="session")
def chromium():
    pytest.importorskip(
        "playwright.sync_api", reason="the 'playwright' package is missing: pip install -e '.[test]'"
    )
    reason = sitecheck.ensure_chromium()
    if reason:
        pytest.skip(f"headless Chromium is not available: {reason}")
    return sitecheck.CHROMIUM


def test_the_checker_catches_every_kind_of_problem(chromium, tmp_path):
    """The crawler itself can fail: a page with each defect must yield each complaint."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><head><title>t</title><link rel="stylesheet" href="https://cdn.invalid/x.css"></head><body>'
        '<h1 id="top">t</h1><a href="#top">ok anchor</a><a href="page.html#here">ok</a>'
        '<a href="page.html#nowhere">bad anchor</a><a href="missing.html">missing</a>'
        '<a href="https://publisher.invalid/data">citation</a>'
        '<img src="absent.png" alt="absent"></body></html>'
    )
    (site / "page.html").write_text(
        '<html><body><p id="here">x</p><div class="jp-CodeCell"><div class="jp-InputArea">x = 1</div></div>'
        '<div data-mime-type="application/vnd.jupyter.stderr">'
        "Traceback (most recent call last):\nValueError: boom</div>"
        '<img src="http://img.invalid/p.png" alt="remote"><pre>[PosixPath(\'/home/x/f.png\')]</pre></body></html>'
    )
    report = sitecheck.crawl(site / "index.html", tmp_path / "shots", forbidden_text=("PosixPath(",))
    text = "\n".join(report.problems)
    assert set(Path(p).name for p in report.pages) == {"index.html", "page.html"}
    assert "https://cdn.invalid/x.css" in report.offsite_requests
    assert "http://img.invalid/p.png" in report.offsite_requests
    assert "broken anchor: page.html#nowhere" in text
    assert "broken link: missing.html" in text
    assert "image did not load (naturalWidth 0): alt='absent'" in text
    assert "page.html: error/stderr output: Traceback" in text
    assert "page.html: the page text shows a Traceback" in text
    assert "page.html: the page shows 'PosixPath('" in text
    assert "#top" not in text and "#here" not in text and "publisher.invalid" not in text
    assert report.pages[str((site / "index.html").resolve())].external_links == [
        "https://publisher.invalid/data"
    ]
    assert report.pages[str((site / "page.html").resolve())].code_inputs == 1
    assert report.pages[str((site / "index.html").resolve())].code_inputs == 0
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == ["index.html.png", "page.html.png"]


def test_the_site_reads_cleanly_offline(chromium, default_run):
    index = paths.SITE / "index.html"
    assert index.is_file(), "the default run did not copy its site to build/site/"
    # nothing of the machine that built the site shows: no absolute paths, no Python object reprs of paths
    report = sitecheck.crawl(index, SCREENSHOTS, forbidden_text=(str(paths.ROOT), "PosixPath("))
    manifest = json.loads((default_run / "manifest.json").read_text())
    pages = {Path(p).name for p in report.pages}
    # every notebook of the run is reachable in both renders from the front page
    for stem in manifest["notebooks"]:
        for render in (f"{stem}.html", f"{stem}.report.html"):
            assert render in pages, f"index.html does not lead to {render}"
    assert not report.problems, "problems a reader would meet:\n" + "\n".join(report.problems)
    # the report hides the code, the full render shows it
    for stem in manifest["notebooks"]:
        full = report.pages[str((paths.SITE / f"{stem}.html").resolve())]
        reader = report.pages[str((paths.SITE / f"{stem}.report.html").resolve())]
        assert reader.code_inputs == 0, f"{stem}.report.html shows {reader.code_inputs} code cell(s)"
        assert full.code_inputs > 0, f"{stem}.html shows no code"
    # a reader sees every figure a notebook saved (figures live in the executed notebook, not only on disk)
    for stem in manifest["notebooks"]:
        saved = len(list((default_run / "figures" / stem).glob("*.png")))
        shown = report.pages[str((paths.SITE / f"{stem}.report.html").resolve())].images
        assert shown >= saved, (
            f"{stem}.report.html shows {shown} image(s) but the notebook saved {saved} figure(s)"
        )
    assert not report.offsite_requests
    shots = {p.name for p in SCREENSHOTS.glob("*.png")}
    assert shots == {f"{name}.png" for name in pages}
    assert all((SCREENSHOTS / s).stat().st_size > 5_000 for s in shots), "a screenshot is (nearly) blank"


def test_no_page_refers_to_a_remote_resource(default_run):
    """Static check beside the browser's: no script, style, font or image is fetched from off the disk."""
    pages = sorted(paths.SITE.glob("*.html"))
    assert pages
    found = {p.name: remote_references(p.read_text(encoding="utf-8")) for p in pages}
    assert not any(found.values()), {k: v[:3] for k, v in found.items() if v}


def test_the_scorecard_links_every_claim_to_its_evidence(chromium, default_run):
    """Each of the twelve claims has a block with a verdict and how sure it is; a claim owned by a notebook of this run links to
    that notebook's evidence anchor (the browser test above checks that the anchor exists)."""
    from playwright.sync_api import sync_playwright

    results = json.loads((default_run / "results.json").read_text())
    rows = results.get("00_scorecard", {}).get("scorecard", {}).get("value")
    if rows is None:
        pytest.skip("the collection has no scorecard notebook yet")
    ran = set(json.loads((default_run / "manifest.json").read_text())["notebooks"])
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), headless=True, args=sitecheck.LAUNCH_ARGS)
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto((paths.SITE / "index.html").as_uri())
        shown = page.eval_on_selector_all(
            "article.claim",
            "as => as.map(a => ({claim: a.querySelector('h3 span')?.innerText.trim(),"
            " verdict: a.querySelector('.verdict')?.innerText.trim(),"
            " href: a.querySelector('p.links a')?.getAttribute('href') || null,"
            " robust: a.querySelector('.robust')?.innerText.trim() || null,"
            " fragile: a.querySelector('.fragile')?.innerText.trim() || null}))",
        )
        # a phone reader: the front page fits 375 px without scrolling sideways
        page.set_viewport_size({"width": 375, "height": 800})
        page.reload()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        PHONE.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(PHONE / "index.html.png"), full_page=True)
        browser.close()
    assert overflow <= 0, f"the front page is {overflow} px wider than a 375 px phone screen"
    assert [r["claim"] for r in shown] == [r["claim"] for r in rows]
    gridded = [r for r in rows if "n_specs" in r]
    assert len(gridded) >= 9, (
        "the default run's scorecard carries the specification grid for the tested claims"
    )
    for row, cell in zip(rows, shown):
        assert cell["verdict"] == row["verdict"], row["claim"]
        if (
            "n_specs" in row
        ):  # "k of N specifications agree" under the verdict, "fragile" where one choice flips it
            assert cell["robust"] == f"{row['agree']:,} of {row['n_specs']:,} specifications agree", row[
                "claim"
            ]
            assert (cell["fragile"] is not None) == row["fragile"], row["claim"]
            if row["fragile"]:
                assert cell["fragile"].startswith("fragile"), row["claim"]
                assert setting(row["flip"]["param"], row["flip"]["value"]) in cell["fragile"], row["claim"]
        if row.get("notebook") in ran and row.get("anchor"):
            assert cell["href"] == f"{row['notebook']}.report.html#{row['anchor']}", row["claim"]
        elif row.get("notebook"):
            assert cell["href"] is None, f"{row['claim']} links to a notebook that was not run"
