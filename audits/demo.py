"""Demo data of the audits app (`manage.py seed_demo`)."""

from .demo_assessment import seed as seed_assessment
from .demo_audits import seed as seed_audits


def seed(*, properties, stdout=None):
    seed_audits(properties=properties, stdout=stdout)
    seed_assessment(properties=properties, stdout=stdout)
