"""The staff user screen (registered by accounts) with one more rule: changing an e-mail
address needs the acting person's password typed again lately, like a second factor's
change (backoffice.services.second_factor). Accounts cannot know the back office, so the
back office wraps its screen once every app has registered its own (`apps.py`)."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from backoffice.services.second_factor import reauthentication_recent


def user_admin_guard_email(site: AdminSite) -> None:
    """Replace the registered user screen by one whose form refuses an e-mail change
    without a recent re-authentication (the typed address stays in the form)."""
    user_model = get_user_model()
    registered = type(site._registry[user_model])

    class EmailGuardedUserAdmin(registered):  # type: ignore[valid-type,misc]
        def get_form(self, request, obj=None, change=False, **kwargs):
            form_class = super().get_form(request, obj, change=change, **kwargs)
            recent = reauthentication_recent(request=request)
            confirm_url = (
                f"{reverse('admin:backoffice_reauthenticate')}?next="
                f"{reverse('admin:backoffice_security')}"
            )

            class EmailGuardedForm(form_class):  # type: ignore[valid-type,misc]
                def clean_email(self):
                    email = self.cleaned_data.get("email")
                    changed = self.instance.pk is not None and email != self.initial.get("email")
                    if changed and not recent:
                        raise ValidationError(
                            format_html(
                                '{} <a href="{}" target="_blank" rel="noopener">{}</a> {}',
                                _("Pour changer l'adresse e-mail,"),
                                confirm_url,
                                _("confirmez votre mot de passe"),
                                _("(nouvel onglet), puis enregistrez à nouveau."),
                            )
                        )
                    return email

            return EmailGuardedForm

    site.unregister(user_model)
    site.register(user_model, EmailGuardedUserAdmin)
