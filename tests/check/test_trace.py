"""The tracer: canonical form, folding, order, shared and nested layers, compile settings, JSON."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.keras


def nodes_without_names(trace):
    import dataclasses

    return [dataclasses.replace(node, name="") for node in trace.nodes]


def test_activation_layers_fold_into_the_layer_before() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    inline = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="softmax")])
    separate = keras.Sequential([keras.Input((4,)), layers.Dense(3), layers.Softmax()])
    x = keras.Input((4,))
    functional = keras.Model(x, keras.activations.softmax(layers.Dense(3)(x)))
    traces = [trace_model(model) for model in (inline, separate, functional)]
    assert nodes_without_names(traces[0]) == nodes_without_names(traces[1]) == nodes_without_names(traces[2])
    assert traces[0].nodes[1].activation == "softmax" and len(traces[0].nodes) == 2


def test_two_activations_in_a_row_and_a_producer_read_twice() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    x = keras.Input((4,))
    dense = layers.Dense(3)(x)
    chained = trace_model(keras.Model(x, layers.Softmax()(layers.ReLU()(dense))))
    assert chained.nodes[1].activation == "relu, then softmax"
    y = keras.Input((4,))
    shared = layers.Dense(3)(y)
    branched = trace_model(keras.Model(y, [layers.ReLU()(shared), layers.Dense(2)(shared)]))
    assert [node.family for node in branched.nodes] == ["Input", "Dense", "ReLU", "Dense"]
    assert branched.nodes[2].activation == "relu" and branched.nodes[1].activation == "linear"


def test_commutative_merges_are_ordered_by_structure() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    def block(swap: bool):
        x = keras.Input((8,))
        a = layers.Dense(8, activation="relu")(x)
        b = layers.Dense(8)(layers.Dense(4)(x))
        return keras.Model(x, layers.Add()([b, a] if swap else [a, b]))

    assert nodes_without_names(trace_model(block(False))) == nodes_without_names(trace_model(block(True)))


def test_shared_layer_is_traced_through_the_config_and_counted_once() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    left, right = keras.Input((16,), name="left"), keras.Input((16,), name="right")
    shared = layers.Dense(32, activation="relu")
    merged = layers.Concatenate()([shared(left), shared(right)])
    model = keras.Model([left, right], layers.Dense(1)(merged))
    trace = trace_model(model)
    dense_nodes = [index for index, node in enumerate(trace.nodes) if node.family == "Dense" and node.shape == (None, 32)]
    assert len(dense_nodes) == 2 and trace.nodes[dense_nodes[1]].shared_with == dense_nodes[0]
    assert trace.params == (544 + 65, 0) == (model.count_params(), 0)


def test_layers_used_before_in_another_sequential() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    hidden = layers.Dense(5, activation="relu")
    first = keras.Sequential([keras.Input((3,)), hidden])  # node 0 of `hidden` belongs to this model
    assert first.built
    model = keras.Sequential([keras.Input((3,)), hidden, layers.Dense(1)])
    trace = trace_model(model)
    assert [node.shape for node in trace.nodes] == [(None, 3), (None, 5), (None, 1)]
    assert trace.nodes[1].params == (20, 0)


def test_nested_model_is_one_node_and_subclassed_model_is_traced_symbolically() -> None:
    import keras
    from keras import layers

    from kerasq.trace import NESTED_MODEL, SUBCLASSED, trace_model

    backbone = keras.Sequential([keras.Input((6,)), layers.Dense(4)])
    backbone.trainable = False
    x = keras.Input((6,))
    outer = trace_model(keras.Model(x, layers.Dense(2)(backbone(x))))
    assert outer.nodes[1].family == NESTED_MODEL and outer.nodes[1].params == (0, 28)

    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(4, activation="relu")
            self.out = layers.Dense(1)

        def call(self, inputs):
            return keras.ops.sigmoid(self.out(self.hidden(inputs)))

    traced = trace_model(Net(), input_shapes=[(None, 3)])
    assert traced.api == SUBCLASSED
    assert [(node.family, node.activation) for node in traced.nodes] == [("Input", "linear"), ("Dense", "relu"), ("Dense", "sigmoid")]


def test_subclassed_model_without_an_input_shape() -> None:
    import keras

    from kerasq.trace import TraceProblem, trace_model

    with pytest.raises(TraceProblem, match="only be traced on an input shape"):
        trace_model(keras.Model.__new__(type("Empty", (keras.Model,), {})))


@pytest.mark.parametrize(
    ("loss", "metrics", "expected_loss", "expected_metrics"),
    [
        ("mse", ["mae"], "mean_squared_error", ("mean_absolute_error",)),
        ("MeanSquaredError", ["MeanAbsoluteError"], "mean_squared_error", ("mean_absolute_error",)),
        ("binary_crossentropy", ["acc"], "binary_crossentropy", ("accuracy",)),
        ("binary_crossentropy", ["binary_accuracy"], "binary_crossentropy", ("accuracy",)),
        ("binary_crossentropy", ["AUC"], "binary_crossentropy", ("auc",)),
    ],
)
def test_compile_settings_are_canonical(loss, metrics, expected_loss, expected_metrics) -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    model = keras.Sequential([keras.Input((3,)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(), loss=loss, metrics=metrics)
    settings = trace_model(model).compile
    assert settings.optimizer == "adam" and settings.losses == (expected_loss,) and settings.metrics == (expected_metrics,)


def test_loss_objects_and_exact_accuracy() -> None:
    import keras
    from keras import layers

    from kerasq.canonical import EXACT_ACCURACY
    from kerasq.trace import trace_model

    model = keras.Sequential([keras.Input((3,)), layers.Dense(4, activation="softmax")])
    model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True), metrics=[keras.metrics.Accuracy(), "accuracy"])
    settings = trace_model(model).compile
    assert settings.optimizer == "rmsprop"
    assert settings.losses == ("categorical_crossentropy (from_logits=True)",)
    assert settings.metrics == (("accuracy", EXACT_ACCURACY),)


def test_extra_settings_read_objects_and_round_floats() -> None:
    import keras
    from keras import layers

    from kerasq.trace import Extra, trace_model

    model = keras.Sequential([keras.Input((3,)), layers.Dense(2, kernel_regularizer=keras.regularizers.L2(0.001))])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.001, momentum=0.9), loss="mse")
    trace = trace_model(model, extra=Extra(layer_keys=("kernel_regularizer",), optimizer_keys=("learning_rate", "momentum"),
                                           loss_keys=("reduction",)))
    assert trace.nodes[1].settings["kernel_regularizer"] == "L2(l2=0.001)"
    assert dict(trace.compile.details) == {"optimizer.learning_rate": 0.001, "optimizer.momentum": 0.9,
                                           "loss.reduction": "sum_over_batch_size"}


def test_json_round_trip(bank) -> None:
    import keras
    from keras import layers

    from kerasq.trace import ModelTrace, trace_model

    a, b = keras.Input((2,), name="a"), keras.Input((3,), name="b")
    h = layers.Dense(3, activation="relu")(layers.Concatenate()([a, b]))
    model = keras.Model([a, b], [layers.Dense(1, name="o1")(h), layers.Dense(1, name="o2")(h)])
    model.compile(optimizer="adam", loss={"o1": "mse", "o2": "mae"}, loss_weights={"o1": 1.0, "o2": 0.5}, metrics={"o1": ["mae"]})
    trace = trace_model(model)
    text = json.dumps(trace.to_json())
    assert ModelTrace.from_json(json.loads(text)) == trace
    assert trace.compile.losses == ("mean_squared_error", "mean_absolute_error") and trace.compile.loss_weights == (1.0, 0.5)
    assert trace.compile.metrics == (("mean_absolute_error",), ())


def test_compile_settings_follow_a_recompile_with_the_same_objects() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    model = keras.Sequential([keras.Input((3,)), layers.Dense(1, activation="sigmoid")])
    optimizer, loss = keras.optimizers.Adam(), keras.losses.BinaryCrossentropy()
    model.compile(optimizer=optimizer, loss=loss)
    assert trace_model(model).compile.metrics == ((),)
    assert trace_model(model).compile.metrics == ((),)  # read again from the cache
    model.compile(optimizer=optimizer, loss=loss, metrics=["accuracy"])
    assert trace_model(model).compile.metrics == (("accuracy",),)
    model.compile(optimizer=optimizer, loss="mse", metrics=["accuracy"])
    assert trace_model(model).compile.losses == ("mean_squared_error",)


@pytest.mark.parametrize("shared", [False, True], ids=["graph", "config"])
def test_the_mask_keras_passes_between_layers_is_not_traced(shared: bool) -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    def build(mask_zero: bool) -> list:
        x = keras.Input((None,), dtype="int32")
        h = layers.LSTM(8, return_sequences=True)(layers.Embedding(50, 8, mask_zero=mask_zero)(x))
        dense = layers.Dense(8)
        h = dense(dense(h)) if shared else dense(h)  # a shared layer makes the tracer read the config
        model = keras.Model(x, layers.Softmax()(h))
        return [(node.family, node.inputs, node.activation) for node in trace_model(model).nodes]

    masked = build(True)
    assert "NotEqual" not in [family for family, _, _ in masked]
    assert masked[-1][2] == "softmax"  # the Softmax layer read the mask too, and now folds into the Dense
    assert masked == build(False)  # only Embedding's mask_zero setting (compared as config) tells them apart


def test_time_distributed_dense_is_traced_as_the_dense_it_wraps() -> None:
    import keras
    from keras import layers

    from kerasq.trace import trace_model

    def last(wrap: bool, inner: layers.Layer) -> tuple:
        x = keras.Input((None, 6))
        node = trace_model(keras.Model(x, layers.TimeDistributed(inner)(x) if wrap else inner(x))).nodes[-1]
        return node.family, node.shapes, node.params, node.activation, node.config

    assert last(True, layers.Dense(4, activation="tanh")) == last(False, layers.Dense(4, activation="tanh"))
    assert last(True, layers.Dense(4))[0] == "Dense" and last(True, layers.Dense(4))[2] == (28, 0)
    # any other wrapped layer stays a TimeDistributed node
    assert last(True, layers.Dropout(0.5))[0] == "TimeDistributed"
