"""The verdict rules of notebook 02, pure functions of numbers and thresholds (no tables, no kernel).

C5, "the compute is controlled by five companies", is judged layer by layer (accelerators, foundry,
cloud, AI compute owners): a layer counts as *controlled* when the named companies in it hold at least
``control_share_pct`` of it together, and as *highly concentrated* when its HHI low bound lies above
``hhi_highly_concentrated``. Supported: every layer controlled and (with ``require_all_highly_concentrated``)
every layer highly concentrated; not supported: fewer than ``not_supported_below`` of the layers
controlled (half by default); anything between: partly supported.

C6, "razor margins" in cloud compute, needs a margin column; without one it is not testable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.core.text import and_join
from helpers.core.verdicts import NOT_SUPPORTED, NOT_TESTABLE, PARTLY, SUPPORTED, Verdict

__all__ = ["c5", "c5_value", "c6"]


def c5_value(
    joint_share: Mapping[str, float],
    hhi_low: Mapping[str, float],
    control_share_pct: float,
    hhi_highly_concentrated: float,
    require_all_highly_concentrated: bool = True,
    not_supported_below: float = 0.5,
) -> str:
    """The C5 rule on its numbers: ``joint_share`` {layer: the named companies' joint share, percent} and
    ``hhi_low`` {layer: HHI low bound}, over the same layers."""
    if not joint_share or set(joint_share) != set(hhi_low):
        raise ValueError("c5: joint_share and hhi_low must name the same, non-empty set of layers")
    n = len(joint_share)
    n_ctrl = sum(float(s) >= control_share_pct for s in joint_share.values())
    all_high = all(h > hhi_highly_concentrated for h in hhi_low.values())
    if n_ctrl == n and (all_high or not require_all_highly_concentrated):
        return SUPPORTED
    if n_ctrl < n * not_supported_below:
        return NOT_SUPPORTED
    return PARTLY


def c5(
    joint_share: Mapping[str, float],
    hhi_low: Mapping[str, float],
    control_share_pct: float,
    hhi_highly_concentrated: float,
    *,
    top_n: int,
    top_share: float,
    top_band: tuple[float, float],
    top_not_named: Sequence[str] = (),
    tracked_designers: Sequence[str] = (),
    require_all_highly_concentrated: bool = True,
    not_supported_below: float = 0.5,
) -> Verdict:
    """C5's verdict with its reason: each layer's joint share and HHI against the thresholds, then the real
    top ``top_n`` owners' share (``top_band``: its 90% band) and those of them the essay does not name.
    ``tracked_designers`` names the chip designers the accelerator HHI is computed over."""
    value = c5_value(
        joint_share,
        hhi_low,
        control_share_pct,
        hhi_highly_concentrated,
        require_all_highly_concentrated,
        not_supported_below,
    )
    parts = []
    for layer, share in joint_share.items():
        h = hhi_low[layer]
        hhi = (
            f"HHI {h:,.0f} among the tracked designers ({and_join(tracked_designers)}; untracked ones such as "
            "Huawei would lower it)"
            if layer == "accelerators"
            else f"HHI ≥ {h:,.0f}"
        )
        parts.append(
            f"{layer} {float(share):.0f}% held by the named companies"
            f" ({'≥' if float(share) >= control_share_pct else '<'} {control_share_pct:g}%), {hhi}"
            f" ({'above' if h > hhi_highly_concentrated else 'not above'} {hhi_highly_concentrated:,.0f})"
        )
    lo, hi = top_band
    reason = (
        f"C5 is {value}: "
        + "; ".join(parts)
        + f". The real top {top_n} owners of AI compute hold {top_share:.0f}% ({lo:.0f}–{hi:.0f}%)"
        + (
            f" and include {and_join(top_not_named)}, which the essay does not name."
            if top_not_named
            else "."
        )
    )
    return Verdict("C5", value, reason)


def c6(margin_columns: Sequence[str]) -> Verdict:
    """C6 needs cloud compute's profit margins: not testable without a margin column in the tables."""
    if not margin_columns:
        return Verdict(
            "C6",
            NOT_TESTABLE,
            "C6 is not testable with this data: no table has a margin column (market shares, H100e owned "
            "and cluster capacity carry no prices, costs or profits); a cited series of cloud segments' "
            "operating margins would be needed.",
        )
    return Verdict("C6", PARTLY, f"margin columns found: {list(margin_columns)}")
