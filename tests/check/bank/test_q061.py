"""Question 61 (GAN generator and discriminator): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 61
GENERATOR = """
generator = keras.Sequential([
    keras.Input(shape=(32,)),
    layers.Dense(784), layers.LeakyReLU(0.2), layers.Reshape((7, 7, 16)),
    layers.Conv2DTranspose(16, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
    layers.Conv2DTranspose(1, 4, strides=2, padding="same", activation="sigmoid"),
])
"""
DISCRIMINATOR = """
discriminator = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(16, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
    layers.Conv2D(32, 4, strides=2, padding="same"), layers.LeakyReLU(0.2),
    layers.Flatten(), layers.Dense(1),
])
"""

VARIANTS = [
    ("positional-slopes", GENERATOR + DISCRIMINATOR, None),
    ("functional-both", """
z = keras.Input(shape=(32,))
g = layers.Dense(7 * 7 * 16)(z)
g = layers.LeakyReLU(negative_slope=0.2)(g)
g = layers.Reshape(target_shape=(7, 7, 16))(g)
g = layers.Conv2DTranspose(filters=16, kernel_size=(4, 4), strides=(2, 2), padding="same")(g)
g = layers.LeakyReLU(negative_slope=0.2)(g)
g = layers.Conv2DTranspose(1, 4, strides=2, padding="same")(g)
generator = keras.Model(z, layers.Activation("sigmoid")(g))
image = keras.Input(shape=(28, 28, 1))
d = layers.Conv2D(16, 4, strides=2, padding="same")(image)
d = layers.LeakyReLU(negative_slope=0.2)(d)
d = layers.Conv2D(32, 4, strides=2, padding="same")(d)
d = layers.LeakyReLU(negative_slope=0.2)(d)
discriminator = keras.Model(image, layers.Dense(1)(layers.Flatten()(d)))
""", None),
    ("sigmoid-discriminator", GENERATOR + DISCRIMINATOR.replace("layers.Dense(1)", 'layers.Dense(1, activation="sigmoid")'),
     "expected activation linear, found sigmoid"),
    ("generator-without-stride", GENERATOR.replace('Conv2DTranspose(16, 4, strides=2, padding="same")', 'Conv2DTranspose(16, 4, padding="same")')
     + DISCRIMINATOR, "expected strides=(2, 2), found strides=(1, 1)"),
    ("relu-in-discriminator", GENERATOR + DISCRIMINATOR.replace("layers.LeakyReLU(0.2),\n    layers.Conv2D(32", "layers.ReLU(),\n    layers.Conv2D(32"),
     "expected activation leaky_relu, found relu"),
    ("default-slope", GENERATOR + DISCRIMINATOR.replace("layers.LeakyReLU(0.2),\n    layers.Flatten()", "layers.LeakyReLU(),\n    layers.Flatten()"),
     "found leaky_relu(negative_slope=0.3)"),
    ("discriminator-not-attempted", GENERATOR + "discriminator = ...\n", "not attempted yet"),
    ("generator-wrong-channels", GENERATOR.replace('Conv2DTranspose(1, 4, strides=2, padding="same", activation="sigmoid")',
                                                   'Conv2DTranspose(3, 4, strides=2, padding="same", activation="sigmoid")') + DISCRIMINATOR,
     "expected filters=1, found filters=3"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
