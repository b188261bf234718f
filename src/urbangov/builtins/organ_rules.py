"""The built-in organ rules: ``vietnam`` (Law 77/2015/QH13 with Resolution 131/2020/QH14)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.hierarchy import OrganRuleSet


@hookimpl
def urbangov_register_organ_rules(register: Callable[[OrganRuleSet], None]) -> None:
    from urbangov.hierarchy import VIETNAM_ORGAN_RULES, OrganRuleSet

    register(
        OrganRuleSet(
            "vietnam",
            VIETNAM_ORGAN_RULES,
            "A People's Council and a People's Committee in every unit, except HCMC's "
            "quận and phường from 2021-07-01 to 2025-06-30 (Resolution 131/2020/QH14).",
        )
    )
