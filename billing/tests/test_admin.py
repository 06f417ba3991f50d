"""The accounting group reads invoices and credit notes in the admin and changes nothing."""

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.tests.factories import CompanyFactory, UserFactory
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def accountant(client):
    user = UserFactory(is_staff=True, email="compta@seller.example")
    user.groups.add(Group.objects.get(name="Comptabilité"))
    client.force_login(user)
    return user


@pytest.fixture
def invoice():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        return invoice_issue(
            company=CompanyFactory(approved=True, legal_name="DELTA SAS"),
            terms=published_terms(),
            lines=[line(designation="Clavier mécanique")],
            actor=ACTOR,
        )


def test_the_accounting_group_reads_invoices_and_credit_notes(client, accountant, invoice):
    note = credit_note_issue(
        company=invoice.company,
        terms=invoice.terms,
        lines=[line("5.00")],
        invoice=invoice,
        reason="Geste commercial",
        actor=ACTOR,
    )
    listing = client.get(reverse("admin:billing_invoice_changelist"))
    assert listing.status_code == 200 and invoice.number in listing.text
    detail = client.get(reverse("admin:billing_invoice_change", args=[invoice.pk]))
    assert detail.status_code == 200 and "Clavier mécanique" in detail.text
    assert 'name="_save"' not in detail.text
    note_page = client.get(reverse("admin:billing_creditnote_change", args=[note.pk]))
    assert note_page.status_code == 200 and note.number in note_page.text


def test_nobody_adds_or_deletes_an_invoice_in_the_admin(client, accountant, invoice):
    assert client.get(reverse("admin:billing_invoice_add")).status_code == 403
    assert client.get(reverse("admin:billing_invoice_delete", args=[invoice.pk])).status_code == 403


def test_staff_outside_the_group_does_not_see_invoices(client, invoice):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:billing_invoice_changelist")).status_code == 403
