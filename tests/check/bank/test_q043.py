"""Question 43 (GradNormModel: a train_step that also logs the gradients' global norm): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 43
FORWARD = """
import tensorflow as tf


class GradNormModel(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
"""
APPLY = "        self.optimizer.apply(gradients, self.trainable_variables)\n"
UPDATE = """        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
"""
LOGS = """        logs = {m.name: m.result() for m in self.metrics}
        logs["grad_norm"] = tf.linalg.global_norm(gradients)
        return logs
"""

VARIANTS = [
    ("apply-gradients-and-ops-norm", FORWARD + "        self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))\n" + UPDATE + """
        logs = {m.name: m.result() for m in self.metrics}
        logs["grad_norm"] = keras.ops.sqrt(sum(keras.ops.sum(keras.ops.square(g)) for g in gradients))
        return logs
""", None),
    ("unpack-helper-and-sample-weight", """
import tensorflow as tf


class GradNormModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        gradients = tape.gradient(loss, self.trainable_variables)
""" + APPLY + UPDATE + '        return {**{m.name: m.result() for m in self.metrics}, "grad_norm": tf.linalg.global_norm(gradients)}\n', None),
    ("no-grad-norm", FORWARD + APPLY + UPDATE + "        return {m.name: m.result() for m in self.metrics}\n", "the training logs have no 'grad_norm'"),
    ("weights-never-updated", FORWARD + UPDATE + LOGS, "training gives other values: logs['grad_norm'][0]"),
    ("metrics-never-updated", FORWARD + APPLY + LOGS, "Cannot get result() since the metric has not yet been built"),
    ("inference-mode-forward-pass", FORWARD.replace("training=True", "training=False") + APPLY + UPDATE + LOGS,
     "training gives other values: logs['grad_norm'][0]: expected 13.4489, found 1.93618"),
    ("applied-twice", FORWARD + APPLY + APPLY + UPDATE + LOGS, "training gives other values"),
    ("not-a-model", "\nclass GradNormModel:\n    def train_step(self, data):\n        return {}\n", "does not subclass keras.Model"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
