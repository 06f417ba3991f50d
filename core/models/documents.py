import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredDocument(models.Model):
    """A file written once under PRIVATE_STORAGE_ROOT, with its SHA-256.

    Rows are immutable (database trigger): a correction is a new document. Create them only
    through `core.documents.document_store`; serve them only through a view that checks the
    reader's permission and calls `core.documents.document_response`.
    """

    kind = models.CharField(_("type"), max_length=32)
    filename = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type de contenu"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64, db_index=True)
    storage_path = models.CharField(_("chemin de stockage"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("document stocké")
        verbose_name_plural = _("documents stockés")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="stored_document_sha256_hex",
            )
        ]
        triggers = [
            pgtrigger.Protect(
                name="stored_document_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"
