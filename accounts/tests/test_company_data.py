"""A company's own data after sign-up: its administrators keep the delivery addresses in
the portal (DOM-TOM flag from the postcode), buyers cannot; staff correct the identity in
admin through the service, with the reason in the audit and each value in the history."""

import html

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Company, DeliveryAddress, Role
from accounts.services import company_language_set
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory, admin_of
from core.audit import audit_history
from core.errors import BusinessError

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


# --- the portal: the documents' language ----------------------------------------------------

LANGUAGE = "/mon-entreprise/langue/"
LANGUAGE_FORM = f'action="{LANGUAGE}"'


def test_an_administrator_sets_the_documents_language_and_it_is_audited(
    client, company, administrator
):
    assert company.language == "fr"  # the model's default
    client.force_login(administrator)
    page = text(client.get("/mon-entreprise/"))
    assert LANGUAGE_FORM in page
    assert "Les documents déjà émis ne changent pas." in page

    response = client.post(LANGUAGE, {"language": "nl"}, follow=True)
    assert response.redirect_chain == [("/mon-entreprise/", 302)]
    assert "Langue des documents enregistrée : Nederlands." in text(response)
    company.refresh_from_db()
    assert company.language == "nl"
    row = audit_history(company).get(field="language")
    assert (row.from_state, row.to_state, row.actor_user) == ("fr", "nl", administrator)


def test_the_same_language_again_writes_nothing(client, company, administrator):
    client.force_login(administrator)
    assert client.post(LANGUAGE, {"language": "fr"}).status_code == 302
    company.refresh_from_db()
    assert company.language == "fr"
    assert not audit_history(company).filter(field="language").exists()


@pytest.mark.parametrize(
    ("prefix", "error"),
    [
        ("", "Choisissez une des langues proposées : français, anglais ou néerlandais."),
        ("/en", "Choose one of the languages offered: French, English or Dutch."),
        ("/nl", "Kies een van de aangeboden talen: Frans, Engels of Nederlands."),
    ],
)
@pytest.mark.parametrize("value", ["de", ""])  # a language the shop does not offer, none
def test_a_language_not_offered_is_named_beside_the_field(
    client, company, administrator, prefix, error, value
):
    client.force_login(administrator)
    response = client.post(f"{prefix}{LANGUAGE}", {"language": value})
    assert response.status_code == 400
    assert response.context["language_form"].errors == {"language": [error]}
    assert f'<p class="field-error" id="id_language_error">{error}</p>' in text(response)
    company.refresh_from_db()
    assert company.language == "fr"  # the company's choice is kept
    assert not audit_history(company).filter(field="language").exists()


def test_a_buyer_sees_no_language_form_and_cannot_post_one(client, company):
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    client.force_login(buyer)
    page = client.get("/mon-entreprise/")
    assert page.status_code == 200 and LANGUAGE_FORM not in text(page)
    assert client.post(LANGUAGE, {"language": "en"}).status_code == 403
    company.refresh_from_db()
    assert company.language == "fr"
    assert not audit_history(company).filter(field="language").exists()


def test_the_service_refuses_a_member_who_is_not_an_administrator(company):
    membership = MembershipFactory(company=company, roles=[Role.BUYER, Role.ACCOUNTANT])
    with pytest.raises(BusinessError) as refused:
        company_language_set(membership=membership, language="en")
    assert refused.value.code == "administrators_only"
    company.refresh_from_db()
    assert company.language == "fr"


def test_another_companys_administrator_changes_only_their_own_company(client, company):
    other = CompanyFactory(approved=True, legal_name="BETA SARL")
    client.force_login(admin_of(other))
    assert client.post(LANGUAGE, {"language": "en"}).status_code == 302
    company.refresh_from_db()
    other.refresh_from_db()
    assert (company.language, other.language) == ("fr", "en")
    assert not audit_history(company).filter(field="language").exists()


def test_the_service_itself_refuses_a_language_the_shop_does_not_offer(company, administrator):
    membership = administrator.membership
    with pytest.raises(BusinessError) as refused:
        company_language_set(membership=membership, language="de")
    assert (refused.value.code, refused.value.field) == ("language_invalid", "language")
