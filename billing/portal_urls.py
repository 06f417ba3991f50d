"""Customer pages of billing, under the language prefixes (config/urls.py)."""

from django.urls import path

from billing import portal_views

app_name = "billing_portal"

urlpatterns = [
    path("mon-releve/", portal_views.statement, name="statement"),
    path("mon-releve/creances.csv", portal_views.statement_csv, name="statement_csv"),
]
