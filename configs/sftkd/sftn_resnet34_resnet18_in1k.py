# SFTN stage 1 on ImageNet-1k: ResNet-34 teacher with ResNet-18 branches
# (see ./_base_/sftn_resnet34_resnet18_in1k.py).
#
# python tools/train.py configs/sftkd/sftn_resnet34_resnet18_in1k.py
# (8 GPUs: tools/dist_train.sh configs/sftkd/sftn_resnet34_resnet18_in1k.py 8)
# -> work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth, a plain
#    ResNet-34 state_dict that configs/distill/*_resnet34_resnet18_in1k_sftn.py
#    load as teacher_ckpt.
_base_ = ['./_base_/sftn_resnet34_resnet18_in1k.py']
