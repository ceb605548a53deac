# ./cifar100.py for a ShuffleNet / MobileNet student: the recipe's lr for
# those students is 0.01 instead of 0.05 (CRD; RepDistiller's
# train_student.py).
_base_ = ['./cifar100.py']

optim_wrapper = dict(optimizer=dict(lr=0.01))
