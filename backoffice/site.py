"""The staff's admin site: the seller's name and logo, the index by work section."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice import security_views
from backoffice.dashboard_views import dashboards_view, dashboards_visible
from backoffice.exports import export_csv
from backoffice.impersonation import impersonation_start_view
from backoffice.queues import queues_for
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

    def __init__(self, name="admin"):
        super().__init__(name)
        self.add_action(export_csv, "export_csv")

    def index(self, request, extra_context=None):
        queues = queues_for(request, site=self)
        context = {"queues": queues, "dashboards": dashboards_visible(request.user)}
        return super().index(request, {**(extra_context or {}), **context})

    def get_urls(self):
        pages = [
            ("tableaux-de-bord/", dashboards_view, "backoffice_dashboards"),
            ("securite/", security_views.security_view, "backoffice_security"),
            (
                "securite/verifier/",
                security_views.second_factor_verify_view,
                "backoffice_second_factor_verify",
            ),
            (
                "securite/activer/",
                security_views.second_factor_enrol_view,
                "backoffice_second_factor_enrol",
            ),
            (
                "securite/confirmer/",
                security_views.reauthenticate_view,
                "backoffice_reauthenticate",
            ),
        ]
        return [
            path(route, self.admin_view(view), {"site": self}, name=name)
            for route, view, name in pages
        ] + [
            path(
                "portail-client/<int:user_pk>/",
                self.admin_view(impersonation_start_view),
                {"site": self},
                name="backoffice_impersonation_start",
            ),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        """The index and the side bar list the work sections; an app's own page (with
        `app_label`) keeps Django's list of that app's models."""
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        return sections_build(app_list, administrator=is_administrator(request.user))
