"""Question 42 (CNN with Resizing, CenterCrop and Rescaling built in, any input size): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 42
NETWORK = ('layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(), layers.Conv2D(32, 3, activation="relu"), '
           'layers.GlobalAveragePooling2D(), layers.Dense(5, activation="softmax")')
PREPROCESS = "layers.Resizing(72, 72), layers.CenterCrop(64, 64), layers.Rescaling(1.0 / 255)"
COMPILE = 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n'


def sequential(preprocess: str = PREPROCESS, inputs: str = "keras.Input(shape=(None, None, 3))", compile_line: str = COMPILE) -> str:
    return f"model = keras.Sequential([{inputs}, {preprocess}, {NETWORK}])\n" + compile_line


VARIANTS = [
    ("sequential", sequential(), None),
    ("keywords", sequential("layers.Resizing(height=72, width=72), layers.CenterCrop(height=64, width=64), "
                            "layers.Rescaling(scale=1 / 255.0, offset=0.0)"), None),
    ("fixed-input-size", sequential(inputs="keras.Input(shape=(128, 128, 3))"), "expected (None, None, None, 3)"),
    ("resized-straight-to-64", sequential("layers.Resizing(64, 64), layers.Rescaling(1.0 / 255)"), "expected height=72, found height=64"),
    ("random-crop", sequential(PREPROCESS.replace("CenterCrop", "RandomCrop")), "expected a CenterCrop here, found a RandomCrop"),
    ("minus-one-to-one", sequential(PREPROCESS.replace("Rescaling(1.0 / 255)", "Rescaling(1.0 / 127.5, offset=-1.0)")),
     "expected scale=0.00392157, found scale=0.00784314"),
    ("crop-before-resize", sequential("layers.CenterCrop(64, 64), layers.Resizing(72, 72), layers.Rescaling(1.0 / 255)"),
     "missing a Resizing after the input"),
    ("one-hot-loss", sequential(compile_line=COMPILE.replace("sparse_categorical", "categorical")),
     "expected the loss sparse_categorical_crossentropy, found categorical_crossentropy"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
