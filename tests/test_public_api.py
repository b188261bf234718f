"""The curated public API: every exported name exists, and importing stays light."""

from __future__ import annotations

import subprocess
import sys

import urbangov


def test_every_exported_name_resolves() -> None:
    for name in urbangov.__all__:
        assert getattr(urbangov, name) is not None, name
    assert sorted(dir(urbangov)) == sorted(urbangov.__all__)


def test_errors_share_one_root_and_the_builtin_a_caller_expects() -> None:
    assert issubclass(urbangov.CycleError, urbangov.UrbangovError)
    assert issubclass(urbangov.CycleError, ValueError)
    assert issubclass(urbangov.UnknownTaskError, KeyError)
    assert issubclass(urbangov.OutputError, OSError)
    assert issubclass(urbangov.PlanFileError, urbangov.PlanError)
    assert issubclass(urbangov.MeetingError, urbangov.UrbangovError)
    assert issubclass(urbangov.MeetingError, ValueError)


def test_import_does_not_load_the_engine() -> None:
    code = "import sys, urbangov, urbangov.cli; print('numpy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_docstring_example() -> None:
    import doctest

    assert doctest.testmod(urbangov).failed == 0


def test_the_command_line_starts_without_the_engine() -> None:
    """`urbangov --help` and plugin discovery must not pay for numpy or holidays."""
    code = (
        "import sys, click\n"
        "from urbangov.plugins import Plugins\n"
        "p = Plugins()\n"
        "p.reporters(); p.register_commands(click.Group('u'))\n"
        "print(sorted(m for m in ('numpy', 'holidays', 'cattrs') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_notify_exports_resolve_and_its_errors_have_the_expected_builtins() -> None:
    import urbangov.notify
    from urbangov.errors import ChannelError, LedgerError, NotifyError, UrbangovError

    for name in urbangov.notify.__all__:
        assert getattr(urbangov.notify, name) is not None, name
    assert sorted(dir(urbangov.notify)) == sorted(urbangov.notify.__all__)
    assert issubclass(NotifyError, UrbangovError)
    assert issubclass(NotifyError, ValueError)
    assert issubclass(ChannelError, UrbangovError)
    assert issubclass(ChannelError, OSError)
    assert issubclass(LedgerError, OSError)
