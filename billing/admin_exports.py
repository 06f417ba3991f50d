"""Period archives in the staff admin (the "Comptabilité" group): request the seller-wide
archive of a period (every invoice and credit note, ledger.csv and the FEC), follow its
progress while a Celery worker builds it, download it when ready.

The same service and task as the portal's archives (`billing.services.exports`); here the
archive has no company, so it holds every customer's documents and the FEC.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from billing.forms import ArchiveForm
from billing.models import AccountingExport, ExportStatus
from billing.services.exports import accounting_export_request, export_path
from core.errors import BusinessError
from core.forms import add_business_error

RUNNING = (ExportStatus.PENDING, ExportStatus.RUNNING)
WAITING = _("En attente du traitement…")


@admin.register(AccountingExport)
class AccountingExportAdmin(admin.ModelAdmin):
    list_display = (
        "requested_at",
        "date_from",
        "date_to",
        "scope",
        "status",
        "progress",
        "requested_by",
        "download",
    )
    list_filter = ("status",)
    list_select_related = ("company", "requested_by")
    readonly_fields = [field.name for field in AccountingExport._meta.fields]

    @admin.display(description=_("contenu"))
    def scope(self, obj: AccountingExport) -> str:
        if obj.company_id is None:
            return str(_("Tout le vendeur, avec le FEC"))
        return str(obj.company)

    @admin.display(description=_("avancement"))
    def progress(self, obj: AccountingExport) -> str:
        url = reverse("admin:billing_accountingexport_progress", args=[obj.pk])
        if obj.waiting:
            return format_html('<a href="{}">{}</a>', url, WAITING)
        return format_html(
            '<a href="{}">{} / {} ({} %)</a>', url, obj.done_count, obj.total_count, obj.percent
        )

    @admin.display(description=_("fichier"))
    def download(self, obj: AccountingExport) -> str:
        if obj.status != ExportStatus.DONE:
            return "—"
        url = reverse("admin:billing_accountingexport_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger"))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("demander/", view(self.request_view), name="billing_accountingexport_request"),
            path(
                "<int:pk>/avancement/",
                view(self.progress_view),
                name="billing_accountingexport_progress",
            ),
            path(
                "<int:pk>/telecharger/",
                view(self.download_view),
                name="billing_accountingexport_download",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:billing_accountingexport_request")

    def request_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ArchiveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                export = accounting_export_request(
                    company=None,
                    date_from=form.cleaned_data["date_from"],
                    date_to=form.cleaned_data["date_to"],
                    user=request.user,
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                return redirect("admin:billing_accountingexport_progress", export.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Demander l'archive comptable d'une période"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/accountingexport/request.html", context)

    def progress_view(self, request, pk: int):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        export = get_object_or_404(AccountingExport, pk=pk)
        context = {
            **self.admin_site.each_context(request),
            "export": export,
            "running": export.status in RUNNING,
            "title": _("Archive du %(start)s au %(end)s")
            % {"start": f"{export.date_from:%d/%m/%Y}", "end": f"{export.date_to:%d/%m/%Y}"},
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/accountingexport/progress.html", context)

    def download_view(self, request, pk: int):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        export = get_object_or_404(AccountingExport, pk=pk, status=ExportStatus.DONE)
        path_on_disk = export_path(export)
        if not path_on_disk.exists():
            raise Http404
        response = FileResponse(
            path_on_disk.open("rb"),
            as_attachment=True,
            filename=f"comptabilite-{export.date_from:%Y%m%d}-{export.date_to:%Y%m%d}.zip",
            content_type="application/zip",
        )
        response["Cache-Control"] = "private, no-store"
        return response
