# CIFAR-10 (or any 32x32 10-class set) as a folder of images per class, the
# layout MMPretrain's CustomDataset reads:
#   data/cifar10_folder/train/<class>/*.png|jpg    (50,000 for CIFAR-10)
#   data/cifar10_folder/test/<class>/*.png|jpg     (10,000)
# train: train/ without 500 images per class, which form val (5,000, a
#   deterministic stratified holdout: choose hyper-parameters on it);
# test: test/, for final figures only (tools/test.py uses test_dataloader).
# Augmentation: the CRD / RepDistiller CIFAR recipe (random crop 32 with
# padding 4, horizontal flip), batch 64. With internet, MMPretrain's own
# CIFAR10 dataset (./cifar10_bs64.py) downloads the official files instead.
data_root = 'data/cifar10_folder'
num_classes = 10
holdout = dict(holdout_per_class=500, split_seed=0)

data_preprocessor = dict(
    type='mmpretrain.ClsDataPreprocessor',
    num_classes=num_classes,
    # RGB mean and std of the CIFAR-10 training set, on a 0-255 scale;
    # images are decoded as BGR, hence to_rgb.
    mean=[125.307, 122.961, 113.8575],
    std=[51.5865, 50.847, 51.255],
    to_rgb=True)

train_pipeline = [
    dict(type='mmpretrain.LoadImageFromFile'),
    dict(type='mmpretrain.RandomCrop', crop_size=32, padding=4),
    dict(type='mmpretrain.RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='mmpretrain.PackInputs'),
]
test_pipeline = [
    dict(type='mmpretrain.LoadImageFromFile'),
    dict(type='mmpretrain.PackInputs'),
]

train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    dataset=dict(
        type='mmpretrain.StratifiedHoldoutDataset',
        part='train',
        data_root=data_root,
        data_prefix='train',
        pipeline=train_pipeline,
        **holdout),
    sampler=dict(type='DefaultSampler', shuffle=True),
)
val_dataloader = dict(
    train_dataloader,
    batch_size=256,
    dataset=dict(
        train_dataloader['dataset'], part='holdout', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
val_evaluator = dict(type='mmpretrain.Accuracy', topk=(1, 5))
test_dataloader = dict(
    val_dataloader,
    dataset=dict(
        type='mmpretrain.CustomDataset',
        data_root=data_root,
        data_prefix='test',
        pipeline=test_pipeline))
test_evaluator = val_evaluator
