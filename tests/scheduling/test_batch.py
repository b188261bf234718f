"""A batch of iterations scheduled side by side (how a simulation runs: durations
with a column per iteration) gives each iteration exactly the schedule it would
get alone."""

from __future__ import annotations

from unittest import mock

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plans import random_plan, random_progress
from urbangov.scheduling import _engine as engine
from urbangov.scheduling import _topology
from urbangov.scheduling._compile import compile_plan
from urbangov.scheduling._passes import finish_passes
from urbangov.scheduling._progressed import with_actuals

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


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5), st.booleans(), st.booleans())
def test_each_iteration_gets_the_schedule_it_would_get_alone(
    seed: int, width: int, tracked: bool, keep: bool
) -> None:
    """On a kept topology (rounds, kept moves: a simulation's) or a plain one."""
    _check_batch(seed, width, tracked, keep=keep)


@pytest.mark.parametrize("seed", range(40))
def test_links_past_the_rounds_are_reduced_by_task(seed: int) -> None:
    """A kept sweep reduces a task's first links in rounds and the rest with
    ``reduceat``: with one round, every task with two links or more has a tail."""
    with mock.patch.object(_topology, "MOST_ROUNDS", 1):
        _check_batch(seed, 3, tracked=seed % 2 == 1)


def _check_batch(seed: int, width: int, tracked: bool, *, keep: bool = True) -> None:
    plan = random_plan(seed)
    net, origin = compile_plan(plan)
    if tracked:
        status, actuals = random_progress(plan, seed)
        net = with_actuals(plan, net, origin, actuals, status)
    rng = np.random.default_rng(seed)
    variants = [_variant(net, rng) for _ in range(width)]
    topology = engine.Topology(net, keep=keep)
    order = topology.order
    batch = attrs.evolve(
        topology.network, duration=np.stack([v.duration[order] for v in variants], axis=1)
    )
    if batch.progress is not None:
        remaining = np.stack([_remaining(v)[order] for v in variants], axis=1)
        batch = attrs.evolve(batch, progress=attrs.evolve(batch.progress, remaining=remaining))
    # Twice: the second batch reuses what the topology kept from the first.
    for _ in range(2):
        together = finish_passes(batch, topology)
        for k, variant in enumerate(variants):
            alone = engine.compute(variant)
            for field in FIELDS:
                got = getattr(together, field)[topology.position, k]
                assert (got == getattr(alone, field)).all(), (k, field)


def test_the_project_finish_of_a_batch_is_each_iterations_own() -> None:
    net, _ = compile_plan(random_plan(3, constraints=False))
    topology = engine.Topology(net)
    early_finish = np.arange(3 * net.size, dtype=np.int64).reshape(net.size, 3) % 7
    found = topology.project_finish(early_finish)
    assert isinstance(found, np.ndarray)
    assert (found == early_finish.max(axis=0)).all()
