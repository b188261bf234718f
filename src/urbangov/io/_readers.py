"""Plan formats as plugins: a :class:`PlanReader` reads one kind of file into a plan.

TOML, JSON and YAML are urbangov's own readers, registered through the same hook
(``urbangov_register_plan_readers``) a plugin uses for MS Project XML or a
spreadsheet. A file is matched by its suffix, else by a reader's ``sniff`` of its first
bytes. The built-in suffixes are read without loading plugins, so that
``urbangov schedule plan.toml`` starts fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, final

import attrs

from urbangov.errors import PlanFileError

if TYPE_CHECKING:
    from urbangov.hierarchy import Hierarchy
    from urbangov.plan import Plan

__all__ = ["BUILTIN_SUFFIXES", "PlanReader", "reader_for"]

#: ``load(path, hierarchy, **options)``: the plan in the file (cascades handed down
#: ``hierarchy`` when given), or a :class:`~urbangov.errors.PlanFileError` that says
#: where. ``options`` are only ever the ones the reader names in ``options``.
LoadFunction = Callable[..., "Plan"]

#: The suffixes of urbangov's own readers.
BUILTIN_SUFFIXES: Final = (".toml", ".json", ".yaml", ".yml")
#: How much of a file a reader's ``sniff`` is shown.
SNIFF_BYTES: Final = 4096


def _suffixes(values: Sequence[str]) -> tuple[str, ...]:
    out = tuple(value.lower() for value in values)
    for value in out:
        if not value.startswith("."):
            raise ValueError(f"a suffix starts with a dot, not {value!r}")
    return out


def _names(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(values)


@final
@attrs.frozen
class PlanReader:
    """A plan file format, as a plugin registers it.

    >>> from urbangov.io import PlanReader
    >>> PlanReader("demo", "A demo format", (".DEMO",), lambda path, hierarchy: ...)
    PlanReader(name='demo', title='A demo format', suffixes=('.demo',), options=())
    """

    name: str
    title: str
    #: The file suffixes it reads (with their dot, any case).
    suffixes: tuple[str, ...] = attrs.field(converter=_suffixes)
    load: LoadFunction = attrs.field(repr=False)
    #: Whether the first bytes of a file with another suffix are this format.
    sniff: Callable[[bytes], bool] | None = attrs.field(default=None, kw_only=True, repr=False)
    #: The keyword options ``load`` takes, such as MSPDI's ``round_durations``.
    options: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_names)

    def read(self, path: Path, hierarchy: Hierarchy | None, **options: object) -> Plan:
        """``load``, refusing an option this format does not take."""
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            named = ", ".join(f"{o} (--{o.replace('_', '-')})" for o in unknown)
            takes = ", ".join(self.options) or "none"
            raise PlanFileError(
                f"{self.name} files do not take {named}; their options: {takes}",
                path=str(path),
            )
        return self.load(path, hierarchy, **options)


def reader_for(path: Path, readers: Sequence[PlanReader]) -> PlanReader:
    """The reader of ``path``: by suffix, else the first whose ``sniff`` says yes.

    Raises:
        PlanFileError: no reader knows the file (naming every known suffix).
    """
    suffix = path.suffix.lower()
    for reader in readers:
        if suffix in reader.suffixes:
            return reader
    sniffers = [reader for reader in readers if reader.sniff is not None]
    if sniffers:
        try:
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except FileNotFoundError:
            raise PlanFileError("no such file", path=str(path)) from None
        except OSError as exc:
            raise PlanFileError(f"cannot read: {exc}", path=str(path)) from None
        for reader in sniffers:
            if reader.sniff is not None and reader.sniff(head):
                return reader
    known = ", ".join(s for reader in readers for s in reader.suffixes)
    raise PlanFileError(f"unknown plan file type (readers know: {known})", path=str(path))
