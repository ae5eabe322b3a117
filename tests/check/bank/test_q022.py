"""Question 22 (binary_scores: precision, recall and F1 at a threshold): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 22
METRICS = """
def binary_scores(y_true, y_prob, threshold=0.5):
    p = keras.metrics.Precision(thresholds=threshold)
    r = keras.metrics.Recall(thresholds=threshold)
    p.update_state(y_true, y_prob)
    r.update_state(y_true, y_prob)
    precision, recall = float(p.result()), float(r.result())
"""
F1 = "2 * precision * recall / (precision + recall) if precision + recall else 0.0"

VARIANTS = [
    ("numpy-counts", """
def binary_scores(y_true, y_prob, threshold=0.5):
    y = np.asarray(y_true)
    predicted = np.asarray(y_prob) > threshold
    tp = float(np.sum(predicted & (y == 1)))
    fp = float(np.sum(predicted & (y == 0)))
    fn = float(np.sum(~predicted & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
""", None),
    ("keys-in-another-order", METRICS + f'    return {{"f1": {F1}, "recall": recall, "precision": precision}}\n', None),
    ("threshold-ignored", METRICS.replace("(thresholds=threshold)", "()") + f'    return {{"precision": precision, "recall": recall, "f1": {F1}}}\n',
     "threshold=0.35): result['precision']: expected 0.8, found 0.75"),
    ("precision-and-recall-swapped", METRICS + f'    return {{"precision": recall, "recall": precision, "f1": {F1}}}\n',
     "result['precision']: expected 0.75, found 0.6"),
    ("f1-as-a-plain-mean", METRICS + '    return {"precision": precision, "recall": recall, "f1": (precision + recall) / 2}\n',
     "result['f1']: expected 0.6666667, found 0.675"),
    ("division-by-zero", METRICS + '    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}\n',
     "raised ZeroDivisionError"),
    ("tuple-instead-of-dict", METRICS + "    return precision, recall\n", "expected a dict with keys ['f1', 'precision', 'recall']"),
    ("accuracy-instead", """
def binary_scores(y_true, y_prob, threshold=0.5):
    accuracy = keras.metrics.BinaryAccuracy(threshold=threshold)
    accuracy.update_state(y_true, y_prob)
    return {"accuracy": float(accuracy.result())}
""", "the key 'precision' is missing"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
