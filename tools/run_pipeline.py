# Run a whole study from a pipeline config, then write results tables and
# plots:  python tools/run_pipeline.py configs/pipelines/sftn_digits.py
import argparse
import os
import os.path as osp
import sys

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
import mmrazor_sftkd  # noqa: E402,F401
from mmengine.config import Config  # noqa: E402

from mmrazor_sftkd.pipeline import (Study, summarise,  # noqa: E402
                                    write_plots, write_tables)
from mmrazor_sftkd.utils import exit_on_config_error  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(
        description='Run the study of a pipeline config: every stage for '
        'every seed (train, then test), then tables and plots; finished '
        'stages are skipped, an interrupted one is resumed.')
    parser.add_argument('config', help='pipeline config file')
    parser.add_argument(
        '--work-dir',
        help='where stages and results go (default: work_dirs/<config>)')
    parser.add_argument(
        '--seeds',
        type=int,
        nargs='+',
        help='run only these seeds (e.g. a one-seed pilot); overrides the '
        'config')
    parser.add_argument(
        '--stages',
        nargs='+',
        help='run and report only these stages and the stages they take '
        'inputs from')
    parser.add_argument(
        '--results-dir',
        help='where tables and plots go (default: the work dir); lets a '
        'search share a study\'s work dir, and so its finished stages, '
        'without replacing its tables')
    parser.add_argument(
        '--split',
        choices=['test', 'val'],
        default='test',
        help='the figures the tables report: test (final figures; the '
        'default) or val (a search: choose on validation figures only)')
    parser.add_argument(
        '--tables-only',
        action='store_true',
        help='train nothing: write the tables and plots of the stages that '
        'have finished')
    parser.add_argument(
        '--nproc',
        type=int,
        help='processes per stage (tools/dist_train.sh); overrides the '
        'config')
    args = parser.parse_args()
    if not osp.isfile(args.config):
        parser.error(f'config file {args.config!r} does not exist')
    return args


def main():
    args = parse_args()
    with exit_on_config_error('run_pipeline.py'):
        cfg = Config.fromfile(args.config)
        pipeline = cfg.pipeline.to_dict()
        if args.nproc:
            pipeline['nproc'] = args.nproc
        if args.seeds:
            pipeline['seeds'] = args.seeds
        work_dir = args.work_dir or osp.join(
            'work_dirs', osp.splitext(osp.basename(args.config))[0])
        study = Study(
            pipeline,
            work_dir,
            only=args.stages,
            config_dir=osp.dirname(osp.abspath(args.config)))
    try:
        with exit_on_config_error('run_pipeline.py'):
            if not args.tables_only:
                study.run()
    except (RuntimeError, FileNotFoundError) as error:
        sys.exit(f'run_pipeline.py: error: {error}')
    tables = summarise(study, args.split)
    results_dir = args.results_dir or work_dir
    os.makedirs(results_dir, exist_ok=True)
    paths = write_tables(tables, pipeline['seeds'],
                         results_dir) + write_plots(study, tables, results_dir)
    with open(paths[0]) as f:
        print(f.read())
    print('wrote ' + ', '.join(paths))


if __name__ == '__main__':
    main()
