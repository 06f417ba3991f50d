"""The seller's staff groups owned by the accounts app."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

KYC_GROUP = "Vérification KYC"
# The permissions the KYC review needs, and no more (same list as migration 0003).
KYC_PERMISSIONS = (
    "review_kyc",
    "view_kycsubmission",
    "view_kycdocument",
    "view_company",
    "view_deliveryaddress",
    "view_membership",
)


def kyc_review_group_ensure() -> Group:
    """Create the KYC review group if missing and give it exactly its permissions.

    Migration 0003 does this on a new database; call this after a database flush (tests
    with `transaction=True`) or to repair a group edited by hand. Idempotent.
    """
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=KYC_GROUP)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="accounts", codename__in=KYC_PERMISSIONS
            )
        )
    return group
