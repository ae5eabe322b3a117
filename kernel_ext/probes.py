"""Deterministic probe data: weights and inputs whose products are exact in float32.

Values are small multiples of 1/4, so a matmul and a bias add give the same bits on every machine,
and reference outputs stored as JSON compare exactly after rounding.
"""

from __future__ import annotations

import math
from typing import Any


def pattern(shape: tuple[int, ...], offset: int = 0) -> Any:
    """A float32 array of ``shape`` cycling through -0.75 .. 0.75 (plus ``offset`` steps), never all zero."""
    import numpy as np

    size = math.prod(shape)
    values = ((np.arange(size) + offset * 3) % 7 - 3) / 4.0
    return values.astype("float32").reshape(shape)


def probe_input(shape: tuple[int, ...], batch: int = 2) -> Any:
    """A probe batch for an input of ``shape`` (without the batch dimension)."""
    import numpy as np

    size = batch * math.prod(shape)
    values = (np.arange(size) % 7 - 3) / 2.0  # rows differ as long as a row is not a multiple of 7 long
    return values.astype("float32").reshape((batch, *shape))


def fill_weights(layer: Any) -> None:
    """Give every weight of ``layer`` deterministic values chosen by its shape and rank among same-shaped weights."""
    seen: dict[tuple[int, ...], int] = {}
    for weight in layer.weights:
        shape = tuple(int(dim) for dim in weight.shape)
        rank = seen.get(shape, 0)
        seen[shape] = rank + 1
        weight.assign(pattern(shape, offset=rank + len(shape)))


def rounded(array: Any, digits: int = 5) -> list:
    """An array as nested lists of floats rounded for stable JSON."""
    import numpy as np

    return np.round(np.asarray(array, dtype="float64"), digits).tolist()
