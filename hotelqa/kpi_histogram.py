"""Fixed-edge histograms: how an order statistic (a median, a percentile) survives being stored
per day and added up over any period.

A day's values are counted into buckets whose edges never change, so the histograms of any set of
days add up bucket by bucket into the histogram of the whole period, and the period's quantile is
read from that sum. Inside a bucket the values are taken as evenly spread, so a value read from
the histogram is never further from the exact one than the width of the bucket(s) holding the
middle values: the tolerance is the bucket width, narrow where values are common and short.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Ladder:
    """Bucket edges as segments of equal width: ((up_to, width), ...), starting at 0.
    Values from the last edge up fall in one open-ended overflow bucket."""

    segments: tuple

    def edges(self):
        edges, low = [0], 0
        for up_to, width in self.segments:
            while low < up_to:
                low += width
                edges.append(low)
        return edges

    def index(self, value):
        """Bucket of `value` (negative values count as 0)."""
        value = max(float(value), 0.0)
        offset, low = 0, 0
        for up_to, width in self.segments:
            if value < up_to:
                return offset + int((value - low) // width)
            offset += int((up_to - low) // width)
            low = up_to
        return offset  # overflow

    def bounds(self, index):
        """(low, high) of a bucket; high is None for the overflow bucket."""
        edges = self._edges()
        if index >= len(edges) - 1:
            return edges[-1], None
        return edges[index], edges[index + 1]

    def width_at(self, value):
        low, high = self.bounds(self.index(value))
        return None if high is None else high - low

    def _edges(self):
        cached = getattr(self, "_cache", None)
        if cached is None:
            cached = self.edges()
            object.__setattr__(self, "_cache", cached)
        return cached


# Minutes: 1-minute buckets in the first hour, 5 minutes to 4 h, 15 minutes to a day, an hour to a
# week, 4 hours to 30 days.
MINUTES = Ladder(((60, 1), (240, 5), (1440, 15), (10080, 60), (43200, 240)))


def histogram_of(values, ladder):
    """{bucket index (str, as JSON keeps it): count} of the values."""
    counts = Counter(str(ladder.index(v)) for v in values)
    return dict(counts)


def merge(histograms):
    total = {}
    get = total.get
    for h in histograms:
        for key, n in (h or {}).items():
            # Stored histograms already have str keys and int counts (read for every day of a
            # period, so no conversion is paid for them).
            if type(key) is not str or type(n) is not int:
                key, n = str(key), int(n)
            total[key] = get(key, 0) + n
    return total


def _value_at_rank(ordered, ladder, rank):
    """Estimate of the value at 0-based `rank` and the width of its bucket."""
    seen = 0
    for index, n in ordered:
        if rank < seen + n:
            low, high = ladder.bounds(index)
            if high is None:
                return Decimal(low), None
            position = (rank - seen + Decimal("0.5")) / n
            return Decimal(low) + position * (high - low), Decimal(high - low)
        seen += n
    raise ValueError("rank outside the histogram")


def quantile(histogram, ladder, q=Decimal("0.5")):
    """(estimate, error bound) of the q-quantile, interpolating between the two nearest ranks as
    `statistics.median` does for q = 0.5. The bound is None when a middle value overflowed the
    last edge, (None, None) for an empty histogram."""
    ordered = sorted((int(k), int(n)) for k, n in (histogram or {}).items() if int(n) > 0)
    count = sum(n for _k, n in ordered)
    if not count:
        return None, None
    h = (count - 1) * Decimal(q)
    lower = int(h)
    fraction = h - lower
    low_value, low_width = _value_at_rank(ordered, ladder, lower)
    if not fraction:
        return low_value, low_width
    high_value, high_width = _value_at_rank(ordered, ladder, lower + 1)
    bound = None if low_width is None or high_width is None else max(low_width, high_width)
    return low_value + fraction * (high_value - low_value), bound


def count(histogram):
    return sum(int(n) for n in (histogram or {}).values())
