# The embedded digits set (scikit-learn's bundled 8x8 digits as 32x32 RGB,
# see mmrazor_sftkd.datasets.DigitsDataset): 1,149 train / 288 val / 360
# test images, 10 classes, no download. Validation during training uses val
# (carved out of the training images: choose hyper-parameters on it);
# tools/test.py uses test, for final figures only. Batch 64 as in the CIFAR
# recipe.
dataset_type = 'mmpretrain.DigitsDataset'
num_classes = 10
split_seed = 0
test_ratio = 0.2

data_preprocessor = dict(
    type='mmpretrain.ClsDataPreprocessor',
    num_classes=num_classes,
    # Mean and std of the 1,437 non-test images, on a 0-255 scale (all 3
    # channels are equal).
    mean=[77.865] * 3,
    std=[82.534] * 3,
    to_rgb=False)

# No flip: digits are not mirror-symmetric.
train_pipeline = [
    dict(type='mmpretrain.RandomCrop', crop_size=32, padding=2),
    dict(type='mmpretrain.PackInputs'),
]
test_pipeline = [dict(type='mmpretrain.PackInputs')]

train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    dataset=dict(
        type=dataset_type,
        split='train',
        split_seed=split_seed,
        test_ratio=test_ratio,
        val_ratio=0.2,
        pipeline=train_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=True),
)
val_dataloader = dict(
    train_dataloader,
    batch_size=128,
    dataset=dict(
        train_dataloader['dataset'], split='val', pipeline=test_pipeline),
    sampler=dict(type='DefaultSampler', shuffle=False))
val_evaluator = dict(type='mmpretrain.Accuracy', topk=(1, ))
# The test split does not depend on val_ratio.
test_dataloader = dict(
    val_dataloader,
    dataset=dict(
        type=dataset_type,
        split='test',
        split_seed=split_seed,
        test_ratio=test_ratio,
        pipeline=test_pipeline))
test_evaluator = val_evaluator
