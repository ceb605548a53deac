# The student's stages have half the teacher's resolution (116@16, 232@8,
# 1024@4): as in RepDistiller's Attention.at_loss, the teacher map is
# adaptive-avg-pooled to the student's size first.
_base_ = [
    './cifar100_shufflev2.py', './at.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_shufflev2.py'
]
model = dict(
    architecture=_base_.shufflev2,
    teacher=_base_.resnet32x4,
    distiller=dict(
        connectors={
            f'loss_at{i}_tfeat': dict(
                type='TorchFunctionalConnector',
                function_name='adaptive_avg_pool2d',
                func_args=dict(output_size=size))
            for i, size in ((1, 16), (2, 8), (3, 4))
        },
        loss_forward_mappings={
            f'loss_at{i}': dict(
                t_feature=dict(connector=f'loss_at{i}_tfeat'))
            for i in (1, 2, 3)
        }))
