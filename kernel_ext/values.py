"""Results of learner code as plain JSON data, and the first place where two of them differ."""

from __future__ import annotations

from typing import Any

ARRAY = "__array__"
OBJECT = "__object__"
_DTYPE_KINDS = {"i": "integer", "u": "integer", "f": "float", "c": "complex", "b": "bool", "U": "string", "S": "string", "O": "object"}


def plain(value: Any, digits: int = 7) -> Any:
    """Numbers, strings, lists and dicts as they are (floats to ``digits`` significant digits); arrays and
    tensors as `{"__array__": values, "shape": [...], "dtype": kind}`; other objects by class name."""
    import numpy as np

    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _round(float(value), digits)
    if isinstance(value, dict):
        return {str(key): plain(item, digits) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, digits) for item in value]
    array = _as_array(value)
    if array is not None:
        kind = _DTYPE_KINDS.get(array.dtype.kind, "object")
        values = array.tolist()
        if kind == "float":
            values = np.vectorize(lambda item: _round(float(item), digits), otypes=[object])(array).tolist() if array.size else []
        elif kind == "string":
            values = np.vectorize(lambda item: item.decode() if isinstance(item, bytes) else str(item), otypes=[object])(array).tolist() if array.size else []
        return {ARRAY: values, "shape": list(array.shape), "dtype": kind}
    return {OBJECT: type(value).__name__}


def _as_array(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.ndarray):
        return value
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        try:
            import keras

            return np.asarray(keras.ops.convert_to_numpy(value))
        except Exception:  # noqa: BLE001 - not a tensor after all
            return None
    return None


def _round(value: float, digits: int) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        return value
    return float(f"{value:.{digits}g}")


def difference(expected: Any, found: Any, tolerance: float, where: str = "result") -> str | None:
    """None if ``found`` matches ``expected`` (numbers within ``tolerance``), else where and how they differ."""
    if isinstance(expected, dict) and ARRAY in expected:
        return _array_difference(expected, found, tolerance, where)
    if isinstance(expected, dict) and OBJECT in expected:
        got = found.get(OBJECT) if isinstance(found, dict) else None
        return None if got == expected[OBJECT] else f"{where}: expected a {expected[OBJECT]}, found {describe(found)}"
    if isinstance(expected, dict):
        if not isinstance(found, dict) or ARRAY in found or OBJECT in found:
            return f"{where}: expected a dict with keys {sorted(expected)}, found {describe(found)}"
        missing = [key for key in expected if key not in found]
        if missing:
            return f"{where}: the key {missing[0]!r} is missing (found keys {sorted(found)})"
        for key in expected:
            problem = difference(expected[key], found[key], tolerance, f"{where}[{key!r}]")
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if isinstance(found, dict) and ARRAY in found:
            found = found[ARRAY]
        if not isinstance(found, list):
            return f"{where}: expected a sequence of {len(expected)}, found {describe(found)}"
        if len(found) != len(expected):
            return f"{where}: expected {len(expected)} items, found {len(found)}"
        for index, (want, got) in enumerate(zip(expected, found)):
            problem = difference(want, got, tolerance, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return None if found == expected and type(found) is type(expected) else f"{where}: expected {expected!r}, found {describe(found)}"
    if isinstance(expected, (int, float)):
        if isinstance(found, dict) and ARRAY in found and found["shape"] == []:
            found = found[ARRAY]
        if isinstance(found, bool) or not isinstance(found, (int, float)):
            return f"{where}: expected the number {expected!r}, found {describe(found)}"
        if abs(found - expected) <= tolerance * max(1.0, abs(expected)):
            return None
        return f"{where}: expected {expected!r}, found {found!r}"
    return None if found == expected else f"{where}: expected {expected!r}, found {describe(found)}"


def _array_difference(expected: dict[str, Any], found: Any, tolerance: float, where: str) -> str | None:
    import numpy as np

    if isinstance(found, list):
        found = {ARRAY: found, "shape": list(np.shape(np.asarray(found, dtype=object))), "dtype": "unknown"}
    if not isinstance(found, dict) or ARRAY not in found:
        return f"{where}: expected an array of shape {tuple(expected['shape'])}, found {describe(found)}"
    if list(found["shape"]) != list(expected["shape"]):
        return f"{where}: expected shape {tuple(expected['shape'])}, found shape {tuple(found['shape'])}"
    want, got = expected[ARRAY], found[ARRAY]
    if expected["dtype"] in ("float", "integer", "bool") and found.get("dtype") in ("float", "integer", "bool", "unknown"):
        want_array = np.asarray(want, dtype="float64")
        got_array = np.asarray(got, dtype="float64")
        close = np.isclose(got_array, want_array, rtol=tolerance, atol=tolerance, equal_nan=True)
        if close.all():
            return None
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        return (f"{where}{list(index)}: expected {want_array[index]:.6g}, found {got_array[index]:.6g} "
                f"({int((~close).sum())} of {close.size} values differ)")
    return None if got == want else f"{where}: expected {want!r}, found {got!r}"


def describe(value: Any) -> str:
    """A plain value in a few words."""
    if isinstance(value, dict) and ARRAY in value:
        return f"an array of shape {tuple(value['shape'])} ({value.get('dtype')})"
    if isinstance(value, dict) and OBJECT in value:
        return f"a {value[OBJECT]}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def dtype_of(value: Any) -> str | None:
    """The dtype kind of a plain array ("integer", "float"...), or None for other values."""
    return value.get("dtype") if isinstance(value, dict) and ARRAY in value else None
