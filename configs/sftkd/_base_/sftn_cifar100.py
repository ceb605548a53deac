# SFTN stage 1 on CIFAR-100 with the CRD recipe (240 epochs, batch 64,
# lr 0.05, x0.1 at 150/180/210). Pair configs set the teacher
# (`architecture`) and the student whose stages the branches copy.
_base_ = [
    '../../_base_/datasets/cifar100_bs64.py',
    '../../_base_/schedules/cifar_crd_240e.py',
    '../../_base_/default_runtime.py',
]
default_scope = 'mmrazor'

model = dict(
    _scope_='mmrazor',
    type='SFTN',
    # None: a branch after every teacher stage but the last.
    attach_points=None,
    input_size=(32, 32),
    transform_kernel_size=3,
    # l_CE = 1, l_KL = 3, tau = 1: the defaults of the one public SFTN
    # reimplementation; l_T is the teacher head's loss_weight. The paper's
    # formula sums over branches.
    branch_ce_weight=1.0,
    loss_branch_kl=dict(
        type='LogSpaceKLDivergence',
        tau=1.0,
        loss_weight=3.0,
        teacher_detach=False),
    branch_reduction='sum')

val_cfg = dict(_delete_=True, type='SFTNValLoop')
test_cfg = dict(_delete_=True, type='MultiModelTestLoop')
# Writes epoch_N_teacher.pth next to every epoch_N.pth.
custom_hooks = [dict(type='TeacherExportHook')]
