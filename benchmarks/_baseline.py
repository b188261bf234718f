"""The baselines urbangov is measured against, written the straightforward way.

* :func:`networkx_cpm`: a critical-path computation as one would write it with
  networkx: build an ``nx.DiGraph`` from the input lists (edge attributes ``type`` and
  ``lag``), ``nx.topological_sort``, then a forward and a backward pass in Python over
  the graph with the four link types and lags, total slack and one critical path.
  It works in whole working days and **ignores constraints and deadlines** (urbangov
  applies them, and also computes free slack and MS Project's instant rules), so it
  does somewhat less work than the engine.
* :class:`NaiveCalendar`: "add N working days" by stepping one day at a time
  (``date + timedelta``, a weekday test and sets of holidays and make-up days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import networkx as nx

__all__ = ["NaiveCalendar", "NxResult", "networkx_cpm", "numpy_cpm", "python_cpm"]

# The engine's link codes (urbangov.schedule._engine): bit 0 = the predecessor's
# finish drives, bit 1 = the successor's finish is driven.
_SS: Final = 0
_FS: Final = 1
_SF: Final = 2
_FF: Final = 3


@dataclass(frozen=True, slots=True)
class NxResult:
    """What the networkx baseline computes, in working days from the start."""

    early_start: list[int]
    late_start: list[int]
    total_slack: list[int]
    finish: int
    critical_path: list[int]


def networkx_cpm(
    dur: Sequence[int],
    src: Sequence[int],
    dst: Sequence[int],
    kind: Sequence[int],
    lag: Sequence[int],
) -> NxResult:
    """Build a DiGraph from the lists and run the critical-path method over it."""
    n = len(dur)
    graph: Any = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(
        (s, d, {"type": k, "lag": g}) for s, d, k, g in zip(src, dst, kind, lag, strict=True)
    )
    order = list(nx.topological_sort(graph))

    # Forward pass: early start and finish (held at the project start).
    es = [0] * n
    ef = [0] * n
    pred = graph.pred
    for v in order:
        d = dur[v]
        start = 0
        for u, link in pred[v].items():
            t, g = link["type"], link["lag"]
            if t == _FS:
                at = ef[u] + g
            elif t == _SS:
                at = es[u] + g
            elif t == _FF:
                at = ef[u] + g - d
            else:  # SF
                at = es[u] + g - d
            if at > start:
                start = at
        es[v] = start
        ef[v] = start + d
    finish = max(ef, default=0)

    # Backward pass: late finish and start.
    lf = [finish] * n
    ls = [0] * n
    succ = graph.succ
    for v in reversed(order):
        d = dur[v]
        end = finish
        for w, link in succ[v].items():
            t, g = link["type"], link["lag"]
            if t == _FS:
                at = ls[w] - g
            elif t == _SS:
                at = ls[w] - g + d
            elif t == _FF:
                at = lf[w] - g
            else:  # SF
                at = lf[w] - g + d
            if at < end:
                end = at
        lf[v] = end
        ls[v] = end - d

    slack = [ls[v] - es[v] for v in range(n)]
    return NxResult(es, ls, slack, finish, _critical_path(graph, dur, es, ef, slack, finish))


def _critical_path(
    graph: Any, dur: Sequence[int], es: list[int], ef: list[int], slack: list[int], finish: int
) -> list[int]:
    """One chain of critical tasks, each driven by the previous one, ending at the finish."""
    ends = [v for v in range(len(dur)) if ef[v] == finish and slack[v] <= 0]
    if not ends:
        return []
    path = [ends[0]]
    while True:
        v = path[-1]
        d = dur[v]
        for u, link in graph.pred[v].items():
            if slack[u] > 0:
                continue
            t, g = link["type"], link["lag"]
            if t == _FS:
                tight = ef[u] + g == es[v]
            elif t == _SS:
                tight = es[u] + g == es[v]
            elif t == _FF:
                tight = ef[u] + g - d == es[v]
            else:
                tight = es[u] + g - d == es[v]
            if tight:
                path.append(u)
                break
        else:
            break
    path.reverse()
    return path


class NaiveCalendar:
    """Working days by stepping through the calendar one day at a time."""

    def __init__(self, off: set[dt.date], on: set[dt.date], weekend: frozenset[int]) -> None:
        self.off = off  # weekdays that are not worked (public holidays)
        self.on = on  # weekend days that are worked (make-up days)
        self.weekend = weekend

    def is_working(self, day: dt.date) -> bool:
        if day in self.on:
            return True
        return day.weekday() not in self.weekend and day not in self.off

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """Roll forward to a working day, then step ``n`` working days (n >= 0)."""
        one = dt.timedelta(days=1)
        while not self.is_working(day):
            day += one
        while n > 0:
            day += one
            if self.is_working(day):
                n -= 1
        return day


def python_cpm(
    dur: Sequence[int],
    src: Sequence[int],
    dst: Sequence[int],
    kind: Sequence[int],
    lag: Sequence[int],
) -> tuple[int, list[int]]:
    """The critical-path method in plain Python over the lists (no library): the
    finish and the critical tasks (total slack 0), in working days. What a careful
    programmer writes in 40 lines; like the networkx baseline it ignores constraints
    and deadlines."""
    n = len(dur)
    out: list[list[int]] = [[] for _ in range(n)]
    into: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for e, (s, d) in enumerate(zip(src, dst, strict=True)):
        out[s].append(e)
        into[d].append(e)
        waiting[d] += 1
    order = [v for v in range(n) if not waiting[v]]
    for v in order:  # Kahn's topological order, growing as it goes
        for e in out[v]:
            d = dst[e]
            waiting[d] -= 1
            if not waiting[d]:
                order.append(d)
    es = [0] * n
    for v in order:
        start = 0
        for e in into[v]:
            u, k = src[e], kind[e]
            at = (es[u] + dur[u] if k & 1 else es[u]) + lag[e] - (dur[v] if k & 2 else 0)
            if at > start:
                start = at
        es[v] = start
    finish = max((es[v] + dur[v] for v in range(n)), default=0)
    lf = [finish] * n
    for v in reversed(order):
        end = finish
        for e in out[v]:
            w, k = dst[e], kind[e]
            at = (lf[w] if k & 2 else lf[w] - dur[w]) - lag[e] + (0 if k & 1 else dur[v])
            if at < end:
                end = at
        lf[v] = end
    critical = [v for v in range(n) if lf[v] - dur[v] - es[v] <= 0]
    return finish, critical


def numpy_cpm(
    dur: Sequence[int],
    src: Sequence[int],
    dst: Sequence[int],
    kind: Sequence[int],
    lag: Sequence[int],
) -> tuple[int, Any]:
    """The critical-path method on numpy arrays, level by level: the finish and the
    critical flags, in working days. The lean vectorised reference the engine's memory
    is compared with; like the other baselines it ignores constraints and deadlines,
    free slack and MS Project's instant rules."""
    import numpy as np

    d = np.asarray(dur, dtype=np.int64)
    s, t = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    k, g = np.asarray(kind, dtype=np.int64), np.asarray(lag, dtype=np.int64)
    n = d.size
    indegree = np.bincount(t, minlength=n)
    by_src = np.argsort(s, kind="stable")
    first = np.searchsorted(s[by_src], np.arange(n + 1))
    level = np.zeros(n, dtype=np.int64)
    frontier, depth = np.flatnonzero(indegree == 0), 0
    while frontier.size:
        level[frontier] = depth
        counts = first[frontier + 1] - first[frontier]
        out = by_src[
            np.repeat(first[frontier] - np.cumsum(counts) + counts, counts)
            + np.arange(int(counts.sum()))
        ]
        targets = t[out]
        np.subtract.at(indegree, targets, 1)
        frontier = np.unique(targets[indegree[targets] == 0])
        depth += 1
    into = np.argsort(level[t], kind="stable")  # links by their successor's level
    cut = np.searchsorted(level[t][into], np.arange(depth + 1))
    es = np.zeros(n, dtype=np.int64)
    for lv in range(1, depth):
        e = into[cut[lv] : cut[lv + 1]]
        at = (
            np.where(k[e] & 1, es[s[e]] + d[s[e]], es[s[e]]) + g[e] - np.where(k[e] & 2, d[t[e]], 0)
        )
        np.maximum.at(es, t[e], at)
    finish = int((es + d).max()) if n else 0
    lf = np.full(n, finish, dtype=np.int64)
    for lv in range(depth - 1, 0, -1):
        e = into[cut[lv] : cut[lv + 1]]
        at = (
            np.where(k[e] & 2, lf[t[e]], lf[t[e]] - d[t[e]]) - g[e] + np.where(k[e] & 1, 0, d[s[e]])
        )
        np.minimum.at(lf, s[e], at)
    return finish, lf - d - es <= 0
