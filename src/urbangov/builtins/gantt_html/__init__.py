"""The ``gantt-html`` report: a Gantt chart as one self-contained HTML page.

The page needs nothing but a browser: the chart is inline SVG with a little inline
CSS and JavaScript, no fonts, scripts or images are fetched. Everything is readable
with JavaScript turned off (every group expanded); the script only adds the buttons
that fold groups away.

Layout: a scrolling grid whose time axis (top) and task table (left) stay in place
while the chart scrolls. The table is HTML, so that long Vietnamese titles end in an
ellipsis; the chart (``<svg id="chart">``) has one ``<g class="row">`` per line, in
the same order and at the same height as the table's lines.

What the SVG holds, for the tests and for whoever styles it:

- ``rect.bar`` per task with a duration, ``path.milestone`` (a diamond) per milestone,
  both with class ``critical`` on the critical path, each at its line's ``y``;
- the dependency arrows, drawn as few elements so that thousands of them load fast:
  one ``path.link`` (and one ``path.link.critical``) whose subpaths are the arrows,
  each routed from the predecessor's finish or start to the successor's start or
  finish as the link type says, and their heads in ``path.arrowhead``; every link is
  listed in the JSON of ``<script id="gantt-links">`` and named, with its type and
  lag, in its successor's tooltip;
- ``g.deadline`` (class ``missed`` when the task finishes after it);
- ``rect.off`` per run of consecutive non-working days of the plan's calendar
  (``weekend`` or ``holiday``), with the holidays' names in its ``<title>``;
- ``line.status-date`` when a status date is given;
- a plan's groups (and the tasks a cascade made) as sections of the table, each with a
  ``g.row.group`` summary row; a group under another carries ``data-up`` (the section
  it folds with) and ``data-level``.

With tracking data (``ReportOptions.status``) the chart draws the forecast as of the
status day instead of the plan as scheduled, and:

- every bar and diamond has its status's class (``done``, ``done-late``, ``in-time``,
  ``at-risk``, ``overdue``, ``withdrawn``), coloured from a colour-blind-safe palette
  and named in the legend; critical ones keep ``critical`` (a thick outline);
- ``rect.progress`` fills the done part of each started bar;
- a task's tooltip gives its official status, progress, actual dates and extension;
- a group's header counts the tasks that need a look, and its bracket takes the most
  urgent state; grouped by unit with the plan's hierarchy, groups are named, rolled
  up to ``ReportOptions.depth`` and carry ``data-level``, so that ``#collapsed=1``
  opens the page with every group below the top unit folded (``#collapsed`` folds all).

With a baseline (``ReportOptions.baseline``), ``rect.baseline`` (under a bar) or
``path.baseline-milestone`` marks each task's baseline dates, and the tooltip its
finish variance. Without either, the page is what it was before tracking existed.

The code: ``_layout`` (what goes where), ``_svg`` (the chart and the axis), ``_page``
(the HTML around them), ``_tracking`` (status, progress, baseline), ``_text``
(labels, dates) and ``_assets`` (CSS, JavaScript).
"""

from __future__ import annotations

from collections.abc import Callable

from urbangov.builtins.gantt_html._layout import ROW
from urbangov.builtins.gantt_html._page import render_gantt_html
from urbangov.builtins.gantt_html._svg import task_bar
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter

__all__ = ["ROW", "render_gantt_html", "task_bar", "urbangov_register_reporters"]


@hookimpl
def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
    register(
        Reporter(
            "gantt-html",
            "A Gantt chart in one self-contained HTML page (SVG, works offline)",
            ".html",
            "text/html",
            render_gantt_html,
            uses=("as_of", "lang", "group_by", "status", "baseline", "depth"),
        )
    )
