# Training-step time, throughput and peak memory of SFTN and the other
# algorithms, side by side in one process:
#   python tools/benchmark_step.py [--device cuda] [--amp] [--compile]
import argparse
import copy
import os.path as osp
import statistics
import sys
import tempfile
import time

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
import mmrazor_sftkd  # noqa: E402,F401
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from mmengine.config import Config  # noqa: E402
from mmengine.dataset import pseudo_collate  # noqa: E402
from mmengine.logging import MMLogger  # noqa: E402
from mmengine.optim import build_optim_wrapper  # noqa: E402
from mmengine.registry import init_default_scope  # noqa: E402
from mmrazor.registry import MODELS  # noqa: E402

from mmrazor_sftkd.datasets import DigitsDataset  # noqa: E402
from mmrazor_sftkd.utils import amp_optim_wrapper  # noqa: E402
from mmrazor_sftkd.utils.teacher_export import save_teacher  # noqa: E402

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
SFTN_CFG = 'configs/sftkd/sftn_resnet56_resnet20_digits.py'
KD_CFG = 'configs/distill/kd_resnet56_resnet20_digits.py'
SFTN_IN1K_CFG = 'configs/sftkd/sftn_resnet34_resnet18_in1k.py'
# Optional variants (config, cfg overrides; EXPERT is replaced by a
# checkpoint of random teacher weights), benchmarked when the config exists.
EXPERT = '<expert checkpoint>'
OPTIONAL = {
    'e. CTKD step': ('configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py',
                     {'model.teacher_ckpt': EXPERT}),
    'f. IE-KD step': ('configs/iekd/iekd_resnet56_resnet20_digits.py', {
        'model.teacher_ckpt': None,
        'model.distiller.init_cfg': None
    }),
}


def parse_args():
    parser = argparse.ArgumentParser(
        description='Time training steps of the plain teacher, SFTN (through '
        'mmengine and as a hand-written PyTorch step), stock MMRazor KD and '
        'the other algorithms, interleaved in one process.')
    parser.add_argument('--device', default='cpu')
    parser.add_argument(
        '--amp', action='store_true',
        help='mixed precision: AmpOptimWrapper (needs a GPU), autocast and '
        'a GradScaler in the pure PyTorch steps')
    parser.add_argument(
        '--compile', nargs='?', const='inductor', default=None,
        metavar='BACKEND',
        help='torch.compile every step, as mmengine\'s compile=True does '
        '(train_step; the whole pure PyTorch step), with this backend '
        '(default inductor; eager checks the path without a compiler)')
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--iters', type=int, default=5, help='steps per round')
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument(
        '--in1k-size', type=int, default=112,
        help='image size of the ImageNet-scale R34->R18 SFTN rows '
        '(0: skip them)')
    parser.add_argument('--in1k-batch', type=int, default=8)
    parser.add_argument('--threads', type=int, default=0,
                        help='torch threads on CPU (0: leave as is)')
    parser.add_argument(
        '--verbose', action='store_true',
        help="show mmengine's INFO logs (weight initialisation of every "
        'network: thousands of lines)')
    return parser.parse_args()


def build(config, device, overrides=None):
    cfg = Config.fromfile(osp.join(REPO, config))
    cfg.merge_from_dict(overrides or {})
    model_cfg = copy.deepcopy(cfg.model)
    model_cfg.data_preprocessor = cfg.data_preprocessor
    init_default_scope(cfg.get('default_scope', 'mmpretrain'))
    model = MODELS.build(model_cfg).to(device)
    model.init_weights()
    model.train()
    return cfg, model


def wrapper_for(cfg, model, amp):
    optim_cfg = copy.deepcopy(cfg.optim_wrapper)
    if amp:
        optim_cfg = amp_optim_wrapper(optim_cfg)
    return build_optim_wrapper(model, optim_cfg)


def train_step(model, wrapper, data, backend):
    """The model's train step, compiled as mmengine's Runner does it."""
    if backend:
        model.train_step = torch.compile(model.train_step, backend=backend)
    return lambda: model.train_step(data, wrapper)


def teacher_stem_and_stages(backbone):
    """The teacher backbone's stem and its stages, for a hand-written pass.

    This package's CIFAR backbones (``stem`` + ``stage_names``) and
    mmpretrain's ResNet family (conv1-norm1-relu-maxpool + ``res_layers``).
    """
    if hasattr(backbone, 'stage_names'):
        stem, names = backbone.stem, backbone.stage_names
    else:
        def stem(x):
            x = backbone.relu(backbone.norm1(backbone.conv1(x)))
            return backbone.maxpool(x)
        names = backbone.res_layers
    return stem, [(f'backbone.{n}', getattr(backbone, n)) for n in names]


class PureTorchSFTNStep:
    """Framework-free SFTN step on the same modules: the reference (c).

    Normalises the batch, runs the teacher stage by stage, the branches on
    the attached stage outputs, the joint loss with torch.nn.functional,
    backward and an SGD step, with no mmengine/mmrazor code on the path.
    """

    def __init__(self, sftn, cfg, amp):
        self.sftn = sftn
        self.teacher = sftn.architecture
        prep = sftn.data_preprocessor
        self.mean, self.std = prep.mean, prep.std
        self.to_rgb = getattr(prep, '_channel_conversion', False)
        opt = cfg.optim_wrapper.optimizer
        self.optimizer = torch.optim.SGD(
            sftn.parameters(),
            lr=opt.lr,
            momentum=opt.momentum,
            weight_decay=opt.weight_decay)
        self.attach = {t: name for (t, _), name in zip(sftn.attach_points,
                                                       sftn.branches)}
        self.stem, self.stages = teacher_stem_and_stages(
            self.teacher.backbone)
        kl = sftn.loss_branch_kl
        self.tau, self.l_kl = kl.tau, kl.loss_weight
        self.l_ce = sftn.branch_ce_weight
        self.amp = amp
        # As AmpOptimWrapper's dynamic loss scale (a no-op when disabled).
        self.scaler = torch.amp.GradScaler(
            self.mean.device.type, enabled=amp)

    def __call__(self, data):
        inputs = torch.stack(data['inputs']).to(self.mean.device).float()
        if self.to_rgb:
            inputs = inputs[:, [2, 1, 0]]
        inputs = (inputs - self.mean) / self.std
        target = torch.cat([s.gt_label for s in data['data_samples']]).to(
            inputs.device)
        with torch.autocast(inputs.device.type, enabled=self.amp):
            x = self.stem(inputs)
            attached = {}
            for path, stage in self.stages:
                x = stage(x)
                if path in self.attach:
                    attached[self.attach[path]] = x
            z_t = self.teacher.head(self.teacher.neck((x, )))
            loss = F.cross_entropy(z_t, target)
            log_p_t = F.log_softmax(z_t / self.tau, dim=1)
            for name, branch in self.sftn.branches.items():
                z_b = branch(attached[name])
                loss = loss + self.l_ce * F.cross_entropy(z_b, target)
                loss = loss + self.l_kl * self.tau**2 * F.kl_div(
                    F.log_softmax(z_b / self.tau, dim=1),
                    log_p_t,
                    reduction='batchmean',
                    log_target=True)
        self.optimizer.zero_grad()
        self.scaler.scale(loss).backward()
        self.scaler.step(self.optimizer)
        self.scaler.update()


def _status_mib(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float('nan')


def peak_memory(step, device):
    """Extra memory one step needs (MiB) above what is resident before it.

    GPU: torch's peak allocated memory. CPU: the process's peak resident set
    (VmHWM, reset through /proc/self/clear_refs after glibc's malloc_trim
    returned freed memory) minus the resident set before the step.
    """
    if device.startswith('cuda'):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        before = torch.cuda.memory_allocated()
        step()
        torch.cuda.synchronize()
        return (torch.cuda.max_memory_allocated() - before) / 2**20
    import ctypes
    import gc
    gc.collect()
    ctypes.CDLL('libc.so.6').malloc_trim(0)
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')
    before = _status_mib('VmRSS')
    step()
    return _status_mib('VmHWM') - before


def sftn_steps(steps, config, overrides, data, args, names):
    """Add the plain-teacher, SFTN and pure-PyTorch SFTN steps of a config."""
    cfg, sftn = build(config, args.device, overrides)
    teacher = copy.deepcopy(sftn.architecture)
    pure = PureTorchSFTNStep(copy.deepcopy(sftn), cfg, args.amp)
    teacher_wrapper = wrapper_for(cfg, teacher, args.amp)
    steps[names[0]] = train_step(teacher, teacher_wrapper, data, args.compile)
    sftn_wrapper = wrapper_for(cfg, sftn, args.amp)
    steps[names[1]] = train_step(sftn, sftn_wrapper, data, args.compile)
    pure_step = torch.compile(
        pure.__call__, backend=args.compile) if args.compile else pure
    steps[names[2]] = lambda: pure_step(data)
    return cfg, sftn, teacher


def main():
    args = parse_args()
    if not args.verbose:
        # mmengine logs through its 'current' logger; the first instance
        # becomes current, and this one passes warnings only
        MMLogger.get_instance('benchmark_step', log_level='WARNING')
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.compile:
        # One process holds a dozen models, each with its own optimizer,
        # whose step dynamo compiles once per instance; its recompile limit
        # (8) is sized for one training run, past it the steps run eagerly.
        dynamo = torch._dynamo.config
        limit = ('recompile_limit' if hasattr(dynamo, 'recompile_limit')
                 else 'cache_size_limit')
        setattr(dynamo, limit, max(getattr(dynamo, limit), 64))
    torch.manual_seed(0)
    dataset = DigitsDataset(
        split='train', pipeline=[dict(type='mmpretrain.PackInputs')])
    data = pseudo_collate([dataset[i] for i in range(args.batch)])

    steps = {}
    cfg, sftn, teacher = sftn_steps(steps, SFTN_CFG, {}, data, args,
                                    ('a. plain teacher', 'b. SFTN (mmengine)',
                                     'c. SFTN (pure PyTorch)'))
    kd_cfg, kd = build(KD_CFG, args.device, {'model.teacher_ckpt': None})
    kd_wrapper = wrapper_for(kd_cfg, kd, args.amp)
    steps['d. stock MMRazor KD'] = train_step(kd, kd_wrapper, data,
                                              args.compile)
    expert = osp.join(tempfile.mkdtemp(), 'expert.pth')
    save_teacher(teacher.state_dict(), expert)
    for name, (config, overrides) in OPTIONAL.items():
        if not osp.isfile(osp.join(REPO, config)):
            print(f'{name}: skipped, {config} does not exist yet')
            continue
        overrides = {k: expert if v == EXPERT else v
                     for k, v in overrides.items()}
        opt_cfg, model = build(config, args.device, overrides)
        wrapper = wrapper_for(opt_cfg, model, args.amp)
        steps[name] = train_step(model, wrapper, data, args.compile)
    batch = {name: args.batch for name in steps}

    if args.in1k_size:
        size = args.in1k_size
        in1k = DigitsDataset(
            split='train',
            pipeline=[
                dict(type='mmpretrain.Resize', scale=(size, size)),
                dict(type='mmpretrain.PackInputs')
            ])
        in1k_data = pseudo_collate(
            [in1k[i] for i in range(args.in1k_batch)])
        sftn_steps(steps, SFTN_IN1K_CFG, {'model.input_size': (size, size)},
                   in1k_data, args,
                   ('g. R34 plain teacher', 'h. SFTN R34->R18 (mmengine)',
                    'i. SFTN R34->R18 (pure PyTorch)'))

    for name in steps:  # the ImageNet-scale rows
        batch.setdefault(name, args.in1k_batch)

    def sync():
        if args.device.startswith('cuda'):
            torch.cuda.synchronize()

    times = {name: [] for name in steps}
    first = {}  # with --compile: mostly compilation
    for name, step in steps.items():
        for index in range(args.warmup):
            start = time.perf_counter()
            step()
            sync()
            if index == 0:
                first[name] = time.perf_counter() - start
    peaks = {name: peak_memory(step, args.device)
             for name, step in steps.items()}
    for _ in range(args.rounds):  # interleaved, so drift hits all alike
        for name, step in steps.items():
            sync()
            for _ in range(args.iters):
                start = time.perf_counter()
                step()
                sync()
                times[name].append(time.perf_counter() - start)

    memory = 'extra peak GPU memory' if args.device.startswith(
        'cuda') else 'extra peak RSS'
    print(f'device={args.device} amp={args.amp} '
          f'compile={args.compile or False} '
          f'batch={args.batch} '
          f'threads={torch.get_num_threads()} steps={args.rounds}x'
          f'{args.iters} torch={torch.__version__}')
    print(f'| step | ms/step (mean ± std) | median | {memory} (MiB) '
          '| images/s (at the median) | first step (s) |')
    print('|---|---|---|---|---|---|')
    for name, values in times.items():
        ms = [v * 1e3 for v in values]
        spread = statistics.stdev(ms) if len(ms) > 1 else 0.0
        median = statistics.median(ms)
        print(f'| {name} | {statistics.mean(ms):.1f} ± '
              f'{spread:.1f} | {median:.1f} | {peaks[name]:.0f} | '
              f'{batch[name] * 1e3 / median:.0f} | '
              f'{first.get(name, float("nan")):.2f} |')
    med = {k: statistics.median(v) for k, v in times.items()}
    b, c = med['b. SFTN (mmengine)'], med['c. SFTN (pure PyTorch)']
    a = med['a. plain teacher']
    print(f'b/c = {b / c:.3f} (target <= 1.10)   b/a = {b / a:.3f}')
    if args.in1k_size:
        h = med['h. SFTN R34->R18 (mmengine)']
        i = med['i. SFTN R34->R18 (pure PyTorch)']
        g = med['g. R34 plain teacher']
        print(f'R34->R18 at {args.in1k_size}x{args.in1k_size}, batch '
              f'{args.in1k_batch}: h/i = {h / i:.3f} (target <= 1.10)   '
              f'h/g = {h / g:.3f}')


if __name__ == '__main__':
    main()
