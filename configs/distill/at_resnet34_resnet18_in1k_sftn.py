# AT, attention transfer (Zagoruyko & Komodakis, ICLR 2017), with stock MMRazor classes on ImageNet-1k, ResNet-34 -> ResNet-18, from
# the SFTN teacher (trained with ResNet-18 branches):
# ./at_resnet34_resnet18_in1k_std.py with only the teacher checkpoint changed.
#
# Needs:
#   work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth
#     python tools/train.py configs/sftkd/sftn_resnet34_resnet18_in1k.py
# Run: python tools/train.py configs/distill/at_resnet34_resnet18_in1k_sftn.py
_base_ = ['./at_resnet34_resnet18_in1k_std.py']

model = dict(
    teacher_ckpt='work_dirs/sftn_resnet34_resnet18_in1k/epoch_100_teacher.pth')
