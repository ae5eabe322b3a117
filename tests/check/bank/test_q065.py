"""Question 65 (graph convolution layer): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 65
HEAD = """
class GraphConv(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[0][-1], self.units), initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")
"""
CONFIG = """
    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})
        return config
"""


def layer(body: str, head: str = HEAD, config: str = CONFIG) -> str:
    return head + "\n    def call(self, inputs):\n        x, a = inputs\n        " + body + "\n" + config


VARIANTS = [
    ("aggregate-first-then-transform", layer("return self.activation(ops.matmul(ops.matmul(a, x), self.kernel) + self.bias)"), None),
    ("einsum", layer('return self.activation(ops.einsum("bij,bjf,fu->biu", a, x, self.kernel) + self.bias)'), None),
    ("without-adjacency", layer("return self.activation(ops.matmul(x, self.kernel) + self.bias)"), "computes different values"),
    ("without-bias", layer("return self.activation(ops.matmul(a, ops.matmul(x, self.kernel)))"), "computes different values"),
    ("activation-ignored", layer("return ops.matmul(a, ops.matmul(x, self.kernel)) + self.bias"), "computes different values"),
    ("kernel-from-adjacency-width", layer("return self.activation(ops.matmul(a, ops.matmul(x, self.kernel)) + self.bias)",
                                          head=HEAD.replace("input_shape[0][-1]", "input_shape[1][-1]")), "GraphConv(8"),
    ("config-drops-units", layer("return self.activation(ops.matmul(a, ops.matmul(x, self.kernel)) + self.bias)",
                                 config=CONFIG.replace('"units": self.units, ', "")), "has no 'units'"),
    ("weights-created-in-call", """
class GraphConv(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def call(self, inputs):
        x, a = inputs
        kernel = self.add_weight(shape=(x.shape[-1], self.units), initializer="glorot_uniform")
        bias = self.add_weight(shape=(self.units,), initializer="zeros")
        return self.activation(ops.matmul(a, ops.matmul(x, kernel)) + bias)
""" + CONFIG, "GraphConv(8"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
