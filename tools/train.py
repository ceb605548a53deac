# Train a model (classifier, SFTN teacher or distiller) from a config.
# Flags follow mmpretrain's tools/train.py.
import argparse
import gc
import os
import os.path as osp
import sys
from copy import deepcopy

# The plugin goes first: it makes mmrazor/mmengine work on this torch.
sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
import mmrazor_sftkd  # noqa: E402,F401
import torch  # noqa: E402
from mmengine.config import ConfigDict  # noqa: E402
from mmengine.registry import RUNNERS  # noqa: E402
from mmengine.runner import Runner  # noqa: E402

from mmrazor_sftkd.utils import (CfgOptions,  # noqa: E402
                                 amp_optim_wrapper,
                                 check_checkpoints_fit, check_config,
                                 exit_finished_distributed_run,
                                 exit_on_config_error, load_config)
from mmrazor_sftkd.utils.cli import (VIS_BACKENDS,  # noqa: E402
                                     add_default_hooks, add_vis_backends)


def parse_args():
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--resume',
        nargs='?',
        type=str,
        const='auto',
        help='If a checkpoint path is given, resume from it; without one, '
        'resume from the latest checkpoint in the work directory.')
    parser.add_argument(
        '--amp',
        action='store_true',
        help='enable automatic-mixed-precision training (needs a GPU); '
        'with one optimizer per network, each gets AmpOptimWrapper')
    parser.add_argument(
        '--compile',
        action='store_true',
        help='torch.compile the train step (mmengine\'s compile=True; a '
        'config may set compile to a dict of torch.compile arguments)')
    parser.add_argument(
        '--channels-last',
        action='store_true',
        help='train in the channels_last memory format (the config key '
        'channels_last = True does the same)')
    parser.add_argument(
        '--no-validate',
        action='store_true',
        help='do not evaluate checkpoints during training')
    parser.add_argument(
        '--auto-scale-lr',
        action='store_true',
        help='scale the learning rate by the actual total batch size')
    parser.add_argument(
        '--no-pin-memory',
        action='store_true',
        help='disable pin_memory in the dataloaders')
    parser.add_argument(
        '--no-persistent-workers',
        action='store_true',
        help='disable persistent_workers in the dataloaders')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=CfgOptions,
        help='override settings in the config, as key=value pairs; '
        'e.g. train_cfg.max_epochs=2 or key="[a,b]"')
    parser.add_argument(
        '--vis',
        nargs='+',
        choices=sorted(VIS_BACKENDS),
        default=[],
        help='also log to TensorBoard and/or Weights & Biases (mmengine\'s '
        'VisBackends), next to vis_data/scalars.json')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm', 'mpi'],
        default='none',
        help='job launcher')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args()
    if not osp.isfile(args.config):
        parser.error(f'config file {args.config!r} does not exist')
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(args.local_rank)
    return args


def merge_args(cfg, args):
    """Merge command-line arguments into the config."""
    if args.no_validate:
        cfg.val_cfg = None
        cfg.val_dataloader = None
        cfg.val_evaluator = None
    cfg.launcher = args.launcher
    # work_dir: command line > config > config file name
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.amp:
        cfg.optim_wrapper = amp_optim_wrapper(cfg.optim_wrapper)
    if args.channels_last:
        cfg.channels_last = True
    if args.resume == 'auto':
        cfg.resume = True
        cfg.load_from = None
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    # After --cfg-options: torch.compile arguments given there win.
    if args.compile and not isinstance(cfg.get('compile'), dict):
        cfg.compile = True
    add_vis_backends(cfg, args.vis)
    defaults = [
        dict(type='mmrazor.ClassCountHook'),
        dict(type='mmrazor.InputChannelsHook'),
        dict(type='mmrazor.ComputeTimeHook')
    ]
    if not cfg.get('allow_non_finite_loss', False):
        defaults.append(dict(type='mmrazor.FiniteLossHook'))
    if cfg.get('channels_last', False):
        defaults.append(dict(type='mmrazor.ChannelsLastHook'))
    # checkpoints carry the random generators, so that --resume is exact
    defaults.append(dict(type='mmrazor.ExactResumeHook'))
    add_default_hooks(cfg, defaults)

    default_dataloader_cfg = ConfigDict(
        # pinned memory only helps copies to a GPU; torch warns without one
        pin_memory=torch.cuda.is_available(),
        persistent_workers=True,
        collate_fn=dict(type='default_collate'),
    )
    for field in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        if cfg.get(field, None) is None:
            continue
        dataloader_cfg = deepcopy(default_dataloader_cfg)
        dataloader_cfg.update(cfg[field])
        if args.no_pin_memory:
            dataloader_cfg.pin_memory = False
        if args.no_persistent_workers or not dataloader_cfg.get(
                'num_workers', 0):
            # torch refuses persistent workers without workers
            dataloader_cfg.persistent_workers = False
        cfg[field] = dataloader_cfg
    return cfg


def main():
    # The imported stack is never garbage. mmengine's datasets call
    # gc.collect() when they are built, which then skips it: 0.2 s a dataset
    gc.freeze()
    args = parse_args()
    with exit_on_config_error('train.py'):
        cfg = merge_args(load_config(args.config), args)
        check_config(cfg)
        if 'runner_type' not in cfg:
            runner = Runner.from_cfg(cfg)
        else:
            runner = RUNNERS.build(cfg)
        check_checkpoints_fit(runner.model, cfg, '--resume' if cfg.get('resume') else 'load_from')
        runner.train()
    exit_finished_distributed_run()


if __name__ == '__main__':
    main()
