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
    # SFTN's defaults: a branch after every teacher stage but the last,
    # l_CE = 1, l_KL = 3, tau = 1 (those of the one public SFTN
    # reimplementation), branches summed as in the paper; see SFTN.
)

val_cfg = dict(_delete_=True, type='SFTNValLoop')
test_cfg = dict(_delete_=True, type='MultiModelTestLoop')
# Writes epoch_N_teacher.pth next to every epoch_N.pth.
custom_hooks = [dict(type='TeacherExportHook')]
