"""Published figures, reproduced (notebook 02): each figure a publisher gives for the layers of the compute
stack, ours computed with *their* definition (their quarter, set of firms, filter and denominator) from
the project's tables, and beside it our own estimate under the notebook's definition.

Rows (``figures``):

* Epoch AI, AI Chip Owners (April 2026): the five largest hyperscalers (Google, Microsoft, Meta, Amazon,
  Oracle) hold 71% of the world's AI compute, cumulative H100-equivalents, Q4 2025 (the corrected figure of
  Epoch's erratum; first given as about two thirds), and about 60% in early 2024 (same post).
* Epoch AI data insight (April 2026): Google holds about one quarter of global cumulative AI compute, Q4 2025.
* Epoch AI data insight (5 June 2025, after Pilz et al. 2025): as of May 2025 the US holds about three
  quarters of global AI supercomputer performance and China 15%, over clusters with a known country, first
  operational date (2019 or later) and 16-bit performance, with no standard-analysis filter.
* TrendForce (12 March 2026): TSMC 70.4% of foundry revenue in 2025Q4.
* Synergy Research Group (February 2026): AWS 28%, Microsoft 21%, Google 14% of cloud infrastructure
  services revenue in 2025Q4.

No parameter is tuned to a published number; where ours differs, ``note`` says why.
"""

from __future__ import annotations

import pandas as pd

from helpers.analysis.compute_concentration import clusters as clu_mod
from helpers.analysis.compute_concentration import owners as ow
from helpers.analysis.compute_concentration.layers import layer_shares
from helpers.core.replication import Figure
from helpers.core.uncertainty import interval

__all__ = ["EPOCH_FIVE", "figures", "owner_share"]

EPOCH_FIVE = ("Google", "Microsoft", "Meta", "Amazon", "Oracle")  # Epoch's five largest hyperscalers
URL_OWNERS = "https://aihot.virxact.com/items/cmo1rqt2t01qmslrrpp51y9rl"  # mirror of Epoch's post and erratum
URL_GOOGLE = "https://epoch.ai/data-insights/google-custom-tpus-ai-compute"
URL_COUNTRY = "https://epoch.ai/data-insights/ai-supercomputers-performance-share-by-country"
URL_TRENDFORCE = (
    "https://evertiq.com/news/2026-03-12-ai-demand-lifts-top-foundries-q4-revenue-samsung-gains-share"
)
URL_SYNERGY = "https://www.lightwaveonline.com/home/article/55358099/genai-boosts-q4-cloud-revenues-to-119b"


def owner_share(
    owners: pd.DataFrame, quarter: str, which: tuple[str, ...], n: int, seed: int
) -> tuple[float, float, float] | None:
    """The summed share (percent) of the owners ``which`` in all H100e of ``quarter`` (every owner and
    bucket in the denominator, median estimates), with the 90% Monte Carlo band; None if the quarter is
    not in the table."""
    q = pd.Timestamp(quarter)
    if not (owners["quarter_end"] == q).any():
        return None
    rows = ow.stock_at(owners, q, "p50")
    s = ow.by_owner(rows)
    point = float(s.reindex(list(which)).fillna(0).sum() / s.sum() * 100)
    sim = ow.simulate_owners(rows, n, seed, ow.POOLED_OWNERS, top_n=len(which))
    cols = [f"owner_{o}" for o in which if f"owner_{o}" in sim.columns]
    lo, hi = interval(sim[cols].sum(axis=1))
    return point, min(lo, point), max(hi, point)


def _row_share(shares: pd.DataFrame, layer: str, period: str, company: str) -> float | None:
    s = layer_shares(shares, layer, period)
    return float(s[company]) if company in s.index else None


def _owner_rows(inputs, conc, P) -> list[Figure]:
    n, seed = P.n_draws, P.seed
    five_q4 = owner_share(inputs.owners, "2025-12-31", EPOCH_FIVE, n, seed)
    five_24 = owner_share(inputs.owners, "2024-03-31", EPOCH_FIVE, n, seed)
    five_26 = owner_share(inputs.owners, "2026-03-31", EPOCH_FIVE, n, seed)
    q1_26 = (
        ""
        if five_26 is None
        else f"; the post names no quarter: in 2026Q1 (flagged incomplete, AMD and Trainium not yet counted) the "
        f"five hold {five_26[0]:.1f}%"
    )
    google = owner_share(inputs.owners, "2025-12-31", ("Google",), n, seed)
    china = owner_share(inputs.owners, "2025-12-31", ("China",), n, seed)
    cn = "" if china is None else f" ({china[0]:.1f}% here)"
    top = conc.own["named"].head(P.top_n_owners)
    top_lo, top_hi = interval(conc.sim["top_n_share"])
    top_share = float(top.sum())
    g_own = float(conc.own["shares"].get("Google", 0.0))
    g_lo, g_hi = interval(conc.sim["owner_Google"]) if "owner_Google" in conc.sim else (None, None)
    own_def = (
        f"the real top {P.top_n_owners} named owners ({', '.join(top.index)}) at {conc.q:%Y-%m-%d}, "
        f"{P.owner_quantile} estimates"
    )
    return [
        Figure(
            figure="Five largest hyperscalers' share of the world's AI compute, Q4 2025",
            publisher="Epoch AI, AI Chip Owners (post and erratum)",
            published="2026-04",
            definition="Google, Microsoft, Meta, Amazon and Oracle; cumulative H100-equivalents owned at the end "
            "of 2025Q4, share of all owners",
            unit="%",
            theirs=71.0,
            ours=None if five_q4 is None else five_q4[0],
            ours_low=None if five_q4 is None else five_q4[1],
            ours_high=None if five_q4 is None else five_q4[2],
            own=top_share,
            own_low=min(top_lo, top_share),
            own_high=max(top_hi, top_share),
            own_definition=own_def,
            note="Epoch first said about two thirds, then corrected it to 71% (Oracle's NVIDIA chips had not "
            "been taken out of Other); Epoch's hub counts Huawei chips, putting Chinese firms at just over 5%, "
            f"while our table's China bucket holds legal NVIDIA and AMD shipments only{cn}, so our total is "
            "smaller and the five's share a little higher" + q1_26,
            claims=("C5",),
            url=URL_OWNERS,
        ),
        Figure(
            figure="Five largest hyperscalers' share of the world's AI compute, early 2024",
            publisher="Epoch AI, AI Chip Owners (post)",
            published="2026-04",
            definition="the same five firms and measure, at the start of 2024 (ours: 2024Q1, the first quarter "
            "in which all four tracked designers are counted)",
            unit="%",
            theirs=60.0,
            ours=None if five_24 is None else five_24[0],
            ours_low=None if five_24 is None else five_24[1],
            ours_high=None if five_24 is None else five_24[2],
            note="'around 60%' was stated with the estimates before the Oracle correction, which moved about 5% "
            "of the total out of Other; our table is the export of 22 April 2026",
            claims=("C5",),
            url=URL_OWNERS,
        ),
        Figure(
            figure="Google's share of global cumulative AI compute, Q4 2025",
            publisher="Epoch AI, data insight 'Google controls the most AI computing power'",
            published="2026-04",
            definition="Google's cumulative H100-equivalents (TPUs and GPUs) at the end of 2025Q4, share of all "
            "owners; 'about one quarter'",
            unit="%",
            theirs=25.0,
            ours=None if google is None else google[0],
            ours_low=None if google is None else google[1],
            ours_high=None if google is None else google[2],
            own=g_own,
            own_low=None if g_lo is None else min(g_lo, g_own),
            own_high=None if g_hi is None else max(g_hi, g_own),
            own_definition=f"Google at {conc.q:%Y-%m-%d}, {P.owner_quantile} estimates",
            note="'about one quarter' is a rounded statement; our total lacks Huawei chips (see above)",
            claims=("C5",),
            url=URL_GOOGLE,
        ),
    ]


def _country_rows(inputs, clu, P) -> list[Figure]:
    theirs = clu_mod.epoch_country_shares(inputs.clusters, "2025-05-31", P.n_draws, P.seed + 10)
    own = clu.chosen
    own_def = f"{own.label}, {own.n} clusters operational by {clu.q:%Y-%m-%d}, any country label"
    common = dict(
        publisher="Epoch AI, data insight after Pilz et al. (2025), 'Trends in AI Supercomputers'",
        published="2025-06-05",
        definition="share of summed 16-bit performance as of May 2025, over all recorded clusters with a known "
        f"country, first operational date (2019 or later) and performance ({theirs.n} here, 417 in theirs)",
        unit="%",
        own_definition=own_def,
        claims=("C5",),
        url=URL_COUNTRY,
    )
    return [
        Figure(
            figure="US share of global AI supercomputer performance, May 2025",
            theirs=75.0,
            ours=theirs.us[0],
            ours_low=theirs.us[1],
            ours_high=theirs.us[2],
            own=own.us[0],
            own_low=own.us[1],
            own_high=own.us[2],
            note="'about three quarters'; ours uses the December 2025 snapshot of the dataset (a few clusters "
            "added since); Epoch's standard-analysis filter, which drops duplicate records, raises the US share",
            **common,
        ),
        Figure(
            figure="China's share of global AI supercomputer performance, May 2025",
            theirs=15.0,
            ours=theirs.china[0],
            ours_low=theirs.china[1],
            ours_high=theirs.china[2],
            own=own.china[0],
            own_low=own.china[1],
            own_high=own.china[2],
            note="with Epoch's standard-analysis filter (duplicates dropped) China's share is about half as "
            "large; Chinese clusters are often anonymized, so both are undercounts",
            **common,
        ),
    ]


def _share_rows(inputs, conc) -> list[Figure]:
    sh = inputs.shares
    out = [
        Figure(
            figure="TSMC's share of foundry revenue, 2025Q4",
            publisher="TrendForce (via Evertiq)",
            published="2026-03-12",
            definition="TSMC's revenue share among all foundries, 2025Q4 (top-ten ranking)",
            unit="%",
            theirs=70.4,
            ours=_row_share(sh, "foundry", "2025Q4", "TSMC"),
            own=conc.tsmc,
            own_definition=f"TrendForce {conc.p_foundry}, the newest period naming at least "
            f"{conc.P.min_named_firms} firms",
            note="ours is the figure as transcribed into the collection's market-share table (a check of the transcription, "
            "not an independent estimate); our own uses the newest release naming enough firms for an HHI",
            claims=("C5",),
            url=URL_TRENDFORCE,
        )
    ]
    cloud = conc.cloud["named"]
    for label, company, theirs in (
        ("AWS", "AWS", 28.0),
        ("Microsoft", "Microsoft", 21.0),
        ("Google", "Google", 14.0),
    ):
        out.append(
            Figure(
                figure=f"{label}'s share of cloud infrastructure services, 2025Q4",
                publisher="Synergy Research Group (via Lightwave)",
                published="2026-02",
                definition="share of worldwide cloud infrastructure services revenue (IaaS, PaaS, hosted private "
                "cloud), 2025Q4",
                unit="%",
                theirs=theirs,
                ours=_row_share(sh, "cloud", "2025Q4", company),
                own=float(cloud[company]) if company in cloud.index else None,
                own_definition=f"Synergy {conc.p_cloud}",
                note="ours is the transcribed figure (a check of the transcription)"
                + (
                    "; TechTarget's report of the same release gives Google 15%"
                    if company == "Google"
                    else ""
                ),
                claims=("C5",),
                url=URL_SYNERGY,
            )
        )
    return out


def figures(inputs, conc, clu, P) -> list[Figure]:
    """Every published figure notebook 02 reproduces, in the order of the notebook's sections."""
    return _owner_rows(inputs, conc, P) + _country_rows(inputs, clu, P) + _share_rows(inputs, conc)
