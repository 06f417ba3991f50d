"""Uploads are checked by content: each refusal names the field and says what to do."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from core.errors import BusinessError
from core.uploads import upload_check


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(name: str, content: bytes, **kwargs) -> BusinessError:
    with pytest.raises(BusinessError) as refused:
        upload_check(uploaded_file=upload(name, content), field="kbis", **kwargs)
    assert refused.value.field == "kbis"
    return refused.value


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("kbis.pdf", pdf_bytes(2), "application/pdf", ".pdf"),
        ("id.PNG", image_bytes("PNG"), "image/png", ".png"),
        ("id.jpeg", image_bytes("JPEG"), "image/jpeg", ".jpg"),
        ("scan", image_bytes("JPEG"), "image/jpeg", ".jpg"),
    ],
)
def test_accepted_files(name, content, content_type, extension):
    checked = upload_check(uploaded_file=upload(name, content), field="kbis")
    assert (checked.content_type, checked.extension) == (content_type, extension)
    assert checked.content == content
    assert checked.original_name == name


def test_empty_file():
    error = refusal("kbis.pdf", b"")
    assert error.code == "upload_empty"
    assert error.message == (
        "Le fichier « kbis.pdf » est vide. Choisissez un fichier PDF, PNG ou JPEG."
    )


def test_size_cap_is_inclusive():
    content = pdf_bytes()
    assert upload_check(
        uploaded_file=upload("k.pdf", content), field="kbis", max_bytes=len(content)
    )
    error = refusal("k.pdf", content, max_bytes=len(content) - 1)
    assert error.code == "upload_too_large"


def test_size_cap_message_in_megabytes(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    big = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    error = refusal("big.pdf", big)
    assert error.message == "Le fichier « big.pdf » dépasse la taille maximale de 10 Mo."


def test_pdf_renamed_jpg():
    error = refusal("photo.jpg", pdf_bytes())
    assert error.code == "upload_extension_mismatch"
    assert "porte l'extension .jpg mais contient un PDF" in error.message


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"plain text pretending",
    ],
)
def test_html_svg_or_text_renamed_pdf(content):
    assert refusal("kbis.pdf", content).code == "upload_type_refused"


def test_zip_renamed_pdf():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page1.pdf", pdf_bytes())
        archive.writestr("page2.pdf", pdf_bytes())
    assert refusal("kbis.pdf", buffer.getvalue()).code == "upload_type_refused"


def test_pdf_signature_followed_by_a_zip_does_not_open():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page1.pdf", pdf_bytes())
    error = refusal("kbis.pdf", b"%PDF-1.7\n" + buffer.getvalue())
    assert error.code == "upload_unreadable"
    assert "illisible en tant que PDF" in error.message


def test_truncated_png_does_not_open():
    assert refusal("id.png", image_bytes("PNG")[:40]).code == "upload_unreadable"


def test_password_protected_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal("kbis.pdf", buffer.getvalue()).code == "upload_pdf_protected"
