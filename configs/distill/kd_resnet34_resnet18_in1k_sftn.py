# KD (Hinton et al., 2015) with stock MMRazor classes on ImageNet-1k, ResNet-34
# -> ResNet-18, from the SFTN teacher (trained with ResNet-18 branches;
# ./kd_resnet34_resnet18_in1k_std.py: the standard teacher).
# Needs work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth from
#   python tools/train.py configs/sftkd/sftn_resnet34_resnet18_in1k.py
_base_ = ['./_base_/kd_resnet34_resnet18_in1k.py']
model = dict(
    teacher_ckpt='work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth')
