"""Question 60 (population stability index): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 60
TEMPLATE = """
def population_stability_index(reference, current, bins=10):
    reference = np.asarray(reference, dtype="float64")
    current = np.asarray(current, dtype="float64")
    edges = EDGES
    OPEN
    ref = np.clip(np.histogram(reference, bins=edges)[0] / len(reference), 1e-6, None)
    cur = np.clip(np.histogram(current, bins=edges)[0] / len(current), 1e-6, None)
    return FORMULA
"""


def psi(edges: str = "np.quantile(reference, np.linspace(0, 1, bins + 1))", open_edges: str = "edges[0], edges[-1] = -np.inf, np.inf",
        formula: str = "float(np.sum((cur - ref) * np.log(cur / ref)))") -> str:
    return TEMPLATE.replace("EDGES", edges).replace("OPEN", open_edges).replace("FORMULA", formula)


VARIANTS = [
    ("percentiles", psi(edges="np.percentile(reference, np.linspace(0, 100, bins + 1))"), None),
    ("numpy-scalar-result", psi(formula="np.sum((cur - ref) * np.log(cur / ref))"), None),
    ("closed-outer-bins", psi(open_edges="pass"), "expected 0.2253938"),
    ("equal-width-bins", psi(edges="np.linspace(reference.min(), reference.max(), bins + 1)"), "expected 0.2253938"),
    ("one-sided-divergence", psi(formula="float(np.sum(cur * np.log(cur / ref)))"), "expected 0.2253938"),
    ("base-10-logarithm", psi(formula="float(np.sum((cur - ref) * np.log10(cur / ref)))"), "found 0.09788727"),
    ("sign-flipped", psi(formula="float(np.sum((ref - cur) * np.log(cur / ref)))"), "found -0.2253938"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
