from .amp import amp_optim_wrapper
from .checkpoint_fit import check_checkpoints_fit
from .cli import CfgOptions, exit_on_config_error, load_config
from .dist_exit import exit_finished_distributed_run
from .exceptions import ConfigError, TrainingError
from .preflight import check_config

__all__ = [
    'CfgOptions', 'ConfigError', 'TrainingError', 'amp_optim_wrapper',
    'check_checkpoints_fit', 'check_config', 'exit_on_config_error',
    'exit_finished_distributed_run', 'load_config'
]
