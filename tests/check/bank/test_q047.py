"""Question 47 (a PyDataset over .npy files): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 47
LENGTH = "return math.ceil(len(self.x) / self.batch_size)"
ITEM = ("rows = slice(index * self.batch_size, (index + 1) * self.batch_size)\n"
        "        return np.asarray(self.x[rows]), np.asarray(self.y[rows])")


def dataset(length: str = LENGTH, item: str = ITEM, base: str = "keras.utils.PyDataset",
            load: str = 'np.load(PATH, mmap_mode="r")') -> str:
    return (f"import math\n\nclass NpyBatches({base}):\n    def __init__(self, x_path, y_path, batch_size, **kwargs):\n"
            + ("        super().__init__(**kwargs)\n" if base != "object" else "")
            + f"        self.x = {load.replace('PATH', 'x_path')}\n        self.y = {load.replace('PATH', 'y_path')}\n"
            f"        self.batch_size = batch_size\n\n    def __len__(self):\n        {length}\n\n"
            f"    def __getitem__(self, index):\n        {item}\n")


VARIANTS = [
    ("integer-ceiling-and-list-indexing", dataset(length="return (len(self.x) + self.batch_size - 1) // self.batch_size",
                                                  item="start = index * self.batch_size\n"
                                                       "        stop = min(start + self.batch_size, len(self.x))\n"
                                                       "        return np.array(self.x[start:stop]), np.array(self.y[start:stop])"), None),
    ("loads-everything-eagerly", dataset(load="np.load(PATH)"), None),
    ("drops-the-last-batch", dataset(length="return len(self.x) // self.batch_size"), "is 2; expected 3 batches"),
    ("random-rows", dataset(item="rows = np.random.default_rng(index).permutation(len(self.x))[: self.batch_size]\n"
                                 "        return np.asarray(self.x[rows]), np.asarray(self.y[rows])"), "[0] differs"),
    ("inputs-only", dataset(item="return np.asarray(self.x[index * self.batch_size:(index + 1) * self.batch_size])"), "expected 2 items, found 4"),
    ("off-by-one-row", dataset(item="rows = slice(index * self.batch_size + 1, (index + 1) * self.batch_size + 1)\n"
                                    "        return np.asarray(self.x[rows]), np.asarray(self.y[rows])"), "[0] differs"),
    ("not-a-pydataset", dataset(base="object"), "does not subclass keras.utils.PyDataset"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
