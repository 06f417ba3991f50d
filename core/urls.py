from django.urls import path

from core import documents, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("documents/<int:pk>/", documents.document_download, name="document_download"),
]
