"""Notebook 02's methods note: the estimators behind its intervals, with this run's settings."""

from __future__ import annotations

from helpers.analysis.compute_concentration.clusters import SHARE_LEVEL
from helpers.core import methods as m


def note(P) -> str:
    """Markdown: the HHI range, the owners' Monte Carlo and the clusters' bootstrap."""
    return m.note(
        [
            "- **HHI with an unallocated share.** The HHI is the sum of squared shares in percent (0 to 10,000). "
            "A share an analyst does not allocate to named firms gives a range: as many tiny firms it adds "
            "nothing (the low end), as one firm it adds its square (the high end).",
            m.split_lognormal_percentiles(
                "Each owner's and designer's stock",
                "Epoch AI's 5th, 50th and 95th percentiles of H100-equivalents",
            ),
            m.monte_carlo(
                "Ownership shares and their HHI",
                P.n_draws,
                P.seed,
                caveat="Owners are drawn independently, which overstates the spread of shares where their errors "
                "share a cause (the total-sales estimate).",
            ),
            m.percentile_bootstrap(
                "Country shares of cluster capacity",
                "the clusters",
                P.n_draws,
                P.seed,
                level=SHARE_LEVEL,
                caveat="This is a sampling view of a list that is not a random sample: it does not cover the "
                "list's systematic gaps (anonymized Chinese clusters, sparse Huawei Ascend coverage).",
            ),
        ]
    )
