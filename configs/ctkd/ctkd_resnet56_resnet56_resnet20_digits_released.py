# ./ctkd_resnet56_resnet56_resnet20_digits.py with the released code's pairing
# (HaoranZhao1988/CTKD train.py zips the six group outputs of scratch teacher
# and student with the expert's three): the expert's attention supervises the
# scratch teacher at the same stages, and the student gets no attention
# transfer. Kept to reproduce the released numbers; the paper's pairing
# (expert -> student) is the default.
#
# Needs: work_dirs/resnet56_digits/epoch_8.pth
#   python tools/train.py configs/teachers/resnet56_digits.py
# Run: python tools/train.py configs/ctkd/ctkd_resnet56_resnet56_resnet20_digits_released.py
_base_ = ['./_base_/resnet56_resnet56_resnet20_digits.py']

model = dict(
    distiller=dict(
        scratch_recorders=_base_.stages,
        loss_forward_mappings={
            f'loss_at{i}': dict(
                s_feature=dict(from_model='scratch', recorder=f'g{i}'))
            for i in (1, 2, 3)
        }))
