"""Question 19 (digit classifier with logits, compiled with objects): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 19
MODEL = 'model = keras.Sequential([keras.Input(shape=(28, 28)), layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10)])\n'
METRICS = "[keras.metrics.SparseCategoricalAccuracy(), keras.metrics.SparseTopKCategoricalAccuracy(k=3)]"
LOSS = "keras.losses.SparseCategoricalCrossentropy(from_logits=True)"


def compiled(optimizer: str = "keras.optimizers.Adam(learning_rate=5e-4)", loss: str = LOSS, metrics: str = METRICS,
             model: str = MODEL) -> str:
    return model + f"model.compile(optimizer={optimizer}, loss={loss}, metrics={metrics})\n"


VARIANTS = [
    ("sequential-named-metrics", compiled(
        optimizer="keras.optimizers.Adam(5e-4)",
        metrics='[keras.metrics.SparseCategoricalAccuracy(name="acc"), keras.metrics.SparseTopKCategoricalAccuracy(k=3, name="top3")]'),
     None),
    ("metric-string-for-accuracy", compiled(metrics='["sparse_categorical_accuracy", keras.metrics.SparseTopKCategoricalAccuracy(k=3)]'), None),
    ("loss-without-from-logits", compiled(loss="keras.losses.SparseCategoricalCrossentropy()"),
     "expected the loss sparse_categorical_crossentropy (from_logits=True), found sparse_categorical_crossentropy"),
    ("softmax-output", compiled(model=MODEL.replace("layers.Dense(10)", 'layers.Dense(10, activation="softmax")')),
     "expected activation linear, found softmax"),
    ("adam-string-default-rate", compiled(optimizer='"adam"'),
     "expected optimizer.learning_rate=0.0005, found optimizer.learning_rate=0.001"),
    ("top-5", compiled(metrics="[keras.metrics.SparseCategoricalAccuracy(), keras.metrics.SparseTopKCategoricalAccuracy(k=5)]"),
     "expected metric.sparse_top_k_categorical_accuracy.k=3, found metric.sparse_top_k_categorical_accuracy.k=5"),
    ("one-hot-loss", compiled(loss="keras.losses.CategoricalCrossentropy(from_logits=True)"),
     "found categorical_crossentropy (from_logits=True)"),
    ("top-k-missing", compiled(metrics="[keras.metrics.SparseCategoricalAccuracy()]"),
     "the metric sparse_top_k_categorical_accuracy is missing"),
    ("no-flatten", compiled(model=MODEL.replace("layers.Flatten(), ", "")), "is missing a Flatten after the input"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
