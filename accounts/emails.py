"""E-mails to customers, and staff notices of new work (`staff_recipients`): French
source, rendered in each recipient's language, sent after the transaction commits (a
rolled-back change sends nothing).

Templates: `accounts/emails/<name>_subject.txt` and `accounts/emails/<name>.txt`.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.links import language_supported


def mail_queue(*, to: str, language: str | None, name: str, context: dict) -> None:
    """Render e-mail `name` in `language` now; send it to `to` once the transaction commits."""
    with translation.override(language_supported(language)):
        subject = " ".join(render_to_string(f"accounts/emails/{name}_subject.txt", context).split())
        body = render_to_string(f"accounts/emails/{name}.txt", context)
    transaction.on_commit(
        partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    )


def mail_users(*, users, name: str, context: dict, path_for=None) -> None:
    """Queue e-mail `name` to each user in their language.

    `path_for(language)` returns the link for that language, given to the template as `url`.
    """
    for user in users:
        language = language_supported(getattr(user, "language", None))
        extra = {"url": path_for(language)} if path_for else {}
        mail_queue(
            to=user.email, language=language, name=name, context={**context, **extra, "user": user}
        )


def staff_recipients(*, addresses: list[str], group: str) -> list[tuple[str, str | None]]:
    """(e-mail, language) of the staff told of a new piece of work (a quote request, a KYC
    submission): the addresses configured for it when there are any (a shared mailbox),
    otherwise every active staff member of the group that does that work."""
    if addresses:
        return [(address, None) for address in addresses]
    members = (
        get_user_model()
        .objects.filter(groups__name=group, is_active=True, is_staff=True)
        .exclude(email="")
        .order_by("email")
        .distinct()
    )
    return [(user.email, getattr(user, "language", None)) for user in members]
