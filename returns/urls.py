from django.urls import path

from returns import views

app_name = "returns"

urlpatterns = [
    path("mes-retours/", views.return_list, name="return_list"),
    path("mes-retours/nouveau/", views.return_new, name="return_new"),
    path("mes-retours/<int:pk>/", views.return_detail, name="return_detail"),
    path("mes-retours/<int:pk>/bon-de-retour/", views.return_form_pdf, name="return_form_pdf"),
    path(
        "mes-retours/<int:pk>/documents/<str:number>/",
        views.return_document,
        name="return_document",
    ),
]
