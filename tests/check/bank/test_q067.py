"""Question 67 (matrix-factorisation recommender): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 67
INPUTS = 'user = keras.Input(shape=(), dtype="int32", name="user")\nitem = keras.Input(shape=(), dtype="int32", name="item")\n'
COMPILE = 'model.compile(optimizer="adam", loss="mse")\n'


def dot_model(users: str = "layers.Embedding(1000, 16)", items: str = "layers.Embedding(500, 16)", dot: str = "layers.Dot(axes=1)") -> str:
    return INPUTS + f"model = keras.Model([user, item], {dot}([{users}(user), {items}(item)]))\n" + COMPILE


VARIANTS = [
    ("item-tower-first-axes-minus-one", INPUTS + """
item_vector = layers.Embedding(input_dim=500, output_dim=16, name="items")(item)
user_vector = layers.Embedding(input_dim=1000, output_dim=16, name="users")(user)
model = keras.Model(inputs=[user, item], outputs=layers.Dot(axes=-1)([user_vector, item_vector]))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.MeanSquaredError())
""", None),
    ("named-dot", dot_model(dot='layers.Dot(axes=1, name="rating")'), None),
    ("concatenate-and-dense", INPUTS + """
merged = layers.Concatenate()([layers.Embedding(1000, 16)(user), layers.Embedding(500, 16)(item)])
model = keras.Model([user, item], layers.Dense(1)(merged))
""" + COMPILE, "expected a Dot here, found a Concatenate"),
    ("swapped-table-sizes", dot_model(users="layers.Embedding(500, 16)", items="layers.Embedding(1000, 16)"), "expected input_dim=1000, found input_dim=500"),
    ("32-dimensions", dot_model(users="layers.Embedding(1000, 32)", items="layers.Embedding(500, 32)"), "expected output_dim=16, found output_dim=32"),
    ("cosine-similarity", dot_model(dot="layers.Dot(axes=1, normalize=True)"), "expected normalize=False, found normalize=True"),
    ("inputs-with-a-length-axis", """
user = keras.Input(shape=(1,), dtype="int32", name="user")
item = keras.Input(shape=(1,), dtype="int32", name="item")
u = layers.Flatten()(layers.Embedding(1000, 16)(user))
i = layers.Flatten()(layers.Embedding(500, 16)(item))
model = keras.Model([user, item], layers.Dot(axes=1)([u, i]))
""" + COMPILE, "has shape (None, 1); expected (None,)"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
