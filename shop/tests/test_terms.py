"""Versions of the terms: defaults, publication, immutability, new drafts, version in force."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from core.audit import Actor, audit_history
from core.errors import BusinessError
from core.transitions import TransitionRefused
from shop.models import Terms, TermsStatus
from shop.selectors import terms_in_force, terms_published_list, terms_text_for_language
from shop.services import terms_draft_create, terms_publish
from shop.services.terms import TEXT_FIELDS
from shop.tests.factories import SellerFactory, TermsFactory

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
JOB = Actor.of_job("test")
PROTECTED = "Cannot update or delete rows from shop_terms"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(email="staff@example.com", password="x")


# --- defaults: a new seller starts from the "default" column ---------------------------------


@pytest.mark.django_db
def test_a_new_version_starts_from_the_default_column():
    terms = TermsFactory()

    assert (terms.quote_validity_value, terms.quote_validity_unit) == (15, "days")
    assert (terms.unpaid_transfer_cancel_value, terms.unpaid_transfer_cancel_unit) == (
        7,
        "working_days",
    )
    assert terms.kbis_max_age_months == 3
    assert terms.dormancy_months == 12
    assert terms.standard_payment_term == "cash_at_order"
    assert (terms.deferred_payment_days, terms.deferred_payment_from) == (30, "invoice_date")
    assert terms.payment_methods == ["card", "transfer"]
    assert terms.credit_min_monthly_order_ht is None
    assert terms.deposit_kept_on_cancellation is False
    assert terms.late_penalty_mode == "ecb_plus_10"
    assert terms.late_penalty_month_started_due_in_full is False
    assert terms.recovery_indemnity_amount == Decimal("40")
    assert terms.litigation_penalty_percent is None
    assert terms.acceleration_on_overdue is False
    assert terms.arrears_suspend_deliveries is True
    assert terms.prepayment_after_incident is False
    assert (terms.cancellation_free_before, terms.cancellation_after) == ("preparation", "refused")
    assert terms.modification_rule == "before_preparation"
    assert (terms.complaint_window_value, terms.complaint_window_unit) == (3, "days")
    assert terms.credit_note_validity_months is None
    assert terms.delivery_zones == ["fr_metro"]
    assert terms.shipping_fee_mode == "quoted_by_sales"
    assert terms.price_basis == "price_at_order"
    assert (terms.rma_deadline_mode, terms.rma_arrival_days) == ("fixed_period", 14)
    assert terms.commercial_returns_by_agreement is False
    assert (terms.warranty_mode, terms.warranty_months, terms.warranty_from) == (
        "commercial",
        12,
        "invoice_date",
    )
    assert terms.low_value_warranty_months is None
    assert terms.warranty_exclusions == []
    assert terms.manufacturer_warranty_policy == "redirected"
    assert terms.standard_exchange_window_days is None
    terms.full_clean()


@pytest.mark.django_db
def test_inconsistent_parameters_are_explained_per_field():
    terms = TermsFactory.build(
        seller=SellerFactory(),
        late_penalty_mode="multiple_of_french_legal_rate",
        shipping_fee_mode="thresholds",
        quote_validity_unit="",
    )

    with pytest.raises(Exception) as invalid:
        terms.full_clean()

    errors = invalid.value.message_dict
    assert errors["late_penalty_multiplier"] == [
        "Indiquez le multiplicateur du taux d'intérêt légal."
    ]
    assert "shipping_free_from_ht" in errors
    assert errors["quote_validity_unit"] == ["Indiquez l'unité de cette durée."]


# --- publication -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_publish_moves_a_draft_and_audits_it(staff):
    terms = TermsFactory(effective_date=date(2026, 3, 2))

    terms_publish(terms=terms, actor=Actor.of_user(staff), at=NOW)

    terms.refresh_from_db()
    assert (terms.status, terms.published_at) == (TermsStatus.PUBLISHED, NOW)
    (event,) = audit_history(terms)
    assert (event.from_state, event.to_state, event.actor_user) == ("draft", "published", staff)
    assert event.created_at == NOW


@pytest.mark.django_db
def test_publishing_twice_is_refused():
    terms = TermsFactory(published=True)

    with pytest.raises(TransitionRefused):
        terms_publish(terms=terms, actor=JOB, at=NOW)


@pytest.mark.django_db
def test_publish_refuses_a_version_without_text():
    terms = TermsFactory(text_fr="", effective_date=date(2026, 3, 2))

    with pytest.raises(BusinessError) as refused:
        terms_publish(terms=terms, actor=JOB, at=NOW)

    assert refused.value.code == "terms_text_missing"
    assert Terms.objects.get().status == TermsStatus.DRAFT


@pytest.mark.django_db
def test_publish_refuses_inconsistent_parameters():
    terms = TermsFactory(effective_date=date(2026, 3, 2), low_value_warranty_months=6)

    with pytest.raises(BusinessError) as refused:
        terms_publish(terms=terms, actor=JOB, at=NOW)

    assert refused.value.code == "terms_invalid"
    assert "seuil des articles de faible valeur (HT)" in refused.value.message
    assert Terms.objects.get().status == TermsStatus.DRAFT


@pytest.mark.django_db
def test_a_new_version_cannot_take_effect_retroactively():
    v1 = TermsFactory(published=True, version=1, effective_date=date(2026, 1, 1))
    v2 = TermsFactory(seller=v1.seller, version=2, effective_date=date(2026, 3, 1))

    with pytest.raises(BusinessError) as refused:
        terms_publish(terms=v2, actor=JOB, at=NOW)  # NOW is 2 March

    assert refused.value.code == "terms_effective_date_in_past"
    assert refused.value.field == "effective_date"


@pytest.mark.django_db
def test_a_new_version_cannot_take_effect_before_a_published_one():
    v1 = TermsFactory(published=True, version=1, effective_date=date(2026, 6, 1))
    v2 = TermsFactory(seller=v1.seller, version=2, effective_date=date(2026, 4, 1))

    with pytest.raises(BusinessError) as refused:
        terms_publish(terms=v2, actor=JOB, at=NOW)

    assert refused.value.code == "terms_effective_date_before_latest"


# --- immutability, enforced by the database ------------------------------------------------


@pytest.mark.django_db
def test_published_version_cannot_be_saved_through_the_orm():
    terms = TermsFactory(published=True)
    terms.quote_validity_value = 30

    with pytest.raises(DatabaseError, match=PROTECTED), transaction.atomic():
        terms.save()

    assert Terms.objects.get().quote_validity_value == 15


@pytest.mark.django_db
def test_published_version_cannot_be_changed_by_a_queryset_update():
    TermsFactory(published=True)

    with pytest.raises(DatabaseError, match=PROTECTED), transaction.atomic():
        Terms.objects.update(text_fr="Texte réécrit")

    assert Terms.objects.get().text_fr.startswith("Conditions générales de vente")


@pytest.mark.django_db
def test_published_version_cannot_be_deleted():
    TermsFactory(published=True)

    with pytest.raises(DatabaseError, match=PROTECTED), transaction.atomic():
        Terms.objects.all().delete()

    assert Terms.objects.count() == 1


@pytest.mark.django_db
def test_published_version_cannot_go_back_to_draft():
    TermsFactory(published=True)

    with pytest.raises(DatabaseError, match=PROTECTED), transaction.atomic():
        Terms.objects.update(status=TermsStatus.DRAFT, published_at=None)


@pytest.mark.django_db
def test_a_draft_stays_editable():
    terms = TermsFactory()
    terms.quote_validity_value = 30
    terms.save()
    Terms.objects.update(text_en="English text")

    terms.refresh_from_db()
    assert (terms.quote_validity_value, terms.text_en) == (30, "English text")


# --- new draft from a version --------------------------------------------------------------


@pytest.mark.django_db
def test_new_draft_copies_every_parameter_and_text_to_the_next_version(staff):
    source = TermsFactory(
        published=True,
        version=1,
        quote_validity_value=72,
        quote_validity_unit="hours",
        payment_methods=["transfer", "cheque"],
        late_penalty_mode="fixed_daily_percent_of_ttc",
        late_penalty_daily_percent=Decimal("2.5"),
        warranty_exclusions=["software"],
        text_en="English text",
    )
    TermsFactory(seller=source.seller, version=2)  # an unrelated draft takes number 2

    draft = terms_draft_create(
        seller=source.seller,
        actor=Actor.of_user(staff),
        source=source,
        effective_date=date(2026, 9, 1),
    )

    assert (draft.version, draft.status, draft.published_at) == (3, "draft", None)
    assert draft.effective_date == date(2026, 9, 1)
    for name in (*Terms.parameter_names(), *TEXT_FIELDS):
        assert getattr(draft, name) == getattr(source, name), name
    draft.quote_validity_value = 48  # the copy is editable, the source untouched
    draft.save()
    source.refresh_from_db()
    assert source.quote_validity_value == 72
    (event,) = audit_history(draft)
    assert (event.to_state, event.actor_user, event.data) == ("draft", staff, {"source_version": 1})


@pytest.mark.django_db
def test_new_draft_without_source_starts_from_defaults():
    seller = SellerFactory()

    draft = terms_draft_create(seller=seller, actor=JOB, effective_date=date(2026, 5, 1))

    assert draft.version == 1
    assert draft.late_penalty_mode == "ecb_plus_10"
    assert draft.payment_methods == ["card", "transfer"]


@pytest.mark.django_db
def test_new_draft_then_publish_supersedes_the_old_version():
    v1 = TermsFactory(published=True, version=1, effective_date=date(2026, 1, 1))
    v2 = terms_draft_create(seller=v1.seller, actor=JOB, source=v1, effective_date=date(2026, 4, 1))

    terms_publish(terms=v2, actor=JOB, at=NOW)

    assert terms_in_force(seller=v1.seller, on=date(2026, 3, 31)) == v1
    assert terms_in_force(seller=v1.seller, on=date(2026, 4, 1)) == v2


# --- the version in force --------------------------------------------------------------------


@pytest.mark.django_db
def test_terms_in_force_boundaries():
    effective = date(2026, 4, 1)
    v1 = TermsFactory(published=True, version=1, effective_date=date(2026, 1, 1))
    v2 = TermsFactory(seller=v1.seller, published=True, version=2, effective_date=effective)
    TermsFactory(seller=v1.seller, version=3, effective_date=date(2026, 3, 1))  # a draft

    assert terms_in_force(seller=v1.seller, on=effective - timedelta(days=1)) == v1
    assert terms_in_force(seller=v1.seller, on=effective) == v2
    assert terms_in_force(seller=v1.seller, on=effective + timedelta(days=1)) == v2


@pytest.mark.django_db
def test_no_terms_in_force_before_the_first_version_or_with_drafts_only():
    draft = TermsFactory(effective_date=date(2026, 1, 1))
    assert terms_in_force(seller=draft.seller, on=date(2026, 6, 1)) is None

    published = TermsFactory(seller=draft.seller, published=True, effective_date=date(2026, 1, 1))
    assert terms_in_force(seller=draft.seller, on=date(2025, 12, 31)) is None
    assert terms_in_force(seller=draft.seller, on=date(2026, 1, 1)) == published


@pytest.mark.django_db
def test_same_effective_date_the_higher_version_wins():
    v1 = TermsFactory(published=True, version=1, effective_date=date(2026, 1, 1))
    v2 = TermsFactory(seller=v1.seller, published=True, version=2, effective_date=date(2026, 1, 1))

    assert terms_in_force(seller=v1.seller, on=date(2026, 1, 1)) == v2


@pytest.mark.django_db
def test_published_list_excludes_drafts_most_recent_first():
    v1 = TermsFactory(published=True, version=1, effective_date=date(2025, 1, 1))
    v2 = TermsFactory(seller=v1.seller, published=True, version=2, effective_date=date(2026, 1, 1))
    TermsFactory(seller=v1.seller, version=3)

    assert terms_published_list(seller=v1.seller) == [v2, v1]


def test_text_falls_back_to_french_then_to_any_language():
    both = Terms(text_fr="Texte", text_en="Text")
    assert terms_text_for_language(terms=both, language="en").text == "Text"
    nl = terms_text_for_language(terms=both, language="nl")
    assert (nl.text, nl.language, nl.is_fallback) == ("Texte", "fr", True)
    english_only = Terms(text_en="Text")
    fr = terms_text_for_language(terms=english_only, language="fr")
    assert (fr.text, fr.language, fr.is_fallback) == ("Text", "en", True)


# --- history ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_changes_to_a_draft_are_kept_in_history():
    terms = TermsFactory()
    terms.quote_validity_value = 30
    terms.save()

    values = list(terms.events.order_by("pgh_id").values_list("pgh_label", "quote_validity_value"))
    assert values == [("insert", 15), ("update", 30)]
