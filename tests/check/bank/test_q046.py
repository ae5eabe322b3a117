"""Question 46 (callback logging predictions): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 46


def logger(body: str = "self.predictions.append(self.model.predict(self.samples, verbose=0))",
           hook: str = "def on_epoch_end(self, epoch, logs=None):", base: str = "(keras.callbacks.Callback)",
           init: str = "super().__init__()\n        self.samples = samples\n        self.predictions = []") -> str:
    return (f"class PredictionLogger{base}:\n    def __init__(self, samples):\n        {init}\n\n"
            f"    {hook}\n        {body}\n")


VARIANTS = [
    ("direct-model-call", logger(body="self.predictions.append(keras.ops.convert_to_numpy(self.model(self.samples, training=False)))"), None),
    ("prints-and-keeps-a-copy", logger(body="preds = np.array(self.model.predict(self.samples, verbose=0))\n"
                                            "        print(epoch, logs.get('loss'), preds.mean())\n"
                                            "        self.predictions = self.predictions + [preds.copy()]"), None),
    ("epoch-begin", logger(hook="def on_epoch_begin(self, epoch, logs=None):"), "predictions[0]"),
    ("every-batch", logger(hook="def on_train_batch_end(self, batch, logs=None):"), "expected 2 items, found 6"),
    ("keeps-only-the-last", logger(body="self.predictions = [self.model.predict(self.samples, verbose=0)]"), "expected 2 items, found 1"),
    ("logs-the-loss", logger(body="self.predictions.append(logs['loss'])"), "expected an array of shape (12, 2)"),
    ("not-a-callback", logger(base="", init="self.samples = samples\n        self.predictions = []"), "does not subclass keras.callbacks.Callback"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
