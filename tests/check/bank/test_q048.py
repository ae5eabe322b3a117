"""Question 48 (confusion matrix function): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 48


def matrix(body: str) -> str:
    return "def confusion_matrix(model, x, y, num_classes):\n    " + body.replace("\n", "\n    ") + "\n"


ADD_AT = """predicted = model.predict(x, verbose=0).argmax(axis=-1)
cm = np.zeros((num_classes, num_classes), dtype=DTYPE)
np.add.at(cm, (ROWS, COLS), 1)
return cm"""


def add_at(rows: str = "np.asarray(y).astype(int)", cols: str = "predicted", dtype: str = "int") -> str:
    return matrix(ADD_AT.replace("ROWS", rows).replace("COLS", cols).replace("DTYPE", dtype))


VARIANTS = [
    ("numpy-add-at", add_at(), None),
    ("keras-ops-bincount", matrix("""predicted = ops.argmax(model(x), axis=-1)
flat = ops.bincount(ops.cast(y, "int32") * num_classes + ops.cast(predicted, "int32"), minlength=num_classes * num_classes)
return ops.convert_to_numpy(ops.reshape(flat, (num_classes, num_classes)))"""), None),
    ("loop", matrix("""predicted = np.argmax(model.predict(x, verbose=0), axis=1)
cm = [[0] * num_classes for _ in range(num_classes)]
for true, guess in zip(y, predicted):
    cm[int(true)][int(guess)] += 1
return np.array(cm)"""), None),
    ("rows-are-predictions", add_at(rows="predicted", cols="np.asarray(y).astype(int)"), "result[0, 1]"),
    ("float-counts", add_at(dtype="float"), "returns float values; the task asks for integers"),
    ("row-normalised", matrix(ADD_AT.replace("DTYPE", "float").replace("ROWS", "np.asarray(y).astype(int)").replace("COLS", "predicted")
                              .replace("return cm", "return cm / cm.sum(axis=1, keepdims=True)")), "result[0, 0]"),
    ("thresholds-the-first-column", matrix("""predicted = (model.predict(x, verbose=0)[:, 0] > 0.5).astype(int)
cm = np.zeros((num_classes, num_classes), dtype=int)
np.add.at(cm, (np.asarray(y).astype(int), predicted), 1)
return cm"""), "result[0, 0]"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
