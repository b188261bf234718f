"""Vietnam's administrative units as an urbangov hierarchy: ``--hierarchy vn``.

Every province, district and commune of the three-level state of 2025-01-01 to
2025-06-30 (63 provinces, 696 districts, 10,035 communes), every province and commune
of the two-level state from 2025-07-01 (34 provinces, 3,321 communes), and the reform
between them as events (provinces and communes absorbed by the one whose code
survives, Decision 19/2025's seat, whole or in part; districts dissolved). Built by
``scripts/build_vn_hierarchy.py`` from vietnamadminunits 1.0.4 (MIT); the data starts
on 2025-01-01.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from urbangov.plugins import hookimpl

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy, HierarchySource, OrganRule, OrganRuleSet

__all__ = [
    "NAME",
    "national_hierarchy",
    "urban_government_rules",
    "urbangov_register_hierarchies",
    "urbangov_register_organ_rules",
]

#: The hierarchy's name: ``hierarchy = "vn"`` in a plan, ``--hierarchy vn``.
NAME = "vn"


@functools.cache
def national_hierarchy() -> Hierarchy:
    """Vietnam's units from 2025-01-01 (read once per process)."""
    from urbangov.io import load_hierarchy

    with as_file(files("urbangov_vn") / "data" / "hierarchy.json") as path:
        return load_hierarchy(path, trusted=True)  # checked when it was built


def urban_government_rules() -> tuple[OrganRule, ...]:
    """The three urban-government pilots, on this data's ids: no People's Council in
    HCMC's quận and phường (Resolution 131/2020/QH14), Hà Nội's phường (Resolution
    97/2019/QH14) and Đà Nẵng's quận and phường (Resolution 119/2020/QH14), from
    2021-07-01 until Law 72/2025/QH15 gave every province and commune both organs on
    2025-07-01. urbangov's own ``vietnam`` rule names HCMC by the id of its ``hcmc``
    data; these name the units of ``vn``."""
    import datetime as dt

    from urbangov.hierarchy import LegalBasis, OrganKind, OrganRule, UnitKind

    start, end = dt.date(2021, 7, 1), dt.date(2025, 6, 30)
    pilots = (
        ("ho-chi-minh", {UnitKind.URBAN_DISTRICT, UnitKind.WARD}, "131/2020/QH14",
         dt.date(2020, 11, 16), dt.date(2021, 1, 1)),
        ("ha-noi", {UnitKind.WARD}, "97/2019/QH14", dt.date(2019, 11, 27),
         dt.date(2020, 7, 1)),
        ("da-nang", {UnitKind.URBAN_DISTRICT, UnitKind.WARD}, "119/2020/QH14",
         dt.date(2020, 6, 19), dt.date(2021, 7, 1)),
    )  # fmt: skip
    return tuple(
        OrganRule(
            OrganKind.PEOPLE_COUNCIL,
            False,
            kinds,
            within=province,
            valid_from=start,
            valid_to=end,
            basis=LegalBasis(number, signed=signed, effective=effective),
        )
        for province, kinds, number, signed, effective in pilots
    )


@hookimpl
def urbangov_register_organ_rules(register: Callable[[OrganRuleSet], None]) -> None:
    from urbangov.hierarchy import OrganRuleSet

    register(
        OrganRuleSet(
            "vn-urban-government",
            urban_government_rules(),
            "No People's Council in HCMC's quận and phường, Hà Nội's phường and Đà Nẵng's "
            "quận and phường from 2021-07-01 to 2025-06-30 (Resolutions 131/2020, 97/2019, "
            "119/2020/QH14), on the units of the 'vn' hierarchy",
        )
    )


@hookimpl
def urbangov_register_hierarchies(register: Callable[[HierarchySource], None]) -> None:
    from urbangov.hierarchy import HierarchySource

    register(
        HierarchySource(
            NAME,
            national_hierarchy,
            "Vietnam: 63 provinces, 696 districts, 10,035 communes (2025-01-01 to 2025-06-30), "
            "then 34 provinces and 3,321 communes",
        )
    )
