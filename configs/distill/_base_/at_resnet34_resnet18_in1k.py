# ./at.py for ResNet-34 -> ResNet-18 on ImageNet-1k: layer1-3 (64@56,
# 128@28, 256@14), weight 1000 each as on CIFAR; not tuned for ImageNet.
_base_ = [
    './in1k.py', './at.py', '../../_base_/models/in1k_resnet34.py',
    '../../_base_/models/in1k_resnet18.py'
]
model = dict(
    architecture=_base_.resnet18_in1k,
    teacher=_base_.resnet34_in1k)
