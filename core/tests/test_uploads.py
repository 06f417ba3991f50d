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


# --- images that would stall the site, PDFs that would act when opened ---------------------


def png_of_size(width: int, height: int) -> bytes:
    """A black RGB PNG of `width` x `height`, written row by row: small on disk, never
    held decoded in memory here."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (3 * width)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


DECODED_BOMB = r"""
import resource, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from core.errors import BusinessError
from core.uploads import upload_check
content = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# CPU time, not wall-clock time: other processes on a busy machine do not count.
start = time.process_time()
try:
    upload_check(uploaded_file=SimpleUploadedFile("scan.png", content), field="id_front_file")
except BusinessError as error:
    print(error.code)
print(time.process_time() - start)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_a_12000_by_12000_png_is_refused_quickly_and_without_decoding_it(tmp_path):
    """559 KB on disk, 432 MB once decoded: measured from its header, refused at once.

    Run in a fresh interpreter so that its peak memory is the check's own."""
    import os
    import subprocess
    import sys

    path = tmp_path / "bomb.png"
    path.write_bytes(png_of_size(12000, 12000))
    assert path.stat().st_size < 1024 * 1024
    # The same settings as this test run (pytest-django exports the module it uses).
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", **os.environ}
    result = subprocess.run(
        [sys.executable, "-c", DECODED_BOMB, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    code, seconds, megabytes = result.stdout.split()
    print(f"refused in {float(seconds):.3f} s of CPU, peak memory +{megabytes} MB")
    assert code == "upload_image_too_large"
    assert float(seconds) < 2
    assert int(megabytes) < 50


# Pillow warns at open past MAX_IMAGE_PIXELS (the same limit): expected here.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("width", "height", "refused"),
    [(8000, 5000, False), (8000, 5001, True), (4001, 10000, True)],
)
def test_the_pixel_limit_is_inclusive(settings, width, height, refused):
    """40 million pixels pass, one row more does not (8000 x 5000 = 40,000,000)."""
    settings.UPLOAD_MAX_PIXELS = 40_000_000
    content = png_of_size(width, height)
    if refused:
        error = refusal("id.png", content)
        assert error.code == "upload_image_too_large"
        assert error.message == (
            "L'image « id.png » dépasse 40 millions de pixels. Réduisez sa définition (une "
            "photo de téléphone suffit), puis envoyez-la à nouveau."
        )
    else:
        checked = upload_check(uploaded_file=upload("id.png", content), field="kbis")
        assert checked.content_type == "image/png"


def test_pillow_itself_refuses_past_twice_the_limit(settings):
    from django.apps import apps
    from PIL import Image as PilImage

    settings.UPLOAD_MAX_PIXELS = 1_000_000
    apps.get_app_config("core").ready()
    try:
        assert PilImage.MAX_IMAGE_PIXELS == 1_000_000
        with pytest.raises(PilImage.DecompressionBombError):
            PilImage.open(io.BytesIO(png_of_size(2001, 1000)))
        assert refusal("id.png", png_of_size(2001, 1000)).code == "upload_image_too_large"
    finally:
        settings.UPLOAD_MAX_PIXELS = 40_000_000
        apps.get_app_config("core").ready()


def pdf_with(build) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _link_running(writer, action: str, **entries):
    """A link on page 1 whose action is `action` (/Launch, /JavaScript) with `entries`."""
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    link = Link(rect=(50, 50, 200, 80), target_page_index=0)
    link[NameObject("/A")] = DictionaryObject(
        {
            NameObject("/S"): NameObject(action),
            **{NameObject(k): TextStringObject(v) for k, v in entries.items()},
        }
    )
    del link["/Dest"]
    writer.add_annotation(page_number=0, annotation=link)


def _document_javascript(writer):
    """Document-level JavaScript, the way Acrobat stores it: the /Names tree's /JavaScript."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )
    names = ArrayObject([TextStringObject("hello"), writer._add_object(action)])
    tree = DictionaryObject({NameObject("/Names"): names})
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


@pytest.mark.parametrize(
    ("build", "what"),
    [
        pytest.param(_document_javascript, "du JavaScript", id="document-javascript"),
        pytest.param(
            lambda w: _link_running(w, "/JavaScript", **{"/JS": "app.alert(1);"}),
            "du JavaScript",
            id="link-javascript",
        ),
        pytest.param(
            lambda w: setattr(w, "open_destination", w.pages[0]),
            "une action lancée à l'ouverture (OpenAction)",
            id="open-action",
        ),
        pytest.param(
            lambda w: _link_running(w, "/Launch", **{"/F": "calc.exe"}),
            "une commande qui lance un programme (Launch)",
            id="launch-action",
        ),
        pytest.param(
            lambda w: w.add_attachment("facture.exe", b"MZ\x90\x00"),
            "des fichiers joints",
            id="embedded-file",
        ),
    ],
)
def test_pdfs_that_act_when_opened_are_refused(build, what):
    error = refusal("kbis.pdf", pdf_with(build))
    assert error.code == "upload_pdf_active"
    assert error.message == (
        f"Le PDF « kbis.pdf » contient {what} : par sécurité, il est refusé. Imprimez-le en "
        "PDF (« Imprimer », puis « Enregistrer au format PDF ») ou scannez le document, puis "
        "envoyez le nouveau fichier."
    )


def test_a_hex_escaped_javascript_name_is_found():
    """`/J#61vaScript` is `/JavaScript` to a PDF reader, and to the check."""
    content = pdf_with(_document_javascript)
    assert b"/JavaScript" in content
    escaped = content.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS", b"/J#53")
    assert b"/JavaScript" not in escaped and b"/JS" not in escaped
    assert refusal("kbis.pdf", escaped).code == "upload_pdf_active"


def test_a_plain_pdf_with_links_and_outlines_is_accepted():
    from pypdf.annotations import Link

    def build(writer):
        writer.add_blank_page(width=595, height=842)
        writer.add_outline_item(title="Page 2", page_number=1)
        writer.add_annotation(
            page_number=0, annotation=Link(rect=(50, 50, 200, 80), target_page_index=1)
        )

    checked = upload_check(uploaded_file=upload("kbis.pdf", pdf_with(build)), field="kbis")
    assert checked.content_type == "application/pdf"


@pytest.mark.parametrize(("length", "refused"), [(200, False), (201, True)])
def test_a_file_name_over_200_characters_gets_a_field_message(length, refused):
    name = "k" * (length - 4) + ".pdf"
    if not refused:
        assert upload_check(uploaded_file=upload(name, pdf_bytes()), field="kbis")
        return
    error = refusal(name, pdf_bytes())
    assert error.code == "upload_name_too_long"
    assert error.message == (
        f"Le nom du fichier « {'k' * 40}… » compte 201 caractères ; 200 au plus sont "
        "acceptés. Renommez le fichier plus court, puis choisissez-le à nouveau."
    )
