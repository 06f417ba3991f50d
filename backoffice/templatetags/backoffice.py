from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from accounts.models import Company, KycSubmission
from backoffice.help_texts import staff_help_text
from backoffice.history import object_timeline
from backoffice.impersonation import impersonation_candidates
from backoffice.registries import company_registry_links

register = template.Library()


@register.filter
def staff_help(text) -> SafeString:
    """A field's help text for staff (see backoffice.help_texts); help texts are trusted
    HTML in Django's admin, so a safe text stays HTML."""
    if isinstance(text, SafeString):
        return mark_safe(staff_help_text(text))  # noqa: S308 - the app's own markup
    return mark_safe(staff_help_text(conditional_escape(text)))  # noqa: S308 - escaped


@register.inclusion_tag("backoffice/timeline.html")
def object_history(obj):
    """The change page's history panel (backoffice.history)."""
    return {"entries": object_timeline(obj)}


@register.inclusion_tag("backoffice/registries.html")
def registry_links(obj):
    """Beside a company's identifiers (its page and its KYC files): the official registries."""
    if isinstance(obj, KycSubmission):
        obj = obj.company
    return {"links": company_registry_links(obj) if isinstance(obj, Company) else []}


@register.inclusion_tag("backoffice/impersonation_links.html", takes_context=True)
def impersonation_links(context, obj):
    """On a customer user's or company's page: see the portal as each of its users."""
    request = context.get("request")
    staff = getattr(request, "user", None)
    return {"users": impersonation_candidates(staff=staff, obj=obj) if staff else []}
