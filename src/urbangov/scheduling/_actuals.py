"""How actual dates change the passes, as MPXJ's ``MicrosoftScheduler`` applies them.

The rules (``tests/oracle/PROGRESS-RULES.md`` has them with MPXJ's source lines):

- a finished task sits where it happened (``es = ls = actual start``, ``ef = lf =
  actual finish``), has no slack, is never critical, and its predecessors ignore it
  going backward;
- a started task starts at its actual start whatever its links say and ends its
  whole duration later (FNET may push the end); going backward its late finish is
  computed as usual, its reported late start is its actual start, and FS links into
  it read its late finish less its remaining work;
- SS links touching a started task follow MPXJ's own rules (see ``link_overrides``).

Everything here works on positions (tasks in level order), once per computation.
In a batch of iterations (see ``finish_passes``) the durations and the work left
have one column per iteration; the actual dates are the same in every one.
:mod:`._small` applies the same rules to small plans, task by task: a rule changed
here changes there too.
"""

from __future__ import annotations

from typing import final

import numpy as np

from urbangov.scheduling._network import FNET, NO_DATE, Bools, Ints, Network
from urbangov.scheduling._time import add_work
from urbangov.scheduling._topology import Links, Topology, column

__all__ = ["Actuals"]


@final
class Actuals:
    """A network's progress, prepared for the passes."""

    __slots__ = (
        "_by_level",
        "_milestones",
        "actual_finish",
        "actual_start",
        "complete",
        "finished",
        "fixed_finish",
        "progressed",
        "remaining",
        "started",
    )

    def __init__(self, net: Network, plan: Topology) -> None:
        progress = net.progress
        assert progress is not None
        self.actual_start = progress.actual_start
        self.actual_finish = progress.actual_finish
        self.remaining = progress.remaining
        self.finished = progress.finished
        self.complete = progress.complete
        self.started = progress.started
        self.progressed = progress.progressed
        rows = np.flatnonzero(self.progressed)
        cuts = np.searchsorted(rows, plan.bounds).tolist()
        self._by_level = [rows[cuts[d] : cuts[d + 1]] for d in range(plan.depth + 1)]
        # Forward: a finished task ends at its actual finish; a started one its whole
        # duration after its actual start, or later for an FNET date.
        dur = net.duration
        fixed = np.full(dur.shape, NO_DATE, dtype=np.int64)
        done = rows[self.finished[rows]]
        going = rows[self.started[rows]]
        fixed[done] = column(self.actual_finish[done], dur)
        fixed[going] = add_work(column(self.actual_start[going], dur), dur[going])
        fnet = going[net.constraint[going] == FNET]
        fixed[fnet] = np.maximum(fixed[fnet], column(net.constraint_at[fnet], dur))
        self.fixed_finish = fixed
        # A started milestone with unfinished successors has its late finish at its
        # start (in a batch, in the iterations where it is a milestone).
        open_links = ~self.finished[net.dst]
        has_open_successor = np.bincount(net.src[open_links], minlength=net.size) > 0
        going = going[has_open_successor[going]]
        milestone = dur[going] == 0
        if milestone.ndim == 1:
            going, milestone = going[milestone], milestone[milestone]
        self._milestones = going, milestone

    def rows(self, d: int) -> Ints:
        """The progressed tasks of level ``d``."""
        return self._by_level[d]

    def fix_forward(self, d: int, es: Ints, ef: Ints) -> None:
        """Early dates of level ``d``'s progressed tasks: what happened."""
        rows = self._by_level[d]
        if rows.size:
            es[rows] = column(self.actual_start[rows], es)
            ef[rows] = self.fixed_finish[rows]

    def milestone_late_finish(self, d: int, lf: Ints) -> None:
        """Before constraints: a started milestone's late finish is its actual start."""
        rows, milestone = self._milestones
        if rows.size:
            here = np.isin(rows, self._by_level[d])
            rows, milestone = rows[here], milestone[here]
            start = column(self.actual_start[rows], lf)
            lf[rows] = np.where(milestone, start, lf[rows])

    def fix_backward(self, d: int, ls: Ints, lf: Ints) -> None:
        """Late dates of level ``d``'s progressed tasks, as the next levels read them:
        a finished task's are its actual dates; a started task's late start is its
        late finish less the work left (what FS links into it read)."""
        rows = self._by_level[d]
        if not rows.size:
            return
        done = rows[self.finished[rows]]
        going = rows[self.started[rows]]
        lf[done] = column(self.actual_finish[done], lf)
        ls[done] = column(self.actual_start[done], ls)
        ls[going] = add_work(lf[going], -self.remaining[going])

    def link_overrides(self, net: Network, links: Links, project_finish: int | Ints) -> Ints | None:
        """Per backward link (in ``links`` order): the late finish it gives its
        predecessor when MPXJ's rules replace the usual one, else ``NO_DATE``.

        Links into finished tasks give nothing (the project finish caps them). An SS
        link from a started task gives the project finish; an SS link from a task not
        started into a started one gives the successor's actual start plus its actual
        work plus the predecessor's duration, lag ignored (the project finish when
        the successor has no successors at all). ``project_finish`` may be one per
        iteration of a batch (the overrides then have a column each).
        """
        src, dst = links.src, links.dst
        shape = (src.size, *net.duration.shape[1:])
        out = np.full(shape, NO_DATE, dtype=np.int64)
        finish = np.broadcast_to(project_finish, shape)
        into_finished = self.finished[dst]
        out[into_finished] = finish[into_finished]
        ss = links.ss
        from_started = ss & self.started[src]
        out[from_started] = finish[from_started]
        into = np.flatnonzero(ss & self.started[dst] & ~self.progressed[src])
        if into.size:
            succ, pred = dst[into], src[into]
            done_work = net.duration[succ] - self.remaining[succ]
            resume = add_work(column(self.actual_start[succ], done_work), done_work)
            value = add_work(resume, net.duration[pred])
            lonely = np.bincount(net.src, minlength=net.size)[succ] == 0
            out[into] = np.where(column(lonely, value), finish[into], value)
        return out if (out != NO_DATE).any() else None

    def ignored_successors(self, links: Links) -> Bools:
        """Links into finished tasks, which free slack does not look at."""
        return self.finished[links.dst]
