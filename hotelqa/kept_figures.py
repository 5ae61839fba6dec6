"""Figures a page aggregates from many rows (a year of survey answers, say), kept in the process
that computed them, under a key that changes whenever the rows they come from do.

The key is the caller's to make complete: what the figures are over (properties, period,
grouping, time zone) and a cheap read that any change to the rows changes (their count and
latest time). The same page asked again with nothing new answers from memory; anything new, and
the figures are computed afresh. So nothing shown is stale: what is kept saves only the repeat of
a heavy aggregate over rows that have not changed.

Kept per process, not in Redis: each worker keeps its own few, and pages keep working while Redis
is down. At most `MAX_KEPT` sets of figures are kept (the least recently used go first)."""

import copy
import threading
from collections import OrderedDict

MAX_KEPT = 128

_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


def kept(key, compute):
    """`compute()`, or a copy of what it returned for the same key before (the caller may change
    the copy it gets)."""
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return copy.deepcopy(_kept[key])
    value = compute()
    with _lock:
        _kept[key] = copy.deepcopy(value)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return value


def forget_kept_figures():
    with _lock:
        _kept.clear()
