"""The staff's admin site: the seller's name and logo, the index by work section."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.sections import is_administrator, sections_build
from shop.context_processors import seller_and_terms_for


class BackofficeSite(admin.AdminSite):
    index_title = gettext_lazy("Tableau de bord")
    index_template = "backoffice/index.html"

    def each_context(self, request):
        context = super().each_context(request)
        seller = seller_and_terms_for(request).seller
        title = _("Back-office %(seller)s") % {"seller": seller} if seller else _("Back-office")
        context.update(
            site_title=title,
            site_header=title,
            backoffice_seller=seller,
            backoffice_logo=bool(seller and seller.logo),
        )
        return context

    def get_app_list(self, request, app_label=None):
        """The index and the side bar list the work sections; an app's own page (with
        `app_label`) keeps Django's list of that app's models."""
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        return sections_build(app_list, administrator=is_administrator(request.user))
