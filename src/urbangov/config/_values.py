"""``{"$env" = "VAR"}`` references: found when the file is read, resolved when used.

Reading the file only checks the references' form and replaces each by an
:class:`EnvRef`; the environment is consulted when a plugin reads its table, so a
variable that only one plugin needs is not required by every command. Resolved values
travel as :class:`EnvText` until a structure hook decides what they become: text, a
whole number, or a :class:`~urbangov.config.Secret`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, final

import attrs

from urbangov.config._secret import Secret

if TYPE_CHECKING:
    import cattrs

__all__ = ["ENV_KEY", "EnvRef", "EnvText", "find_refs", "plugin_converter", "resolve"]

#: The key of a reference table: ``password = { "$env" = "SMTP_PASSWORD" }``.
ENV_KEY: Final = "$env"
_VARIABLE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@final
@attrs.frozen(repr=False)
class EnvRef:
    """Where a value is to come from: the environment variable ``variable``."""

    variable: str

    def __repr__(self) -> str:  # how an error message names it
        return f'{{ "$env" = "{self.variable}" }}'


@final
@attrs.frozen(repr=False)
class EnvText:
    """A reference resolved: the variable's text, or ``None`` when it is not set."""

    variable: str
    value: str | None

    def __repr__(self) -> str:  # never the value: it may be a secret
        return f"the environment variable {self.variable!r}"

    def text(self) -> str:
        """The value, or the error that names the missing variable."""
        if self.value is None:
            raise ValueError(f"the environment variable {self.variable!r} is not set")
        return self.value


# -- reading: check each reference's form, replace it by an EnvRef ----------------------


def find_refs(value: object, where: str, problems: list[tuple[str, str]]) -> object:
    """``value`` with every ``$env`` table replaced by an :class:`EnvRef`; malformed
    references are added to ``problems`` as ``(key path, message)``."""
    if isinstance(value, Mapping):
        if ENV_KEY in value:
            return _ref(value, where, problems)
        return {
            str(key): find_refs(item, f"{where}.{key}" if where else str(key), problems)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [find_refs(item, f"{where}[{i}]", problems) for i, item in enumerate(value)]
    return value


def _ref(table: Mapping[Any, object], where: str, problems: list[tuple[str, str]]) -> EnvRef:
    variable = table[ENV_KEY]
    if len(table) != 1:
        others = ", ".join(repr(str(key)) for key in table if key != ENV_KEY)
        problems.append((where, f'a {{ "$env" = ... }} table takes no other key (found {others})'))
    if not isinstance(variable, str) or not _VARIABLE.fullmatch(variable):
        problems.append(
            (f"{where}.$env", f"expected the name of an environment variable, got {variable!r}")
        )
        return EnvRef("?")
    return EnvRef(variable)


# -- using: look the references up, structure with hooks that know them ---------------


def resolve(value: object, environ: Mapping[str, str]) -> object:
    """``value`` with every :class:`EnvRef` looked up in ``environ``."""
    if isinstance(value, EnvRef):
        return EnvText(value.variable, environ.get(value.variable))
    if isinstance(value, Mapping):
        return {key: resolve(item, environ) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, environ) for item in value]
    return value


def _text(value: object, _: type[str]) -> str:
    if isinstance(value, EnvText):
        return value.text()
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_show(value)}")
    return value


def _whole(value: object, _: type[int]) -> int:
    if isinstance(value, EnvText):
        text = value.text()
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise ValueError(
                f"expected a whole number in the environment variable {value.variable!r}"
            )
        return int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_show(value)}")
    return value


def _real(value: object, _: type[float]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {_show(value)}")
    return float(value)


def _secret(value: object, _: type[Secret]) -> Secret:
    if isinstance(value, EnvText):
        return Secret(value.text(), variable=value.variable)
    if isinstance(value, str):
        # Not even in the message: the value may be the real password.
        raise ValueError(
            "a secret is not written in the file: put it in an environment variable and "
            'write { "$env" = "VARIABLE" }'
        )
    raise ValueError(f'expected {{ "$env" = "VARIABLE" }} for a secret, got {_show(value)}')


def _show(value: object) -> str:
    from urbangov.io._structure import show

    return show(value)


@functools.cache
def plugin_converter() -> cattrs.Converter:
    """The strict converter of plan files, plus text, numbers and secrets from ``$env``."""
    from urbangov.io._structure import converter

    out = converter()
    hooks: list[tuple[type[Any], Callable[[object, Any], Any]]] = [
        (str, _text),
        (int, _whole),
        (float, _real),
        (Secret, _secret),
    ]
    for kind, hook in hooks:
        out.register_structure_hook(kind, hook)
    return out
