"""A company's users: invitations, roles, deactivation. Administrators act; the last active
administrator of a company can never remove that role from themself nor be deactivated.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.emails import mail_queue
from accounts.identifiers import phone_check
from accounts.models import Company, Invitation, Membership, Role, User
from accounts.tokens import invitation_token_hash, invitation_token_new
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.links import site_url, url_in_language


def _roles_check(roles) -> list[str]:
    roles = [role for role in Role.values if role in set(roles or ())]
    if not roles:
        raise BusinessError("roles_required", _("Choisissez au moins un rôle."), field="roles")
    return roles


def _administrator_check(*, company: Company, user) -> Membership:
    membership = Membership.objects.filter(company=company, user=user, is_active=True).first()
    if membership is None or not membership.is_administrator:
        raise BusinessError(
            "administrator_required",
            _("Seul un administrateur de l'entreprise peut gérer ses utilisateurs."),
        )
    return membership


def invitation_create(
    *,
    company: Company,
    user,
    email: str,
    roles,
    language: str = "fr",
    base_url: str | None = None,
    now: datetime | None = None,
) -> Invitation:
    """Invite `email` to join `company` with `roles`; e-mail the one-time link.

    Preconditions: `user` is an active administrator of `company`. Raises BusinessError
    when the address already has an account. A pending invitation of the same address
    to the same company is revoked (only the newest link works). The link expires after
    `ACCOUNTS_INVITATION_DAYS` days.
    """
    now = now or timezone.now()
    email = User.objects.normalize_email(email or "").strip().lower()
    if not email:
        raise BusinessError("email_required", _("L'adresse e-mail est obligatoire."), field="email")
    roles = _roles_check(roles)
    with transaction.atomic():
        locked = Company.objects.select_for_update().get(pk=company.pk)
        _administrator_check(company=locked, user=user)
        if User.objects.filter(email__iexact=email).exists():
            raise BusinessError(
                "email_taken",
                _(
                    "L'adresse %(email)s a déjà un compte. Une personne ne peut appartenir "
                    "qu'à une seule entreprise : contactez-nous si elle doit changer "
                    "d'entreprise."
                ),
                field="email",
                params={"email": email},
            )
        Invitation.objects.filter(
            company=locked, email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        token, token_hash = invitation_token_new()
        invitation = Invitation.objects.create(
            company=locked,
            email=email,
            roles=roles,
            language=language,
            token_hash=token_hash,
            invited_by=user,
            created_at=now,
            expires_at=now + timedelta(days=settings.ACCOUNTS_INVITATION_DAYS),
        )
        path = url_in_language("invitation_accept", language=language, kwargs={"token": token})
        mail_queue(
            to=email,
            language=language,
            name="invitation",
            context={
                "company": locked,
                "invited_by": user,
                "invitation": invitation,
                "url": site_url(path, base_url=base_url),
            },
        )
    return invitation


def _invitation_usable(invitation: Invitation | None, now: datetime) -> Invitation:
    """`invitation` itself when it can still be accepted; BusinessError saying why not."""
    if invitation is None:
        raise BusinessError(
            "invitation_invalid",
            _(
                "Ce lien d'invitation n'est pas valide. Vérifiez que vous avez copié le lien "
                "complet, ou demandez une nouvelle invitation à l'administrateur."
            ),
        )
    if invitation.accepted_at is not None:
        raise BusinessError(
            "invitation_used",
            _(
                "Cette invitation a déjà été utilisée. Connectez-vous avec l'adresse %(email)s "
                "(« Mot de passe oublié » si besoin)."
            ),
            params={"email": invitation.email},
        )
    if invitation.revoked_at is not None:
        raise BusinessError(
            "invitation_revoked",
            _(
                "Cette invitation a été annulée ou remplacée par une plus récente. Utilisez le "
                "dernier lien reçu, ou demandez une nouvelle invitation à l'administrateur."
            ),
        )
    if now >= invitation.expires_at:
        raise BusinessError(
            "invitation_expired",
            _(
                "Cette invitation a expiré le %(date)s. Demandez à l'administrateur de votre "
                "entreprise de vous inviter à nouveau."
            ),
            params={"date": f"{timezone.localtime(invitation.expires_at):%d/%m/%Y}"},
        )
    return invitation


def invitation_check(*, token: str, now: datetime | None = None) -> Invitation:
    """The pending invitation of `token`; BusinessError if unknown, used, revoked or expired."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("company")
        .filter(token_hash=invitation_token_hash(token or ""))
        .first()
    )
    return _invitation_usable(invitation, now)


def invitation_accept(
    *,
    token: str,
    first_name: str,
    last_name: str,
    phone: str,
    password: str,
    language: str = "fr",
    now: datetime | None = None,
) -> User:
    """Create the invited person's user and membership; the link is then used up.

    The invitation row is locked, so the same link used twice at once creates one user.
    The e-mail address counts as verified (the link reached it). Raises BusinessError
    for an unusable link, a missing name, an invalid phone number or password.
    """
    now = now or timezone.now()
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if not (value or "").strip():
            raise BusinessError(
                f"{name}_required",
                _("Le prénom est obligatoire.")
                if name == "first_name"
                else _("Le nom est obligatoire."),
                field=name,
            )
    phone = phone_check(phone)
    with transaction.atomic():
        invitation = _invitation_usable(
            Invitation.objects.select_for_update()
            .filter(token_hash=invitation_token_hash(token or ""))
            .first(),
            now,
        )
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise BusinessError(
                "email_taken",
                _("L'adresse %(email)s a déjà un compte : connectez-vous."),
                params={"email": invitation.email},
            )
        user = User(
            email=invitation.email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=phone,
            language=language,
            email_verified_at=now,
        )
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise BusinessError(
                "password_invalid", " ".join(exc.messages), field="password1"
            ) from None
        user.set_password(password)
        user.save()
        Membership.objects.create(
            user=user, company_id=invitation.company_id, roles=invitation.roles, created_at=now
        )
        invitation.accepted_at = now
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def invitation_revoke(*, invitation: Invitation, user, now: datetime | None = None) -> Invitation:
    """Cancel a pending invitation (administrator)."""
    now = now or timezone.now()
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=invitation.company_id)
        _administrator_check(company=invitation.company, user=user)
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is None and locked.revoked_at is None:
            locked.revoked_at = now
            locked.save(update_fields=["revoked_at"])
    return locked


def _last_administrator_check(*, company: Company, membership: Membership) -> None:
    others = (
        Membership.objects.filter(
            company=company, is_active=True, roles__contains=[Role.ADMINISTRATOR]
        )
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise BusinessError(
            "last_administrator",
            _(
                "Vous êtes le dernier administrateur de l'entreprise : nommez d'abord un autre "
                "administrateur, sinon plus personne ne pourrait gérer les utilisateurs ni "
                "les pièces."
            ),
            field="roles",
        )


def membership_update_roles(*, membership: Membership, user, roles) -> Membership:
    """Change a colleague's roles (administrator); keeps at least one active administrator."""
    roles = _roles_check(roles)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=membership.company_id)
        _administrator_check(company=company, user=user)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if Role.ADMINISTRATOR in locked.roles and Role.ADMINISTRATOR not in roles:
            _last_administrator_check(company=company, membership=locked)
        if locked.roles != roles:
            before = locked.roles
            locked.roles = roles
            locked.save(update_fields=["roles"])
            audit_record(
                obj=locked,
                actor=Actor.of_user(user),
                field="roles",
                from_state=",".join(before),
                to_state=",".join(roles),
            )
    membership.roles = locked.roles
    return locked


def membership_set_active(
    *, membership: Membership, user, active: bool, now: datetime | None = None
) -> Membership:
    """Deactivate (no more sign-in) or reactivate a colleague (administrator)."""
    now = now or timezone.now()
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=membership.company_id)
        _administrator_check(company=company, user=user)
        locked = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if locked.is_active == active:
            return locked
        if not active and Role.ADMINISTRATOR in locked.roles:
            _last_administrator_check(company=company, membership=locked)
        locked.is_active = active
        locked.deactivated_at = None if active else now
        locked.save(update_fields=["is_active", "deactivated_at"])
        locked.user.is_active = active
        locked.user.save(update_fields=["is_active"])
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field="is_active",
            from_state=str(not active).lower(),
            to_state=str(active).lower(),
            at=now,
        )
    membership.is_active = locked.is_active
    return locked
