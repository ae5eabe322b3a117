"""Question 26 (warm-up + cosine learning-rate schedule evaluated at given steps): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 26


def schedule(arguments: str) -> str:
    return ("def warmup_cosine_rates(steps):\n"
            f"    schedule = keras.optimizers.schedules.{arguments}\n"
            "    return [float(schedule(step)) for step in steps]\n")


VARIANTS = [
    ("by-hand", """
import math

def warmup_cosine_rates(steps):
    rates = []
    for step in steps:
        if step < 100:
            rates.append(1e-3 * step / 100)
        else:
            progress = min(step - 100, 1000) / 1000
            rates.append(1e-3 * 0.5 * (1 + math.cos(math.pi * progress)))
    return rates
""", None),
    ("positional-arguments-numpy-result", """
def warmup_cosine_rates(steps):
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 1000, warmup_target=0.001, warmup_steps=100)
    return np.array([float(schedule(s)) for s in steps])
""", None),
    ("no-warm-up", schedule("CosineDecay(initial_learning_rate=1e-3, decay_steps=1000)"), "result[0]: expected 0.0, found 0.001"),
    ("decay-steps-counting-the-warm-up", schedule("CosineDecay(0.0, decay_steps=900, warmup_target=1e-3, warmup_steps=100)"),
     "result[3]: expected 0.0008535535, found 0.0008213938"),
    ("exponential-decay", schedule("ExponentialDecay(1e-3, decay_steps=1000, decay_rate=0.5)"), "result[0]: expected 0.0, found 0.001"),
    ("floor-alpha", schedule("CosineDecay(0.0, 1000, alpha=0.1, warmup_target=1e-3, warmup_steps=100)"),
     "result[3]: expected 0.0008535535, found 0.0008681981"),
    ("only-the-first-step", """
def warmup_cosine_rates(steps):
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 1000, warmup_target=1e-3, warmup_steps=100)
    return float(schedule(steps[0]))
""", "expected a sequence of 8, found 0.0"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
