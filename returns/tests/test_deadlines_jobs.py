"""The parcel's arrival deadline, the expiry job, the intake race and the forfeiture of
refused goods (004 art. 9), with their notices in the outbox."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import BusinessError
from core.models import OutboxMessage
from returns.choices import Outcome
from returns.emails import return_notice_deliver
from returns.models import ReturnRequest, ReturnStatus
from returns.selectors import returned_quantity
from returns.services import (
    IntakeLineInput,
    LineOutcomeInput,
    ReturnLineInput,
    return_decide,
    return_intake_record,
    return_request_create,
    run_expire_return_authorisations,
    run_forfeit_uncollected_goods,
)
from returns.tests.factories import ACTOR, customer, invoice, preset_published, product
from returns.tests.flow import at, authorised, received, requested
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


@pytest.mark.django_db
def test_a_partly_authorised_return_takes_only_its_authorised_lines():
    terms = preset_published("000")
    product("UC-1")
    product("CAB-1")
    company, buyer = customer()
    sold = invoice(
        company=company,
        terms=terms,
        lines=[("UC-1", 1, "700.00", ()), ("CAB-1", 1, "30.00", ())],
        issued=D(2026, 5, 4),
    )
    lines = {line.reference: line for line in sold.lines.all()}
    with at(D(2026, 6, 1)):
        rma = return_request_create(
            company=company,
            user=buyer,
            lines=[
                ReturnLineInput(
                    invoice_line_id=lines[ref].pk, quantity=1, reason="defect", description="HS"
                )
                for ref in ("UC-1", "CAB-1")
            ],
        )
    cable = rma.lines.get(invoice_line=lines["CAB-1"])
    rma = authorised(rma, on=D(2026, 6, 1), refused_lines={cable.pk: "Câble non défectueux."})
    assert rma.status == ReturnStatus.PARTLY_AUTHORISED
    cable.refresh_from_db()
    assert cable.refusal_reason == "Câble non défectueux."
    # The refused cable is no longer held: it may be asked for again.
    assert returned_quantity(invoice_line=lines["CAB-1"]) == 0
    assert returned_quantity(invoice_line=lines["UC-1"]) == 1


@pytest.mark.django_db
def test_the_notice_is_mailed_in_each_recipients_language(mailoutbox):
    rma = _authorised()
    buyer = rma.requested_by
    buyer.language = "en"
    buyer.save(update_fields=["language"])
    return_notice_deliver(payload={"request": rma.pk, "kind": "authorised"})
    (message,) = mailoutbox
    assert message.to == [buyer.email]
    assert message.subject == f"Return authorised: {rma.rma_number}"
    assert "16/06/2026" in message.body and f"/en/mes-retours/{rma.pk}/" in message.body
