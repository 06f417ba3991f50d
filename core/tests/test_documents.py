import base64
import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.urls import reverse
from pypdf import PdfReader

from core.documents import (
    DocumentIntegrityError,
    ResourceRefused,
    _static_file_for,
    document_path,
    document_read,
    document_response,
    document_store,
    document_verify,
    pdf_render,
)
from core.models import StoredDocument

pytestmark = pytest.mark.django_db

# Core knows the user model only through Django's auth (accounts is to its right).
User = get_user_model()


@pytest.fixture
def pdf_template(settings, tmp_path):
    """A PDF template that extends the shared layout and links the shared stylesheet."""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "sample.html").write_text(
        '{% extends "pdf/base.html" %}'
        "{% block title %}Devis {{ number }}{% endblock %}"
        "{% block heading %}<h1>Devis {{ number }}</h1>{% endblock %}"
        "{% block content %}<p>Bon pour accord : {{ customer }}</p>{% endblock %}",
        encoding="utf-8",
    )
    for name, resource in {
        "remote_image": '<img src="https://example.com/tracker.png" alt="">',
        "local_file": '<img src="file:///etc/hostname" alt="">',
        "missing_static": '<img src="img/does-not-exist.png" alt="">',
    }.items():
        (tmp_path / "pdf" / f"{name}.html").write_text(
            f'{{% extends "pdf/base.html" %}}{{% block content %}}{resource}{{% endblock %}}',
            encoding="utf-8",
        )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "pdf/sample.html"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _store(content: bytes = b"%PDF-1.7 test", **kwargs) -> StoredDocument:
    return document_store(
        content=content,
        filename=kwargs.pop("filename", "devis-D2026-0001.pdf"),
        content_type=kwargs.pop("content_type", "application/pdf"),
        kind=kwargs.pop("kind", "quote"),
        **kwargs,
    )


def test_pdf_render_makes_a_real_pdf_with_the_text(pdf_template):
    content = pdf_render(
        template_name=pdf_template, context={"number": "D2026-0042", "customer": "Acme SAS"}
    )

    assert content.startswith(b"%PDF-")
    text = _pdf_text(content)
    assert "Devis D2026-0042" in text
    assert "Bon pour accord : Acme SAS" in text


def test_pdf_render_shows_the_seller_legal_notice(pdf_template):
    class Seller:
        legal_name = "Image in Network SAS"
        trade_name = ""
        legal_form = "SAS"
        share_capital = None
        siren = "792662637"
        rcs_city = "Évry"
        enterprise_number = ""
        vat_number = "FR40792662637"
        address_line1 = "3 bis rue René Cassin"
        address_line2 = ""
        postal_code = "91300"
        city = "Massy"
        email = "contact@example.fr"
        phone = ""

    content = pdf_render(
        template_name=pdf_template, context={"number": "1", "customer": "X", "seller": Seller()}
    )

    text = _pdf_text(content)
    assert "RCS Évry 792662637" in text  # raw SIREN when no display helper
    assert "FR40792662637" in text
    # The page counter comes from static/css/pdf.css: the stylesheet was fetched and applied.
    assert "1 / 1" in text


@pytest.mark.parametrize("name", ["remote_image", "local_file", "missing_static"])
def test_pdf_render_refuses_resources_outside_static(pdf_template, name):
    with pytest.raises(ResourceRefused):
        pdf_render(template_name=f"pdf/{name}.html", context={})


def test_pdf_render_accepts_static_images_and_data_urls(pdf_template, tmp_path):
    svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"/>').decode()
    (tmp_path / "pdf" / "images.html").write_text(
        '{% extends "pdf/base.html" %}{% load static %}{% block content %}'
        '<img src="{% static \'img/favicon.svg\' %}" alt="">'
        f'<img src="data:image/svg+xml;base64,{svg}" alt="">'
        "<p>Signature</p>{% endblock %}",
        encoding="utf-8",
    )

    content = pdf_render(template_name="pdf/images.html", context={})

    assert "Signature" in _pdf_text(content)


def test_url_fetcher_serves_static_files_only():
    css = Path(settings.STATICFILES_DIRS[0]).resolve() / "css" / "pdf.css"
    admin_css = finders.find("admin/css/base.css")

    assert _static_file_for("file:///static/css/pdf.css") == css
    assert _static_file_for("file:///static/admin/css/base.css") == Path(admin_css)
    for url in (
        "https://example.com/style.css",
        "http://127.0.0.1/static/css/pdf.css",
        "file:///etc/passwd",
        css.as_uri(),  # a path of the machine, even of a static file
        "file:///static/../../etc/passwd",
        "file:///static/css/../../manage.py",
        "file:///static//etc/passwd",
        "file:///static/css/missing.css",
        "ftp://example.com/x",
    ):
        with pytest.raises(ResourceRefused):
            _static_file_for(url)


def test_stylesheet_relative_urls_resolve_among_static_files(pdf_template, settings, tmp_path):
    """A stylesheet's `url(../img/x)` resolves under STATIC_URL like the stylesheet itself."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "img").mkdir()
    (static / "img" / "mark.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    (static / "css" / "marked.css").write_text(
        "body { background: url(../img/mark.svg); }", encoding="utf-8"
    )
    (static / "css" / "broken.css").write_text(
        "body { background: url(../img/missing.svg); }", encoding="utf-8"
    )
    settings.STATICFILES_DIRS = [static, *settings.STATICFILES_DIRS]
    for name in ("marked", "broken"):
        (tmp_path / "pdf" / f"{name}.html").write_text(
            '{% extends "pdf/base.html" %}{% load static %}{% block extra_head %}'
            f'<link rel="stylesheet" href="{{% static \'css/{name}.css\' %}}">'
            "{% endblock %}{% block content %}<p>Marque</p>{% endblock %}",
            encoding="utf-8",
        )

    assert "Marque" in _pdf_text(pdf_render(template_name="pdf/marked.html", context={}))
    with pytest.raises(ResourceRefused):
        pdf_render(template_name="pdf/broken.html", context={})


def test_pdf_render_reads_the_collected_files_of_the_manifest_storage(
    pdf_template, settings, tmp_path
):
    """Production: `{% static %}` names the hashed copy collected into STATIC_ROOT, which is
    not in the source directories; the PDF still gets its stylesheet."""
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    stylesheet = staticfiles_storage.url("css/pdf.css")
    assert stylesheet != "/static/css/pdf.css"  # hashed
    assert not finders.find(stylesheet.removeprefix("/static/"))

    content = pdf_render(template_name=pdf_template, context={"number": "9", "customer": "Z"})

    assert "Bon pour accord : Z" in _pdf_text(content)


def test_store_writes_once_with_the_sha256(pdf_template):
    content = pdf_render(template_name=pdf_template, context={"number": "7", "customer": "Y"})
    user = User.objects.create_user("sales@example.com", "x" * 12)

    doc = _store(content, created_by=user)

    doc.refresh_from_db()
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    assert doc.size == len(content)
    assert doc.kind == "quote"
    assert doc.filename == "devis-D2026-0001.pdf"
    assert doc.created_by == user
    path = document_path(doc)
    assert path.read_bytes() == content
    assert document_read(doc) == content
    assert document_verify(doc)
    # Server-generated name under <kind>/<yyyy>/, inside the private root only.
    parts = Path(doc.storage_path).parts
    assert parts[0] == "quote"
    assert parts[1] == f"{doc.created_at:%Y}"
    assert parts[2].endswith(".pdf")
    assert "devis" not in parts[2]
    private = Path(settings.PRIVATE_STORAGE_ROOT).resolve()
    assert path.is_relative_to(private)
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    for static_dir in settings.STATICFILES_DIRS:
        assert not path.is_relative_to(Path(static_dir).resolve())
    # No temporary file left behind.
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_private_storage_is_outside_media_and_static_by_default():
    from config import settings as project_settings

    private = Path(project_settings.PRIVATE_STORAGE_ROOT).resolve()
    assert not private.is_relative_to(Path(project_settings.MEDIA_ROOT).resolve())
    for static_dir in project_settings.STATICFILES_DIRS:
        assert not private.is_relative_to(Path(static_dir).resolve())


def test_the_user_filename_never_reaches_the_disk():
    doc = _store(filename="../../etc/evil name.pdf")

    assert doc.filename == "evil name.pdf"
    assert ".." not in doc.storage_path
    assert document_path(doc).name != "evil name.pdf"


def test_store_refuses_a_bad_kind_or_empty_content():
    with pytest.raises(ValueError):
        _store(kind="../quote")
    with pytest.raises(ValueError):
        _store(content=b"")
    assert not StoredDocument.objects.exists()


def test_tampered_file_is_detected():
    doc = _store(b"%PDF-1.7 original content")
    path = document_path(doc)
    path.chmod(0o640)
    path.write_bytes(b"%PDF-1.7 original c0ntent")

    with pytest.raises(DocumentIntegrityError):
        document_read(doc)
    assert not document_verify(doc)
    with pytest.raises(DocumentIntegrityError):
        document_response(doc=doc)


def test_missing_file_is_detected():
    doc = _store()
    document_path(doc).unlink()

    with pytest.raises(DocumentIntegrityError):
        document_read(doc)
    assert not document_verify(doc)


def test_row_cannot_be_updated_or_deleted():
    doc = _store()

    with pytest.raises(DatabaseError), transaction.atomic():
        StoredDocument.objects.filter(pk=doc.pk).update(sha256="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        doc.filename = "autre.pdf"
        doc.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        doc.delete()
    doc.refresh_from_db()
    assert doc.filename == "devis-D2026-0001.pdf"


def test_response_headers():
    content = b"%PDF-1.7 headers"
    doc = _store(content, filename="facture F-2026-0001.pdf")

    response = document_response(doc=doc)

    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="facture F-2026-0001.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(content))

    inline = document_response(doc=doc, as_attachment=False)
    assert inline["Content-Disposition"].startswith("inline;")


class TestStaffDownloadView:
    def test_anonymous_is_sent_to_login(self, client):
        doc = _store()

        response = client.get(reverse("document_download", args=[doc.pk]))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_customer_is_refused(self, client):
        doc = _store()
        client.force_login(User.objects.create_user("buyer@example.com", "x" * 12))

        response = client.get(reverse("document_download", args=[doc.pk]))

        assert response.status_code in (403, 404)
        assert b"%PDF" not in response.content

    def test_staff_without_the_permission_is_refused(self, client):
        doc = _store()
        client.force_login(User.objects.create_user("w@example.com", "x" * 12, is_staff=True))

        response = client.get(reverse("document_download", args=[doc.pk]))

        assert response.status_code in (403, 404)

    def test_permitted_staff_gets_the_bytes(self, client):
        content = b"%PDF-1.7 staff download"
        doc = _store(content)
        staff = User.objects.create_user("kyc@example.com", "x" * 12, is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_storeddocument"))
        client.force_login(staff)

        response = client.get(reverse("document_download", args=[doc.pk]))

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="devis-D2026-0001.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"

    def test_unknown_document_is_404_for_permitted_staff(self, client):
        staff = User.objects.create_user("kyc@example.com", "x" * 12, is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_storeddocument"))
        client.force_login(staff)

        response = client.get(reverse("document_download", args=[999999]))

        assert response.status_code == 404
