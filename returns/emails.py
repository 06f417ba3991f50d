"""E-mails of returns, sent by the outbox worker: French source, rendered in each
recipient's language. Templates: `returns/emails/notice.txt` and `notice_subject.txt`."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from accounts.selectors import company_administrators
from core.links import language_supported, site_url, url_in_language
from returns.models import ReturnRequest


def return_notice_deliver(*, payload: dict) -> None:
    """E-mail the notice `payload["kind"]` of the return `payload["request"]` to the user
    who requested it and to the company's administrators."""
    request = ReturnRequest.objects.select_related("company", "requested_by").get(
        pk=payload["request"]
    )
    users = {request.requested_by.pk: request.requested_by}
    users.update({user.pk: user for user in company_administrators(company=request.company)})
    for user in users.values():
        language = language_supported(getattr(user, "language", None))
        with translation.override(language):
            context = {
                "request": request,
                "kind": payload["kind"],
                "url": site_url(
                    url_in_language(
                        "returns:return_detail", language=language, kwargs={"pk": request.pk}
                    )
                ),
            }
            subject = " ".join(
                render_to_string("returns/emails/notice_subject.txt", context).split()
            )
            body = render_to_string("returns/emails/notice.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
