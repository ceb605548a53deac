# Two training runs side by side against the same two one after the other:
#   python tools/benchmark_threads.py [--config C] [--epochs N] [--repeats R]
# Each run is a whole tools/train.py process. Three schedules, interleaved
# per repeat: one after the other with every core each; side by side with
# cores / 2 threads each (what the study runner and dist_train.sh set); side
# by side with every core each (what happens when nothing sets the threads).
import argparse
import os
import os.path as osp
import statistics
import subprocess
import sys
import tempfile
import time

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(
        description='Wall time of two training runs side by side, with and '
        'without their share of the cores, against one after the other.')
    parser.add_argument('--config',
                        default='configs/teachers/resnet20_digits.py')
    parser.add_argument('--epochs', type=int, default=2)
    parser.add_argument('--repeats', type=int, default=2)
    parser.add_argument('--cores', type=int, default=os.cpu_count() or 1)
    return parser.parse_args()


def start(args, work_dir, seed, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    env['PYTHONPATH'] = REPO + os.pathsep + env.get('PYTHONPATH', '')
    cmd = [sys.executable, osp.join(REPO, 'tools', 'train.py'), args.config,
           '--work-dir', work_dir, '--cfg-options',
           f'train_cfg.max_epochs={args.epochs}', f'randomness.seed={seed}']
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait(processes):
    for process in processes:
        if process.wait() != 0:
            sys.exit(f'a run failed: {process.args}')


def timed(side_by_side, threads, args, root):
    begin = time.perf_counter()
    runs = [(osp.join(root, f'run{seed}'), seed) for seed in (0, 1)]
    if side_by_side:
        wait([start(args, work_dir, seed, threads) for work_dir, seed in runs])
    else:
        for work_dir, seed in runs:
            wait([start(args, work_dir, seed, threads)])
    return time.perf_counter() - begin


def main():
    args = parse_args()
    share = max(1, args.cores // 2)
    # name: (side by side, threads per run)
    schedules = {
        'one after the other': (False, args.cores),
        f'side by side, {share} thread(s) each (their share)': (True, share),
        f'side by side, {args.cores} threads each': (True, args.cores),
    }
    seconds = {name: [] for name in schedules}
    for _ in range(args.repeats):
        for name, (side_by_side, threads) in schedules.items():
            with tempfile.TemporaryDirectory() as root:
                seconds[name].append(
                    timed(side_by_side, threads, args, root))
    print(f'{args.config}, {args.epochs} epochs, 2 runs, {args.cores} cores, '
          f'{args.repeats} repeats (interleaved)')
    print('| schedule | wall s (median) | each repeat |')
    print('|---|---|---|')
    for name in schedules:
        each = ' / '.join(f'{s:.1f}' for s in seconds[name])
        print(f'| {name} | {statistics.median(seconds[name]):.1f} | {each} |')
    base, shared = (statistics.median(seconds[name])
                    for name in list(schedules)[:2])
    print(f'side by side (share) / one after the other = {shared / base:.3f} '
          '(target <= 1.00)')


if __name__ == '__main__':
    main()
