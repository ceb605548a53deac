"""Framework-free yardstick: plain PyTorch training of the digits KD recipes.

Written for this project as the reference that ``tools/benchmark_run.py``
times ``python tools/train.py CONFIG`` against, as whole processes. It trains
what these configs train, with the same networks, data split, augmentation,
batch sizes, sampler order, optimizer, LR schedule, epochs, per-epoch
validation and per-epoch checkpoints, but with no mmengine Runner, hooks,
optim wrappers or MMRazor algorithms/distillers/recorders: a plain loop,
``torch.optim`` and the losses written out with ``torch.nn.functional``.

  kd    configs/distill/kd_resnet56_resnet20_digits.py
  sftn  configs/sftkd/sftn_resnet56_resnet20_digits.py
  ctkd  configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py
  iekd  configs/iekd/iekd_resnet56_resnet20_digits.py

It imports ``mmrazor_sftkd`` (and so mmengine, mmpretrain and mmrazor) for its
network modules and dataset, like ``tools/train.py`` pays for the same stack.
Only the networks a user needs are validated every epoch (the student; the
SFTN teacher; the CTKD student and scratch teacher), never a frozen teacher.

  python tools/plain_digits_train.py kd --work-dir DIR --teacher-ckpt T.pth
  python tools/plain_digits_train.py sftn --work-dir DIR
  python tools/plain_digits_train.py ctkd --work-dir DIR --teacher-ckpt E.pth
  python tools/plain_digits_train.py iekd --work-dir DIR --teacher-ckpt T.pth \
      --ae-ckpt AE.pth
"""
import time

IMPORT_START = time.perf_counter()
import argparse  # noqa: E402
import os  # noqa: E402
import os.path as osp  # noqa: E402
import random  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import mmrazor_sftkd  # noqa: E402,F401  (mmengine, mmpretrain, mmrazor)
from mmrazor_sftkd.datasets import DigitsDataset  # noqa: E402
from mmrazor_sftkd.models.architectures import \
    build_stage_transform  # noqa: E402
from mmrazor_sftkd.models.backbones import CIFARResNet  # noqa: E402
from mmrazor_sftkd.models.connectors import (IEAutoEncoder,  # noqa: E402
                                             IEFactorEncoder)

IMPORT_S = time.perf_counter() - IMPORT_START

# configs/_base_/datasets/digits_bs64.py and schedules/digits_short.py
SPLIT = dict(split_seed=0, test_ratio=0.2, val_ratio=0.2)
MEAN, STD = 77.865, 82.534  # ClsDataPreprocessor, all 3 channels alike
TRAIN_BATCH, VAL_BATCH, PAD = 64, 128, 2
LR, MOMENTUM, WEIGHT_DECAY = 0.05, 0.9, 5e-4
WARMUP_START, MILESTONES, GAMMA = 0.1, (5, 7), 0.1
KD_TAU, KD_CE, KD_KL = 4.0, 0.1, 0.9  # kd and iekd
SFTN_CLIP = 5.0  # sftn: optim_wrapper.clip_grad.max_norm
CTKD_GAMMA, CTKD_BETA = 0.1, 1000.0
IE_WEIGHT = 500.0
AE_PREFIX = 'distiller.connectors.ie_teacher_ae.'


class Classifier(nn.Module):
    """CIFAR ResNet, global average pooling and a linear head.

    Parameter names are those of the configs' mmpretrain ImageClassifier
    (``backbone.*``, ``head.fc.*``), so framework checkpoints load as is.
    """

    def __init__(self, arch, num_classes=10):
        super().__init__()
        self.backbone = CIFARResNet(arch=arch)
        self.head = nn.ModuleDict({'fc': nn.Linear(64, num_classes)})

    def init_head(self):
        """LinearClsHead's init_cfg: Normal(std=0.01), bias 0."""
        nn.init.normal_(self.head.fc.weight, 0, 0.01)
        nn.init.zeros_(self.head.fc.bias)

    def forward(self, x, start=0):
        """Logits and stage outputs; ``start > 0`` enters at that stage."""
        if start == 0:
            x = self.backbone.stem(x)
        stages = []
        for name in self.backbone.stage_names[start:]:
            x = getattr(self.backbone, name)(x)
            stages.append(x)
        return self.head.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)), \
            stages


def no_inplace(model):
    """As the algorithms do for their teachers: no in-place activations."""
    for m in model.modules():
        if hasattr(m, 'inplace'):
            m.inplace = False
    return model


def load_state(model, path, prefix=''):
    """Load a Runner checkpoint (or a bare state dict) strictly."""
    ckpt = torch.load(path, map_location='cpu', weights_only=False)
    state = ckpt.get('state_dict', ckpt)
    state = {k[len(prefix):]: v for k, v in state.items()
             if k.startswith(prefix)}
    model.load_state_dict(state)


def frozen(model):
    for p in model.parameters():
        p.requires_grad = False
    return model.eval()


class Digits(torch.utils.data.Dataset):
    """One split of DigitsDataset; train: pad 2 + random 32x32 crop."""

    def __init__(self, split, train):
        ds = DigitsDataset(split=split, pipeline=[], **SPLIT)
        infos = [ds.get_data_info(i) for i in range(len(ds))]
        self.images = [info['img'] for info in infos]  # HWC uint8
        self.labels = [info['gt_label'] for info in infos]
        self.train = train

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = self.images[i]
        if self.train:  # mmpretrain RandomCrop(32, padding=2), same draws
            img = np.pad(img, ((PAD, PAD), (PAD, PAD), (0, 0)))
            top = np.random.randint(0, 2 * PAD + 1)
            left = np.random.randint(0, 2 * PAD + 1)
            img = img[top:top + 32, left:left + 32]
        return torch.from_numpy(img.transpose(2, 0, 1).copy()), \
            self.labels[i]


class EpochSampler(torch.utils.data.Sampler):
    """mmengine DefaultSampler(shuffle=True): randperm seeded seed + epoch."""

    def __init__(self, n, seed):
        self.n, self.seed, self.epoch = n, seed, 0

    def __len__(self):
        return self.n

    def __iter__(self):
        g = torch.Generator().manual_seed(self.seed + self.epoch)
        return iter(torch.randperm(self.n, generator=g).tolist())


def kd_loss(z_s, z_t, y):
    """CE weight 0.1 + mmrazor KLDivergence(tau 4, weight 0.9)."""
    kl = F.kl_div(F.log_softmax(z_s / KD_TAU, dim=1),
                  F.softmax(z_t / KD_TAU, dim=1), reduction='batchmean')
    return KD_CE * F.cross_entropy(z_s, y) + KD_KL * KD_TAU**2 * kl


def ft_distance(s, t):
    """mmrazor FTLoss: L1 mean of flattened, L2-normalised factors."""
    return F.l1_loss(F.normalize(s.flatten(1)), F.normalize(t.flatten(1)))


def attention(x):
    return F.normalize(x.pow(2).mean(1).flatten(1))


def build(args):
    """Networks (built in the algorithms' order), step and scored nets."""
    m, nets = args.method, {}
    if m in ('kd', 'iekd'):
        nets['student'] = Classifier('resnet20')
        if m == 'iekd':  # the distiller's connectors come before the teacher
            nets['ae'] = IEAutoEncoder(64, 32, phase='train')
            nets['inherit'] = IEFactorEncoder(32, 32)
            nets['explore'] = IEFactorEncoder(32, 32)
        teacher = frozen(no_inplace(Classifier('resnet56')))
        load_state(teacher, args.teacher_ckpt)
        nets['student'].init_head()
        if m == 'iekd':
            load_state(nets['ae'], args.ae_ckpt, AE_PREFIX)

        def step(x, y):
            with torch.no_grad():
                z_t, t_stages = teacher(x)
            z_s, s_stages = nets['student'](x)
            loss = kd_loss(z_s, z_t, y)
            if m == 'iekd':
                with torch.no_grad():
                    f_t = nets['ae'].encoder(t_stages[-1])
                f_s = s_stages[-1]
                loss = loss + IE_WEIGHT * (
                    ft_distance(nets['inherit'](f_s[:, :32]), f_t) -
                    ft_distance(nets['explore'](f_s[:, 32:]), f_t))
            return loss
        return nets, teacher, step, ['student']

    if m == 'sftn':
        nets['teacher'] = Classifier('resnet56')
        students = [Classifier('resnet20') for _ in range(2)]
        # attach_points=None: after teacher layer1/layer2, onto the same
        # student stage (16@32x32, 32@16x16): conv3x3-BN-ReLU transforms.
        nets['transforms'] = nn.ModuleList(
            build_stage_transform(shape, shape, 3)
            for shape in ((16, 32, 32), (32, 16, 16)))
        nets['students'] = nn.ModuleList(students)
        for net in [nets['teacher']] + students:
            net.init_head()

        def step(x, y):
            z_t, t_stages = nets['teacher'](x)
            loss = F.cross_entropy(z_t, y)
            for i, (transform, student) in enumerate(
                    zip(nets['transforms'], nets['students'])):
                z_b, _ = student(transform(t_stages[i]), start=i + 1)
                # LogSpaceKLDivergence, tau 1, teacher not detached
                loss = loss + F.cross_entropy(z_b, y) + F.kl_div(
                    F.log_softmax(z_b, dim=1), F.log_softmax(z_t, dim=1),
                    reduction='batchmean', log_target=True)
            return loss
        return nets, None, step, ['teacher']

    nets['student'] = Classifier('resnet20')  # ctkd
    nets['scratch'] = no_inplace(Classifier('resnet56'))
    expert = frozen(no_inplace(Classifier('resnet56')))
    load_state(expert, args.teacher_ckpt)
    nets['student'].init_head()
    nets['scratch'].init_head()

    def step(x, y):
        with torch.no_grad():
            _, e_stages = expert(x)
        z_sc, _ = nets['scratch'](x)
        z_s, s_stages = nets['student'](x)
        guide = (z_s - z_sc.detach()).pow(2).sum() / z_s.size(0)
        at = sum((attention(s) - attention(e)).pow(2).mean()
                 for s, e in zip(s_stages, e_stages))
        return (F.cross_entropy(z_sc, y) + F.cross_entropy(z_s, y) +
                CTKD_GAMMA * guide + CTKD_BETA * at)
    return nets, expert, step, ['student', 'scratch']


def normalise(images, device):
    return (images.to(device).float() - MEAN) / STD


@torch.no_grad()
def validate(nets, names, loader, device):
    """Top-1 (%) of each scored network on the val split."""
    correct, total = dict.fromkeys(names, 0), 0
    for images, labels in loader:
        x, y = normalise(images, device), labels.to(device)
        for name in names:
            correct[name] += (nets[name](x)[0].argmax(1) == y).sum().item()
        total += y.numel()
    return {name: 100.0 * c / total for name, c in correct.items()}


def save(work_dir, name, nets, optimizer, schedulers, epoch, method):
    """``name.pth``; for SFTN also the teacher alone, ``name_teacher.pth``
    (what TeacherExportHook writes next to every checkpoint)."""
    torch.save(dict(epoch=epoch, state_dict=nets.state_dict(),
                    optimizer=optimizer.state_dict(),
                    schedulers=[s.state_dict() for s in schedulers]),
               osp.join(work_dir, f'{name}.pth'))
    if method == 'sftn':
        torch.save(nets['teacher'].state_dict(),
                   osp.join(work_dir, f'{name}_teacher.pth'))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('method', choices=['kd', 'sftn', 'ctkd', 'iekd'])
    parser.add_argument('--work-dir', required=True)
    parser.add_argument('--epochs', type=int, default=8)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--teacher-ckpt',
        help='kd/iekd: the resnet56 teacher; ctkd: the resnet56 expert '
        '(python tools/train.py configs/teachers/resnet56_digits.py)')
    parser.add_argument(
        '--ae-ckpt',
        help='iekd: a checkpoint of configs/iekd/ae_resnet56_digits.py')
    parser.add_argument('--device', default=None,
                        help='default: cuda if available, else cpu')
    args = parser.parse_args()
    if args.method != 'sftn' and not args.teacher_ckpt:
        parser.error(f'{args.method} needs --teacher-ckpt')
    if args.method == 'iekd' and not args.ae_ckpt:
        parser.error('iekd needs --ae-ckpt')
    return args


def main():
    start = time.perf_counter()
    args = parse_args()
    device = args.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    random.seed(args.seed)  # as mmengine's set_random_seed
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    os.makedirs(args.work_dir, exist_ok=True)

    nets, frozen_net, step, scored = build(args)
    nets = nn.ModuleDict(nets).to(device)
    if frozen_net is not None:
        frozen_net.to(device)
    train_set = Digits('train', train=True)
    sampler = EpochSampler(len(train_set), args.seed)
    train_loader = torch.utils.data.DataLoader(
        train_set, batch_size=TRAIN_BATCH, sampler=sampler)
    val_loader = torch.utils.data.DataLoader(
        Digits('val', train=False), batch_size=VAL_BATCH)
    params = [p for p in nets.parameters() if p.requires_grad]
    optimizer = torch.optim.SGD(params, lr=LR, momentum=MOMENTUM,
                                weight_decay=WEIGHT_DECAY)
    # mmengine LinearLR(by_epoch, end=1, convert_to_iter_based): stepped per
    # iteration over end - begin - 1 steps; MultiStepLR stepped per epoch.
    warmup = torch.optim.lr_scheduler.LinearLR(
        optimizer, WARMUP_START, total_iters=len(train_loader) - 1)
    decay = torch.optim.lr_scheduler.MultiStepLR(optimizer, MILESTONES, GAMMA)

    times = dict(first_iter_s=0.0, train_s=0.0, val_s=0.0, ckpt_s=0.0)
    build_s, best, scores = time.perf_counter() - start, -1.0, {}
    for epoch in range(args.epochs):
        sampler.epoch = epoch
        nets.train()  # an IEAutoEncoder(phase='train') stays in eval mode
        t0 = tick = time.perf_counter()
        losses = []
        for i, (images, labels) in enumerate(train_loader):
            loss = step(normalise(images, device), labels.to(device))
            optimizer.zero_grad()
            loss.backward()
            if args.method == 'sftn':
                nn.utils.clip_grad_norm_(params, SFTN_CLIP)
            optimizer.step()
            warmup.step()
            losses.append(loss.item())
            if epoch == 0 and i == 0:
                times['first_iter_s'] = time.perf_counter() - tick
                t0 = time.perf_counter()
        decay.step()
        epoch_s = time.perf_counter() - t0
        times['train_s'] += epoch_s

        t0 = time.perf_counter()
        nets.eval()
        scores = validate(nets, scored, val_loader, device)
        times['val_s'] += time.perf_counter() - t0

        t0 = time.perf_counter()
        ckpt = (nets, optimizer, [warmup, decay], epoch + 1, args.method)
        save(args.work_dir, f'epoch_{epoch + 1}', *ckpt)
        for suffix in ('', '_teacher'):  # CheckpointHook max_keep_ckpts=2
            stale = osp.join(args.work_dir, f'epoch_{epoch - 1}{suffix}.pth')
            if osp.isfile(stale):
                os.remove(stale)
        if scores[scored[0]] > best:
            best = scores[scored[0]]
            save(args.work_dir, 'best', *ckpt)
        times['ckpt_s'] += time.perf_counter() - t0

        n = len(losses) - (epoch == 0)
        top1 = ' '.join(f'{k}={v:.2f}' for k, v in scores.items())
        print(f'epoch {epoch + 1}/{args.epochs} iters={len(losses)} '
              f'first_loss={losses[0]:.4f} mean_loss={np.mean(losses):.4f} '
              f'iter_s={epoch_s / max(n, 1):.4f} top1: {top1}', flush=True)

    print(f'import_s={IMPORT_S:.2f} build_s={build_s:.2f} ' +
          ' '.join(f'{k}={v:.2f}' for k, v in times.items()))
    print(f'final val top1 ({scored[0]}): {scores[scored[0]]:.2f}')


if __name__ == '__main__':
    main()
