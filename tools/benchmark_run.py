# Whole-run benchmark: `tools/train.py` against a plain PyTorch script of the
# same recipe (tools/plain_digits_train.py), both timed as whole processes,
# paired and interleaved, for KD, SFTN, CTKD and IE+KD on digits.
#   python tools/benchmark_run.py --epochs 8 --repeats 3
import argparse
import glob
import json
import os
import os.path as osp
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))

#: Per method: the config, and the checkpoint inputs of both commands
#: ({teacher}: a resnet56 digits teacher; {ae}: IE's auto-encoder stage).
METHODS = dict(
    kd=dict(
        config='configs/distill/kd_resnet56_resnet20_digits.py',
        options=['model.teacher_ckpt={teacher}'],
        plain=['--teacher-ckpt', '{teacher}']),
    sftn=dict(
        config='configs/sftkd/sftn_resnet56_resnet20_digits.py',
        options=[],
        plain=[]),
    ctkd=dict(
        config='configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py',
        options=['model.teacher_ckpt={teacher}'],
        plain=['--teacher-ckpt', '{teacher}']),
    iekd=dict(
        config='configs/iekd/iekd_resnet56_resnet20_digits.py',
        options=[
            'model.teacher_ckpt={teacher}',
            'model.distiller.init_cfg.checkpoint={ae}'
        ],
        plain=['--teacher-ckpt', '{teacher}', '--ae-ckpt', '{ae}']),
)


def parse_args():
    parser = argparse.ArgumentParser(
        description='Time tools/train.py against the plain PyTorch yardstick '
        '(tools/plain_digits_train.py) as whole processes, paired and '
        'interleaved.')
    parser.add_argument('--methods', nargs='+', choices=list(METHODS),
                        default=list(METHODS))
    parser.add_argument('--epochs', type=int, default=8)
    parser.add_argument('--repeats', type=int, default=3,
                        help='pairs per method')
    parser.add_argument('--threads', type=int, default=os.cpu_count() or 1,
                        help='OMP_NUM_THREADS of every run (default: all '
                        'cores; the runs go one at a time)')
    parser.add_argument('--work-dir', default='work_dirs/benchmark_run')
    return parser.parse_args()


def run(cmd, env, log):
    """Run ``cmd``; its wall and CPU seconds and launch time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    launched = time.time()
    start = time.perf_counter()
    with open(log, 'w') as f:
        code = subprocess.call(cmd, cwd=REPO, env=env, stdout=f,
                               stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code != 0:
        sys.exit(f'benchmark_run.py: error: {" ".join(cmd)} failed '
                 f'({code}); see {log}')
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime -
                                                before.ru_stime)
    return dict(wall=wall, cpu=cpu, launched=launched)


def last_checkpoint(work_dir):
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


def prepare_inputs(args, env):
    """A resnet56 teacher (2 epochs) and IE's auto-encoder stage (1 epoch):
    inputs of the timed runs, trained once and kept."""
    root = osp.abspath(osp.join(args.work_dir, 'inputs'))
    teacher_dir, ae_dir = osp.join(root, 'teacher'), osp.join(root, 'ae')
    steps = (
        (teacher_dir, 'configs/teachers/resnet56_digits.py',
         ['train_cfg.max_epochs=2']),
        (ae_dir, 'configs/iekd/ae_resnet56_digits.py',
         ['train_cfg.max_epochs=1']),
    )
    for work_dir, config, options in steps:
        if osp.isfile(osp.join(work_dir, 'last_checkpoint')):
            continue
        if work_dir == ae_dir:
            options = options + [
                f'model.teacher_ckpt={last_checkpoint(teacher_dir)}'
            ]
        os.makedirs(work_dir, exist_ok=True)
        print(f'preparing {work_dir}', flush=True)
        run([sys.executable, 'tools/train.py', config, '--work-dir', work_dir,
             '--cfg-options'] + options, env, osp.join(work_dir, 'out.log'))
    return dict(teacher=last_checkpoint(teacher_dir),
                ae=last_checkpoint(ae_dir))


def framework_run(method, args, inputs, env, work_dir):
    spec = METHODS[method]
    options = [o.format(**inputs) for o in spec['options']]
    cmd = [
        sys.executable, 'tools/train.py', spec['config'], '--work-dir',
        work_dir, '--cfg-options', f'train_cfg.max_epochs={args.epochs}',
        'randomness.seed=0'
    ] + options
    timing = run(cmd, env, work_dir + '.log')
    (path, ) = glob.glob(osp.join(work_dir, '*', 'compute_time.json'))
    with open(path) as f:
        t = json.load(f)
    timing.update(
        fixed=t['train_start_at'] - timing['launched'],
        first_iter=t['first_iter_s'],
        train=t['train_s'],
        val=t['val_s'],
        per_iter=(t['train_s'] - t['first_iter_s']) / (t['train_iters'] - 1))
    return timing


def plain_run(method, args, inputs, env, work_dir):
    spec = METHODS[method]
    cmd = [
        sys.executable, 'tools/plain_digits_train.py', method, '--work-dir',
        work_dir, '--epochs', str(args.epochs), '--seed', '0'
    ] + [a.format(**inputs) for a in spec['plain']]
    timing = run(cmd, env, work_dir + '.log')
    with open(work_dir + '.log') as f:
        text = f.read()
    t = {k: float(v) for k, v in re.findall(r'(\w+_s)=([\d.]+)', text)}
    iters = sum(int(n) for n in re.findall(r'iters=(\d+)', text))
    timing.update(
        fixed=t['import_s'] + t['build_s'],
        first_iter=t['first_iter_s'],
        train=t['train_s'] + t['first_iter_s'],
        val=t['val_s'],
        per_iter=t['train_s'] / (iters - 1))
    return timing


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    args = parse_args()
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    env['PYTHONPATH'] = REPO + os.pathsep + env.get('PYTHONPATH', '')
    os.makedirs(args.work_dir, exist_ok=True)
    inputs = prepare_inputs(args, env)
    runs = {m: dict(framework=[], plain=[]) for m in args.methods}
    for repeat in range(args.repeats):
        for index, method in enumerate(args.methods):
            kinds = ['framework', 'plain']
            if (repeat + index) % 2:
                kinds.reverse()  # each goes first in half of the pairs
            for kind in kinds:
                work_dir = osp.abspath(
                    osp.join(args.work_dir, f'{method}_{kind}'))
                shutil.rmtree(work_dir, ignore_errors=True)
                timer = framework_run if kind == 'framework' else plain_run
                timing = timer(method, args, inputs, env, work_dir)
                runs[method][kind].append(timing)
                print(f'repeat {repeat + 1}/{args.repeats} {method:5s} '
                      f'{kind:9s} wall {timing["wall"]:6.1f} s, cpu '
                      f'{timing["cpu"]:6.1f} s, per iter '
                      f'{timing["per_iter"] * 1000:6.1f} ms', flush=True)

    print(f'\n{args.epochs} epochs, {args.repeats} pairs per method, '
          f'OMP_NUM_THREADS={args.threads}; medians, ratio = train.py / '
          'plain (min-max over pairs)\n')
    print('| method | train.py wall s | plain wall s | wall ratio | CPU ratio '
          '| per-iter ms (train.py / plain) | per-iter ratio |')
    print('|---|---|---|---|---|---|---|')
    for method, pair in runs.items():
        fw, pl = pair['framework'], pair['plain']
        ratios = {
            key: sorted(f[key] / p[key] for f, p in zip(fw, pl))
            for key in ('wall', 'cpu', 'per_iter')
        }

        def ratio(key):
            values = ratios[key]
            return (f'{statistics.median(values):.3f} '
                    f'({values[0]:.3f}-{values[-1]:.3f})')

        print(f'| {method} | {median(fw, "wall"):.1f} | '
              f'{median(pl, "wall"):.1f} | {ratio("wall")} | '
              f'{ratio("cpu")} | {median(fw, "per_iter") * 1000:.1f} / '
              f'{median(pl, "per_iter") * 1000:.1f} | {ratio("per_iter")} |')
    print('\nWhere the wall time goes (medians, s): fixed = launch to the '
          'first epoch (train.py) or imports + building (plain); rest = '
          'checkpoints, logging, exit\n')
    print('| method | run | fixed | first iter | train (rest) | val | rest |')
    print('|---|---|---|---|---|---|---|')
    for method, pair in runs.items():
        for kind, timings in pair.items():
            fixed, first = median(timings, 'fixed'), median(
                timings, 'first_iter')
            train, val = median(timings, 'train'), median(timings, 'val')
            rest = median(timings, 'wall') - fixed - train - val
            name = 'train.py' if kind == 'framework' else 'plain'
            print(f'| {method} | {name} | {fixed:.1f} | {first:.2f} | '
                  f'{train - first:.1f} | {val:.1f} | {rest:.1f} |')


if __name__ == '__main__':
    main()
