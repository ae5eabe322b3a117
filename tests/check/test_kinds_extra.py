"""The function, callback_class, dataset_class and train_step_model kinds, on small exercises written here."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from kerasq.content.question import Question
from kerasq.content.schema import Exercise
from kerasq.findings import first_problem
from kerasq.kinds import kind_module

pytestmark = pytest.mark.keras

PRELUDE = "import math\nimport numpy as np\nimport keras\nfrom keras import layers, ops\n"


def exercise(kind: str, target: str, check: dict[str, Any]) -> Question:
    return Question(id=70, slug="test", title="test exercise", section="Coding Challenges", tags=("test",), apis=("keras.Model",),
                    summary="s", hints=("a", "b"), pitfalls=("p",), answer_markdown="",
                    exercise=Exercise(kind=kind, targets=[target], task="a test exercise", check=check))


def namespace(code: str) -> dict[str, Any]:
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(PRELUDE + textwrap.dedent(code), "<learner>", "exec"), ns)  # noqa: S102
    return ns


def run(question: Question, solution: str, attempt: str | None) -> str | None:
    """The first problem's message when checking ``attempt`` against ``solution`` (None when it passes)."""
    module = kind_module(question.exercise.kind)
    target = question.targets[0]
    reference = module.reference(question, namespace(solution))
    objects = {target: namespace(attempt if attempt is not None else solution)[target]}
    outcome = module.check(question, objects, reference)
    assert outcome.findings
    problem = first_problem(outcome.findings)
    return None if problem is None else problem.message


# ---- function


SCALE = exercise("function", "add_scaled", {"cases": [{"args": [1, 2]}, {"args": [[1.0, 2.0], [3.0, 4.0]], "kwargs": {"scale": 0.5}}],
                                             "tolerance": 1e-6})
SCALE_SOLUTION = """
def add_scaled(a, b, scale=1.0):
    return (np.asarray(a, dtype="float32") + scale * np.asarray(b, dtype="float32")).tolist()
"""


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (SCALE_SOLUTION, None),
        ("def add_scaled(a, b, scale=1.0):\n    return ops.convert_to_numpy(ops.add(a, ops.multiply(scale, b)))\n", None),
        ("def add_scaled(a, b, scale=1.0):\n    return (np.asarray(a) + np.asarray(b)).tolist()\n",
         "add_scaled([1.0, 2.0], [3.0, 4.0], scale=0.5): result[0]: expected 2.5, found 4.0"),
        ("def add_scaled(a, b, scale=1.0):\n    pass\n", "add_scaled(1, 2): result: expected the number 3.0, found None"),
        ("def add_scaled(a, b):\n    return a + b\n", "calling add_scaled([1.0, 2.0], [3.0, 4.0], scale=0.5) raised TypeError"),
        ("add_scaled = 3\n", "`add_scaled` is a int, not a function"),
        ("def add_scaled(a, b, scale=1.0):\n    raise NotImplementedError('todo')\n", "`add_scaled` is not attempted yet"),
    ],
)
def test_function_with_literal_cases(attempt: str, expected: str | None) -> None:
    message = run(SCALE, SCALE_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message


REDUCE = exercise("function", "make_reduce", {"cases": [{"args": []}], "compare": "attributes",
                                              "attributes": ["monitor", "factor", "patience"]})
REDUCE_SOLUTION = "def make_reduce():\n    return keras.callbacks.ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=2)\n"


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (REDUCE_SOLUTION, None),
        ("def make_reduce():\n    return keras.callbacks.ReduceLROnPlateau(patience=2, factor=0.5)\n", None),
        ("def make_reduce():\n    return keras.callbacks.ReduceLROnPlateau(factor=0.1, patience=2)\n",
         "result['attributes']['factor']: expected 0.5, found 0.1"),
        ("def make_reduce():\n    return keras.callbacks.EarlyStopping(patience=2)\n", "result['class']: expected 'ReduceLROnPlateau', found 'EarlyStopping'"),
    ],
)
def test_function_compared_by_attributes(attempt: str, expected: str | None) -> None:
    message = run(REDUCE, REDUCE_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message


COUNTS = exercise("function", "predicted_counts", {"args": ["model", "x"], "kwargs": {"classes": 3}, "input_shape": [4], "samples": 12,
                                                   "dtype": "integer"})
COUNTS_SOLUTION = """
def predicted_counts(model, x, classes):
    return np.bincount(np.argmax(model.predict(x, verbose=0), axis=-1), minlength=classes)
"""


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (COUNTS_SOLUTION, None),
        ("def predicted_counts(model, x, classes):\n    p = ops.argmax(model(x), axis=-1)\n"
         "    return np.array([int(ops.sum(p == k)) for k in range(classes)])\n", None),
        ("def predicted_counts(model, x, classes):\n    return np.bincount(np.argmax(model.predict(x, verbose=0), axis=-1), "
         "minlength=classes + 1)\n", "expected shape (3,), found shape (4,)"),
        ("def predicted_counts(model, x, classes):\n    return np.bincount(np.argmax(model.predict(x, verbose=0), axis=-1), "
         "minlength=classes).astype('float32')\n", "returns float values; the task asks for integers"),
    ],
)
def test_function_on_the_checks_own_model(attempt: str, expected: str | None) -> None:
    message = run(COUNTS, COUNTS_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message


def test_unknown_fixture_is_a_build_error() -> None:
    with pytest.raises(KeyError, match="unknown argument name 'dataset'"):
        run(exercise("function", "f", {"args": ["dataset"]}), "def f(d):\n    return 1\n", None)


# ---- callback_class

COUNTER = exercise("callback_class", "EpochCounter", {"cases": [{"kwargs": {"limit": 2}, "expect": {"epochs_run": 2}},
                                                                 {"kwargs": {"limit": 10}, "expect": {"epochs_run": 3}}],
                                                       "fit": {"epochs": 3, "batch_size": 4, "samples": 8}, "attributes": ["seen"]})
COUNTER_SOLUTION = """
class EpochCounter(keras.callbacks.Callback):
    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.seen = 0

    def on_epoch_end(self, epoch, logs=None):
        self.seen += 1
        if self.seen >= self.limit:
            self.model.stop_training = True
"""


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (COUNTER_SOLUTION, None),
        (COUNTER_SOLUTION.replace("self.seen += 1\n        if self.seen >= self.limit", "self.seen = epoch + 1\n        if epoch + 1 >= self.limit"), None),
        (COUNTER_SOLUTION.replace("            self.model.stop_training = True", "            pass"),
         "with EpochCounter(limit=2): epochs_run: expected 2, found 3"),
        (COUNTER_SOLUTION.replace("on_epoch_end", "on_train_batch_end"), "with EpochCounter(limit=2): epochs_run: expected 2, found 1"),
        (COUNTER_SOLUTION.replace("self.seen = 0", "self.count = 0").replace("self.seen", "self.count"),
         "seen: expected the number 2, found '(missing attribute)'"),
        ("class EpochCounter:\n    def __init__(self, limit):\n        pass\n", "`EpochCounter` does not subclass keras.callbacks.Callback"),
    ],
)
def test_callback_class(attempt: str, expected: str | None) -> None:
    message = run(COUNTER, COUNTER_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message


def test_callback_expectations_guard_the_solution() -> None:
    wrong = exercise("callback_class", "EpochCounter", {"cases": [{"kwargs": {"limit": 2}, "expect": {"epochs_run": 3}}],
                                                        "fit": {"epochs": 3, "batch_size": 4, "samples": 8}})
    with pytest.raises(ValueError, match="the solution gives epochs_run=2, but expect says 3"):
        run(wrong, COUNTER_SOLUTION, None)


# ---- dataset_class

BATCHES = exercise("dataset_class", "ArrayBatches", {"args": ["x", "y"], "kwargs": {"batch_size": 5}, "input_shape": [3], "samples": 12,
                                                     "expected_len": 3})
BATCHES_SOLUTION = """
class ArrayBatches(keras.utils.PyDataset):
    def __init__(self, x, y, batch_size, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size

    def __len__(self):
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index):
        rows = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return self.x[rows], self.y[rows]
"""


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (BATCHES_SOLUTION, None),
        (BATCHES_SOLUTION.replace("math.ceil(len(self.x) / self.batch_size)", "-(-len(self.x) // self.batch_size)"), None),
        (BATCHES_SOLUTION.replace("math.ceil(len(self.x) / self.batch_size)", "len(self.x) // self.batch_size"),
         "len(ArrayBatches(x, y, batch_size=5)) is 2; expected 3 batches"),
        (BATCHES_SOLUTION.replace("return self.x[rows], self.y[rows]", "return self.x[rows][::-1], self.y[rows]"),
         "ArrayBatches(x, y, batch_size=5)[0] differs: batch 0[0]"),
        (BATCHES_SOLUTION.replace("return self.x[rows], self.y[rows]", "return self.x[rows]"),
         "ArrayBatches(x, y, batch_size=5)[0] differs: batch 0: expected 2 items, found 5"),
        ("class ArrayBatches:\n    pass\n", "`ArrayBatches` does not subclass keras.utils.PyDataset"),
    ],
)
def test_dataset_class(attempt: str, expected: str | None) -> None:
    message = run(BATCHES, BATCHES_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message


# ---- train_step_model

STEP = exercise("train_step_model", "LoggedModel", {"build": {"input_shape": [3], "layers": [{"Dense": {"units": 1}}]},
                                                    "compile": {"optimizer": {"SGD": {"learning_rate": 0.05}}, "loss": "mse", "metrics": ["mae"]},
                                                    "fit": {"epochs": 2, "batch_size": 4, "samples": 8}, "expect_keys": ["loss", "mae", "steps"]})
STEP_SOLUTION = """
import tensorflow as tf


class LoggedModel(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        logs = {metric.name: metric.result() for metric in self.metrics}
        logs["steps"] = self.optimizer.iterations
        return logs
"""


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [
        (STEP_SOLUTION, None),
        (STEP_SOLUTION.replace("self.optimizer.apply(grads, self.trainable_variables)",
                               "self.optimizer.apply_gradients(zip(grads, self.trainable_variables))"), None),
        (STEP_SOLUTION.replace("        self.optimizer.apply(grads, self.trainable_variables)\n", ""),
         "training gives other values: logs['loss']"),
        (STEP_SOLUTION.replace('        logs["steps"] = self.optimizer.iterations\n', ""), "the training logs have no 'steps'"),
        ("class LoggedModel(keras.Model):\n    pass\n", "`LoggedModel` does not override train_step"),
        ("class LoggedModel(keras.layers.Layer):\n    pass\n", "`LoggedModel` does not subclass keras.Model"),
    ],
)
def test_train_step_model(attempt: str, expected: str | None) -> None:
    message = run(STEP, STEP_SOLUTION, attempt)
    assert message == expected if expected is None else expected in message
