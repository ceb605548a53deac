# CTKD, collaborative teaching (Zhao et al., arXiv 1907.09643) on ImageNet-1k
# with MMPretrain's own models: a ResNet-34 scratch teacher trained in the same
# run guides a ResNet-18 student at every step, and a frozen, pretrained
# ResNet-34 expert guides its attention after layer1-3. Loss and weights:
# ./_base_/ctkd.py; not tuned for ImageNet.
#
# Needs the expert at teacher_ckpt: MMPretrain's model zoo weights for
# resnet34_8xb32_in1k, or work_dirs/resnet34_in1k/epoch_100.pth from
#   python tools/train.py configs/teachers/resnet34_in1k.py
# or an SFTN export (work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth).
# Run: python tools/train.py configs/ctkd/ctkd_resnet34_resnet34_resnet18_in1k.py
_base_ = [
    '../_base_/imagenet_bs32.py',
    '../_base_/models/in1k_resnet18.py',
    '../_base_/models/in1k_resnet34.py',
    './_base_/ctkd.py',
]

model = dict(
    architecture=_base_.resnet18_in1k,
    scratch_teacher=_base_.resnet34_in1k,
    teacher=_base_.resnet34_in1k,
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth')

find_unused_parameters = True
val_cfg = dict(_delete_=True, type='mmrazor.MultiModelValLoop')
test_cfg = dict(_delete_=True, type='mmrazor.MultiModelTestLoop')
