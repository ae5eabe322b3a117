"""Question 64 (Gram matrix for style transfer): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 64


def gram(body: str) -> str:
    return "def gram_matrix(features):\n    " + body.replace("\n", "\n    ") + "\n"


VARIANTS = [
    ("reshape-and-matmul", gram("""batch, height, width, channels = ops.shape(features)
flat = ops.reshape(features, (batch, height * width, channels))
return ops.matmul(ops.transpose(flat, (0, 2, 1)), flat) / (height * width)"""), None),
    ("numpy-einsum", gram("""f = np.asarray(features)
b, h, w, c = f.shape
return np.einsum("bhwi,bhwj->bij", f, f) / (h * w)"""), None),
    ("not-normalised", gram('return ops.einsum("bhwi,bhwj->bij", features, features)'), "expected 1.01667, found 30.5"),
    ("divided-by-channels", gram('return ops.einsum("bhwi,bhwj->bij", features, features) / ops.shape(features)[-1]'), "found 7.625"),
    ("positions-instead-of-channels", gram("""batch, height, width, channels = ops.shape(features)
flat = ops.reshape(features, (batch, height * width, channels))
return ops.matmul(flat, ops.transpose(flat, (0, 2, 1))) / (height * width)"""), "expected shape (2, 4, 4), found shape (2, 30, 30)"),
    ("first-image-only", gram("""f = features[0]
return ops.einsum("hwi,hwj->ij", f, f) / (f.shape[0] * f.shape[1])"""), "expected shape (2, 4, 4), found shape (4, 4)"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
