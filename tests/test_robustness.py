"""``helpers robustness`` on the shipped data: every tested claim is in the grid, fragile verdicts name the
choice that flips them, the documents are byte-identical on a rerun, and bad options are refused."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers.core import paths
from helpers.runner import robustness as rb

CLAIMS = {f"C{i}" for i in range(1, 11)} | {"C12"}  # C6 and C12: notebook 04 (issue 14)


@pytest.fixture(scope="module")
def small_grid(tmp_path_factory):
    """The grid with at most 25 specifications per claim, into a throw-away run folder."""
    root = tmp_path_factory.mktemp("rob")
    mp = pytest.MonkeyPatch()
    mp.setattr(paths, "RUNS", root / "runs")
    mp.setattr(paths, "CACHE", root / "cache")
    (root / "runs" / "t").mkdir(parents=True)
    (root / "runs" / "t" / "manifest.json").write_text(json.dumps({"parameters": {}}))
    doc = rb.robustness(run="t", jobs=1, max_specs=25)
    first = {n: (root / "runs" / "t" / n).read_bytes() for n in ("robustness.json", "robustness.csv")}
    yield doc, first, root
    mp.undo()


def test_every_tested_claim_is_in_the_grid_with_the_default_verdict(small_grid):
    doc, _, _ = small_grid
    assert set(doc["claims"]) == CLAIMS
    committed = json.loads((paths.REPORTS / "results.json").read_text())
    for claim, c in doc["claims"].items():
        stem = c["notebook"]
        assert c["default"] == committed[stem][f"verdict_{claim}"]["value"], claim
        assert 1 <= c["agree"] <= c["n_specs"] <= 25 and sum(c["shares"].values()) == c["n_specs"]


def test_a_fragile_verdict_has_a_share_below_one_and_names_its_choice(small_grid):
    doc, _, _ = small_grid
    for claim, c in doc["claims"].items():
        if c["fragile"]:
            assert c["agree"] < c["n_specs"], claim
            f = c["flipped_by"][0]
            assert f["param"] in c["choices"] and f["verdict"] != c["default"] and f["reason"] and f["source"]
    # issue 12's examples at the shipped data
    assert any(f["param"] == "eci_tolerance" for f in doc["claims"]["C8"]["flipped_by"])
    assert any(f["param"] == "c4_org_count" for f in doc["claims"]["C4"]["flipped_by"])


def test_a_rerun_gives_byte_identical_documents_from_the_cache(small_grid):
    doc, first, root = small_grid
    again = rb.robustness(run="t", jobs=1, max_specs=25)
    assert again == doc
    for name, data in first.items():
        assert (root / "runs" / "t" / name).read_bytes() == data
    rows = first["robustness.csv"].decode().splitlines()
    assert rows[0] == "notebook,claim,spec,changes,verdict,mc_draws,mc_margin_se,mc_flag"
    assert len(rows) - 1 == doc["n_specs"]


def test_a_changed_notebook_reevaluates_only_its_own_part(small_grid, monkeypatch):
    """A scenario that changes notebook 03's parameters reuses the other notebooks' cached parts: only 03's
    part is evaluated, and the documents hold the other claims unchanged."""
    doc, _, root = small_grid
    run = root / "runs" / "scenario"
    run.mkdir(parents=True, exist_ok=True)
    params = {"03_export_controls": {"restricted_compute_growth_per_year": 2.0}}
    (run / "manifest.json").write_text(json.dumps({"parameters": params}))
    evaluated = []
    real = rb.evaluate_notebook

    def counting(stem, *a, **k):
        evaluated.append(stem)
        return real(stem, *a, **k)

    monkeypatch.setattr(rb, "evaluate_notebook", counting)
    other = rb.robustness(run="scenario", jobs=1, max_specs=25)
    assert evaluated == ["03_export_controls"]
    for claim, c in doc["claims"].items():
        if c["notebook"] != "03_export_controls":
            assert other["claims"][claim] == c, claim
    p03 = {"03_export_controls": params["03_export_controls"]}
    assert rb.plan_parts(["03_export_controls"], p03, max_specs=25)["missing"] == []  # now cached too
    forced = rb.plan_parts(["03_export_controls"], p03, force=True, max_specs=25)
    assert forced["missing"] == ["03_export_controls"]


def test_the_monte_carlo_claim_says_its_draws_and_flags_specifications_near_the_bar(small_grid):
    """C10 rests on a Monte Carlo: each specification records its draws and its distance from the bar in
    standard errors; a specification closer than MC_FLAG_SE is flagged, and the summary counts them."""
    doc, first, _ = small_grid
    mc = doc["claims"]["C10"]["monte_carlo"]
    assert mc["draws_min"] >= 10_000 and mc["flag_below_se"] == rb.MC_FLAG_SE
    rows = [r.split(",") for r in first["robustness.csv"].decode().splitlines()[1:] if ",C10," in r]
    assert rows and all(r[-3] for r in rows)  # draws recorded for every C10 specification
    margins = [float(r[-2]) for r in rows]
    assert sum(m < rb.MC_FLAG_SE for m in margins) == mc["flagged"]
    assert all(r[-1] == str(float(r[-2]) < rb.MC_FLAG_SE) for r in rows)
    assert "monte_carlo" not in doc["claims"]["C8"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--max-specs", "0"], "--max-specs must be at least 1"),
        (["--name", "no-such-run"], "no complete run"),
    ],
)
def test_bad_options_exit_2_with_one_line(args, message):
    p = subprocess.run(
        [sys.executable, "-m", "helpers", "robustness", *args],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2 and message in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_a_dask_local_cluster_gives_the_same_documents(small_grid, tmp_path, monkeypatch):
    """``--executor dask://...`` sends the grid to a Dask cluster: on a LocalCluster (threads, so the
    patched paths hold) the documents are byte for byte the local run's."""
    distributed = pytest.importorskip("distributed", reason="the 'distributed' package is missing")
    _, first, root = small_grid
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")  # nothing served from the local run's cache
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", dashboard_address=None
    ) as cluster:
        client, executor = rb.connect("dask://" + cluster.scheduler_address.removeprefix("tcp://"))
        try:
            rb.robustness(run="t", jobs=1, max_specs=25, executor=executor)
        finally:
            client.close()
    for name, data in first.items():
        assert (root / "runs" / "t" / name).read_bytes() == data, name
    assert (tmp_path / "cache" / "robustness").is_dir()


@pytest.mark.parametrize(
    "spec, message",
    [("spark://x", "use 'local' or 'dask://HOST:PORT'"), ("dask://", "use 'local' or 'dask://HOST:PORT'")],
)
def test_a_bad_executor_is_refused_with_one_line(spec, message):
    from helpers.core.errors import UserError

    with pytest.raises(UserError, match=message):
        rb.connect(spec)
    assert rb.connect("local") == (None, None)


def test_each_part_remembers_how_long_it_took_so_the_runner_queues_the_longest_first(small_grid):
    doc, _, _ = small_grid
    stems = {c["notebook"] for c in doc["claims"].values()}
    assert len(stems) == 4 and all(rb.last_seconds(s) > 0 for s in stems)
    assert rb.last_seconds("99_never_evaluated") == 0.0
