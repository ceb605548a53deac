# FT (factor transfer, Kim et al., NeurIPS 2018) stage 2 of 2, with stock
# MMRazor classes. CIFAR-100, resnet32x4 -> shufflev2, with the standard
# teacher. ./ft_resnet32x4_shufflev2_cifar100_sftn.py is this file with the
# SFTN teacher.
#
# Needs (each with the command that writes it):
#   work_dirs/resnet32x4_cifar100/epoch_240.pth
#     python tools/train.py configs/teachers/resnet32x4_cifar100.py
#   work_dirs/ft_resnet32x4_shufflev2_cifar100_pretrain_std/epoch_30.pth
#     python tools/train.py configs/distill/ft_resnet32x4_shufflev2_cifar100_pretrain_std.py
# Run: python tools/train.py configs/distill/ft_resnet32x4_shufflev2_cifar100_std.py
#
# The teacher's factor: the stage-1 paraphraser's encoder on backbone.layer3
# (256@8); phase 'train' runs it without gradients, so it stays frozen. The
# student's factor: a Translator (the same encoder with BN, 1024 -> 128
# channels), trained with the student, on backbone.layer3 (1024@4). Both are
# RepDistiller's feat[-2]. The student's map is 4x4, the teacher's 8x8: as in
# RepDistiller's FactorTransfer loss, the teacher factor is adaptive-avg-pooled
# to 4x4 (element 1 of loss_ft_tfeat).
#
# The paraphraser comes from stage 1 on the same teacher (paraphraser_ckpt):
# init_cfg Pretrained with prefix "distiller." loads the distiller's keys of
# that checkpoint, which are the paraphraser's only, when the runner
# initialises the model (Runner.train).
#
# Loss: mmrazor's FTLoss is the L1 mean between the L2-normalised, flattened
# factors: the FT authors' loss, with their weight beta = 500
# (Jangho-Kim/Factor-Transfer-pytorch, train_student.py); CE 1.0, no KD.
# (RepDistiller uses beta 200 on another factor, the channel mean of the
# squared map, which stock MMRazor does not offer.)
_base_ = ['./_base_/resnet32x4_shufflev2_cifar100.py']

teacher_ckpt = 'work_dirs/resnet32x4_cifar100/epoch_240.pth'
paraphraser_ckpt = 'work_dirs/ft_resnet32x4_shufflev2_cifar100_pretrain_std/epoch_30.pth'  # noqa: E501

model = dict(
    teacher_ckpt=teacher_ckpt,
    distiller=dict(
        type='ConfigurableDistiller',
        init_cfg=dict(
            type='Pretrained',
            checkpoint=paraphraser_ckpt,
            prefix='distiller.'),
        student_recorders=dict(
            feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        teacher_recorders=dict(
            feat=dict(type='ModuleOutputs', source='backbone.layer3')),
        connectors=dict(
            loss_ft_sfeat=dict(
                type='Translator', in_channel=1024, out_channel=128),
            loss_ft_tfeat=[
                dict(
                    type='Paraphraser',
                    phase='train',
                    in_channel=256,
                    out_channel=128),
                dict(
                    type='TorchFunctionalConnector',
                    function_name='adaptive_avg_pool2d',
                    func_args=dict(output_size=4)),
            ]),
        distill_losses=dict(loss_ft=dict(type='FTLoss', loss_weight=500)),
        loss_forward_mappings=dict(
            loss_ft=dict(
                s_feature=dict(
                    from_student=True,
                    recorder='feat',
                    connector='loss_ft_sfeat'),
                t_feature=dict(
                    from_student=False,
                    recorder='feat',
                    connector='loss_ft_tfeat')))))
