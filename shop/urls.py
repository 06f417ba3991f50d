from django.urls import path

from shop.views import home, terms

urlpatterns = [
    path("", home.home, name="home"),
    path("cgv/", terms.terms_current, name="terms"),
    path("cgv/v<int:version>/", terms.terms_version, name="terms_version"),
]
