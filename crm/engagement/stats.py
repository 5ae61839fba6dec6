"""Survey statistics read from counts per score: a 1–5 answer or a 0–10 NPS has so few values
that one grouped count gives the exact mean, median and standard deviation, whatever the number
of responses (500,000 answers are a few hundred rows)."""

import math
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth

from ..models import Dimension, Lifecycle, Survey, SurveyAnswer


def stats_from_counts(counts: dict):
    """(n, mean, median, sample standard deviation) of values given as {value: count}."""
    n = sum(counts.values())
    if not n:
        return 0, None, None, None
    mean = sum(v * c for v, c in counts.items()) / n
    ordered = sorted(counts.items())

    def nth(k):  # the k-th value (0-based) in sorted order
        seen = 0
        for value, c in ordered:
            seen += c
            if k < seen:
                return value
        return ordered[-1][0]

    median = nth(n // 2) if n % 2 else (nth(n // 2 - 1) + nth(n // 2)) / 2
    sd = math.sqrt(sum(c * (v - mean) ** 2 for v, c in counts.items()) / (n - 1)) if n > 1 else 0.0
    return n, mean, median, sd


def nps_from_counts(counts: dict):
    """(n, NPS) with promoters 9–10 and detractors 0–6: 100 × (promoters − detractors) ÷ n."""
    n = sum(counts.values())
    if not n:
        return 0, None
    promoters = sum(c for v, c in counts.items() if v >= 9)
    detractors = sum(c for v, c in counts.items() if v <= 6)
    return n, 100 * (promoters - detractors) / n


GROUPS = {
    "dimension": None,
    "segment": "segment",
    "property": "property",
    "department": "department",
    "month": "month",
}


def _group_expr(qs, group):
    if group == "month":
        return qs.annotate(month=TruncMonth("answered_at")), "month"
    return qs, group


def analysis(*, answers, surveys, group: str):
    """Rows per group: {"key", "dimensions": {dim: (n, mean, median, sd)}, "nps": (n, nps)}.
    Two grouped queries whatever the number of responses."""
    by = {}
    if group == "dimension":
        counts = defaultdict(dict)
        for row in answers.values("dimension", "score").annotate(n=Count("pk")).order_by():
            counts[row["dimension"]][row["score"]] = row["n"]
        nps = defaultdict(int)
        for row in surveys.filter(nps__isnull=False).values("nps").annotate(n=Count("pk")).order_by():
            nps[row["nps"]] = row["n"]
        return [{"key": "", "dimensions": {d: stats_from_counts(counts.get(d, {})) for d in Dimension.values}, "nps": nps_from_counts(nps)}]
    qs, field = _group_expr(answers, group)
    for row in qs.values(field, "dimension", "score").annotate(n=Count("pk")).order_by():
        by.setdefault(row[field], {"counts": defaultdict(dict), "nps": {}})["counts"][row["dimension"]][row["score"]] = row["n"]
    sq, sfield = _group_expr(surveys.filter(nps__isnull=False), group)
    for row in sq.values(sfield, "nps").annotate(n=Count("pk")).order_by():
        by.setdefault(row[sfield], {"counts": defaultdict(dict), "nps": {}})["nps"][row["nps"]] = row["n"]
    rows = []
    for key in sorted(by, key=lambda k: (k is None, str(k))):
        part = by[key]
        rows.append({"key": key, "dimensions": {d: stats_from_counts(part["counts"].get(d, {})) for d in Dimension.values},
                     "nps": nps_from_counts(part["nps"])})
    return rows


SEGMENT_LABELS = dict(Lifecycle.choices)
