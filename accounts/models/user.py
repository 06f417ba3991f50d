"""People who sign in: customers' users and the seller's staff, identified by e-mail."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        """Sign-in ignores the case of the e-mail: addresses are stored in lower case and
        unique whatever their case (`unique_email_lower`)."""
        return self.get(email__iexact=username)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a login; the e-mail address is the identifier."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    language = models.CharField(
        _("langue"),
        max_length=5,
        choices=[("fr", "Français"), ("en", "English"), ("nl", "Nederlands")],
        default="fr",
    )
    phone = models.CharField(_("téléphone"), max_length=32, blank=True)
    email_verified_at = models.DateTimeField(
        _("adresse e-mail vérifiée le"),
        null=True,
        blank=True,
        help_text=_("Vide tant que la personne n'a pas ouvert le lien de vérification."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="unique_email_lower",
                violation_error_message=_(
                    "Cette adresse e-mail a déjà un compte. Connectez-vous, ou utilisez « Mot de "
                    "passe oublié » si vous ne vous en souvenez plus."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.email
