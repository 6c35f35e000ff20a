"""Notebook 03's limitations that carry numbers, as Markdown bullets (the static ones are Markdown in the
notebook), written from the section results like the rest of ``export_controls.text``."""

from __future__ import annotations

from helpers.analysis.export_controls.text.sections import dollars, fmt_usd

__all__ = ["limitations"]


def limitations(rl, sc, dl, cr, co) -> str:
    """The limitations that carry numbers, as Markdown bullets (the static ones are Markdown in the notebook)."""
    P, cs, fit = sc.P, rl.specs, cr.fit
    fc, rc, h100, h20, ascend = (
        cs.loc[P.frontier_chip],
        cs.loc[P.restricted_chip],
        cs.loc["H100"],
        cs.loc["H20"],
        cs.loc["Ascend 910C"],
    )
    g_r = dl.growth.value
    equal = (
        ", like the frontier's"
        if g_r == P.frontier_compute_growth_per_year
        else f" against the frontier's {P.frontier_compute_growth_per_year:g}x"
    )
    record = (
        "does not show the controls slowing China's largest runs so far"
        if fit.growth_per_year("China") >= fit.growth_per_year("US")
        else "shows China's largest runs growing more slowly than the US's"
    )
    mem = rl.first_memory_rule
    mem_rule = (
        "the rules never used"
        if mem is None
        else f"until {mem['date']:%Y-%m} (when case-by-case review was limited to chips under "
        f"{mem['memory_bandwidth_max_gb_s']:,.0f} GB/s) the rules did not use"
    )
    price = P.price_usd_per_gpu_hour
    where = "below" if price < co.price_p10 else "within" if price <= co.price_p90 else "above"
    return dollars(f"""
- **Smuggling and Huawei supply.** The scenario counts only legally exported chips. Smuggled NVIDIA chips and
  domestic Ascend production (the 910C's {ascend["dense_bf16_tflops"]:.0f} TFLOP/s is
  {ascend["dense_bf16_tflops"] / h100["dense_bf16_tflops"]:.0%} of an H100) shrink the real ratio; a
  ratio of {sc.ratio / 2:.0f}x instead of {sc.ratio:.0f}x would move the delay as the tornado chart shows.
- **Peak FLOP/s is not delivered FLOP/s.** The ratio compares dense BF16 peaks at one utilization, but the
  {P.restricted_chip} has {rc["memory_gb"]:.0f} GB at {rc["memory_bandwidth_gb_s"]:,.0f} GB/s against the
  {P.frontier_chip}'s {fc["memory_gb"]:.0f} GB at {fc["memory_bandwidth_gb_s"]:,.0f} GB/s; where training is memory-bound (long
  contexts, mixture-of-experts) the chip with more bandwidth reaches a higher utilization, which
  `restricted_utilization` lets a reader set (a restricted utilization twice the frontier one halves the ratio).
- **Training versus inference.** The delay is about training compute; serving a model also needs chips, and {mem_rule}
  memory bandwidth, on which the H20 ({h20["memory_bandwidth_gb_s"]:,.0f} GB/s) beats the
  H100 ({h100["memory_bandwidth_gb_s"]:,.0f} GB/s).
- **Diffusion of algorithms.** Open publication makes most algorithmic progress available to both sides
  (`algorithms_diffuse = {P.algorithms_diffuse}`); if the frontier kept its advances, the delay would grow with the horizon.
  The published halving time concerns pre-training of language models from 2012-2023 and may not hold for post-training.
- **The restricted side's growth is the decisive input.** This run lets the restricted side's
  physical compute grow {g_r:.2f}x per year{equal}; equal growth, what the controls target, would give
  {dl.equal_growth:.1f} months. The estimate rests on one year of Epoch's modelled stock, which leaves out Huawei
  and smuggled chips and assumes runs keep the same relation to their stock on both sides. Record-setting runs since
  {P.trend_start_year} grew {fit.growth_per_year("US"):.1f}x per year in the US and {fit.growth_per_year("China"):.1f}x in China (n = {fit.n}, wide
  intervals), so the record {record}; if they halved the restricted
  side's growth ({g_r / 2:.2f}x per year) the central delay at the {P.horizon_years:g}-year horizon would be
  {dl.slow_restricted:.1f} months instead of {dl.central:.1f}.
- **Data and talent** are not in the model; nor are the costs of research, ablations and staff, which the GPU-hour
  accounting (DeepSeek's ${co.v3["reported_cost_usd"] / 1e6:.3f}M for V3) excludes.
- **The cost range is a box, not an interval.** Its ends pair the lowest price with 1/{co.k:g} of the compute and the
  highest with {co.k:g}x, so it is wider than a joint 90% interval would be, and an overlap with it is a weak test. Its
  prices are on-demand rental rates of H100/H800-class chips since 2024 ({co.n_prices} observations, 10th-90th
  percentile ${co.price_p10:.2f}-{co.price_p90:.2f} per hour): the ${price:g} central price is
  {where} that span, and a lab
  running its own cluster pays neither list rates nor a cloud margin, so the high end overstates what DeepSeek would pay.
- **Closed models' compute.** Estimates for closed US models are often missing or inferred; the compute gap is therefore
  a lower bound, and GPT-4.5's cost rests on Epoch's estimates ({fmt_usd(co.gpt45_amort)} and {fmt_usd(co.gpt45_2023)}), not on
  disclosed figures. DeepSeek-V4-Pro's compute is Epoch's "Likely" estimate; its hardware is not disclosed and V3's
  efficiency is assumed.
- **Trend fits on record-setting runs** are sensitive to the start year (`trend_start_year = {P.trend_start_year}`):
  a few small early records steepen a country's slope, and the fitted gap is extrapolated past the last record
  ({fit.n} runs in the fit). The observed ratio of the largest runs is the more direct figure.
""")
