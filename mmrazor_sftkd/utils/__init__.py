from .amp import amp_optim_wrapper
from .cli import CfgOptions, exit_on_config_error, load_config
from .dist_exit import exit_finished_distributed_run
from .exceptions import ConfigError, TrainingError
from .preflight import check_config

__all__ = [
    'CfgOptions', 'ConfigError', 'TrainingError', 'amp_optim_wrapper',
    'check_config', 'exit_on_config_error', 'exit_finished_distributed_run',
    'load_config'
]
