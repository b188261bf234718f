"""Configuration for plugins: a table per plugin in ``urbangov.toml``, secrets from the
environment.

.. code-block:: toml

    [plugins.urbangov-smtp]
    host = "smtp.hochiminhcity.gov.vn"
    user = "thongbao"
    password = { "$env" = "SMTP_PASSWORD" }

Any value may be ``{ "$env" = "VARIABLE" }``: it is looked up when the plugin reads
it, never stored in the file, and comes back as a :class:`Secret` that prints as
``***``. Plugins receive the :class:`Config` as the ``config`` argument of the hooks
that take one, or from :attr:`urbangov.plugins.Plugins.config`.
"""

from urbangov.config._config import (
    CONFIG_ENV,
    DEFAULT_CONFIG_FILE,
    Config,
    PluginConfig,
    config_from_dict,
    load_config,
)
from urbangov.config._secret import Secret

__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG_FILE",
    "Config",
    "PluginConfig",
    "Secret",
    "config_from_dict",
    "load_config",
]
