"""joint_update_params: one backward pass, then every optimizer wrapper."""
import copy
import functools

import pytest
import torch
from mmengine.optim import AmpOptimWrapper, OptimWrapper
from mmengine.optim.optimizer import amp_optimizer_wrapper

from mmrazor_sftkd.utils import ConfigError
from mmrazor_sftkd.utils.joint_update import joint_update_params


def nets(seed=0):
    torch.manual_seed(seed)
    return torch.nn.Linear(4, 3), torch.nn.Linear(4, 2)


def losses(a, b, x):
    return a(x).pow(2).mean(), b(x).pow(2).mean()


def sgd(net, **kwargs):
    return OptimWrapper(torch.optim.SGD(net.parameters(), lr=0.1), **kwargs)


def same(x, y):
    return all(torch.allclose(p, q, atol=1e-6)
               for p, q in zip(x.parameters(), y.parameters()))


@pytest.mark.parametrize('kwargs', [
    dict(),
    dict(clip_grad=dict(max_norm=0.01)),
    dict(accumulative_counts=2),
])
def test_equals_one_backward_and_step_per_wrapper(kwargs):
    a, b = nets()
    ref_a, ref_b = copy.deepcopy(a), copy.deepcopy(b)
    joint = [sgd(a, **kwargs), sgd(b, **kwargs)]
    apart = [sgd(ref_a, **kwargs), sgd(ref_b, **kwargs)]
    for step in range(4):
        x = torch.randn(5, 4, generator=torch.Generator().manual_seed(step))
        la, lb = losses(a, b, x)
        joint_update_params(joint, la + lb)
        ra, rb = losses(ref_a, ref_b, x)
        apart[0].update_params(ra)
        apart[1].update_params(rb)
        assert same(a, ref_a) and same(b, ref_b), step
    assert not same(a, nets()[0])  # it did train


@pytest.fixture
def cpu_amp(monkeypatch):
    """AmpOptimWrapper on the CPU, with torch's CPU GradScaler."""
    monkeypatch.setattr(amp_optimizer_wrapper, 'is_cuda_available',
                        lambda: True)
    monkeypatch.setattr(amp_optimizer_wrapper, 'GradScaler',
                        functools.partial(torch.amp.GradScaler, 'cpu'))

    def build(net):
        return AmpOptimWrapper(
            optimizer=torch.optim.SGD(net.parameters(), lr=0.1),
            loss_scale=dict(init_scale=1024.0, growth_interval=1))

    return build


def test_amp_shares_one_scaler_and_updates_it_once(cpu_amp):
    a, b = nets()
    ref_a, ref_b = copy.deepcopy(a), copy.deepcopy(b)
    wrappers = [cpu_amp(a), cpu_amp(b)]
    x = torch.randn(5, 4)
    la, lb = losses(a, b, x)
    joint_update_params(wrappers, la + lb)
    assert wrappers[1].loss_scaler is wrappers[0].loss_scaler
    # growth_interval=1: one finite step grows the scale once, not twice
    assert wrappers[0].loss_scaler.get_scale() == 2048.0
    # the steps used unscaled gradients
    ra, rb = losses(ref_a, ref_b, x)
    sgd(ref_a).update_params(ra)
    sgd(ref_b).update_params(rb)
    assert same(a, ref_a) and same(b, ref_b)


def test_amp_skips_only_the_overflowing_network_and_backs_off_once(cpu_amp):
    a, b = nets()
    before_a, before_b = copy.deepcopy(a), copy.deepcopy(b)
    wrappers = [cpu_amp(a), cpu_amp(b)]
    la, lb = losses(a, b, torch.randn(5, 4))
    joint_update_params(wrappers, la * float('inf') + lb)
    assert wrappers[0].loss_scaler.get_scale() == 512.0  # once, not twice
    assert same(a, before_a)  # inf gradients: step skipped
    assert not same(b, before_b)  # finite gradients: stepped


def test_mixing_amp_and_plain_wrappers_is_refused(cpu_amp):
    a, b = nets()
    la, lb = losses(a, b, torch.randn(5, 4))
    with pytest.raises(ConfigError, match='every optimizer wrapper'):
        joint_update_params([cpu_amp(a), sgd(b)], la + lb)
    with pytest.raises(ConfigError, match='accumulative_counts'):
        joint_update_params([sgd(a), sgd(b, accumulative_counts=2)], la + lb)
