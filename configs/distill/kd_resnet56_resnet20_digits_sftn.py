# The same stock MMRazor KD run as kd_resnet56_resnet20_digits.py; only the
# teacher differs: the SFTN teacher exported by
# python tools/train.py configs/sftkd/sftn_resnet56_resnet20_digits.py
_base_ = ['./_base_/kd_resnet56_resnet20_digits.py']
teacher_ckpt = 'work_dirs/sftn_resnet56_resnet20_digits/epoch_8_teacher.pth'
model = dict(teacher_ckpt=teacher_ckpt)
