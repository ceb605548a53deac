# Write the teacher of a checkpoint as a plain classifier state_dict that
# loads with weights_only=True:  python tools/export_teacher.py CKPT OUT
import argparse
import os.path as osp
import pickle
import sys

sys.path.insert(0, osp.abspath(osp.join(osp.dirname(__file__), '..')))
import mmrazor_sftkd  # noqa: E402,F401
import torch  # noqa: E402

from mmrazor_sftkd.compat import load_weights_only  # noqa: E402
from mmrazor_sftkd.utils import exit_on_config_error  # noqa: E402
from mmrazor_sftkd.utils.teacher_export import (  # noqa: E402
    TEACHER_PREFIX, branch_student_state_dict, save_teacher,
    teacher_state_dict)


def parse_args():
    parser = argparse.ArgumentParser(
        description='Export the teacher of an SFTN (or any MMRazor '
        'algorithm / classifier) checkpoint as a tensors-only '
        'classifier state_dict.')
    parser.add_argument('checkpoint', help='checkpoint to read')
    parser.add_argument('out', help='file to write')
    parser.add_argument(
        '--prefix',
        default=TEACHER_PREFIX,
        help='prefix of the teacher keys (default: %(default)s)')
    parser.add_argument(
        '--student-out',
        help='also write the student weights of an SFTN branch (its later '
        'stages, neck and head) to this file, to initialise a stage-2 '
        'student with init_cfg=dict(type="Pretrained", checkpoint=FILE); '
        'an option beyond the SFTN paper')
    parser.add_argument(
        '--branch',
        default='branch1',
        help='branch for --student-out (default: %(default)s, the one with '
        'the most student stages)')
    parser.add_argument(
        '--trust-pickle',
        action='store_true',
        help='read the checkpoint with a full unpickle (only for files you '
        'trust: unpickling can run code); the output is tensors only')
    args = parser.parse_args()
    if not osp.isfile(args.checkpoint):
        parser.error(f'checkpoint {args.checkpoint!r} does not exist')
    return args


def main():
    args = parse_args()
    with exit_on_config_error('export_teacher.py'):
        if args.trust_pickle:
            checkpoint = torch.load(
                args.checkpoint, map_location='cpu', weights_only=False)
        else:
            try:
                checkpoint = load_weights_only(args.checkpoint, 'cpu')
            except pickle.UnpicklingError as error:
                sys.exit(f'export_teacher.py: error: {error}')
        state_dict = checkpoint.get('state_dict', checkpoint)
        teacher = teacher_state_dict(state_dict, args.prefix)
        save_teacher(teacher, args.out)
        print(f'wrote {len(teacher)} teacher tensors to {args.out}')
        if args.student_out:
            student = branch_student_state_dict(state_dict, args.branch)
            save_teacher(student, args.student_out)
            print(f'wrote {len(student)} student tensors from {args.branch} '
                  f'to {args.student_out}')


if __name__ == '__main__':
    main()
