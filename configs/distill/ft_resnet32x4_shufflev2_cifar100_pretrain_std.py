# FT (factor transfer, Kim et al., NeurIPS 2018) stage 1 of 2, paraphraser
# pre-training, with stock MMRazor classes. CIFAR-100, teacher resnet32x4
# (standard) for the student shufflev2.
# ./ft_resnet32x4_shufflev2_cifar100_pretrain_sftn.py is this file with the
# SFTN teacher.
#
# Needs (with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
# Run: python tools/train.py configs/distill/ft_resnet32x4_shufflev2_cifar100_pretrain_std.py
#
# Writes (read by the stage-2 config ft_resnet32x4_shufflev2_cifar100_std.py):
#   work_dirs/ft_resnet32x4_shufflev2_cifar100_pretrain_std/epoch_30.pth
#
# A paraphraser (an encoder of three 3x3 convs with LeakyReLU(0.1), 256 -> 128
# channels, factor rate k = 0.5, and a mirrored decoder; no BN, as
# RepDistiller's) learns to reconstruct the frozen teacher's last feature map,
# backbone.layer3 (256@8), RepDistiller's feat[-2]. Only the paraphraser
# learns: the student is built (SingleTeacherDistill needs one) but neither
# trained nor scored.
#
# Recipe: RepDistiller's helper/pretrain.py init(): MSE reconstruction loss
# (L2Loss normalize=False, div_element=True), 30 epochs (--init_epochs), SGD
# momentum 0.9, wd 5e-4, constant lr 0.01 (0.01 for ResNet / WRN students, else
# the student's lr: 0.05 for vgg8, 0.01 for ShuffleV2).
_base_ = ['./_base_/resnet32x4_shufflev2_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'

model = dict(
    teacher_ckpt=teacher_ckpt,
    calculate_student_loss=False,
    student_trainable=False,
    distiller=dict(
        type='ConfigurableDistiller',
        teacher_recorders=dict(
            feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        # A list (an nn.Sequential): stage 2 appends to it, and the
        # paraphraser keeps its keys distiller.connectors.loss_ft_tfeat.0.*
        connectors=dict(loss_ft_tfeat=[
            dict(
                type='Paraphraser',
                phase='pretrain',
                in_channel=256,
                out_channel=128),
        ]),
        distill_losses=dict(
            loss_ft_rec=dict(
                type='L2Loss',
                normalize=False,
                div_element=True,
                loss_weight=1.0)),
        loss_forward_mappings=dict(
            # The teacher feature through the paraphraser (encoder and
            # decoder) against the teacher feature itself.
            loss_ft_rec=dict(
                s_feature=dict(
                    from_student=False,
                    recorder='feat',
                    connector='loss_ft_tfeat'),
                t_feature=dict(from_student=False, recorder='feat')))))

param_scheduler = dict(
    _delete_=True, type='ConstantLR', factor=1.0, by_epoch=True)
train_cfg = dict(max_epochs=30, val_interval=30)
