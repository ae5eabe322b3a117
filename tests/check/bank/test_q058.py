"""Question 58 (describe a SavedModel's serving signature): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 58


def describe(inputs: str = "{name: spec.shape.as_list() for name, spec in inputs.items()}",
             outputs: str = "{name: spec.shape.as_list() for name, spec in outputs.items()}", key: str = '"serving_default"') -> str:
    return ("import tensorflow as tf\n\ndef describe_signature(export_dir):\n"
            f"    signature = tf.saved_model.load(export_dir).signatures[{key}]\n"
            "    inputs = signature.structured_input_signature[1]\n    outputs = signature.structured_outputs\n"
            f'    return {{"inputs": {inputs}, "outputs": {outputs}}}\n')


VARIANTS = [
    ("shapes-as-lists-of-dims", describe(inputs="{n: list(s.shape) for n, s in inputs.items()}",
                                         outputs="{n: list(s.shape) for n, s in outputs.items()}"), None),
    ("loop-over-items", """
import tensorflow as tf

def describe_signature(export_dir):
    loaded = tf.saved_model.load(export_dir)
    signature = loaded.signatures["serving_default"]
    result = {"inputs": {}, "outputs": {}}
    for name, spec in signature.structured_input_signature[1].items():
        result["inputs"][name] = [None if dim is None else int(dim) for dim in spec.shape]
    for name, spec in signature.structured_outputs.items():
        result["outputs"][name] = [None if dim is None else int(dim) for dim in spec.shape]
    return result
""", None),
    ("inputs-twice", describe(outputs="{name: spec.shape.as_list() for name, spec in inputs.items()}"), "the key 'output_0' is missing"),
    ("shapes-as-text", describe(inputs="{n: str(s.shape) for n, s in inputs.items()}"), "expected a sequence of 2"),
    ("without-batch-axis", describe(inputs="{n: s.shape.as_list()[1:] for n, s in inputs.items()}"), "expected 2 items, found 1"),
    ("shape-and-dtype", describe(inputs="{n: (s.shape.as_list(), s.dtype.name) for n, s in inputs.items()}"), "expected None, found a list of 2"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
