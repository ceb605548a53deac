from .cli import exit_on_config_error
from .dist_exit import exit_finished_distributed_run
from .exceptions import ConfigError, TrainingError
from .preflight import check_config

__all__ = [
    'ConfigError', 'TrainingError', 'check_config', 'exit_on_config_error',
    'exit_finished_distributed_run'
]
