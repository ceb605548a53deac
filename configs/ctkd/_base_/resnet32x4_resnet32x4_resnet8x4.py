# CTKD on the CRD resnet32x4 -> resnet8x4 pair: expert resnet32x4 (frozen),
# scratch teacher resnet32x4, student resnet8x4. Stage outputs at 32x32:
# layer1 64@32, layer2 128@16, layer3 256@8.
_base_ = [
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_resnet8x4.py',
    './ctkd.py',
]

model = dict(
    architecture=_base_.resnet8x4,
    scratch_teacher=_base_.resnet32x4,
    teacher=_base_.resnet32x4)
