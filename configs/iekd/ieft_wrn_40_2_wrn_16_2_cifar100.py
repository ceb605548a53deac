# IE + FT (Huang et al., CVPR 2021; Kim et al., NeurIPS 2018), CIFAR-100,
# wrn_40_2 -> wrn_16_2: the IE terms of
# ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py plus Factor Transfer on the whole
# student feature: MMRazor's Translator (128 -> 32) on the student's
# backbone.layer3 against the same frozen teacher factor (the IE auto-encoder
# is FT's paraphraser, k = 32, so no second stage 1 is needed), MMRazor's
# FTLoss with the FT authors' beta = 500.
#
# Needs (each with the command that writes it):
#   work_dirs/wrn_40_2_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/wrn_40_2_cifar100.py
#   work_dirs/ae_wrn_40_2_cifar100/epoch_30.pth
#     python tools/train.py configs/iekd/ae_wrn_40_2_cifar100.py
# An SFTN teacher export (plain classifier state_dict, ..._teacher.pth) can
# replace the teacher: see ./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py.
# Run: python tools/train.py configs/iekd/ieft_wrn_40_2_wrn_16_2_cifar100.py
_base_ = ['./_base_/ie_wrn_40_2_wrn_16_2_cifar100.py']

model = dict(
    distiller=dict(
        connectors=dict(
            ft_sfeat=dict(
                type='Translator',
                in_channel=128,
                out_channel={{_base_.factor_channels}})),
        distill_losses=dict(loss_ft=dict(type='FTLoss', loss_weight=500)),
        loss_forward_mappings=dict(
            loss_ft=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='ie_feat',
                    connector='ft_sfeat'),
                t_feature=dict(
                    from_student=False,
                    recorder='ie_feat',
                    connector='ie_teacher_ae')))))
