"""The parcel's arrival deadline, the expiry job, the intake race and the forfeiture of
refused goods (004 art. 9), with their notices in the outbox."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import BusinessError
from core.models import OutboxMessage
from returns.choices import Outcome
from returns.models import ReturnRequest, ReturnStatus
from returns.services import (
    IntakeLineInput,
    LineOutcomeInput,
    return_decide,
    return_intake_record,
    run_expire_return_authorisations,
    run_forfeit_uncollected_goods,
)
from returns.tests.factories import ACTOR, customer, invoice, preset_published, product
from returns.tests.flow import authorised, received, requested
from tests.concurrency import run_together

D = date


AUTHORISED_ON = D(2026, 6, 2)


def _authorised(code="000", on=AUTHORISED_ON, reason="defect", **kwargs):
    terms = preset_published(code)
    product("UC-1")
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("UC-1", 2, "700.00", ())], issued=D(2026, 5, 4)
    ).lines.get()
    rma = requested(
        on=on, company=company, user=buyer, invoice_line=line, quantity=2, reason=reason
    )
    return authorised(rma, on=on, **kwargs)


@pytest.mark.django_db
def test_a_parcel_on_day_15_after_the_authorisation_is_refused():
    rma = _authorised()  # authorised 2 June: the parcel must arrive by 16 June
    with pytest.raises(BusinessError) as refused:
        received(rma, on=D(2026, 6, 17))
    assert refused.value.code == "return_parcel_late"
    assert received(rma, on=D(2026, 6, 16)).status == ReturnStatus.RECEIVED


@pytest.mark.django_db
def test_the_job_expires_authorisations_from_day_15_and_only_once():
    rma = _authorised()
    assert run_expire_return_authorisations(as_of=D(2026, 6, 16)) == {"expired": 0}
    assert run_expire_return_authorisations(as_of=D(2026, 6, 17)) == {"expired": 1}
    assert run_expire_return_authorisations(as_of=D(2026, 6, 17)) == {"expired": 0}
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.EXPIRED
    assert OutboxMessage.objects.filter(key=f"return-{rma.pk}-expired").count() == 1
    # An expired authorisation accepts no parcel any more.
    with pytest.raises(BusinessError):
        received(rma, on=D(2026, 6, 16))


@pytest.mark.django_db
def test_004_goods_refused_and_not_collected_within_3_months_become_the_sellers():
    rma = _authorised("004", reason="commercial", deadline=D(2026, 6, 20))
    rma = received(rma, on=D(2026, 6, 10))
    rma = return_decide(
        request=rma,
        actor=ACTOR,
        on=D(2026, 6, 10),
        lines=[LineOutcomeInput(line_id=line.pk, outcome="") for line in rma.lines.all()],
    )
    assert rma.goods_to_collect_until == D(2026, 9, 10)  # 10 June + 3 months
    assert run_forfeit_uncollected_goods(as_of=D(2026, 9, 10)) == {"forfeited": 0}
    assert run_forfeit_uncollected_goods(as_of=D(2026, 9, 11)) == {"forfeited": 1}
    assert run_forfeit_uncollected_goods(as_of=D(2026, 9, 12)) == {"forfeited": 0}
    rma.refresh_from_db()
    assert rma.goods_forfeited_on == D(2026, 9, 11)
    assert OutboxMessage.objects.filter(key=f"return-{rma.pk}-forfeited").exists()


@pytest.mark.django_db
def test_a_diagnosis_of_customer_modification_allows_only_a_refusal_under_003():
    terms = preset_published("003")
    product("KIT-1", is_own_product=True)
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("KIT-1", 1, "80.00", ())], issued=D(2026, 5, 4)
    ).lines.get()
    rma = requested(on=D(2026, 5, 20), company=company, user=buyer, invoice_line=line)
    rma = authorised(rma, on=D(2026, 5, 20))
    rma = received(rma, on=D(2026, 5, 25), modified=True)
    with pytest.raises(BusinessError) as refused:
        return_decide(
            request=rma,
            actor=ACTOR,
            on=D(2026, 5, 25),
            lines=[LineOutcomeInput(line_id=rma.lines.get().pk, outcome=Outcome.REPAIR)],
        )
    assert refused.value.code == "return_outcome_not_covered"


@pytest.mark.django_db(transaction=True)
def test_two_staff_recording_the_same_parcel_at_once_one_wins():
    rma = _authorised()
    line = rma.lines.get()

    def record(notes):
        return lambda: return_intake_record(
            request=ReturnRequest.objects.get(pk=rma.pk),
            actor=ACTOR,
            received_on=D(2026, 6, 10),
            packaging_ok=True,
            notes=notes,
            lines=[IntakeLineInput(line_id=line.pk, diagnosis=notes)],
        )

    results, errors = run_together([record("premier"), record("second")])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], BusinessError) and errors[0].code == "return_intake_done"
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.RECEIVED
    assert rma.intake_notes == results[0].intake_notes
    assert rma.lines.get().diagnosis == rma.intake_notes
    assert Decimal(rma.packaging_fee_ht) == Decimal("0")
