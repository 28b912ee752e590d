"""Confidence intervals for proportions: pure functions, no Django, no database.

- ``wilson_interval``: the Wilson score interval for one proportion (Wilson 1927; Newcombe
  1998a, Stat Med 17:857, method 3).
- ``paired_difference_interval``: the difference between two proportions measured on the same
  people (before and after), with Newcombe's hybrid score interval for paired data (Newcombe
  1998b, "Improved confidence intervals for the difference between binomial proportions based
  on paired data", Stat Med 17:2635-2650, method 10), computed from the 2×2 table of pairs.

The learning figures (``campaigns.figures.learning``) use them at 95 % (z = 1.959964…).
"""

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson_interval(successes, n, z=Z_95):
    """(lower, upper) of the Wilson score interval for ``successes`` out of ``n``; (None, None)
    when n is 0. Always within [0, 1]."""
    if n <= 0:
        return (None, None)
    p = successes / n
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    lower = (centre - spread) / denominator
    upper = (centre + spread) / denominator
    # exact at the ends (rounding must not leave 1e-17 for 0 successes)
    return (0.0 if successes == 0 else max(0.0, lower), 1.0 if successes == n else min(1.0, upper))


@dataclass(frozen=True)
class PairedDifference:
    """After − before for paired right/wrong answers, with its interval (proportions, −1…1)."""

    n: int
    before: float | None  # share right before
    after: float | None  # share right after
    difference: float | None  # after − before
    lower: float | None
    upper: float | None


def paired_phi(right_right, right_wrong, wrong_right, wrong_wrong, corrected=False):
    """The correlation between the before and after answers (phi of the 2×2 table), 0 when a
    margin is empty. ``corrected``: the continuity-corrected form of Newcombe and Altman
    (Statistics with Confidence, 2000), (AD − BC − N/2) when AD − BC > N/2, 0 up to N/2."""
    a, b, c, d = right_right, right_wrong, wrong_right, wrong_wrong
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    if margins == 0:
        return 0.0
    numerator = a * d - b * c
    if corrected:
        n = a + b + c + d
        numerator = numerator - n / 2 if numerator > n / 2 else min(numerator, 0)
    return numerator / math.sqrt(margins)


def paired_difference_interval(right_right, right_wrong, wrong_right, wrong_wrong, z=Z_95,
                               corrected_phi=False):
    """After − before from the 2×2 table of pairs, with Newcombe's method 10 interval.

    ``right_wrong`` counts the pairs right before and wrong after, and so on. The before share
    is p1 = (right_right + right_wrong) / n, the after share p2 = (right_right + wrong_right) / n,
    the difference D = p2 − p1 = (wrong_right − right_wrong) / n. With (l1, u1), (l2, u2) the
    Wilson intervals of p1 and p2 and phi the correlation of the pairs (``paired_phi``):

        lower = D − sqrt((p2 − l2)² − 2·phi·(p2 − l2)·(u1 − p1) + (u1 − p1)²)
        upper = D + sqrt((u2 − p2)² − 2·phi·(u2 − p2)·(p1 − l1) + (p1 − l1)²)

    ``corrected_phi`` uses the continuity-corrected phi (the variant of Newcombe and Altman,
    2000); the figures use method 10 as published (False). Empty table: every value None.
    """
    counts = (right_right, right_wrong, wrong_right, wrong_wrong)
    if any(count < 0 for count in counts):
        raise ValueError("Counts cannot be negative.")
    n = sum(counts)
    if n == 0:
        return PairedDifference(0, None, None, None, None, None)
    right_before, right_after = right_right + right_wrong, right_right + wrong_right
    p1, p2 = right_before / n, right_after / n
    l1, u1 = wilson_interval(right_before, n, z)
    l2, u2 = wilson_interval(right_after, n, z)
    phi = paired_phi(*counts, corrected=corrected_phi)
    difference = (wrong_right - right_wrong) / n
    below = math.sqrt(max(0.0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2))
    above = math.sqrt(max(0.0, (u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2))
    return PairedDifference(
        n=n, before=p1, after=p2, difference=difference,
        lower=max(-1.0, difference - below), upper=min(1.0, difference + above),
    )
