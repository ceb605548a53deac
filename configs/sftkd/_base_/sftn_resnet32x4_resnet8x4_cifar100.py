# SFTN resnet32x4 teacher with resnet8x4 branches on CIFAR-100, shared by
# ../sftn_resnet32x4_resnet8x4_cifar100.py, ../resnet_cifar100.py and the
# fine-tune ablation ../sftn_finetune_resnet32x4_resnet8x4_cifar100.py.
_base_ = [
    './cifar100.py',
    './sftn.py',
    '../../_base_/models/cifar_resnet32x4.py',
    '../../_base_/models/cifar_resnet8x4.py',
]

# The teacher's head loss is l_T.
model = dict(architecture=_base_.resnet32x4, student=_base_.resnet8x4)
