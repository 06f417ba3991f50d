from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("billing.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("shop.urls")),
    path("", include("accounts.urls")),
    path("", include("orders.urls")),
    path("", include("returns.urls")),
    path("", include("billing.portal_urls")),  # statement of account; invoices and credit notes
    prefix_default_language=False,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

# --- Back office: passkey (WebAuthn) endpoints of the staff's second factor ---
urlpatterns += [path("securite/webauthn/", include("backoffice.webauthn_urls"))]

# --- Back office: support staff see the portal as a customer (django-hijack) ---
urlpatterns += [path("hijack/", include("hijack.urls"))]
