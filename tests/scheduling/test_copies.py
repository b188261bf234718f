"""Copies of a network scheduled side by side (how a simulation batches its
iterations) give each copy exactly the schedule it would get alone."""

from __future__ import annotations

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress
from urbangov.scheduling import _engine as engine
from urbangov.scheduling._compile import compile_plan
from urbangov.scheduling._passes import finish_passes
from urbangov.scheduling._progressed import with_actuals
from urbangov.scheduling._topology import replicate

FIELDS = (
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "start",
    "finish",
    "total_slack",
    "free_slack",
    "critical",
    "first_early_start",
    "first_early_finish",
)


def _variant(net: engine.Network, rng: np.random.Generator) -> engine.Network:
    """``net`` with other durations: new ones for tasks not started, new work left
    for started ones; finished tasks keep theirs."""
    duration = net.duration.copy()
    progress = net.progress
    fresh = np.ones(net.size, dtype=bool)
    if progress is not None:
        fresh = progress.actual_start == engine.NO_DATE
    duration[fresh] = rng.integers(0, 25, int(fresh.sum()))
    if progress is None:
        return attrs.evolve(net, duration=duration)
    going = progress.started
    remaining = progress.remaining.copy()
    remaining[going] = rng.integers(0, 15, int(going.sum()))
    duration[going] = (net.duration - progress.remaining)[going] + remaining[going]
    return attrs.evolve(
        net, duration=duration, progress=attrs.evolve(progress, remaining=remaining)
    )


def _remaining(net: engine.Network) -> np.ndarray:
    assert net.progress is not None
    return net.progress.remaining


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5), st.booleans())
def test_each_copy_gets_the_schedule_it_would_get_alone(
    seed: int, copies: int, tracked: bool
) -> None:
    plan = random_plan(seed)
    net, origin = compile_plan(plan)
    if tracked:
        status, actuals = random_progress(plan, seed)
        net = with_actuals(plan, net, origin, actuals, status)
    rng = np.random.default_rng(seed)
    variants = [_variant(net, rng) for _ in range(copies)]
    side_by_side = replicate(net, copies)
    durations = np.concatenate([v.duration for v in variants])
    side_by_side = attrs.evolve(side_by_side, duration=durations)
    if side_by_side.progress is not None:
        remaining = np.concatenate([_remaining(v) for v in variants])
        progress = attrs.evolve(side_by_side.progress, remaining=remaining)
        side_by_side = attrs.evolve(side_by_side, progress=progress)
    topology = engine.Topology(side_by_side, copies=copies)
    together = topology.restore(finish_passes(topology.network, topology))
    n = net.size
    for k, variant in enumerate(variants):
        alone = engine.compute(variant)
        for field in FIELDS:
            got = getattr(together, field)[k * n : (k + 1) * n]
            assert (got == getattr(alone, field)).all(), (k, field)


def test_the_project_finish_of_copies_is_each_copys_own() -> None:
    net, _ = compile_plan(random_plan(3, constraints=False))
    topology = engine.Topology.of_copies(net, 3)
    early_finish = np.arange(topology.network.size, dtype=np.int64)
    found = topology.project_finish(early_finish)
    assert isinstance(found, np.ndarray)
    per_row = found[topology.position].reshape(3, net.size)
    rows = early_finish[topology.position].reshape(3, net.size)
    assert (per_row == rows.max(axis=1, keepdims=True)).all()
