"""Question 20 (ThresholdStop callback): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 20
INIT = """
class ThresholdStop(keras.callbacks.Callback):
    def __init__(self, monitor="loss", threshold=0.1):
        super().__init__()
        self.monitor = monitor
        self.threshold = threshold
        self.stopped_epoch = None
"""


def with_epoch_end(body: str, hook: str = "on_epoch_end(self, epoch, logs=None)") -> str:
    return INIT + f"\n    def {hook}:\n" + body


STOP = "            self.model.stop_training = True\n            self.stopped_epoch = epoch\n"

VARIANTS = [
    ("membership-test-and-reset-at-train-begin", INIT + """
    def on_train_begin(self, logs=None):
        self.stopped_epoch = None

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.monitor in logs and logs[self.monitor] < self.threshold:
            self.stopped_epoch = epoch
            self.model.stop_training = True
""", None),
    ("float-conversions", with_epoch_end("""        current = None if logs is None else logs.get(self.monitor)
        if current is not None and float(current) < float(self.threshold):
            self.model.stop_training = True
            self.stopped_epoch = int(epoch)
"""), None),
    ("records-but-never-stops", with_epoch_end("""        value = (logs or {}).get(self.monitor)
        if value is not None and value < self.threshold:
            self.stopped_epoch = epoch
"""), "epochs_run: expected 1, found 4"),
    ("comparison-reversed", with_epoch_end("""        value = (logs or {}).get(self.monitor)
        if value is not None and value > self.threshold:
""" + STOP), "epochs_run: expected 1, found 4"),
    ("always-reads-loss", with_epoch_end("""        if logs["loss"] < self.threshold:
""" + STOP), "with ThresholdStop(monitor='no_such_metric', threshold=1000000000.0): epochs_run: expected 4, found 1"),
    ("missing-key-raises", with_epoch_end("""        if logs[self.monitor] < self.threshold:
""" + STOP), "raised KeyError: 'no_such_metric'"),
    ("one-based-epoch", with_epoch_end("""        value = (logs or {}).get(self.monitor)
        if value is not None and value < self.threshold:
            self.model.stop_training = True
            self.stopped_epoch = epoch + 1
"""), "stopped_epoch: expected 0, found 1"),
    ("batch-hook-misses-validation-values", with_epoch_end("""        value = (logs or {}).get(self.monitor)
        if value is not None and value < self.threshold:
            self.model.stop_training = True
            self.stopped_epoch = batch
""", hook="on_train_batch_end(self, batch, logs=None)"),
     "with ThresholdStop(monitor='val_loss', threshold=1000000000.0): epochs_run: expected 1, found 4"),
    ("not-a-callback", """
class ThresholdStop:
    def __init__(self, monitor="loss", threshold=0.1):
        self.monitor = monitor
        self.threshold = threshold
        self.stopped_epoch = None
""", "does not subclass keras.callbacks.Callback"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
