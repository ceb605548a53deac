# KD (Hinton et al., 2015) with stock MMRazor classes on ImageNet-1k, ResNet-34
# -> ResNet-18, from the standard teacher (./kd_resnet34_resnet18_in1k_sftn.py:
# the SFTN teacher).
# The standard teacher's weights: see ./_base_/in1k.py.
_base_ = ['./_base_/kd_resnet34_resnet18_in1k.py']
model = dict(
    teacher_ckpt='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth')
