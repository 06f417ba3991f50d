from django.urls import path

from orders import order_views, payment_views, views

app_name = "orders"

QUOTE = "mes-devis/<str:number>/v<int:version>/"
ORDER = "mes-commandes/<str:number>/"
SHIPMENT = ORDER + "colis/<str:shipment_number>/"

urlpatterns = [
    path("mes-devis/", views.quote_list, name="quote_list"),
    path("mes-devis/demandes/<int:pk>/", views.quote_request_detail, name="quote_request_detail"),
    path(QUOTE, views.quote_detail, name="quote_detail"),
    path(QUOTE + "pdf/", views.quote_pdf, name="quote_pdf"),
    path(QUOTE + "pdf-signe/", views.quote_signed_pdf, name="quote_signed_pdf"),
    path(QUOTE + "signer/", views.quote_sign_view, name="quote_sign"),
    path(QUOTE + "verifier/", views.quote_verify_view, name="quote_verify"),
    path(QUOTE + "nouveau-devis/", views.quote_renew, name="quote_renew"),
    path("mes-commandes/", order_views.order_list, name="order_list"),
    path("mes-commandes/<str:number>/", order_views.order_detail, name="order_detail"),
    # --- payments ---
    path("mes-commandes/<str:number>/payer/", payment_views.order_card_pay, name="order_card_pay"),
    path(
        "mes-commandes/<str:number>/paiement/retour/",
        payment_views.order_payment_return,
        name="order_payment_return",
    ),
    # --- order lifecycle ---
    path(ORDER + "annuler/", order_views.order_cancel, name="order_cancel"),
    path(ORDER + "modifier/", order_views.order_modify, name="order_modify"),
    path(ORDER + "non-livree/", order_views.order_non_delivery, name="order_non_delivery"),
    path(ORDER + "enlevement/", order_views.order_pickup, name="order_pickup"),
    path(
        ORDER + "factures/<str:invoice_number>/",
        order_views.order_invoice_pdf,
        name="order_invoice_pdf",
    ),
    path(SHIPMENT + "reclamation/", order_views.shipment_complaint, name="shipment_complaint"),
    path(
        SHIPMENT + "bon-de-livraison/",
        order_views.shipment_delivery_note,
        name="shipment_delivery_note",
    ),
]
