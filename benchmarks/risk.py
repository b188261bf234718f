"""Schedule risk: Monte Carlo iterations, against a per-iteration networkx CPM loop.

    .venv/bin/python -m benchmarks.risk [--quick] [--out FILE]

Measured, the path a user takes (``simulate(plan, estimates)``, the plan already
loaded):

- the HCMC example (its cascade to 249 wards: 288 tasks), every duration from 0.9 to
  1.6 times its own, 10,000 iterations (1,000 with ``--quick``); issue 12's floor is
  10,000 iterations of a 4,000-task cascaded plan in under 10 s, so the time per
  1,000 tasks and 1,000 iterations is shown too;
- a 1,000-task generated plan (3,000 typed links), the same draws: urbangov against
  the straightforward baseline, a networkx critical-path computation per iteration
  (``benchmarks._baseline.networkx_cpm``), on fewer iterations; the floor is 50x.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._baseline import networkx_cpm  # noqa: E402
from benchmarks._measure import Report, Row, timeit, worker_main  # noqa: E402
from benchmarks._plans import build_table_plan, generate  # noqa: E402

__all__ = ["main", "risk_job"]

NETWORKX_FLOOR = 50.0
HCMC_SECONDS = 10.0  # issue 12: 10,000 iterations of ~4,000 tasks


def risk_job(quick: bool) -> Report:
    from urbangov.io import load_plan, ratio_estimates
    from urbangov.risk import simulate

    report = Report()
    plan = load_plan(ROOT / "examples" / "hcmc-2021" / "plan.toml")
    estimates = ratio_estimates(plan, 0.9, 1.6)
    iterations = 1_000 if quick else 10_000
    hcmc = timeit(lambda: simulate(plan, estimates, iterations=iterations), 1 if quick else 3)
    per_k = hcmc.median / (len(plan) / 1000) / (iterations / 1000)
    report.rows.append(
        Row.timed(
            "11",
            "urbangov simulate, HCMC plan",
            f"{len(plan)} tasks x {iterations:,} it.",
            hcmc,
            note=f"{per_k:.2f} s per 1,000 tasks x 1,000 iterations; at that rate 4,000 "
            f"tasks x 10,000 iterations take {per_k * 40:.0f} s (floor {HCMC_SECONDS:g} s)",
        )
    )
    lists = generate(1_000)
    big = build_table_plan(lists)
    rng = np.random.default_rng(0)
    small = 20 if quick else 50
    draws = np.floor(
        np.asarray(lists.dur, dtype=float)[:, None] * rng.uniform(0.9, 1.6, (len(lists.dur), small))
        + 0.5
    ).astype(int)

    def networkx_loop() -> None:
        for i in range(small):
            networkx_cpm(draws[:, i].tolist(), lists.src, lists.dst, lists.kind, lists.lag)

    big_estimates = ratio_estimates(big, 0.9, 1.6)
    ours = timeit(lambda: simulate(big, big_estimates, iterations=small), 3)
    theirs = timeit(networkx_loop, 3)
    size = f"1,000 tasks x {small} it."
    report.rows.append(
        Row.timed("11", "networkx CPM per iteration", size, theirs, ratio=1.0, ratio_of="baseline")
    )
    ratio = theirs.median / ours.median
    report.rows.append(
        Row.timed(
            "11",
            "urbangov simulate",
            size,
            ours,
            ratio=ratio,
            ratio_of="networkx / this",
            floor=f">= {NETWORKX_FLOOR:g}x",
            ok=ratio >= NETWORKX_FLOOR,
        )
    )
    return report


def main(argv: list[str] | None = None) -> int:
    return worker_main(risk_job, __doc__ or "", argv)


if __name__ == "__main__":
    sys.exit(main())
