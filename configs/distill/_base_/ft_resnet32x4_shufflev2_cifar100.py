# The student's layer3 is 1024@4, the teacher's 256@8: as in RepDistiller's
# FactorTransfer loss, the teacher factor is adaptive-avg-pooled to 4x4
# (element 1 of loss_ft_tfeat).
_base_ = [
    './cifar100_shufflev2.py', './ft.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_shufflev2.py'
]
model = dict(
    architecture=_base_.shufflev2,
    teacher=_base_.resnet32x4,
    distiller=dict(
        connectors=dict(
            loss_ft_sfeat=dict(in_channel=1024),
            loss_ft_tfeat=[
                dict(type='Paraphraser', phase='train', in_channel=256,
                     out_channel=128),
                dict(
                    type='TorchFunctionalConnector',
                    function_name='adaptive_avg_pool2d',
                    func_args=dict(output_size=4)),
            ])))
