from .cli import exit_on_config_error
from .exceptions import ConfigError
from .preflight import check_config

__all__ = ['ConfigError', 'check_config', 'exit_on_config_error']
