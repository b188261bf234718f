"""A value that must not be printed: what a configuration takes from the environment."""

from __future__ import annotations

from typing import final

import attrs

__all__ = ["Secret"]


@final
@attrs.frozen(repr=False)
class Secret:
    """A secret (a password, a token, an HMAC key) that hides itself when printed.

    ``repr``, ``str`` and f-strings show ``***``, so a secret that ends up in a log, a
    traceback or an error message gives nothing away; :meth:`reveal` is the one,
    deliberate, way to the value.

    >>> password = Secret("hunter2", variable="SMTP_PASSWORD")
    >>> password, f"{password}", password.variable
    (Secret('***'), '***', 'SMTP_PASSWORD')
    >>> password.reveal()
    'hunter2'
    """

    _value: str = attrs.field(alias="value")
    #: The environment variable it was read from, for messages (never the value).
    variable: str | None = None

    def reveal(self) -> str:
        """The secret itself: call this only where it is used (to log in, to sign)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    def __str__(self) -> str:
        return "***"
