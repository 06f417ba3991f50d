"""Users and roles: invitations (one use, expiry), roles, the last administrator."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from accounts.models import Invitation, Membership, Role, User
from accounts.services import (
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_revoke,
    membership_set_active,
    membership_update_roles,
)
from accounts.tests.factories import CompanyFactory, MembershipFactory, admin_of
from core.errors import BusinessError

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 15, 8, 0, tzinfo=UTC)
PASSWORD = "Un-Mot-De-Passe-Solide-7"


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.fixture
def admin(company):
    return admin_of(company)


def invite(company, admin, email="colleague@example.fr", roles=(Role.BUYER,), **kwargs):
    return invitation_create(
        company=company,
        user=admin,
        email=email,
        roles=list(roles),
        base_url="https://boutique.example",
        now=kwargs.pop("now", NOW),
        **kwargs,
    )


def token_from_mail() -> str:
    body = mail.outbox[-1].body
    line = next(line for line in body.splitlines() if "/invitation/" in line)
    return line.rstrip("/").rsplit("/", 1)[-1]


def accept(token, now=NOW, **kwargs):
    return invitation_accept(
        token=token,
        first_name=kwargs.get("first_name", "Bob"),
        last_name="Durand",
        phone="01 23 45 67 89",
        password=PASSWORD,
        now=now,
    )


def test_invitation_link_creates_a_verified_user_with_the_roles(
    company, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(company, admin, roles=[Role.BUYER, Role.SIGNATORY])
    assert invitation.expires_at == NOW + timedelta(days=7)
    token = token_from_mail()
    assert Invitation.objects.get().token_hash != token  # only the hash is stored

    user = accept(token, now=NOW + timedelta(days=6, hours=23))

    membership = Membership.objects.get(user=user)
    assert membership.company == company
    assert membership.roles == [Role.BUYER, Role.SIGNATORY]
    assert user.email == "colleague@example.fr"
    assert user.email_verified_at is not None
    assert user.check_password(PASSWORD)


def test_an_invitation_link_cannot_be_used_twice(
    company, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(company, admin)
    token = token_from_mail()
    accept(token)
    with pytest.raises(BusinessError) as info:
        accept(token, first_name="Mallory")
    assert info.value.code == "invitation_used"
    assert User.objects.filter(first_name="Mallory").count() == 0


def test_an_expired_invitation_link_is_refused(company, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(company, admin)
    token = token_from_mail()
    with pytest.raises(BusinessError) as info:
        accept(token, now=NOW + timedelta(days=7))
    assert info.value.code == "invitation_expired"
    assert "22/05/2026" in info.value.message
    assert not User.objects.filter(email="colleague@example.fr").exists()


def test_a_revoked_or_replaced_invitation_is_refused(
    company, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = invite(company, admin)
    first_token = token_from_mail()
    with django_capture_on_commit_callbacks(execute=True):
        invite(company, admin)
    second_token = token_from_mail()
    with pytest.raises(BusinessError) as info:
        invitation_check(token=first_token, now=NOW)
    assert info.value.code == "invitation_revoked"
    first.refresh_from_db()
    assert first.revoked_at is not None

    second = Invitation.objects.get(revoked_at__isnull=True)
    invitation_revoke(invitation=second, user=admin)
    with pytest.raises(BusinessError):
        invitation_check(token=second_token, now=NOW)


def test_an_unknown_token_is_refused():
    with pytest.raises(BusinessError) as info:
        invitation_check(token="not-a-token")
    assert info.value.code == "invitation_invalid"


def test_only_administrators_invite(company):
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    with pytest.raises(BusinessError) as info:
        invite(company, buyer)
    assert info.value.code == "administrator_required"


def test_inviting_an_address_that_has_an_account_is_refused(company, admin):
    other = admin_of(CompanyFactory(), email="taken@example.fr")
    with pytest.raises(BusinessError) as info:
        invite(company, admin, email=other.email)
    assert (info.value.code, info.value.field) == ("email_taken", "email")


def test_the_last_administrator_cannot_remove_their_own_role(company, admin):
    membership = admin.membership
    with pytest.raises(BusinessError) as info:
        membership_update_roles(membership=membership, user=admin, roles=[Role.BUYER])
    assert info.value.code == "last_administrator"
    with pytest.raises(BusinessError) as info:
        membership_set_active(membership=membership, user=admin, active=False)
    assert info.value.code == "last_administrator"
    membership.refresh_from_db()
    assert Role.ADMINISTRATOR in membership.roles and membership.is_active


def test_with_a_second_administrator_one_may_step_down(company, admin):
    second = admin_of(company)
    membership_update_roles(membership=admin.membership, user=admin, roles=[Role.ACCOUNTANT])
    admin.membership.refresh_from_db()
    assert admin.membership.roles == [Role.ACCOUNTANT]
    # Now `second` is the last one.
    with pytest.raises(BusinessError):
        membership_set_active(membership=second.membership, user=second, active=False)


def test_deactivating_a_colleague_blocks_their_sign_in(company, admin):
    colleague = MembershipFactory(company=company, roles=[Role.BUYER])
    membership_set_active(membership=colleague, user=admin, active=False)
    colleague.refresh_from_db()
    colleague.user.refresh_from_db()
    assert (colleague.is_active, colleague.user.is_active) == (False, False)
    membership_set_active(membership=colleague, user=admin, active=True)
    colleague.user.refresh_from_db()
    assert colleague.user.is_active


def test_an_administrator_cannot_manage_another_company(company, admin):
    other = MembershipFactory(company=CompanyFactory(), roles=[Role.BUYER])
    with pytest.raises(BusinessError) as info:
        membership_update_roles(membership=other, user=admin, roles=[Role.ACCOUNTANT])
    assert info.value.code == "administrator_required"
