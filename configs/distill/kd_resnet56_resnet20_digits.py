# Stock MMRazor KD (Hinton et al., 2015) on the digits set: resnet56 teacher,
# resnet20 student. Only MMRazor classes: SingleTeacherDistill,
# ConfigurableDistiller, ModuleOutputs recorders and KLDivergence on logits.
# The CRD recipe's KD weights: CE 0.1, KL 0.9, tau 4.
# ./kd_resnet56_resnet20_digits_sftn.py: the same run from the SFTN teacher.
_base_ = ['./_base_/kd_resnet56_resnet20_digits.py']
# Written by: python tools/train.py configs/teachers/resnet56_digits.py
teacher_ckpt = 'work_dirs/resnet56_digits/epoch_8.pth'
model = dict(teacher_ckpt=teacher_ckpt)
