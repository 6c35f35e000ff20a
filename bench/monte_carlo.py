"""Benchmark (not a test): time the vectorized Monte Carlo of the export-control delay at 10^6 draws.

Run: .venv/bin/python bench/monte_carlo.py [n_draws]
"""

from __future__ import annotations

import sys
import time

from helpers.analysis.export_controls.delay import DelayInputs, delay_summary, simulate_delay


def main(n: int = 1_000_000, repeats: int = 5) -> None:
    inp = DelayInputs(
        ratio=10.0,
        halving_months=8.0,
        halving_low=2.0,
        halving_high=22.0,
        halving_level=0.9,
        frontier_growth=4.5,
        restricted_growth=4.5,
        growth_factor=1.12,
        growth_level=0.9,
        algorithms_diffuse=True,
        horizon_years=3.0,
    )
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        sim = simulate_delay(inp, n, seed=i)
        s = delay_summary(sim["delay_months"], 12.0, 36.0)
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(
        f"{n:,} draws: best {best:.3f} s, median {sorted(times)[len(times) // 2]:.3f} s over {repeats} runs"
    )
    print(
        f"delay (months): median {s['median']:.1f}, 5-95% [{s['p05']:.1f}, {s['p95']:.1f}]; "
        f"P(speed bump <= 12) = {s['prob_speed_bump']:.3f}, P(roadblock >= 36) = {s['prob_roadblock']:.3f}"
    )


if __name__ == "__main__":
    main(int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000)
