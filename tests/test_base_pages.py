"""The web shell: base layout, error pages, login page and security headers."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from accounts.models import User
from core.views import server_error
from shop.context_processors import seller_and_terms_for

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"


@pytest.fixture
def seller():
    from shop.models.seller import Seller

    return Seller.objects.create(
        legal_name="Image in Network",
        trade_name="Image Pro",
        legal_form="SAS",
        share_capital=Decimal("3750.00"),
        siren="792662637",
        rcs_city="Évry",
        vat_number="FR40792662637",
        address_line1="3 bis rue René Cassin",
        postal_code="91300",
        city="Massy",
        country="FR",
        email="contact@example.fr",
        phone="+33 1 00 00 00 00",
    )


def assert_csp_friendly(html: str) -> None:
    """No inline script or style, no style attribute: the strict CSP would block them."""
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes


def test_home_without_seller(client):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Boutique professionnelle" in html
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert "Mentions légales" not in html
    assert_csp_friendly(html)


def test_home_with_seller_shows_identity_and_legal_notices(client, seller):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    html = response.content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    footer = html[html.index("<footer") : html.index("</footer>")]
    assert "Image Pro" in header
    assert "Image in Network, SAS" in footer
    assert "au capital de 3" in footer
    assert "RCS Évry 792 662 637" in footer
    assert "FR40792662637" in footer
    assert "3 bis rue René Cassin" in footer
    assert "91300 Massy" in footer
    assert "contact@example.fr" in footer
    assert reverse("terms") in footer
    assert_csp_friendly(html)


def test_language_switch_is_a_post_form_with_one_button_per_language(client):
    html = client.get(reverse("home")).content.decode()

    form = html[html.index('class="language-switch"') :]
    form = form[: form.index("</form>")]
    assert f'action="{reverse("set_language")}"' in form
    assert 'method="post"' in form
    assert "csrfmiddlewaretoken" in form
    for code in ("fr", "en", "nl"):
        assert f'name="language" value="{code}"' in form
    assert re.search(r'value="fr"[^>]*aria-current="true"', form)
    assert not re.search(r'value="en"[^>]*aria-current', form)


def test_english_page_is_translated(client):
    response = client.get("/en/")

    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert re.search(r'value="en"[^>]*aria-current="true"', html)


def test_set_language_redirects_to_the_translated_page(client):
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/nl/"
    assert "Ga naar de hoofdinhoud" in client.get("/nl/").content.decode()


def test_language_switch_posts_the_page_address_without_its_language_prefix(client):
    """set_language resolves `next` in the default language before translating it."""
    html = client.get("/en/connexion/?next=/").content.decode()
    assert 'name="next" value="/connexion/?next=/"' in html

    response = client.post(
        reverse("set_language"), {"language": "nl", "next": "/connexion/?next=/"}
    )
    assert response["Location"] == "/nl/connexion/?next=/"


def test_staff_sees_admin_link_and_a_logout_form(client):
    client.force_login(User.objects.create_user("staff@example.com", "x" * 12, is_staff=True))

    html = client.get(reverse("home")).content.decode()

    assert reverse("admin:index") in html
    logout = html[html.index(f'action="{reverse("logout")}"') - 60 :]
    assert 'method="post"' in logout[:120]
    assert "Se déconnecter" in html
    assert "staff@example.com" in html


def test_customer_sees_no_admin_link(client):
    client.force_login(User.objects.create_user("buyer@example.com", "x" * 12))

    html = client.get(reverse("home")).content.decode()

    assert reverse("admin:index") not in html
    assert "Se déconnecter" in html
    for name, label in [
        ("orders:quote_list", "Mes devis"),
        ("orders:order_list", "Mes commandes"),
        ("company", "Mon entreprise"),
    ]:
        assert f'href="{reverse(name)}"' in html and label in html


def test_seller_logo_is_served_by_the_shop(client, seller):
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 60, 120)).save(png, format="PNG")
    seller.logo.save("logo.png", ContentFile(png.getvalue()))

    html = client.get(reverse("home")).content.decode()
    response = client.get(reverse("seller_logo"))

    assert f'src="{reverse("seller_logo")}"' in html
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png.getvalue()


def test_no_logo_is_a_404(client, seller):
    assert client.get(reverse("seller_logo")).status_code == 404


def test_404_page(client, settings):
    settings.DEBUG = False

    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "<footer" in html
    assert_csp_friendly(html)


def test_403_page_is_styled_like_404(client, settings):
    settings.DEBUG = False
    client.force_login(User.objects.create_user("client@example.com", "correct-horse-battery"))

    response = client.get(reverse("document_download", args=[1]))

    assert response.status_code == 403
    assert response.templates[0].name == "403.html"
    html = response.content.decode()
    assert "<h1>Accès refusé</h1>" in html
    assert "Vous n'avez pas le droit d'ouvrir cette page avec ce compte." in html
    assert '<p class="error-code">403</p>' in html
    assert "<footer" in html
    assert_csp_friendly(html)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Access denied", "You are not allowed to open this page with this account."),
        ("nl", "Toegang geweigerd", "U mag deze pagina met dit account niet openen."),
    ],
)
def test_403_page_is_translated(language, title, text):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from core.views import permission_denied

    request = RequestFactory().get(f"/{language}/")
    request.user = AnonymousUser()
    with translation.override(language):
        html = permission_denied(request).content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html and text in html


def test_a_stale_form_gets_a_styled_page(settings):
    from django.test import Client

    settings.DEBUG = False
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Formulaire expiré</h1>" in html and "<footer" in html
    response = Client(enforce_csrf_checks=True).post("/en" + reverse("login"), {"username": "a"})
    assert "<h1>Form expired</h1>" in response.content.decode()


def test_400_page_is_styled(settings):
    from django.test import Client

    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="bad host")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Demande incorrecte</h1>" in html and "<footer" in html


@pytest.mark.django_db(False)
def test_500_page_is_standalone():
    """Rendered with no context and no database: the handler must not need either."""
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert "/static/css/base.css" in html
    assert_csp_friendly(html)
    source = (TEMPLATES_DIR / "500.html").read_text(encoding="utf-8")
    assert "{% extends" not in source
    assert "{% url" not in source
    assert "{{" not in source.replace("{{ CURRENT_LANGUAGE|default:'fr' }}", "")


def test_login_page_has_labels(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<label for="id_username">\s*<span class="label-text">Adresse e-mail', html)
    assert re.search(r'<label for="id_password">\s*<span class="label-text">Mot de passe', html)
    assert 'id="id_username"' in html
    assert 'id="id_password"' in html
    assert_csp_friendly(html)


def test_failed_login_shows_a_french_error_and_keeps_the_email(client):
    User.objects.create_user("buyer@example.com", "correct-horse-battery")

    response = client.post(
        reverse("login"), {"username": "buyer@example.com", "password": "wrong-password"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "<p>Saisissez une adresse e-mail et un mot de passe valides. Le mot de passe distingue "
        "les majuscules des minuscules.</p>" in html
    )
    assert 'role="alert"' in html
    assert 'value="buyer@example.com"' in html
    assert "wrong-password" not in html


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "Enter a valid e-mail address and password. The password is case-sensitive."),
        (
            "/nl",
            "Voer een geldig e-mailadres en wachtwoord in. Het wachtwoord is hoofdlettergevoelig.",
        ),
    ],
)
def test_failed_login_message_is_translated(client, prefix, message):
    response = client.post(
        prefix + reverse("login"), {"username": "nobody@example.com", "password": "wrong-password"}
    )
    assert f"<p>{message}</p>" in response.content.decode()


def test_empty_login_shows_errors_next_to_fields(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})

    html = response.content.decode()
    assert html.count('class="field-error"') == 2
    assert "Ce champ est obligatoire." in html
    assert 'aria-invalid="true"' in html


def test_login_then_logout_goes_home(client):
    User.objects.create_user("buyer@example.com", "correct-horse-battery")

    response = client.post(
        reverse("login"), {"username": "buyer@example.com", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_security_headers(client):
    response = client.get(reverse("home"))

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def footer_of(html: str) -> str:
    return html[html.index("<footer") : html.index("</footer>")]


def test_footer_is_kept_per_language_and_follows_every_write_to_the_seller(client, seller):
    first = footer_of(client.get(reverse("home")).content.decode())
    assert "contact@example.fr" in first
    # A bulk update (no save(), no signal): the trigger bumps the version, so the next page
    # shows the new address instead of the kept footer.
    type(seller).objects.update(email="ventes@example.fr")
    footer = footer_of(client.get(reverse("home")).content.decode())
    assert "ventes@example.fr" in footer and "contact@example.fr" not in footer
    english = footer_of(client.get("/en/").content.decode())
    assert "Legal notice" in english and "Mentions légales" not in english
    french = footer_of(client.get("/").content.decode())
    assert "Mentions légales" in french


def test_footer_is_rendered_once_then_served_from_the_layout_cache(client, seller):
    client.get(reverse("home"))
    layout_key = seller_and_terms_for(RequestFactory().get("/")).layout_key
    assert layout_key  # "<version>-<day>"
    kept = caches["layout"].get(make_template_fragment_key("footer", [layout_key, "fr"]))
    assert kept is not None and "contact@example.fr" in kept
    # What is kept is what the next reader gets.
    caches["layout"].set(
        make_template_fragment_key("footer", [layout_key, "fr"]),
        kept.replace("contact@example.fr", "kept@example.fr"),
    )
    assert "kept@example.fr" in footer_of(client.get(reverse("home")).content.decode())
