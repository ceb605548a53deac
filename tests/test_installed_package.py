"""The package works from its wheel, outside the clone, through its .mim.

The wheel is installed (``--no-deps``) into a new venv that sees the test
venv's dependencies through a ``.pth`` file: a full install from pip's
cache takes minutes (torch alone is gigabytes), which the suite cannot
afford. Everything then runs from a folder outside the clone, with the
tools and configs of the installed package: a tiny digits study (an SFTN
teacher, KD from it), ``train.py`` and ``test.py`` of a user's config that
inherits ``mmrazor_sftkd::teachers/resnet20_digits.py``, and
``export_teacher.py``.

With ``INSTALLED_PYTHON`` set to the interpreter of a venv where the wheel
was installed with its dependencies (``pip install mmrazor_sftkd-*.whl``),
the same checks run against that venv instead.
"""
import glob
import os
import os.path as osp
import subprocess
import sys
import sysconfig

import pytest

from conftest import REPO, TINY_DATA

TINY = TINY_DATA + ['train_cfg.max_epochs=1']


def run(cmd, cwd, env, timeout=600):
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (f'{cmd}\n{result.stdout[-3000:]}\n'
                                    f'{result.stderr[-3000:]}')
    return result


@pytest.fixture(scope='module')
def installed(tmp_path_factory):
    """(python, the installed package's .mim, env, a folder outside)."""
    root = tmp_path_factory.mktemp('installed')
    env = {k: v for k, v in os.environ.items()
           if k not in ('PYTHONPATH', 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD',
                        'INSTALLED_PYTHON')}
    outside = root / 'elsewhere'
    outside.mkdir()
    if os.environ.get('INSTALLED_PYTHON'):
        python = os.environ['INSTALLED_PYTHON']
        package = run([python, '-c', 'import mmrazor_sftkd, os; '
                       'print(os.path.dirname(mmrazor_sftkd.__file__))'],
                      outside, env).stdout.strip()
        assert not package.startswith(REPO), package
        return python, osp.join(package, '.mim'), env, outside
    run([sys.executable, '-m', 'pip', 'wheel', '--no-deps',
         '--no-build-isolation', '-q', '-w', root / 'dist', REPO], root, env)
    wheel, = glob.glob(str(root / 'dist' / 'mmrazor_sftkd-*.whl'))
    venv = root / 'venv'
    run([sys.executable, '-m', 'venv', '--without-pip', venv], root, env)
    python = venv / 'bin' / 'python'
    run([sys.executable, '-m', 'pip', '--python', python, 'install', '-q',
         '--no-deps', wheel], root, env)
    site = run([python, '-c', 'import sysconfig; '
                'print(sysconfig.get_paths()["purelib"])'], root,
               env).stdout.strip()
    # the dependencies, not this checkout: the test venv's site-packages,
    # whose .pth files (an editable install of the checkout) are not read
    with open(osp.join(site, 'test_venv_dependencies.pth'), 'w') as f:
        f.write(sysconfig.get_paths()['purelib'] + '\n')
    package = run([python, '-c', 'import mmrazor_sftkd, os; '
                   'print(os.path.dirname(mmrazor_sftkd.__file__))'],
                  outside, env).stdout.strip()
    assert package == osp.join(site, 'mmrazor_sftkd'), package
    return python, osp.join(package, '.mim'), env, outside


@pytest.mark.slow
def test_study_train_test_export_from_the_installed_package(installed):
    python, mim, env, outside = installed
    tools = osp.join(mim, 'tools')
    resnet8 = ['model.architecture.backbone.arch=resnet8',
               'model.teacher.backbone.arch=resnet8']
    pipeline = dict(
        seeds=[0], cfg_options=TINY,
        stages=dict(
            sftn=dict(config='configs/sftkd/sftn_resnet56_resnet20_digits.py',
                      options=['model.architecture.backbone.arch=resnet8',
                               'model.student.backbone.arch=resnet8']),
            kd_sftn=dict(
                config='configs/distill/kd_resnet56_resnet20_digits.py',
                options=resnet8, inputs={'model.teacher_ckpt': 'sftn'})),
        follow=[('kd_sftn', 'sftn')])
    (outside / 'tiny_study.py').write_text(f'pipeline = {pipeline!r}\n')
    study = run([python, osp.join(tools, 'run_pipeline.py'),
                 'tiny_study.py'], outside, env, timeout=900)
    assert study.stdout.count(': starting') == 2, study.stdout[-3000:]
    work_dir = outside / 'work_dirs' / 'tiny_study'
    assert (work_dir / 'results.md').is_file()
    assert '| kd_sftn vs sftn |' in (work_dir / 'results.md').read_text()

    # a user's own config, inheriting one of the package's
    config = outside / 'my_resnet8.py'
    config.write_text(
        "_base_ = ['mmrazor_sftkd::teachers/resnet20_digits.py']\n"
        "model = dict(backbone=dict(arch='resnet8'))\n")
    trained = run([python, osp.join(tools, 'train.py'), config, '--work-dir',
                   'run', '--cfg-options', *TINY], outside, env)
    assert "arch='resnet8'" in trained.stdout + trained.stderr
    checkpoint = outside / 'run' / 'epoch_1.pth'
    tested = run([python, osp.join(tools, 'test.py'), config, checkpoint,
                  '--work-dir', 'run_test', '--cfg-options', *TINY_DATA],
                 outside, env)
    assert "'accuracy/top1'" in tested.stdout

    sftn, = glob.glob(str(work_dir / 'sftn_seed0' / 'epoch_1.pth'))
    run([python, osp.join(tools, 'export_teacher.py'), sftn, 'teacher.pth'],
        outside, env)
    assert (outside / 'teacher.pth').is_file()
    # nothing was written into the clone or the installed package
    assert sorted(os.listdir(outside)) == [
        'my_resnet8.py', 'run', 'run_test', 'teacher.pth', 'tiny_study.py',
        'work_dirs']
