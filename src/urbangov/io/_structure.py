"""What every urbangov file reader shares: decoding TOML, JSON and YAML, and strict
structuring with cattrs into attrs classes that mirror the file, so that every
problem is reported at once, each with its key path (and the id of the table it is in).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, Protocol, TypeVar

import cattrs
import cattrs.cols

from urbangov.errors import UrbangovError

__all__ = [
    "FORMATS",
    "FileErrorFactory",
    "choice",
    "converter",
    "decode",
    "read",
    "show",
    "structure",
]

FORMATS: Final = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}

T = TypeVar("T")


class FileErrorFactory(Protocol):
    """Makes the error of one kind of file (plans, hierarchies) with where it is."""

    def __call__(
        self, message: str, *, path: str | None = None, location: str | None = None
    ) -> UrbangovError: ...


# -- strict hooks: no silent int("5") or int(2.7) -----------------------------------


def show(value: object) -> str:
    """A value as an error message names it."""
    if isinstance(value, Mapping) and "$env" in value:  # secrets stay out of data files
        return 'a { "$env" = ... } reference (only the configuration file takes those)'
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _strict(kind: type[T], label: str) -> Callable[[object, type[T]], T]:
    def hook(value: object, _: type[T]) -> T:
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise ValueError(f"expected {label}, got {show(value)}")
        return value

    return hook


def _text(value: object, _: type[str]) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {show(value)}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = value[exc.start]
            raise ValueError(
                f"not valid text: a lone surrogate \\u{ord(bad):04x} at character {exc.start}"
            ) from None
    return value


def _lists_only(using: cattrs.Converter) -> None:
    """A list in the file must be a list: ``depends = "bc"`` is not ``["b", "c"]``."""

    def is_list(kind: Any) -> bool:
        return getattr(kind, "__origin__", None) is list

    def factory(kind: Any) -> Callable[[object, Any], Any]:
        inner = cattrs.cols.list_structure_factory(kind, using)

        def hook(value: object, _: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected a list, got {show(value)}")
            return inner(value, kind)

        return hook

    using.register_structure_hook_factory(is_list, factory)


def _date(value: object, _: type[dt.date]) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date (YYYY-MM-DD), got the date-time {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _text_date(value)
    raise ValueError(f"expected a date (YYYY-MM-DD), got {show(value)}")


@functools.lru_cache(maxsize=4096)
def _text_date(value: str) -> dt.date:
    """A YYYY-MM-DD date; files repeat a few dates thousands of times (a reform's
    day), so each text is checked and parsed once."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"no such date: {value!r}") from None
    raise ValueError(f"expected a date (YYYY-MM-DD), got {show(value)}")


def choice(kind: type[Any]) -> Callable[[object, type[Any]], Any]:
    """A hook for an enum that lists the accepted values when a value is not one."""

    def hook(value: object, _: type[Any]) -> Any:
        try:
            return kind(value)
        except ValueError:
            choices = " ".join(member.value for member in kind)
            raise ValueError(f"expected one of {choices}, got {show(value)}") from None

    return hook


def converter(*enums: type[Any]) -> cattrs.Converter:
    """A converter that refuses unknown keys and loose types, with ``enums`` as choices."""
    out = cattrs.Converter(forbid_extra_keys=True)
    _lists_only(out)
    out.register_structure_hook(str, _text)
    out.register_structure_hook(int, _strict(int, "a whole number"))
    out.register_structure_hook(bool, _strict(bool, "true or false"))
    out.register_structure_hook(dt.date, _date)
    for kind in enums:
        out.register_structure_hook(kind, choice(kind))
    return out


# -- structuring with located problems ------------------------------------------------


def structure(
    using: cattrs.Converter,
    data: object,
    shape: type[T],
    *,
    source: str | None,
    error: FileErrorFactory,
    what: str,
) -> T:
    """``data`` as ``shape``; every problem found raises one ``error`` naming them all."""
    if not isinstance(data, Mapping):
        raise error(f"a {what} file holds a table at the top level", path=source)
    try:
        return using.structure(data, shape)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        problems = [
            (_location(path, data), message)
            for message, _, path in (
                line.rpartition(" @ ")
                for line in cattrs.transform_error(exc, format_exception=_message)
            )
        ]
        location, message = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        found = error(message + more, path=source, location=location)
        found.problems = problems  # type: ignore[attr-defined]  # every factory is an _InFile
        raise found from None


def _message(exc: BaseException, type_: object) -> str:
    if isinstance(exc, KeyError):
        return "required key missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return f"unknown key {keys}" if len(exc.extra_fields) == 1 else f"unknown keys {keys}"
    if isinstance(exc, ValueError) and exc.args:
        return str(exc.args[0])
    if isinstance(exc, AttributeError | TypeError):
        return f"expected a table, got {type(exc).__name__}"
    return str(exc)


def _location(path: str, data: Mapping[str, Any]) -> str:
    """``$.tasks[2].lag`` -> ``tasks[2] (id 't3').lag``: any list of tables with ids."""
    path = path.removeprefix("$").removeprefix(".")
    path = re.sub(r"\bfrom_\b", "from", path)  # a Python name for the file's key "from"
    match = re.match(r"(\w+)\[(\d+)\]", path)
    if match:
        items = data.get(match.group(1))
        i = int(match.group(2))
        if isinstance(items, list) and i < len(items) and isinstance(items[i], Mapping):
            item_id = items[i].get("id")
            if isinstance(item_id, str):
                path = f"{match.group(0)} (id {item_id!r}){path[match.end() :]}"
    return path or "(top level)"


# -- reading files ------------------------------------------------------------------


def read(path: Path, *, error: FileErrorFactory, what: str) -> tuple[str, str]:
    """The text of ``path`` and its format (by suffix)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise error(f"unknown {what} file type (use {known})", path=str(path))
    try:
        # utf-8-sig: Notepad and Excel start UTF-8 files with a byte-order mark.
        return path.read_text(encoding="utf-8-sig"), fmt
    except FileNotFoundError:
        raise error("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read: {exc}", path=str(path)) from None


def decode(text: str, format: str, *, source: str | None, error: FileErrorFactory) -> object:
    """Parse ``text`` with the standard parser of ``format``; syntax errors say where."""
    text = text.removeprefix("\ufeff")  # a byte-order mark is no content
    try:
        return _parse(text, format, source=source, error=error)
    except RecursionError:
        raise error(f"invalid {format.upper()}: nested too deeply", path=source) from None


def _parse(text: str, format: str, *, source: str | None, error: FileErrorFactory) -> object:
    if format == "toml":
        fast = _fast_toml(text)
        if fast is not None:
            return fast
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise error(f"invalid TOML: {exc}", path=source) from None
    if format == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise error(f"invalid JSON: {exc.msg}", path=source, location=where) from None
    if format == "yaml":
        import yaml  # only for YAML files

        try:
            return yaml.load(text, Loader=_yaml_loader())
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            spot = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise error(f"invalid YAML: {problem}", path=source, location=spot) from None
    raise error(f"unknown format {format!r}", path=source)


#: From this size on (about 3,000 tasks) a TOML file is decoded by rtoml first.
_LARGE_TOML: Final = 500_000


def _fast_toml(text: str) -> dict[str, Any] | None:
    """A large ``text`` decoded by rtoml (Rust, three times faster than ``tomllib``)
    when it is installed and accepts the text; ``None`` sends the text to ``tomllib``,
    whose errors say where, and which has the last word on what is TOML. Smaller
    files go to ``tomllib`` straight away: it is fast enough, and one reader decides."""
    if len(text) < _LARGE_TOML:
        return None
    try:
        import rtoml
    except ImportError:  # pragma: no cover - rtoml is a dependency, but optional here
        return None
    try:
        found: dict[str, Any] = rtoml.loads(text)
    except Exception:  # any complaint: tomllib decides and says where
        return None
    return found


@functools.cache
def _yaml_loader() -> type[Any]:
    """YAML's safe loader, leaving dates as text: a date is checked (and an impossible
    one such as 2021-02-30 reported with its key) where the file expects one."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp",
        Loader.construct_yaml_str,  # type: ignore[type-var]
    )
    return Loader
