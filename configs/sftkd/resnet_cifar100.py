# The SFTN example of the README: resnet32x4 teacher with resnet8x4 student
# branches on CIFAR-100 (as sftn_resnet32x4_resnet8x4_cifar100.py, and it
# writes to the same work_dir so that the stage-2 `_sftn` configs find
# its export).
_base_ = ['./_base_/sftn_resnet32x4_resnet8x4_cifar100.py']
work_dir = 'work_dirs/sftn_resnet32x4_resnet8x4_cifar100'
