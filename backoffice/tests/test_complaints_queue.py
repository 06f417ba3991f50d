"""Open complaints: counted on the dashboard until after-sales mark them handled with the
answer given (the admin action calls `complaint_handle`; the move is in the audit)."""

from datetime import date

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from backoffice.tests.staff import member, queues_on_dashboard
from core.errors import BusinessError
from core.models import AuditEvent
from orders.models import ComplaintStatus
from orders.services.complaints import complaint_handle
from orders.tests.factories import company_with_people, paris
from orders.tests.lifecycle import complain, delivered_shipment, preset_terms, signed_order

pytestmark = pytest.mark.django_db

QUEUE = "Réclamations ouvertes, à traiter"
LIST = "/admin/orders/complaint/"


@pytest.fixture
def complaints():
    preset_terms("002")  # 7 days to complain: delivered Mon 16 March, until Mon 23 March
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 13, 10, 0), people=people)
    shipment = delivered_shipment(order, on=date(2026, 3, 16))
    return [complain(shipment, people[2], paris(2026, 3, 17, 9, day)) for day in (0, 1)]


def test_the_queue_counts_open_complaints_until_marked_handled(client, complaints):
    first, second = complaints
    after_sales = member("SAV")
    assert queues_on_dashboard(client, after_sales)[QUEUE] == (2, f"{LIST}?file=reclamations")

    # The action first asks for the answer given; nothing changes before it is typed.
    selection = {"action": "handle_selected", ACTION_CHECKBOX_NAME: [first.pk]}
    asked = client.post(LIST, selection)
    assert asked.status_code == 200
    assert "Réponse apportée au client" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == ComplaintStatus.OPEN

    answer = "Écran remplacé, envoi du nouvel écran le 18 mars."
    done = client.post(LIST, {**selection, "answer": answer}, follow=True)
    assert "Réclamations marquées comme traitées : 1." in done.content.decode()
    first.refresh_from_db()
    assert (first.status, first.handled_by, first.answer) == ("handled", after_sales, answer)
    move = AuditEvent.objects.get(object_id=str(first.pk), field="status", to_state="handled")
    assert (move.from_state, move.actor_user, move.reason) == ("open", after_sales, answer)

    queues = queues_on_dashboard(client, after_sales)
    assert queues[QUEUE] == (1, f"{LIST}?file=reclamations")
    listed = client.get(f"{LIST}?file=reclamations")
    assert list(listed.context["cl"].queryset) == [second]
    # The change page's history shows the move with its author.
    history = client.get(f"{LIST}{first.pk}/change/").content.decode()
    assert "ouverte, à traiter → traitée" in history
    assert after_sales.email in history


def test_handling_needs_an_answer_and_an_open_complaint(complaints):
    complaint = complaints[0]
    staff = member("SAV")
    with pytest.raises(BusinessError) as missing:
        complaint_handle(complaint=complaint, answer="  ", user=staff)
    assert (missing.value.code, missing.value.field) == ("complaint_answer_required", "answer")
    complaint_handle(complaint=complaint, answer="Avoir émis.", user=staff)
    with pytest.raises(BusinessError) as again:
        complaint_handle(complaint=complaint, answer="Avoir émis.", user=staff)
    assert again.value.code == "transition_refused"


def test_only_after_sales_may_mark_complaints_handled(client, complaints):
    client.force_login(member("Entrepôt"))  # reads complaints, does not answer them
    page = client.get(LIST).content.decode()
    assert "handle_selected" not in page
    client.post(LIST, {"action": "handle_selected", ACTION_CHECKBOX_NAME: [complaints[0].pk]})
    complaints[0].refresh_from_db()
    assert complaints[0].status == ComplaintStatus.OPEN
