"""Question 35 (vectorize_texts with an adapted TextVectorization): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 35


def vectorizer(arguments: str, adapt_on: str = "corpus", result: str = "np.asarray(layer(texts))") -> str:
    return ("def vectorize_texts(corpus, texts):\n"
            f"    layer = keras.layers.TextVectorization({arguments})\n"
            f"    layer.adapt({adapt_on})\n"
            f"    return {result}\n")


VARIANTS = [
    ("defaults-spelled-out-list-result", vectorizer(
        'max_tokens=20, standardize="lower_and_strip_punctuation", split="whitespace", output_mode="int", output_sequence_length=6',
        result="keras.ops.convert_to_numpy(layer(texts)).tolist()"), None),
    ("adapted-on-a-dataset", "import tensorflow as tf\n\n" + vectorizer(
        "max_tokens=20, output_sequence_length=6", adapt_on="tf.data.Dataset.from_tensor_slices(corpus).batch(2)"), None),
    ("no-sequence-length", vectorizer("max_tokens=20"), "result: expected shape (2, 6), found shape (2, 11)"),
    ("vocabulary-too-small", vectorizer("max_tokens=8, output_sequence_length=6"), "result[0, 3]: expected 8, found 1"),
    ("adapted-on-the-texts", vectorizer("max_tokens=20, output_sequence_length=6", adapt_on="texts"), "result[0, 0]: expected 2, found 5"),
    ("no-standardisation", vectorizer("max_tokens=20, output_sequence_length=6, standardize=None"), "result[0, 1]: expected 7, found 6"),
    ("multi-hot", vectorizer('max_tokens=20, output_mode="multi_hot"'), "result: expected shape (2, 6), found shape (2, 16)"),
    ("the-vocabulary", vectorizer("max_tokens=20, output_sequence_length=6", result="layer.get_vocabulary()"),
     "result: expected shape (2, 6), found shape (17,)"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
