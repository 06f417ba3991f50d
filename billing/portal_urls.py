"""Customer pages of billing, under the language prefixes (config/urls.py)."""

from django.urls import path

from billing import portal_views, views

app_name = "billing_portal"

urlpatterns = [
    path("mon-releve/", portal_views.statement, name="statement"),
    path("mon-releve/creances.csv", portal_views.statement_csv, name="statement_csv"),
    path("mon-releve/releve.pdf", portal_views.statement_pdf, name="statement_pdf"),
    path("mes-factures/", views.document_list, name="document_list"),
    path("mes-factures/facture/<str:number>/", portal_views.invoice_detail, name="invoice_detail"),
    path(
        "mes-factures/facture/<str:number>/payer/",
        portal_views.invoice_pay_by_card,
        name="invoice_pay_by_card",
    ),
    path("mes-factures/<str:kind>/<str:number>/pdf/", views.document_pdf, name="document_pdf"),
    path("mes-factures/<str:kind>/<str:number>/ubl/", views.document_ubl, name="document_ubl"),
    path("mes-factures/archives/", views.archive_request, name="archive_request"),
    path("mes-factures/archives/<int:pk>/", views.archive_detail, name="archive_detail"),
    path(
        "mes-factures/archives/<int:pk>/telecharger/",
        views.archive_download,
        name="archive_download",
    ),
]
