"""Twenty signatories at once: each signs a 10-line quote of its own company, the quotes
sharing the same products (stock rows locked by every signing). The signed PDF and the
acknowledgement follow after commit (outbox), so what is timed is what the signatory
waits for: the transaction with the evidence and the order formation."""

from __future__ import annotations

import statistics
import threading
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.harness import Result, p95
from demo.seller import demo_identity_complete
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
)
from shop.selectors import seller_get_current
from shop.services.presets import seller_preset_load

SIGNATORIES = 20
ROUNDS = 2
LINES = 10


def _quotes(count: int, products) -> list:
    sales = sales_user()
    now = timezone.now()
    out = []
    for _ in range(count):
        company, signatory, _buyer, _admin = company_with_people(approved_on=timezone.localdate())
        quote = issued_quote(company=company, user=sales, lines=[(p, 1) for p in products], now=now)
        out.append((quote, signatory))
    return out


def _sign(quote, signatory) -> float:
    kwargs = sign_kwargs(quote, signatory, now=timezone.now())
    start = time.perf_counter()
    quote_sign(**kwargs)
    return (time.perf_counter() - start) * 1000


def _round(pairs) -> list[float]:
    barrier = threading.Barrier(len(pairs))
    timings: list[float] = []

    def signatory(quote, user):
        try:
            barrier.wait()
            timings.append(_sign(quote, user))
        finally:
            connection.close()

    threads = [threading.Thread(target=signatory, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(timings) == len(pairs), "a signing failed"
    return timings


def run():
    if seller_get_current() is None:  # run alone (`python -m bench signing`)
        seller_preset_load(code="004", complete=demo_identity_complete)

    products = [
        product(reference=f"SIGN-{i:02d}", stock_on_hand=SIGNATORIES * ROUNDS // 2)
        for i in range(LINES)
    ]
    alone = _quotes(1, products)[0]
    with CaptureQueriesContext(connection) as captured:
        _sign(*alone)
    timings = []
    for _ in range(ROUNDS):
        timings.extend(_round(_quotes(SIGNATORIES, products)))
    return [
        Result(
            f"quote_sign, {SIGNATORIES} signatories at once ({LINES} lines, shared stock)",
            len(timings),
            statistics.median(timings),
            p95(timings),
            len(captured),
        )
    ]
