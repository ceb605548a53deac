# SFTN stage 1 on CIFAR-100 with the CRD recipe (240 epochs, batch 64, lr
# 0.05, x0.1 at 150/180/210).
_base_ = ['../../_base_/cifar100_crd.py']

val_cfg = dict(_delete_=True, type='mmrazor.MultiModelValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
# Writes epoch_N_teacher.pth next to every epoch_N.pth.
custom_hooks = [dict(type='mmrazor.TeacherExportHook')]
