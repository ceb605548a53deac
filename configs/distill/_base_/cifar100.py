# Stage-2 distillation on CIFAR-100 with the CRD / RepDistiller recipe (batch
# 64, SGD momentum 0.9, wd 5e-4, lr 0.05 x0.1 at epochs 150/180/210, 240
# epochs). Teacher and student are the classifiers of configs/teachers/, so a
# checkpoint of either training loads as it is.
_base_ = ['../../_base_/cifar100_crd.py']

find_unused_parameters = True
# Validates the student, and the teacher once.
val_cfg = dict(_delete_=True, type='mmrazor.FrozenTeacherValLoop')
