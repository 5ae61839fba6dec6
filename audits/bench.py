"""Benchmark data, pages and jobs of the audits app (`manage.py bench`)."""

from . import bench_assessment, bench_audits
from .bench_audits import GENERATION_PREFIX, jobs  # noqa: F401


def seed(*, properties, scale, stdout):
    bench_audits.seed(properties=properties, scale=scale, stdout=stdout)
    bench_assessment.seed(properties=properties, scale=scale, stdout=stdout)


def requests(*, property):
    return bench_audits.requests(property=property) + bench_assessment.requests(property=property)
