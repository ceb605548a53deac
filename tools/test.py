# Evaluate a checkpoint on a config's test set. Flags follow mmpretrain's
# tools/test.py.
import argparse
import gc
import os
import os.path as osp
import sys

# The plugin goes first: it makes mmrazor/mmengine work on this torch.
sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
import mmrazor_sftkd  # noqa: E402,F401
import torch  # noqa: E402
from mmengine.registry import RUNNERS  # noqa: E402
from mmengine.runner import Runner  # noqa: E402

from mmrazor_sftkd.utils import (CfgOptions, ConfigError,  # noqa: E402
                                 check_checkpoints_fit, check_config,
                                 exit_finished_distributed_run,
                                 exit_on_config_error, load_config)
from mmrazor_sftkd.utils.cli import add_default_hooks  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description='Evaluate a checkpoint')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--work-dir',
        help='the directory to save the file containing evaluation metrics')
    parser.add_argument(
        '--out',
        help='dump the per-sample predictions: a .pth file holds the '
        'scores and labels as tensors (DumpScores), a .pkl file the whole '
        'data samples pickled (DumpResults)')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=CfgOptions,
        help='override settings in the config, as key=value pairs')
    parser.add_argument(
        '--amp',
        action='store_true',
        help='enable automatic-mixed-precision test (needs a GPU)')
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
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir', None) is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    cfg.load_from = args.checkpoint
    cfg.resume = False
    if args.amp:
        cfg.test_cfg.fp16 = True
        if not torch.cuda.is_available():
            raise ConfigError('--amp needs a CUDA device; none is available.')
    if args.out:
        cfg.test_evaluator = [cfg.test_evaluator] if isinstance(
            cfg.test_evaluator, dict) else list(cfg.test_evaluator)
        # .pth: scores and labels as tensors (reads back weights-only);
        # .pkl: mmengine's pickle of whole data samples.
        dump = 'mmpretrain.DumpScores' if args.out.endswith(
            ('.pth', '.pt')) else 'mmengine.DumpResults'
        cfg.test_evaluator.append(dict(type=dump, out_file_path=args.out))
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    add_default_hooks(cfg, [dict(type='mmrazor.ComputeTimeHook')])
    # Evaluation never needs persistent workers.
    loader = cfg.test_dataloader
    if not loader.get('num_workers', 0):
        loader.persistent_workers = False
    return cfg


def main():
    # The imported stack is never garbage. mmengine's datasets call
    # gc.collect() when they are built, which then skips it: 0.2 s a dataset
    gc.freeze()
    args = parse_args()
    with exit_on_config_error('test.py'):
        cfg = merge_args(load_config(args.config), args)
        check_config(cfg, training=False)
        if 'runner_type' not in cfg:
            runner = Runner.from_cfg(cfg)
        else:
            runner = RUNNERS.build(cfg)
        check_checkpoints_fit(runner.model, cfg, 'checkpoint')
        metrics = runner.test()
    # MMRazor's validation loops (also usable as test loops) return nothing
    if metrics:
        print({k: round(float(v), 4) for k, v in metrics.items()})
    exit_finished_distributed_run()


if __name__ == '__main__':
    main()
