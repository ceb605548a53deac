# CTKD, collaborative teaching KD ("Highlight Every Step: Knowledge
# Distillation via Collaborative Teaching", Zhao et al., arXiv 1907.09643) on
# the embedded digits set. Not Curriculum Temperature KD.
# File names: ctkd_{expert}_{scratch teacher}_{student}_{data}.py.
#
#   expert teacher  resnet56, pretrained, frozen (BN in eval mode)
#   scratch teacher resnet56, trained from scratch in this run (its own CE)
#   student         resnet20
# Stage outputs at 32x32: layer1 16@32, layer2 32@16, layer3 64@8. Loss and
# weights: ./_base_/ctkd.py. One SGD over scratch teacher and student, as
# released, on the digits short schedule (lr 0.05, x0.1 at epochs 5 and 7, 8
# epochs); ./ctkd_resnet56_resnet56_resnet20_digits_sepoptim.py has two
# optimizers, ./ctkd_resnet56_resnet56_resnet20_digits_released.py the
# released code's pairing.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet56_digits/epoch_8.pth
#     python tools/train.py configs/teachers/resnet56_digits.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits.py
_base_ = ['./_base_/resnet56_resnet56_resnet20_digits.py']
