# wrn_40_2 trained alone on CIFAR-10 with the CRD recipe: the expert teacher
# of ../ctkd_wrn_40_2_wrn_40_2_wrn_16_2_cifar10.py (configs/teachers/ holds
# CIFAR-100 classifiers only). Writes work_dirs/wrn_40_2_cifar10/epoch_240.pth.
# Run: python tools/train.py configs/ctkd/experts/wrn_40_2_cifar10.py
_base_ = [
    '../../_base_/datasets/cifar10_bs64.py',
    '../../_base_/schedules/cifar_crd_240e.py',
    '../../_base_/default_runtime.py',
    '../../_base_/models/cifar_wrn_40_2.py',
]

model = _base_.wrn_40_2
model.head.num_classes = 10
