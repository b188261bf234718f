"""The {{name}} plugin renders through urbangov like a built-in format."""

from __future__ import annotations

import urbangov_{{module}}
from urbangov.testing import plugins_with, render, sample_schedule


def test_the_format_is_registered() -> None:
    plugins = plugins_with(urbangov_{{module}})
    assert plugins.owner("reporter", "{{name}}") == "urbangov_{{module}}"


def test_every_task_is_a_row() -> None:
    schedule = sample_schedule()
    text = render("{{name}}", schedule, plugins=plugins_with(urbangov_{{module}}))
    assert text.count("\n") == len(schedule) + 2
    assert "**" in text  # the critical tasks stand out
