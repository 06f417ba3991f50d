"""Kernels under load: numbering inside a transaction."""

from django.db import transaction

from bench.harness import measure
from core.sequences import sequence_next


def issue_number():
    with transaction.atomic():
        sequence_next(series="BENCH", year=2026)


def run():
    return [measure("sequence_next (one number, own transaction)", issue_number, runs=200)]
