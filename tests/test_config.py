"""Plugin configuration: the file, ``$env`` references, secrets, the hooks, ``--config``,
and ``URBANGOV_TRACE_PLUGINS``."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from tests.examples import HCMC_PLAN
from urbangov.config import (
    Config,
    PluginConfig,
    Secret,
    config_from_dict,
    load_config,
)
from urbangov.errors import ConfigError, PlanFileError, UrbangovError
from urbangov.io import loads_plan
from urbangov.plan import Plan, Task
from urbangov.plugins import Plugins, hookimpl
from urbangov.reporting import Reporter, ReportOptions
from urbangov.scheduling import Schedule, schedule

ROOT = Path(__file__).resolve().parents[1]
HCMC = HCMC_PLAN

SMTP = """
[plugins.smtp]
host = "smtp.hochiminhcity.gov.vn"
port = 587
user = "thongbao"
password = { "$env" = "SMTP_PASSWORD" }
recipients = ["a@x.vn", { "$env" = "EXTRA_RECIPIENT" }]

[plugins.smtp.tls]
verify = true
"""


@attrs.frozen
class Tls:
    verify: bool = True


@attrs.frozen
class SmtpSettings:
    host: str
    user: str
    password: Secret
    port: int = 25
    tls: Tls = Tls()
    recipients: list[str] = attrs.Factory(list)


@pytest.fixture
def smtp_file(tmp_path: Path) -> Path:
    path = tmp_path / "urbangov.toml"
    path.write_text(SMTP, encoding="utf-8")
    return path


def env(**values: str) -> dict[str, str]:
    return values


# -- secrets --------------------------------------------------------------------------------


def test_a_secret_never_shows_itself() -> None:
    secret = Secret("hunter2", variable="SMTP_PASSWORD")
    assert repr(secret) == "Secret('***')"
    assert str(secret) == f"{secret}" == "***"
    assert "hunter2" not in repr([secret, {"k": secret}])
    assert secret.reveal() == "hunter2"
    assert secret == Secret("hunter2", variable="SMTP_PASSWORD")
    assert str not in type(secret).__mro__  # no accidental concatenation or json.dumps
    assert pickle.loads(pickle.dumps(secret)).reveal() == "hunter2"


# -- reading the file -------------------------------------------------------------------------


def test_a_plugin_structures_its_table_with_secrets_from_the_environment(smtp_file: Path) -> None:
    config = load_config(smtp_file, environ=env(SMTP_PASSWORD="hunter2", EXTRA_RECIPIENT="b@x"))
    settings = config.plugin("smtp").structure(SmtpSettings)
    assert settings.password.reveal() == "hunter2"
    assert settings.password.variable == "SMTP_PASSWORD"
    assert (settings.host, settings.port, settings.tls) == ("smtp.hochiminhcity.gov.vn", 587, Tls())
    assert settings.recipients == ["a@x.vn", "b@x"]  # a str field takes $env as text
    assert "hunter2" not in repr(settings)


def test_untyped_reading_masks_whatever_comes_from_the_environment(smtp_file: Path) -> None:
    config = load_config(smtp_file, environ=env(SMTP_PASSWORD="pw", EXTRA_RECIPIENT="b@x"))
    table = config.plugin("smtp")
    assert table["host"] == "smtp.hochiminhcity.gov.vn"
    assert table["password"] == Secret("pw", variable="SMTP_PASSWORD")
    assert table["recipients"] == ("a@x.vn", Secret("b@x", variable="EXTRA_RECIPIENT"))
    tls = table["tls"]
    assert isinstance(tls, PluginConfig)
    assert (tls.path, tls["verify"]) == ("plugins.smtp.tls", True)
    assert table.get("missing", 1) == 1
    assert list(table) == ["host", "port", "user", "password", "recipients", "tls"]
    assert "password" in table
    assert len(config.plugin("nobody")) == 0


def test_references_are_looked_up_when_used_not_when_read(smtp_file: Path) -> None:
    environ: dict[str, str] = {}
    config = load_config(smtp_file, environ=environ)  # no variable set: still fine
    assert config.plugin("smtp")["host"] == "smtp.hochiminhcity.gov.vn"
    environ["SMTP_PASSWORD"] = "later"
    assert config.plugin("smtp")["password"] == Secret("later", variable="SMTP_PASSWORD")


def test_a_missing_variable_names_the_key_path_and_the_variable(smtp_file: Path) -> None:
    config = load_config(smtp_file, environ=env(EXTRA_RECIPIENT="b@x"))
    message = (
        f"{smtp_file}: plugins.smtp.password: the environment variable 'SMTP_PASSWORD' is not set"
    )
    with pytest.raises(ConfigError) as caught:
        config.plugin("smtp").structure(SmtpSettings)
    assert str(caught.value) == message
    assert caught.value.location == "plugins.smtp.password"
    with pytest.raises(ConfigError, match=r"plugins\.smtp\.password: the environment variable"):
        config.plugin("smtp")["password"]
    with pytest.raises(ConfigError, match=r"plugins\.smtp\.recipients\[1\]: .*'EXTRA_RECIP"):
        load_config(smtp_file, environ=env(SMTP_PASSWORD="x")).plugin("smtp")["recipients"]
    assert issubclass(ConfigError, UrbangovError)
    assert issubclass(ConfigError, ValueError)


def test_every_problem_of_a_table_is_located_and_no_value_is_shown() -> None:
    config = config_from_dict(
        {
            "plugins": {
                "smtp": {
                    "host": 5,
                    "user": "u",
                    "password": "hunter2",  # a secret written in the file
                    "port": {"$env": "SMTP_PORT"},
                    "tls": {"verify": {"$env": "SMTP_PASSWORD"}},
                    "colour": "red",
                }
            }
        },
        source="urbangov.toml",
        environ=env(SMTP_PORT="58x7", SMTP_PASSWORD="hunter2"),
    )
    with pytest.raises(ConfigError) as caught:
        config.plugin("smtp").structure(SmtpSettings)
    problems = dict(caught.value.problems)
    assert str(caught.value).startswith("urbangov.toml: plugins.smtp.host: expected a string")
    assert "(and 4 more problem(s))" in str(caught.value)
    assert problems["plugins.smtp.password"].startswith("a secret is not written in the file")
    assert problems["plugins.smtp.port"] == (
        "expected a whole number in the environment variable 'SMTP_PORT'"
    )
    assert problems["plugins.smtp.tls.verify"] == (
        "expected true or false, got the environment variable 'SMTP_PASSWORD'"
    )
    assert problems["plugins.smtp"] == "unknown key 'colour'"
    assert "hunter2" not in repr(caught.value.problems)
    assert "58x7" not in repr(caught.value.problems)


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        ({"plugin": {}}, "(top level)", "unknown key 'plugin'"),
        ({"plugins": "smtp"}, "plugins", "expected a table, got text"),
        ({"plugins": {"smtp": "hunter2"}}, "plugins.smtp", "expected a table, got text"),
        (
            {"plugins": {"a": {"k": {"$env": "lower-case ok? no"}}}},
            "plugins.a.k.$env",
            "expected the name of an environment variable",
        ),
        (
            {"plugins": {"a": {"k": [{"$env": "A", "default": "x"}]}}},
            "plugins.a.k[0]",
            'a { "$env" = ... } table takes no other key',
        ),
    ],
)
def test_a_malformed_file_is_refused_where_it_is_wrong(
    data: dict[str, object], location: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        config_from_dict(data, source="u.toml")
    assert caught.value.location == location
    assert message in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_where_the_file_is_found(
    tmp_path: Path, smtp_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "other.toml"
    other.write_text('[plugins.x]\nk = "other"\n', encoding="utf-8")
    assert load_config(environ={}).plugin("smtp")["port"] == 587  # ./urbangov.toml
    assert load_config(environ={"URBANGOV_CONFIG": str(other)}).source == str(other)
    assert load_config(other, environ={"URBANGOV_CONFIG": "nope.toml"}).plugin("x")["k"] == "other"
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file"):
        load_config(environ={"URBANGOV_CONFIG": "nope.toml"})
    smtp_file.unlink()
    assert load_config(environ={}) == Config()  # no file: an empty configuration
    bad = tmp_path / "bad.toml"
    bad.write_text("[plugins.x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: invalid TOML"):
        load_config(bad)


def test_plan_files_never_take_references_or_plugin_tables() -> None:
    with pytest.raises(PlanFileError, match=r"title: .*\$env"):
        loads_plan(
            '[plan]\nid = "p"\ntitle = { "$env" = "SMTP_PASSWORD" }\nstart = 2021-01-04\n',
            format="toml",
        )
    with pytest.raises(PlanFileError, match="unknown key 'plugins'"):
        loads_plan(
            '[plan]\nid = "p"\ntitle = "P"\nstart = 2021-01-04\n[plugins.smtp]\npassword = "x"\n',
            format="toml",
        )


# -- plugins receive it ------------------------------------------------------------------------


def _tiny() -> Schedule:
    return schedule(Plan("p", "P", dt.date(2021, 1, 4), tasks=[Task("a", "A", 2)]))


class Signed:
    """A reporter that signs its output with a key from its configuration."""

    @hookimpl
    def urbangov_register_reporters(
        self, register: Callable[[Reporter], None], config: Config
    ) -> None:
        table = config.plugin("signed")

        def render(sched: Schedule, options: ReportOptions) -> str:
            key = table.structure(SignedSettings).key  # at use time
            return f"{len(sched)} tasks signed with {len(key.reveal())} characters\n"

        register(Reporter("signed", "Signed", ".txt", "text/plain", render))


@attrs.frozen
class SignedSettings:
    key: Secret


def test_hooks_that_name_config_receive_it() -> None:
    config = config_from_dict(
        {"plugins": {"signed": {"key": {"$env": "SIGNING_KEY"}}}}, environ={"SIGNING_KEY": "abcd"}
    )
    plugins = Plugins(entry_points=False, extra=[Signed()], config=config)
    assert plugins.config is config
    rendered = plugins.reporter("signed").render(_tiny(), ReportOptions())
    assert rendered == "1 tasks signed with 4 characters\n"


def test_a_missing_secret_only_matters_to_the_format_that_uses_it() -> None:
    config = config_from_dict({"plugins": {"signed": {"key": {"$env": "SIGNING_KEY"}}}}, environ={})
    plugins = Plugins(entry_points=False, extra=[Signed()], config=config)
    assert plugins.reporter("csv").render(_tiny(), ReportOptions())  # others work
    with pytest.raises(ConfigError, match=r"plugins\.signed\.key: the environment variable"):
        plugins.reporter("signed").render(_tiny(), ReportOptions())


def test_configure_replaces_the_configuration_and_asks_again() -> None:
    seen: list[Config] = []

    class Spy:
        @hookimpl
        def urbangov_register_calendars(self, register: object, config: Config) -> None:
            seen.append(config)

    plugins = Plugins(entry_points=False, extra=[Spy()], config=Config(source="a"))
    plugins.calendars()
    plugins.configure(Config(source="b"))
    plugins.calendars()
    assert [c.source for c in seen] == ["a", "b"]


def test_the_default_configuration_is_read_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("URBANGOV_CONFIG", raising=False)
    plugins = Plugins(entry_points=False)
    (tmp_path / "urbangov.toml").write_text("[plugins.x]\nk = 1\n", encoding="utf-8")
    assert plugins.config.plugin("x")["k"] == 1


# -- the command line ----------------------------------------------------------------------


PLUGIN = """
from urbangov.plugins import hookimpl
from urbangov.reporting import Reporter

@hookimpl
def urbangov_register_reporters(register, config):
    table = config.plugin("fake_signed")
    def render(schedule, options):
        return f"key {table['key']!r} {table['key']} {len(table['key'].reveal())}\\n"
    register(Reporter("signed", "Signed", ".txt", "text/plain", render))
"""


def _run(*args: str, cwd: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("URBANGOV_")}
    environ.update(env_vars)
    environ["PYTHONPATH"] = os.pathsep.join([str(cwd), environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "urbangov", *args],
        capture_output=True,
        text=True,
        check=False,
        env=environ,
        cwd=cwd,
    )


def test_the_command_line_takes_config_and_never_prints_the_secret(tmp_path: Path) -> None:
    (tmp_path / "fake_signed.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    conf = tmp_path / "conf.toml"
    conf.write_text('[plugins.fake_signed]\nkey = { "$env" = "SIGNING_KEY" }\n', encoding="utf-8")
    args = ("report", str(HCMC), "-f", "signed")
    done = _run("--config", str(conf), *args, cwd=tmp_path, URBANGOV_PLUGINS="fake_signed",
                SIGNING_KEY="hunter2")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "key Secret('***') *** 7\n"
    assert "hunter2" not in done.stdout + done.stderr

    missing = _run("--config", str(conf), *args, cwd=tmp_path, URBANGOV_PLUGINS="fake_signed")
    assert missing.returncode == 2
    assert missing.stderr == (
        f"error: {conf}: plugins.fake_signed.key: "
        "the environment variable 'SIGNING_KEY' is not set\n"
    )
    nowhere = _run("--config", str(tmp_path / "nope.toml"), "plugins", cwd=tmp_path)
    assert nowhere.returncode == 2
    assert nowhere.stderr.startswith("error: ")
    assert "nope.toml: no such file" in nowhere.stderr


# -- URBANGOV_TRACE_PLUGINS ----------------------------------------------------------------------


def test_tracing_names_each_plugin_that_ran_and_how_long(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import click

    monkeypatch.setenv("URBANGOV_TRACE_PLUGINS", "1")
    plugins = Plugins(entry_points=False, config=Config())
    plugins.reporters()
    plugins.register_commands(click.Group("u"))
    lines = capsys.readouterr().err.splitlines()
    assert any(
        line.startswith("urbangov: hook urbangov_register_reporters <- urbangov.builtins.ics (")
        and line.endswith(" ms)")
        for line in lines
    ), lines
    (commands,) = [line for line in lines if "urbangov_register_commands" in line]
    assert "urbangov.builtins.commands" in commands
    monkeypatch.delenv("URBANGOV_TRACE_PLUGINS")
    Plugins(entry_points=False, config=Config()).reporters()
    assert capsys.readouterr().err == ""


def test_tracing_shows_a_hook_that_raised_and_no_arguments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Broken:
        @hookimpl
        def urbangov_register_reporters(self, config: Config) -> None:
            config.plugin("broken")["key"]

    config = config_from_dict({"plugins": {"broken": {"key": {"$env": "K"}}}}, environ={"K": "s3"})
    plugins = Plugins(entry_points=False, extra=[Broken()], config=config, trace=True)
    plugins.reporters()
    err = capsys.readouterr().err
    assert "urbangov_register_reporters <- " in err
    assert "s3" not in err
    missing = config_from_dict({"plugins": {"broken": {"key": {"$env": "K"}}}}, environ={})
    plugins = Plugins(entry_points=False, extra=[Broken()], config=missing, trace=True)
    with pytest.warns(RuntimeWarning, match="plugin 'Broken' failed in .*: ConfigError: "):
        assert "json" in plugins.reporters()  # the other plugins still work
    assert capsys.readouterr().err.rstrip().endswith("raised ConfigError")
    strict = Plugins(entry_points=False, extra=[Broken()], config=missing, strict=True)
    with pytest.raises(ConfigError):
        strict.reporters()


def test_tracing_from_the_command_line(tmp_path: Path) -> None:
    # --help lists every command, so the plugins' commands are asked for.
    done = _run("--help", cwd=tmp_path, URBANGOV_TRACE_PLUGINS="1")
    assert done.returncode == 0, done.stderr
    assert "urbangov: hook urbangov_register_commands <- " in done.stderr
    # A built-in command needs no plugin: the hook is not called.
    done = _run("schedule", "--help", cwd=tmp_path, URBANGOV_TRACE_PLUGINS="1")
    assert "urbangov_register_commands" not in done.stderr
