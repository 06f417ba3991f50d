from django.urls import path

from shop.views import cart, catalogue, home, terms

urlpatterns = [
    path("", home.home, name="home"),
    path("vendeur/logo/", home.seller_logo, name="seller_logo"),
    path("cgv/", terms.terms_current, name="terms"),
    path("cgv/v<int:version>/", terms.terms_version, name="terms_version"),
    path("catalogue/", catalogue.catalogue_list, name="catalogue"),
    path("produit/<str:reference>/", catalogue.product_detail, name="product_detail"),
    path("produit/<str:reference>/ajouter/", cart.cart_add, name="cart_add"),
    path("images/produit/<int:pk>/", catalogue.product_image, name="product_image"),
    path("panier/", cart.cart_detail, name="cart"),
    path("panier/ligne/<int:line_id>/", cart.cart_line_update, name="cart_line_update"),
    path("panier/ligne/<int:line_id>/supprimer/", cart.cart_line_delete, name="cart_line_delete"),
    path("panier/<int:cart_id>/choisir/", cart.cart_switch, name="cart_switch"),
    path("panier/separer/", cart.cart_split_view, name="cart_split"),
    path("panier/demande-de-devis/", cart.quote_request_view, name="quote_request_create"),
    path("commande-rapide/", cart.quick_order, name="quick_order"),
]
