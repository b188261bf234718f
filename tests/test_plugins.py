"""The plugin system: built-ins through the hooks, discovery, clashes, broken plugins."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.examples import HCMC_PLAN
from urbangov import hookspecs
from urbangov.calendar import WorkCalendar
from urbangov.errors import PluginError, UnknownFormatError, UrbangovError
from urbangov.io import load_plan
from urbangov.plan import Plan, Task
from urbangov.plugins import Plugins, hookimpl
from urbangov.reporting import Reporter, ReportOptions
from urbangov.scheduling import Schedule, schedule

ROOT = Path(__file__).resolve().parents[1]
HOOKS = sorted(name for name in vars(hookspecs) if name.startswith("urbangov_"))


def _module(name: str, **functions: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in functions.items():
        setattr(module, key, value)
    return module


def _reporter_plugin(name: str, format_name: str) -> types.ModuleType:
    @hookimpl
    def urbangov_register_reporters(register: Callable[[Reporter], None]) -> None:
        register(
            Reporter(format_name, "Task count", ".txt", "text/plain", lambda s, o: f"{len(s)}\n")
        )

    return _module(name, urbangov_register_reporters=urbangov_register_reporters)


def _tiny() -> Schedule:
    return schedule(Plan("p", "P", dt.date(2021, 1, 4), tasks=[Task("a", "A", 2)]))


# -- one test per hook (tests/test_plugins.py::test_hook_<name> is checked below) -------


def test_hook_urbangov_register_reporters() -> None:
    plugins = Plugins(entry_points=False, extra=[_reporter_plugin("counter", "count")])
    assert {"json", "csv", "count"} <= set(plugins.reporters())
    assert plugins.reporter("count").render(_tiny(), ReportOptions()) == "1\n"
    assert plugins.owner("reporter", "count") == "counter"
    assert plugins.owner("reporter", "json") == "urbangov.builtins.reporters"


def test_hook_urbangov_register_calendars() -> None:
    saturdays = WorkCalendar(name="six-days", weekend={6})

    @hookimpl
    def urbangov_register_calendars(register: Callable[[WorkCalendar], None]) -> None:
        register(saturdays)

    plugins = Plugins(
        entry_points=False,
        extra=[_module("six", urbangov_register_calendars=urbangov_register_calendars)],
    )
    assert plugins.calendars()["six-days"] is saturdays
    assert {"vn", "mon-fri"} <= set(plugins.calendars())


def test_hook_urbangov_register_commands() -> None:
    import click

    @click.command("hello")
    def hello() -> None:
        click.echo("xin chào")

    @hookimpl
    def urbangov_register_commands(cli: click.Group) -> None:
        cli.add_command(hello)

    group = click.Group("urbangov")
    Plugins(
        entry_points=False,
        extra=[_module("hi", urbangov_register_commands=urbangov_register_commands)],
    ).register_commands(group)
    assert {"schedule", "report", "plugins", "units", "lineage", "hello"} <= set(group.commands)


def test_hook_urbangov_register_organ_rules() -> None:
    from urbangov.hierarchy import OrganKind, OrganRule, OrganRuleSet, UnitKind

    hanoi = OrganRuleSet(
        "hanoi-urban-government",
        [OrganRule(OrganKind.PEOPLE_COUNCIL, False, {UnitKind.WARD}, "hanoi", dt.date(2021, 7, 1))],
    )

    @hookimpl
    def urbangov_register_organ_rules(register: Callable[[OrganRuleSet], None]) -> None:
        register(hanoi)

    plugins = Plugins(
        entry_points=False,
        extra=[_module("hanoi", urbangov_register_organ_rules=urbangov_register_organ_rules)],
    )
    assert list(plugins.organ_rules()) == ["vietnam", "hanoi-urban-government"]
    assert plugins.all_organ_rules()[-1] is hanoi.rules[0]  # a later set overrides
    assert plugins.owner("organ rule set", "vietnam") == "urbangov.builtins.organ_rules"

    @hookimpl
    def again(register: Callable[[OrganRuleSet], None]) -> None:
        register(OrganRuleSet("vietnam", []))

    clash = _module("clash", urbangov_register_organ_rules=again)
    with pytest.raises(PluginError, match="organ rule set 'vietnam' is registered by both"):
        Plugins(entry_points=False, extra=[clash]).organ_rules()


def test_every_hook_is_documented_and_tested() -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    tests = set(globals())
    for hook in HOOKS:
        assert f"## `{hook}(" in docs, f"{hook} has no section in docs/plugins.md"
        assert f"test_hook_{hook}" in tests, f"{hook} has no test_hook_{hook}"


# -- clashes, unknown names, broken plugins, environment ---------------------------------


def test_two_plugins_with_one_format_name_is_an_error_naming_both() -> None:
    plugins = Plugins(entry_points=False, extra=[_reporter_plugin("mine", "json")])
    with pytest.raises(
        PluginError,
        match=r"reporter 'json' is registered by both 'urbangov\.builtins\.reporters' and 'mine'",
    ):
        plugins.reporters()


def test_an_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(UnknownFormatError, match=r"unknown report format 'pdf' \(available: .*csv"):
        Plugins(entry_points=False).reporter("pdf")
    assert issubclass(UnknownFormatError, UrbangovError)


@pytest.fixture
def installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str, str], None]]:
    """Install fake distributions (a dist-info folder and a module) on sys.path."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def install(name: str, source: str) -> None:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        info = tmp_path / f"{name}-1.2.3.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2.3\n")
        (info / "entry_points.txt").write_text(f"[urbangov]\n{name} = {name}\n")

    yield install
    for name in list(sys.modules):
        if name.startswith("fake_"):
            del sys.modules[name]


GOOD = """
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter

@hookimpl
def urbangov_register_reporters(register):
    register(Reporter("fake", "Fake", ".txt", "text/plain", lambda s, o: "fake"))
"""


def test_installed_plugins_are_found_by_entry_point(installed: Callable[[str, str], None]) -> None:
    installed("fake_good", GOOD)
    plugins = Plugins()
    assert "fake" in plugins.reporters()
    (info,) = [i for i in plugins.info() if i.name == "fake_good"]
    assert (info.version, info.builtin, info.hooks) == (
        "1.2.3",
        False,
        ("urbangov_register_reporters",),
    )


def test_a_broken_plugin_warns_and_is_skipped(installed: Callable[[str, str], None]) -> None:
    installed("fake_good", GOOD)
    installed("fake_broken", "raise ImportError('no such thing')\n")
    with pytest.warns(
        RuntimeWarning, match="plugin 'fake_broken' failed to load: ImportError: no such thing"
    ):
        plugins = Plugins()
    assert "fake" in plugins.reporters()
    with pytest.raises(PluginError, match="fake_broken"):
        Plugins(strict=True)


def test_environment_disables_and_adds_plugins(
    installed: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    installed("fake_good", GOOD)
    monkeypatch.setenv("URBANGOV_DISABLE_PLUGINS", "fake_good, urbangov.builtins.reporters")
    assert not {"fake", "json", "csv"} & set(Plugins().reporters())
    monkeypatch.delenv("URBANGOV_DISABLE_PLUGINS")
    monkeypatch.setenv("URBANGOV_PLUGINS", "fake_good")
    assert "fake" in Plugins(entry_points=False).reporters()


# -- the command line --------------------------------------------------------------------


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_the_plugins_command_lists_built_ins_with_all() -> None:
    done = _run("plugins", "--all", "--format", "json")
    assert done.returncode == 0, done.stderr
    listed = {p["name"]: p for p in json.loads(done.stdout)}
    assert "reporter:json" in listed["urbangov.builtins.reporters"]["registers"]
    assert listed["urbangov.builtins.calendars"]["builtin"] is True
    plain = _run("plugins").stdout  # without --all: installed packages only
    assert "urbangov.builtins" not in plain


def test_report_renders_a_registered_format(tmp_path: Path) -> None:
    out = tmp_path / "schedule.csv"
    done = _run("report", str(HCMC_PLAN), "-f", "csv", "-o", str(out))
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,title,duration,lead,start,finish")
    assert len(lines) == 1 + len(load_plan(HCMC_PLAN))  # 288 tasks
    bad = _run("report", str(HCMC_PLAN), "-f", "pdf")
    assert bad.returncode == 2
    assert "unknown report format 'pdf'" in bad.stderr


def test_hook_urbangov_register_stores(tmp_path: Path) -> None:
    from urbangov.tracking import SQLiteStore, StoreBackend, TrackingStore

    opened: list[str] = []

    def open_scratch(location: str) -> TrackingStore:
        opened.append(location)
        return SQLiteStore(tmp_path / "scratch.sqlite")

    @hookimpl
    def urbangov_register_stores(register: Callable[[StoreBackend], None]) -> None:
        register(StoreBackend("scratch", open_scratch))

    plugins = Plugins(
        entry_points=False,
        extra=[_module("scratch", urbangov_register_stores=urbangov_register_stores)],
    )
    assert set(plugins.stores()) == {"sqlite", "scratch"}
    assert plugins.owner("store", "sqlite") == "urbangov.builtins.stores"
    plugins.open_store("scratch://db").close()
    assert opened == ["scratch://db"]
    plain = plugins.open_store(str(tmp_path / "plain.sqlite"))  # a path: the built-in
    assert isinstance(plain, SQLiteStore)
    plain.close()
    with pytest.raises(PluginError, match="no tracking store backend 'postgresql'"):
        plugins.open_store("postgresql://host/db")


def test_hook_urbangov_register_notifiers() -> None:
    import datetime as dt

    from urbangov.config import config_from_dict
    from urbangov.notify import Digest, Kind, Notification, Notifier, Recipient

    sent: list[tuple[str | None, str]] = []

    @hookimpl
    def urbangov_register_notifiers(register: Callable[[Notifier], None], config: object) -> None:
        from urbangov.config import Config

        assert isinstance(config, Config)
        prefix = str(config.plugin("pager").get("prefix", ""))
        register(
            Notifier("pager", lambda digest: sent.append((digest.address, prefix + digest.subject)))
        )

    settings = config_from_dict({"plugins": {"pager": {"prefix": "!"}}})
    plugins = Plugins(
        entry_points=False,
        extra=[_module("pager", urbangov_register_notifiers=urbangov_register_notifiers)],
        config=settings,
    )
    assert set(plugins.notifiers()) == {"console", "email", "webhook", "pager"}
    assert plugins.owner("notifier", "pager") == "pager"
    assert plugins.owner("notifier", "email") == "urbangov.builtins.notifiers"
    from urbangov.hierarchy import Contacts

    who = Recipient("person:a", "A", contacts=Contacts({"pager": "0901"}))
    note = Notification(Kind.DEADLINE, "t1", who, dt.date(2021, 6, 30), "t1: due today")
    pager = plugins.notifier("pager")
    assert pager.address_of(who) == "0901"
    pager.send(Digest("pager", who, "0901", (note,), "p", "P", dt.date(2021, 6, 30)))
    assert sent == [("0901", "![urbangov] p, số liệu đến ngày 30/06/2021: 1 đến hạn hôm nay")]
    with pytest.raises(UrbangovError, match="unknown notification channel 'fax'"):
        plugins.notifier("fax")

    @hookimpl
    def again(register: Callable[[Notifier], None]) -> None:
        register(Notifier("console", print))

    clash = _module("clash", urbangov_register_notifiers=again)
    with pytest.raises(PluginError, match="notifier 'console' is registered by both"):
        Plugins(entry_points=False, extra=[clash]).notifiers()


def test_hook_urbangov_register_hierarchies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urbangov.hierarchy import AdministrativeUnit, Dated, Hierarchy, HierarchySource, UnitKind
    from urbangov.io import hierarchy_named, loads_plan

    loads: list[str] = []

    def hanoi() -> Hierarchy:
        loads.append("hanoi")
        unit = AdministrativeUnit(
            "hn", names=[Dated("Thành phố Hà Nội")], kinds=[Dated(UnitKind.CENTRALLY_RUN_CITY)]
        )
        ward = AdministrativeUnit(
            "hn/a", names=[Dated("Phường A")], kinds=[Dated(UnitKind.WARD)], parents=[Dated("hn")]
        )
        return Hierarchy([unit, ward])

    @hookimpl
    def urbangov_register_hierarchies(register: Callable[[HierarchySource], None]) -> None:
        register(HierarchySource("hanoi", hanoi))

    plugins = Plugins(
        entry_points=False,
        extra=[_module("hanoi", urbangov_register_hierarchies=urbangov_register_hierarchies)],
    )
    assert set(plugins.hierarchies()) == {"hcmc", "hanoi"}
    assert plugins.owner("hierarchy", "hcmc") == "urbangov.builtins.hierarchies"
    assert loads == []  # registering loads nothing
    # A plan names it, and its cascade is handed down that hierarchy.
    monkeypatch.setattr("urbangov.plugins.default_plugins", lambda: plugins)
    monkeypatch.chdir(tmp_path)
    plan = loads_plan(
        '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-04-07\nhierarchy = "hanoi"\n'
        '[[tasks]]\nid = "t"\ntitle = "T"\nduration = 2\n'
        'cascade = { under = "hn", kinds = "ward" }\n',
        "toml",
        source=str(tmp_path / "plan.toml"),
    )
    assert [t.id for t in plan.tasks] == ["t/hn/a", "t"]
    assert loads == ["hanoi"]
    with pytest.raises(UrbangovError, match=r"no hierarchy 'atlantis'.*available: hanoi, hcmc"):
        hierarchy_named("atlantis")


# -- one broken plugin does not take the others down --------------------------------------

RAISES_AT_REGISTRATION = """
from urbangov.plugins import hookimpl

@hookimpl
def urbangov_register_reporters(register):
    raise RuntimeError("database unreachable")

@hookimpl
def urbangov_register_commands(cli):
    raise RuntimeError("no commands today")
"""

MISSPELT = """
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter

@hookimpl
def urbangov_regster_reporters(register):
    register(Reporter("never", "Never", ".txt", "text/plain", lambda s, o: ""))
"""

BAD_RENDERERS = """
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter

def crash(schedule, options):
    raise ZeroDivisionError("division by zero")

@hookimpl
def urbangov_register_reporters(register):
    register(Reporter("forty-two", "42", ".txt", "text/plain", lambda s, o: 42))
    register(Reporter("nothing", "None", ".txt", "text/plain", lambda s, o: None))
    register(Reporter("crash", "Crash", ".txt", "text/plain", crash))
"""


def test_a_plugin_that_raises_at_registration_is_left_out(
    installed: Callable[[str, str], None],
) -> None:
    installed("fake_good", GOOD)
    installed("fake_raises", RAISES_AT_REGISTRATION)
    plugins = Plugins()
    with pytest.warns(RuntimeWarning, match="plugin 'fake_raises' failed in .*database unreach"):
        found = plugins.reporters()
    assert {"fake", "json", "csv"} <= set(found)
    with pytest.raises(PluginError, match="fake_raises"):
        Plugins(strict=True).reporters()


def test_a_misspelt_hook_is_named_with_a_suggestion(installed: Callable[[str, str], None]) -> None:
    installed("fake_good", GOOD)
    installed("fake_misspelt", MISSPELT)
    with pytest.warns(
        RuntimeWarning,
        match=r"'fake_misspelt' implements unknown hook\(s\) 'urbangov_regster_reporters' "
        r"\(did you mean 'urbangov_register_reporters'\?\)",
    ):
        plugins = Plugins()
    assert "fake" in plugins.reporters()
    assert "never" not in plugins.reporters()


def _env_with(tmp_path: Path, **modules: str) -> dict[str, str]:
    import os

    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    env["URBANGOV_PLUGINS"] = ",".join(modules)
    return env


def test_help_and_commands_survive_a_broken_plugin(tmp_path: Path) -> None:
    env = _env_with(tmp_path, fake_raises=RAISES_AT_REGISTRATION, fake_misspelt=MISSPELT)
    helped = _run("--help", env=env)
    assert helped.returncode == 0, helped.stderr
    assert "schedule" in helped.stdout
    assert "fake_raises" in helped.stderr
    plan = str(HCMC_PLAN)
    done = _run("report", plan, "-f", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["plan"] == "hcmc-2021-chinh-quyen-do-thi"
    for line in done.stderr.splitlines():  # one line each, no traceback
        assert line.startswith("warning: plugin 'fake_"), line


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("forty-two", "report format 'forty-two' (plugin 'fake_bad') returned int, not text"),
        ("nothing", "report format 'nothing' (plugin 'fake_bad') returned NoneType, not text"),
        ("crash", "report format 'crash' (plugin 'fake_bad') failed: ZeroDivisionError"),
    ],
)
def test_a_bad_renderer_is_an_error_naming_its_plugin(
    tmp_path: Path, fmt: str, message: str
) -> None:
    env = _env_with(tmp_path, fake_bad=BAD_RENDERERS)
    done = _run("report", str(HCMC_PLAN), "-f", fmt, env=env)
    assert done.returncode == 2
    assert done.stderr == f"error: {message}" + done.stderr.split(message, 1)[1]
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_a_failing_store_names_its_plugin(tmp_path: Path) -> None:
    from urbangov.errors import StoreError
    from urbangov.tracking import SQLiteStore, StoreBackend, TrackingStore

    class Flaky:
        """A store whose reads fail the way a network store's do."""

        def __init__(self) -> None:
            self.kept = SQLiteStore(tmp_path / "flaky.sqlite")
            self.append, self.close = self.kept.append, self.kept.close
            self.save_baseline, self.baselines = self.kept.save_baseline, self.kept.baselines
            self.receipts = self.kept.receipts

        def log(self, plan_id: str, **filters: Any) -> Any:
            raise ConnectionResetError("peer went away")

    def open_flaky(location: str) -> TrackingStore:
        if location.endswith("down"):
            raise TimeoutError("no answer")
        return Flaky()  # a duck-typed store

    @hookimpl
    def urbangov_register_stores(register: Callable[[StoreBackend], None]) -> None:
        register(StoreBackend("flaky", open_flaky))

    plugins = Plugins(
        entry_points=False,
        extra=[_module("flakystore", urbangov_register_stores=urbangov_register_stores)],
    )
    with pytest.raises(
        StoreError, match=r"'flaky' \(plugin 'flakystore'\) cannot open .*no answer"
    ):
        plugins.open_store("flaky://down")
    store = plugins.open_store("flaky://up")
    with pytest.raises(StoreError, match="plugin 'flakystore' failed in log: ConnectionResetError"):
        store.log("p")
    assert store.append("p") == 0  # the rest still works
    store.close()


LINES_READER = """
import datetime as dt
from urbangov.io import PlanReader
from urbangov.plan import Plan, TaskTable
from urbangov.plugins import hookimpl
from urbangov.errors import PlanFileError

def load(path, hierarchy):
    first, *rows = path.read_text(encoding="utf-8").splitlines()
    cells = [row.split(";") for row in rows]
    if any(len(c) != 3 for c in cells):
        raise PlanFileError("expected id;title;days", path=str(path), location="line 2")
    table = TaskTable.of(ids=[c[0] for c in cells], titles=[c[1] for c in cells],
                         durations=[int(c[2]) for c in cells],
                         link_from=[c[0] for c in cells[:-1]], link_to=[c[0] for c in cells[1:]])
    return Plan(path.stem, path.stem, dt.date.fromisoformat(first.split()[1]), tasks=table)

@hookimpl
def urbangov_register_plan_readers(register):
    register(PlanReader("lines", "One task a line", (".lines",), load,
                        sniff=lambda head: head.startswith(b"urbangov-lines")))
"""


def test_hook_urbangov_register_plan_readers(tmp_path: Path) -> None:
    from urbangov.errors import PlanFileError
    from urbangov.io import PlanReader, reader_for

    plugins = Plugins(entry_points=False)
    assert list(plugins.plan_readers()) == ["toml", "json", "yaml", "mspdi"]
    assert plugins.owner("plan reader", "toml") == "urbangov.builtins.plan_readers"
    with pytest.raises(ValueError, match="a suffix starts with a dot"):
        PlanReader("bad", "Bad", ("xml",), lambda path, hierarchy: _tiny().plan)
    binary = tmp_path / "plan.mpp"  # MS Project's own binary format: no reader (yet)
    binary.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(PlanFileError, match=r"unknown plan file type \(readers know: .toml"):
        reader_for(binary, list(plugins.plan_readers().values()))

    # Through the command line: every command that takes a plan reads the new format.
    env = _env_with(tmp_path, fake_lines=LINES_READER)
    plan = tmp_path / "ke-hoach.lines"
    plan.write_text("urbangov-lines 2021-06-01\na;Soạn thảo;5\nb;Ban hành;2\n", encoding="utf-8")
    done = _run("schedule", str(plan), "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["finish"] == "2021-06-09"
    sniffed = tmp_path / "ke-hoach.txt"  # another suffix: found by its first bytes
    sniffed.write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    assert _run("check", str(sniffed), "--lang", "en", env=env).returncode == 1  # no leads
    listed = _run("plugins", env=env).stdout
    assert "plan reader:lines" in listed
    broken = tmp_path / "broken.lines"
    broken.write_text("urbangov-lines 2021-06-01\nonly-one-field\n", encoding="utf-8")
    bad = _run("schedule", str(broken), env=env)
    assert bad.returncode == 2
    assert bad.stderr == f"error: {broken}: line 2: expected id;title;days\n"
