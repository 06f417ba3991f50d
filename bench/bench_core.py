"""Kernels under load: numbering inside a transaction, and the home page."""

from django.db import transaction
from django.test import Client

from bench.harness import measure
from core.sequences import sequence_next


def issue_number():
    with transaction.atomic():
        sequence_next(series="BENCH", year=2026)


def run():
    client = Client()
    return [
        measure("sequence_next (one number, own transaction)", issue_number, runs=200),
        measure("GET / (home page)", lambda: client.get("/"), runs=50),
    ]
