"""Each staff group sees and changes exactly what its work needs, on every admin page.

The expected lists are the decisions, written by hand: a new admin page or a new grant
fails here until it is decided for every group.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory

from accounts.tests.factories import UserFactory
from backoffice.groups import (
    ACCOUNTING,
    ADMINISTRATORS,
    AFTER_SALES,
    STAFF_GROUPS,
    WAREHOUSE,
    staff_groups_ensure,
)

SALES = "Service commercial"
KYC = "Vérification KYC"

CUSTOMER_READ = {"accounts.company"}
TECHNICAL = {
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "core.auditevent",
    "core.jobrun",
    "core.outboxmessage",
    "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule",
    "django_celery_beat.intervalschedule",
    "django_celery_beat.periodictask",
    "django_celery_beat.solarschedule",
    "pghistory.events",
    "otp_totp.totpdevice",
    "otp_static.staticdevice",
}
CATALOGUE = {"shop.product", "shop.category", "shop.brand"}
RATE_TABLES = {
    "billing.frenchlegalrate",
    "billing.belgiancommercialrate",
    "billing.ecbrefinancingrate",
}
INVOICES = {"billing.invoice", "billing.creditnote"}  # read-only for everyone
# Late payment: penalties, arrears and notices are read (staff act through admin actions);
# the reminder schedule is kept by accounting.
LATE_PAYMENT = {
    "billing.invoicepenalty",
    "billing.companyarrears",
    "billing.dunningnotice",
    "billing.dunningstep",
}
# Payments: recorded and statements imported by accounting; lines matched by its action.
PAYMENTS = {"billing.payment", "billing.bankstatement", "billing.bankstatementline"}

# group: (pages it may open, pages where it may change, pages where it may add)
EXPECTED = {
    SALES: (
        CUSTOMER_READ
        | CATALOGUE
        | {
            "accounts.companycommercialsettings",
            "orders.order",
            "orders.quote",
            "orders.quotesignature",
            "orders.shipment",
            "orders.complaint",
            "orders.replacement",
            "shop.quoterequest",
        },
        {"orders.quote"},
        {"orders.quote"},
    ),
    # KYC reviewers correct a company's identity (accounts.correct_identity).
    KYC: (
        CUSTOMER_READ | {"accounts.kycsubmission"},
        {"accounts.kycsubmission", "accounts.company"},
        set(),
    ),
    WAREHOUSE: (
        CUSTOMER_READ
        | {
            "orders.order",
            "orders.shipment",
            "orders.complaint",
            "orders.replacement",
            "shop.product",
        },
        set(),
        set(),
    ),
    AFTER_SALES: (
        CUSTOMER_READ
        | {
            "orders.order",
            "orders.quotesignature",
            "orders.shipment",
            "orders.complaint",
            "orders.replacement",
            "shop.product",
            "returns.returnrequest",
        },
        set(),
        set(),
    ),
    ACCOUNTING: (
        CUSTOMER_READ
        | RATE_TABLES
        | INVOICES
        | LATE_PAYMENT
        | {
            "accounts.companycommercialsettings",
            "accounts.financialreview",
            "billing.accountingexport",
            "orders.order",
            "orders.quote",
            "shop.exchangerate",
        }
        | PAYMENTS,
        RATE_TABLES | {"accounts.companycommercialsettings", "billing.dunningstep"},
        RATE_TABLES
        | {"accounts.financialreview", "billing.dunningstep", "billing.accountingexport"}
        | {"billing.payment", "billing.bankstatement"},
    ),
    ADMINISTRATORS: (
        CUSTOMER_READ
        | CATALOGUE
        | TECHNICAL
        | RATE_TABLES
        | INVOICES
        | {
            "accounts.companycommercialsettings",
            "accounts.financialreview",
            "accounts.kycsubmission",
            "accounts.user",
            "auth.group",
            "orders.order",
            "orders.quote",
            "orders.quotesignature",
            "shop.exchangerate",
            "shop.quoterequest",
            "shop.seller",
            "shop.shippingrate",
            "shop.terms",
        },
        CATALOGUE
        | RATE_TABLES
        | {
            "accounts.company",
            "accounts.user",
            "auth.group",
            "django_celery_beat.periodictask",
            "shop.exchangerate",
            "shop.seller",
            "shop.shippingrate",
            "shop.terms",
        },
        CATALOGUE
        | RATE_TABLES
        | {
            "accounts.user",
            "auth.group",
            "django_celery_beat.periodictask",
            "shop.exchangerate",
            "shop.seller",  # only while no seller is recorded, as here
            "shop.shippingrate",
            "shop.terms",
        },
    ),
}


def member_of(group_name: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def pages(user, check: str) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if getattr(model_admin, f"has_{check}_permission")(request)
    }


def test_the_migration_creates_every_staff_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(EXPECTED)
    assert set(STAFF_GROUPS) == set(EXPECTED)


@pytest.mark.parametrize("group_name", list(EXPECTED))
def test_each_group_opens_changes_and_adds_only_its_pages(db, group_name):
    user = member_of(group_name)
    may_view, may_change, may_add = EXPECTED[group_name]
    assert pages(user, "view") == may_view
    assert pages(user, "change") == may_change
    assert pages(user, "add") == may_add
    assert pages(user, "delete") <= {
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
        "accounts.user",
        "auth.group",
        "axes.accessattempt",
        "django_celery_beat.periodictask",
        "shop.shippingrate",
        "shop.exchangerate",
        "billing.dunningstep",  # a reminder step staff no longer want
        *CATALOGUE,
    }


@pytest.mark.parametrize(
    ("group_name", "url", "status"),
    [
        (SALES, "/admin/orders/quote/", 200),
        (SALES, "/admin/accounts/kycsubmission/", 403),
        (SALES, "/admin/shop/terms/", 403),
        (KYC, "/admin/accounts/kycsubmission/", 200),
        (KYC, "/admin/orders/quote/", 403),
        (WAREHOUSE, "/admin/orders/order/", 200),
        (WAREHOUSE, "/admin/orders/quote/", 403),
        (AFTER_SALES, "/admin/orders/order/", 200),
        (AFTER_SALES, "/admin/accounts/companycommercialsettings/", 403),
        (ACCOUNTING, "/admin/accounts/companycommercialsettings/", 200),
        (ACCOUNTING, "/admin/accounts/user/", 403),
        (ACCOUNTING, "/admin/axes/accessattempt/", 403),
        (ADMINISTRATORS, "/admin/axes/accessattempt/", 200),
        (ADMINISTRATORS, "/admin/core/auditevent/", 200),
    ],
)
def test_a_group_member_reaches_its_lists_and_is_refused_the_others(
    client, db, group_name, url, status
):
    client.force_login(member_of(group_name))
    assert client.get(url).status_code == status


def test_commercial_settings_are_changed_by_accounting_only(db):
    for group_name in EXPECTED:
        user = member_of(group_name)
        assert user.has_perm("accounts.manage_commercial_settings") == (group_name == ACCOUNTING), (
            group_name
        )


@pytest.mark.parametrize(
    ("group_name", "may_impersonate", "may_act"),
    [
        (SALES, True, False),
        (AFTER_SALES, True, False),
        (KYC, False, False),
        (WAREHOUSE, False, False),
        (ACCOUNTING, False, False),
        (ADMINISTRATORS, True, True),
    ],
)
def test_who_may_see_the_portal_as_a_customer_and_act_for_them(
    db, group_name, may_impersonate, may_act
):
    user = member_of(group_name)
    assert user.has_perm("accounts.impersonate_member") is may_impersonate
    assert user.has_perm("accounts.act_as_member") is may_act


@pytest.mark.django_db(transaction=True)
def test_a_flush_restores_the_groups_as_django_restores_permissions():
    """Django sends post_migrate after a flush only for apps with models; the back office
    has none, so it listens for the auth app's signal."""
    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= set(EXPECTED)
    assert pages(member_of(KYC), "change") == EXPECTED[KYC][1]


def test_ensure_restores_the_groups_after_a_flush(db):
    Group.objects.all().delete()
    staff_groups_ensure()
    staff_groups_ensure()  # idempotent
    assert pages(member_of(ACCOUNTING), "change") == EXPECTED[ACCOUNTING][1]
