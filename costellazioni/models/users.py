from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from costellazioni.validators import normalize_codice_fiscale, validate_codice_fiscale_persona


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login."""

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("Subito, un'e-mail per ogni avviso")
        DAILY = "daily", _("Un riepilogo al giorno")
        NEVER = "never", _("Nessuna e-mail, solo nell'area personale")

    username = None
    email = models.EmailField(_("indirizzo e-mail"), unique=True)
    codice_fiscale = models.CharField(
        _("codice fiscale"),
        max_length=16,
        blank=True,
        default="",
        validators=[validate_codice_fiscale_persona],
        help_text=_("Facoltativo. Serve a collegare l'account all'accesso con SPID o CIE."),
    )
    telefono = models.CharField(_("telefono"), max_length=30, blank=True, default="")
    email_digest = models.CharField(
        _("avvisi via e-mail"),
        max_length=10,
        choices=Digest.choices,
        default=Digest.IMMEDIATE,
        help_text=_("Come ricevere per e-mail gli avvisi che trovi anche nell'area personale."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utente")
        verbose_name_plural = _("utenti")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(
                "codice_fiscale",
                condition=~models.Q(codice_fiscale=""),
                name="user_codice_fiscale_unique_when_present",
                violation_error_message=_("Questo codice fiscale è già associato a un altro account."),
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        self.codice_fiscale = normalize_codice_fiscale(self.codice_fiscale)
