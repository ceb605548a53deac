"""Packaging for mmrazor-sftkd, in the OpenMMLab style (see mmpretrain)."""
import importlib.metadata
import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))
# What MIM and mmengine's `mmrazor_sftkd::` config paths read from .mim
MIM_FOLDERS = ('configs', 'tools', 'model-index.yml')


def readme():
    with open(osp.join(HERE, 'README.md'), encoding='utf-8') as f:
        return f.read()


def get_version():
    namespace = {}
    with open(osp.join(HERE, 'mmrazor_sftkd', 'version.py')) as f:
        exec(compile(f.read(), 'version.py', 'exec'), namespace)
    return namespace['__version__']


def parse_requirements(fname):
    """Requirement lines of ``fname``, following ``-r`` includes."""
    requirements = []
    with open(osp.join(HERE, fname)) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if not line:
                continue
            if line.startswith('-r '):
                requirements += parse_requirements(line[3:].strip())
            else:
                requirements.append(line)
    return requirements


def mmcv_requirement():
    """mmcv-lite by default; full mmcv if asked for or already installed.

    Installing mmcv-lite next to a full mmcv would overwrite the same
    ``mmcv`` package, so a user who has full mmcv (with its compiled ops)
    keeps it: set ``MMCV_FULL=1``, or install with
    ``--no-build-isolation`` so that this script can see it.
    """
    spec = '>=2.0.0,<=2.1.0'
    if os.environ.get('MMCV_FULL', '') == '1':
        return f'mmcv{spec}'
    try:
        importlib.metadata.distribution('mmcv')
        return f'mmcv{spec}'
    except importlib.metadata.PackageNotFoundError:
        return f'mmcv-lite{spec}'


def add_mim_extension():
    """Put configs/, tools/ and model-index.yml into mmrazor_sftkd/.mim.

    Copies for sdist/wheel builds (so that ``mim train mmrazor_sftkd CFG``
    finds them after a non-editable install), symlinks for ``develop``.
    """
    if 'develop' in sys.argv:
        mode = 'symlink'
    elif any(cmd in sys.argv
             for cmd in ('sdist', 'bdist_wheel', 'install', 'build')):
        mode = 'copy'
    else:
        return
    mim_path = osp.join(HERE, 'mmrazor_sftkd', '.mim')
    os.makedirs(mim_path, exist_ok=True)
    for folder in MIM_FOLDERS:
        src = osp.join(HERE, folder)
        dst = osp.join(mim_path, folder)
        if not osp.exists(src):
            continue
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim_path), dst)
        elif osp.isfile(src):
            shutil.copyfile(src, dst)
        else:
            shutil.copytree(
                src, dst, ignore=shutil.ignore_patterns('__pycache__'))


if __name__ == '__main__':
    add_mim_extension()
    setup(
        name='mmrazor_sftkd',
        version=get_version(),
        description='SFTN, IE-KD and CTKD knowledge distillation for MMRazor',
        long_description=readme(),
        long_description_content_type='text/markdown',
        keywords='knowledge distillation, mmrazor, openmmlab, sftn',
        packages=find_packages(exclude=('configs', 'tools', 'tests')),
        include_package_data=True,
        package_data={'mmrazor_sftkd': ['.mim/**/*']},
        python_requires='>=3.8',
        license='Apache License 2.0',
        install_requires=parse_requirements('requirements/runtime.txt') +
        [mmcv_requirement()],
        extras_require={
            'tests': parse_requirements('requirements/tests.txt'),
            'mim': parse_requirements('requirements/mim.txt'),
        },
        zip_safe=False)
