"""Question 28 (make_early_stopping: EarlyStopping on val_auc, max, patience 4): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 28


def returning(call: str) -> str:
    return f"def make_early_stopping():\n    return {call}\n"


ARGUMENTS = 'monitor="val_auc", mode="max", patience=4, min_delta=0.002, restore_best_weights=True'

VARIANTS = [
    ("positional-monitor-any-order", returning(
        'keras.callbacks.EarlyStopping("val_auc", min_delta=0.002, patience=4, mode="max", restore_best_weights=True)'), None),
    ("defaults-spelled-out-and-verbose", """
def make_early_stopping():
    stopper = keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=4, min_delta=0.002,
                                            restore_best_weights=True, baseline=None, start_from_epoch=0, verbose=1)
    return stopper
""", None),
    ("mode-left-on-auto", returning('keras.callbacks.EarlyStopping(monitor="val_auc", patience=4, min_delta=0.002, restore_best_weights=True)'),
     "result['attributes']['mode']: expected 'max', found 'auto'"),
    ("training-auc", returning(f"keras.callbacks.EarlyStopping({ARGUMENTS.replace('val_auc', 'auc')})"),
     "result['attributes']['monitor']: expected 'val_auc', found 'auc'"),
    ("weights-not-restored", returning('keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=4, min_delta=0.002)'),
     "result['attributes']['restore_best_weights']: expected True, found False"),
    ("patience-3", returning(f"keras.callbacks.EarlyStopping({ARGUMENTS.replace('patience=4', 'patience=3')})"),
     "result['attributes']['patience']: expected 4, found 3"),
    ("min-mode", returning(f"keras.callbacks.EarlyStopping({ARGUMENTS.replace('max', 'min')})"),
     "result['attributes']['mode']: expected 'max', found 'min'"),
    ("a-checkpoint-instead", returning('keras.callbacks.ModelCheckpoint("best.keras", monitor="val_auc", mode="max", save_best_only=True)'),
     "result['class']: expected 'EarlyStopping', found 'ModelCheckpoint'"),
    ("a-list", returning(f"[keras.callbacks.EarlyStopping({ARGUMENTS})]"), "result['class']: expected 'EarlyStopping', found 'list'"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
