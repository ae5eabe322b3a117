"""Question 34 (standardize: scale train and test with the training statistics): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 34
ARRAYS = '    train = np.asarray(train, dtype="float32")\n    test = np.asarray(test, dtype="float32")\n'


def scaled(body: str) -> str:
    return "def standardize(train, test):\n" + ARRAYS + body


VARIANTS = [
    ("numpy-statistics", scaled("    mean, std = train.mean(axis=0), train.std(axis=0)\n    return (train - mean) / std, (test - mean) / std\n"), None),
    ("normalization-list-result", scaled("""    norm = keras.layers.Normalization(axis=-1)
    norm.adapt(train)
    return [keras.ops.convert_to_numpy(norm(train)), keras.ops.convert_to_numpy(norm(test))]
"""), None),
    ("adapted-on-all-rows", scaled("""    norm = keras.layers.Normalization()
    norm.adapt(np.concatenate([train, test]))
    return np.asarray(norm(train)), np.asarray(norm(test))
"""), "result[0][0, 0]: expected -1.34164, found -0.935253"),
    ("separate-statistics-per-set", scaled("""    a, b = keras.layers.Normalization(), keras.layers.Normalization()
    a.adapt(train)
    b.adapt(test)
    return np.asarray(a(train)), np.asarray(b(test))
"""), "result[1][0, 0]: expected 0, found -1"),
    ("sample-standard-deviation", scaled("    mean, std = train.mean(axis=0), train.std(axis=0, ddof=1)\n"
                                         "    return (train - mean) / std, (test - mean) / std\n"),
     "result[0][0, 0]: expected -1.34164, found -1.16189"),
    ("row-wise-normalize", scaled("    return keras.utils.normalize(train), keras.utils.normalize(test)\n"),
     "result[0][0, 0]: expected -1.34164, found 0.0099995"),
    ("min-max", scaled("    low, high = train.min(axis=0), train.max(axis=0)\n    return (train - low) / (high - low), (test - low) / (high - low)\n"),
     "result[0][0, 0]: expected -1.34164, found 0"),
    ("only-the-test-set", scaled("    norm = keras.layers.Normalization()\n    norm.adapt(train)\n    return np.asarray(norm(test))\n"),
     "result[0]: expected shape (4, 2), found shape (2,)"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
