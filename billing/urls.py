from django.urls import path

from billing.payments import views as payment_views

app_name = "billing"

# Outside the language prefixes: the provider posts here, the sandbox pages are its own.
urlpatterns = [
    path("paiements/notifications/", payment_views.payment_webhook, name="payment_webhook"),
    path(
        "bac-a-sable-paiement/<str:token>/",
        payment_views.sandbox_checkout,
        name="sandbox_checkout",
    ),
    path(
        "bac-a-sable-paiement/<str:token>/3d-secure/",
        payment_views.sandbox_challenge,
        name="sandbox_challenge",
    ),
    path(
        "bac-a-sable-paiement/<str:token>/abandon/",
        payment_views.sandbox_abandon,
        name="sandbox_abandon",
    ),
]
