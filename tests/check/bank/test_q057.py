"""Question 57 (export to SavedModel and reload): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 57

VARIANTS = [
    ("explicit-format-and-pathlib", """
import pathlib
import tensorflow as tf

def export_and_reload(model, path):
    model.export(pathlib.Path(path), format="tf_saved_model", verbose=False)
    return tf.saved_model.load(str(path))
""", None),
    ("export-archive", """
import tensorflow as tf

def export_and_reload(model, path):
    archive = keras.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint("serve", model.call, input_signature=[keras.InputSpec(shape=(None, 6), dtype="float32")])
    archive.write_out(path, verbose=False)
    return tf.saved_model.load(path)
""", None),
    ("native-keras-file", """
def export_and_reload(model, path):
    model.save(path + ".keras")
    return keras.saving.load_model(path + ".keras")
""", "nothing was written at the path"),
    ("tfsm-layer", """
def export_and_reload(model, path):
    model.export(path, verbose=False)
    return keras.layers.TFSMLayer(path, call_endpoint="serving_default")
""", "no callable `serve` endpoint"),
    ("returns-the-model", """
def export_and_reload(model, path):
    model.export(path, verbose=False)
    return model
""", "no callable `serve` endpoint"),
    ("loads-without-exporting", """
import tensorflow as tf

def export_and_reload(model, path):
    return tf.saved_model.load(path)
""", "raised OSError"),
    ("returns-nothing", """
def export_and_reload(model, path):
    model.export(path, verbose=False)
""", "returned None"),
    ("exports-a-fresh-model", """
import tensorflow as tf

def export_and_reload(model, path):
    fresh = keras.models.clone_model(model)
    fresh.export(path, verbose=False)
    return tf.saved_model.load(path)
""", "differs from the model's own predictions"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
