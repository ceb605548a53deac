"""The wheel carries configs/ and tools/ in .mim for `mim train`."""
import glob
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO


@pytest.mark.slow
def test_wheel_has_mim_configs_and_tools(tmp_path):
    result = subprocess.run(
        [sys.executable, '-m', 'pip', 'wheel', '--no-deps',
         '--no-build-isolation', '-w', str(tmp_path), REPO],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    wheel, = glob.glob(str(tmp_path / 'mmrazor_sftkd-*.whl'))
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ('mmrazor_sftkd/.mim/tools/train.py',
                 'mmrazor_sftkd/.mim/tools/dist_train.sh',
                 'mmrazor_sftkd/.mim/configs/sftkd/resnet_cifar100.py',
                 'mmrazor_sftkd/.mim/configs/_base_/default_runtime.py',
                 'mmrazor_sftkd/compat.py'):
        assert path in names, path
    metadata = next(n for n in names if n.endswith('METADATA'))
    requires = zipfile.ZipFile(wheel).read(metadata).decode()
    assert 'Requires-Dist: mmrazor==1.0.0' in requires
    assert 'Requires-Dist: mmcv' in requires
    assert 'torch==' not in requires  # torch is never pinned


def test_importing_the_stack_through_the_plugin_is_quiet():
    """mmcv-lite's warning about MultiScaleDeformableAttention, an op that
    nothing here uses, is filtered by the plugin."""
    result = subprocess.run(
        [sys.executable, '-c', 'import mmrazor_sftkd, mmrazor.models'],
        capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'MultiScaleDeformableAttention' not in result.stderr
