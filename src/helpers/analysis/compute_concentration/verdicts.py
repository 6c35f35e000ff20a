"""The verdict rules of notebook 02, pure functions of numbers and thresholds (no tables, no kernel).

C5, "the compute is controlled by five companies", asks two questions, each answered layer by layer
(accelerators, foundry, cloud, AI compute owners) and recorded on its own:

* the **share test** (``share_test``): do the named companies in a layer hold at least
  ``control_share_pct`` of it together? A layer that passes is *controlled*.
* the **concentration test** (``concentration_test``): is the layer's HHI low bound above
  ``hhi_highly_concentrated``? The bar comes from the merger guidelines, whose bands were drawn for
  relevant antitrust markets (sales to buyers), not for a stock of owned compute or a designer's share of
  it, so here it is a yardstick for "few firms", not a legal finding.

The verdict combines them (``c5_value``): supported needs every layer controlled and, with
``require_all_highly_concentrated`` (the default), every layer passing the concentration test too;
not supported: fewer than ``not_supported_below`` of the layers controlled (half by default); anything
between: partly supported. The share test alone decides "not supported"; the concentration test can
only hold a claim that passes the share test everywhere back at "partly supported".

"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers.core.text import and_join
from helpers.core.verdicts import NOT_SUPPORTED, PARTLY, SUPPORTED, Verdict

__all__ = ["answer", "c5", "c5_value", "combination", "concentration_test", "share_test"]


def share_test(joint_share: Mapping[str, float], control_share_pct: float) -> dict[str, bool]:
    """{layer: do the named companies hold at least ``control_share_pct`` percent of it together}."""
    return {lay: float(s) >= control_share_pct for lay, s in joint_share.items()}


def concentration_test(hhi_low: Mapping[str, float], hhi_highly_concentrated: float) -> dict[str, bool]:
    """{layer: is its HHI low bound above ``hhi_highly_concentrated``}."""
    return {lay: float(h) > hhi_highly_concentrated for lay, h in hhi_low.items()}


def answer(passed: Mapping[str, bool]) -> str:
    """A test's answer in words: 'yes, in all 4 layers', 'in 2 of 4 layers (a, b)' or 'in no layer'."""
    n, k = len(passed), sum(passed.values())
    if k == n:
        return f"yes, in all {n} layers"
    if k == 0:
        return f"in none of the {n} layers"
    return f"in {k} of {n} layers ({and_join([lay for lay, ok in passed.items() if ok])})"


def combination(require_all_highly_concentrated: bool, not_supported_below: float) -> str:
    """How the verdict combines the two tests, in words (for the verdict's reason)."""
    need = (
        "every layer passing both tests"
        if require_all_highly_concentrated
        else "every layer passing the share test (the concentration test is reported, not required)"
    )
    return (
        f"supported needs {need}; not supported means fewer than {not_supported_below:.0%} of the layers "
        "pass the share test; anything between is partly supported"
    )


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
    n_ctrl = sum(share_test(joint_share, control_share_pct).values())
    all_high = all(concentration_test(hhi_low, hhi_highly_concentrated).values())
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
    acc_other_view: tuple[str, float] | None = None,
    require_all_highly_concentrated: bool = True,
    not_supported_below: float = 0.5,
) -> Verdict:
    """C5's verdict with its reason: the share test's and the concentration test's answers with each layer's
    numbers, how the verdict combines them, then the real
    top ``top_n`` owners' share (``top_band``: its 90% band) and those of them the essay does not name.
    ``tracked_designers`` names the chip designers the accelerator HHI is computed over; ``acc_other_view``
    (how, share) is the accelerator joint share counted the other way (by designer or under parents)."""
    value = c5_value(
        joint_share,
        hhi_low,
        control_share_pct,
        hhi_highly_concentrated,
        require_all_highly_concentrated,
        not_supported_below,
    )
    shares_ok = share_test(joint_share, control_share_pct)
    hhi_ok = concentration_test(hhi_low, hhi_highly_concentrated)
    share_parts = [
        f"{layer} {float(share):.0f}% ({'≥' if shares_ok[layer] else '<'} {control_share_pct:g}%"
        + (
            f"; {acc_other_view[1]:.0f}% {acc_other_view[0]})"
            if layer == "accelerators" and acc_other_view is not None
            else ")"
        )
        for layer, share in joint_share.items()
    ]
    hhi_parts = []
    for layer in joint_share:
        h = hhi_low[layer]
        where = (
            f" among the tracked designers ({and_join(tracked_designers)}; untracked ones such as Huawei would "
            "lower it)"
            if layer == "accelerators"
            else ""
        )
        hhi_parts.append(
            f"{layer} {'' if layer == 'accelerators' else '≥ '}{h:,.0f}{where} ({'above' if hhi_ok[layer] else 'not above'} "
            f"{hhi_highly_concentrated:,.0f})"
        )
    lo, hi = top_band
    reason = (
        f"C5 is {value}. Share test (do the named companies hold at least {control_share_pct:g}% of each "
        f"layer together?): {answer(shares_ok)}: "
        + "; ".join(share_parts)
        + f". Concentration test (HHI low bound above {hhi_highly_concentrated:,.0f}?): {answer(hhi_ok)}: "
        + "; ".join(hhi_parts)
        + "; the merger-guideline bands were drawn for relevant markets, not for owned compute, so this is a "
        "yardstick. Combination: "
        + combination(require_all_highly_concentrated, not_supported_below)
        + f". The real top {top_n} owners of AI compute hold {top_share:.0f}% ({lo:.0f}–{hi:.0f}%)"
        + (
            f" and include {and_join(top_not_named)}, which the essay does not name."
            if top_not_named
            else "."
        )
    )
    return Verdict("C5", value, reason)
