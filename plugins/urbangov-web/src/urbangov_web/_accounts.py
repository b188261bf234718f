"""Who may sign in: accounts with hashed passwords and API tokens (argon2).

An accounts file (TOML) names each account, the organ, post or person it acts as
(what the reporting policy checks), and the argon2 hashes of its password and of its
API token. ``urbangov web-hash`` prints a hash; no secret is ever stored in clear.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Final, final

import attrs
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from urbangov.errors import ConfigError

__all__ = ["Account", "Accounts", "hash_secret", "load_accounts"]

_HASHER: Final = PasswordHasher()
#: Checked when an account is unknown, so that a wrong name takes as long as a
#: wrong password (names are not guessable by timing).
_DUMMY: Final = _HASHER.hash("urbangov: no such account")


def hash_secret(secret: str) -> str:
    """The argon2id hash of a password or token, for the accounts file."""
    return _HASHER.hash(secret)


def _matches(hashed: str | None, secret: str) -> bool:
    try:
        return _HASHER.verify(hashed or _DUMMY, secret) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


@final
@attrs.frozen
class Account:
    """One sign-in: ``id`` is what the store records as the author of its writes."""

    id: str
    #: The organ, post or person the account acts as (``hcmc/quan-1/people_committee``).
    acts_as: str
    name: str = ""
    password_hash: str | None = attrs.field(default=None, repr=False)
    token_hash: str | None = attrs.field(default=None, repr=False)


@final
@attrs.frozen
class Accounts:
    """The accounts of a server, by id."""

    by_id: Mapping[str, Account]

    def signed_in(self, account_id: str, password: str) -> Account | None:
        """The account when ``password`` is its password, else ``None``."""
        account = self.by_id.get(account_id)
        ok = _matches(account.password_hash if account else None, password)
        return account if ok else None

    def bearer(self, account_id: str, token: str) -> Account | None:
        """The account when ``token`` is its API token, else ``None``."""
        account = self.by_id.get(account_id)
        ok = _matches(account.token_hash if account else None, token)
        return account if ok else None


def load_accounts(path: Path) -> Accounts:
    """Read ``[[accounts]]`` (``id``, ``acts_as``, ``name``, ``password_hash``,
    ``token_hash``) from a TOML file.

    Raises:
        ConfigError: the file, the entry and what is wrong with it.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the accounts: {exc}", path=str(path)) from None
    entries = data.get("accounts")
    if not isinstance(entries, list) or not entries:
        raise ConfigError("no [[accounts]] entries", path=str(path))
    found: dict[str, Account] = {}
    known = {"id", "acts_as", "name", "password_hash", "token_hash"}
    for i, entry in enumerate(entries):
        where = f"accounts[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError("an account is a table", path=str(path), location=where)
        unknown = sorted(set(entry) - known)
        if unknown:
            raise ConfigError(f"unknown key {unknown[0]!r}", path=str(path), location=where)
        for key in ("id", "acts_as"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ConfigError(f"{key!r} is required", path=str(path), location=where)
        for key in ("password_hash", "token_hash"):
            value = entry.get(key)
            if value is not None and not str(value).startswith("$argon2"):
                raise ConfigError(
                    f"{key!r} must be an argon2 hash (urbangov web-hash prints one), "
                    "never the secret itself",
                    path=str(path),
                    location=where,
                )
        if entry["id"] in found:
            raise ConfigError(f"account {entry['id']!r} twice", path=str(path), location=where)
        found[entry["id"]] = Account(**entry)
    return Accounts(found)
