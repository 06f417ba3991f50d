"""A company's own data after sign-up: its administrators keep the delivery addresses in
the portal (DOM-TOM flag from the postcode), buyers cannot; staff correct the identity in
admin through the service, with the reason in the audit and each value in the history."""

import html

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Company, DeliveryAddress, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory, admin_of
from core.audit import audit_history

pytestmark = pytest.mark.django_db

ADDRESSES = "/mon-entreprise/adresses/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def address(**fields):
    data = {
        "label": "Agence",
        "line1": "5 rue Schoelcher",
        "line2": "",
        "postal_code": "97200",
        "city": "Fort-de-France",
        "country": "FR",
    }
    return {**data, **fields}


@pytest.fixture
def company(db):
    return CompanyFactory(approved=True, legal_name="OMEGA SAS")


@pytest.fixture
def administrator(company):
    return admin_of(company)


# --- the portal: delivery addresses -------------------------------------------------------


@pytest.mark.parametrize(
    ("postal_code", "dom_tom"),
    [
        ("97100", True),  # Guadeloupe, the first overseas code
        ("97200", True),  # Martinique
        ("96000", False),  # not a French postcode prefix of overseas
        ("98800", True),  # New Caledonia, the last one
        ("98900", False),  # just after it
        ("75010", False),  # Paris
    ],
)
def test_an_administrator_adds_an_address_and_the_dom_tom_flag_follows_the_postcode(
    client, company, administrator, postal_code, dom_tom
):
    client.force_login(administrator)
    response = client.post(ADDRESSES, address(postal_code=postal_code))
    assert response.status_code == 302
    added = company.delivery_addresses.get(label="Agence")
    assert (added.postal_code, added.is_dom_tom) == (postal_code, dom_tom)


def test_an_administrator_changes_an_address_and_its_history_is_kept(
    client, company, administrator
):
    existing = company.delivery_addresses.get()  # 1 quai de Jemmapes, 75010 Paris
    client.force_login(administrator)
    page = text(client.get(f"{ADDRESSES}{existing.pk}/"))
    assert 'value="1 quai de Jemmapes"' in page

    response = client.post(f"{ADDRESSES}{existing.pk}/", address(label="Dépôt"))
    assert response.status_code == 302
    existing.refresh_from_db()
    assert (existing.label, existing.postal_code, existing.is_dom_tom) == ("Dépôt", "97200", True)
    events = DeliveryAddress.pgh_event_models["insert"].objects.filter(pgh_obj=existing)
    assert [(e.pgh_label, e.postal_code) for e in events.order_by("pgh_id")] == [
        ("insert", "75010"),
        ("update", "97200"),
    ]
    # Back to the mainland: the flag goes with the postcode.
    client.post(f"{ADDRESSES}{existing.pk}/", address(postal_code="69003", city="Lyon"))
    existing.refresh_from_db()
    assert existing.is_dom_tom is False

    # Staff read each version on the company's page: when, who, what.
    client.force_login(staff_of("Vérification KYC"))
    page = text(client.get(change_url(company)))
    assert "Historique des adresses de livraison" in page
    assert "Dépôt, 5 rue Schoelcher, 97200 Fort-de-France, FR" in page
    assert str(administrator) in page


def test_a_wrong_postcode_is_named_and_what_was_typed_stays(client, company, administrator):
    client.force_login(administrator)
    response = client.post(ADDRESSES, address(postal_code="9720", label="Entrepôt Sud"))
    assert response.status_code == 400
    page = text(response)
    assert "Le code postal 9720 n'est pas valide pour ce pays (5 chiffres)." in page
    assert 'value="Entrepôt Sud"' in page
    assert 'value="9720"' in page
    assert company.delivery_addresses.count() == 1


def test_a_buyer_cannot_change_the_addresses(client, company):
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    existing = company.delivery_addresses.get()
    client.force_login(buyer)
    assert client.get(ADDRESSES).status_code == 403
    assert client.post(ADDRESSES, address()).status_code == 403
    assert client.post(f"{ADDRESSES}{existing.pk}/", address()).status_code == 403
    assert company.delivery_addresses.count() == 1
    existing.refresh_from_db()
    assert existing.postal_code == "75010"


def test_another_company_s_address_is_not_found(client, administrator):
    other = CompanyFactory().delivery_addresses.get()
    client.force_login(administrator)
    assert client.get(f"{ADDRESSES}{other.pk}/").status_code == 404
    assert client.post(f"{ADDRESSES}{other.pk}/", address()).status_code == 404
    other.refresh_from_db()
    assert other.postal_code == "75010"


# --- staff: correcting the identity --------------------------------------------------------


def staff_of(group: str):
    user = UserFactory(is_staff=True, email=f"{group[:3].lower()}@seller.example")
    user.groups.add(Group.objects.get(name=group))
    return user


def change_url(company):
    return reverse("admin:accounts_company_change", args=[company.pk])


def form_data(client, company, **changes):
    """What the change page's form posts: its fields as shown, the inlines' management
    forms (read-only inlines), with `changes` typed over them."""
    response = client.get(change_url(company))
    form = response.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
    return {**data, **changes}


def test_a_kyc_reviewer_corrects_the_name_and_vat_with_a_reason(client, company):
    reviewer = staff_of("Vérification KYC")
    client.force_login(reviewer)
    old_name = company.legal_name
    response = client.post(
        change_url(company),
        form_data(client, company, legal_name="OMEGA INFORMATIQUE SAS", reason="Kbis du 12/11"),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.legal_name == "OMEGA INFORMATIQUE SAS"
    row = audit_history(company).get(field="identity")
    assert (row.reason, row.actor_user, row.data) == (
        "Kbis du 12/11",
        reviewer,
        {"fields": ["legal_name"]},
    )
    # The change page's history names the field, the old and the new value, and who.
    page = text(client.get(change_url(company)))
    assert "dénomination sociale" in page
    assert old_name in page and "OMEGA INFORMATIQUE SAS" in page
    assert str(reviewer) in page


def test_a_wrong_siren_is_shown_beside_it_and_nothing_is_saved(client, company):
    client.force_login(staff_of("Vérification KYC"))
    before = company.siren
    response = client.post(
        change_url(company), form_data(client, company, siren="123456789", reason="Kbis")
    )
    assert response.status_code == 200
    page = text(response)
    assert "123456789" in page  # the typed value stays in the field
    assert response.context["adminform"].form.errors["siren"]
    company.refresh_from_db()
    assert company.siren == before
    assert not audit_history(company).filter(field="identity").exists()


def test_a_correction_needs_a_reason(client, company):
    client.force_login(staff_of("Vérification KYC"))
    response = client.post(
        change_url(company), form_data(client, company, legal_name="AUTRE NOM", reason="")
    )
    assert response.status_code == 200
    assert "Indiquez la raison de la correction" in text(response)
    assert 'value="AUTRE NOM"' in text(response)
    assert Company.objects.get(pk=company.pk).legal_name == "OMEGA SAS"


def test_another_company_s_vat_number_is_refused(client, company):
    other = CompanyFactory()
    client.force_login(staff_of("Vérification KYC"))
    response = client.post(
        change_url(company),
        form_data(
            client,
            company,
            siren=other.siren,
            siret=other.siret,
            vat_number=other.vat_number,
            reason="test",
        ),
    )
    assert response.status_code == 200
    assert "Une autre entreprise cliente a déjà ce numéro" in text(response)


def test_sales_see_the_identity_but_cannot_correct_it(client, company):
    client.force_login(staff_of("Service commercial"))
    assert client.get(change_url(company)).status_code == 200
    response = client.post(change_url(company), {"legal_name": "PIRATE", "reason": "x"})
    assert response.status_code == 403
    assert Company.objects.get(pk=company.pk).legal_name == "OMEGA SAS"
