"""Settings, read from the environment (and `.env` when present) with django-environ.

Outside demo mode every secret is required and the defaults are the secure ones;
`DEMO_MODE=1` (set by `.env.example` for a developer's machine) relaxes them.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEMO_MODE = env.bool("DEMO_MODE", default=False)
DEBUG = env.bool("DJANGO_DEBUG", default=DEMO_MODE)

if DEMO_MODE:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="demo-only-secret-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# --- Applications --------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "django_celery_beat",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "core",
    "shop",
    "accounts",
    "billing",
    "orders",
    "returns",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.NulBytePathMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.UnreadableFormMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

if not DEMO_MODE:
    # Production serves collected static files itself; demo mode lets runserver do it.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shop.context_processors.seller",
            ],
        },
    },
]

# --- Database: PostgreSQL only ---------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/shop")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (a new one costs more than most pages' queries), checked before
# reuse so that a restarted database costs one failed check, not a failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if DEMO_MODE else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and authentication -----------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Company roles as permissions (the buyer role gives `shop.buy_for_company`); first, so
    # that a buyer's check costs one query (the membership), not ModelBackend's two.
    "accounts.backends.CompanyRoleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# --- Languages, time -----------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English")), ("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

# --- Static files, uploads, private documents ----------------------------------------------

STATIC_URL = "/static/"
# Where `collectstatic` writes the files that WhiteNoise serves in production.
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
# Issued documents and uploads: never under MEDIA_ROOT, served only by permission-checked views.
PRIVATE_STORAGE_ROOT = Path(env("PRIVATE_STORAGE_ROOT", default=str(DATA_DIR / "private")))
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Images are measured before decoding and refused above this many pixels (core.uploads);
# Pillow itself refuses twice as many anywhere else (Image.MAX_IMAGE_PIXELS, core.apps).
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)

# --- E-mail -------------------------------------------------------------------------------

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend"
        if DEMO_MODE
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="boutique@localhost")
# Staff told of new work by e-mail: a new quote request (sales), a KYC file submitted
# (KYC review). Comma-separated addresses (a shared mailbox); when empty, every active
# staff member of the group doing that work ("Service commercial", "Vérification KYC").
SALES_NOTIFICATION_EMAILS = env.list("SALES_NOTIFICATION_EMAILS", default=[])
KYC_NOTIFICATION_EMAILS = env.list("KYC_NOTIFICATION_EMAILS", default=[])

# --- Security ----------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEMO_MODE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEMO_MODE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the web server that append to X-Forwarded-For (core.http).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEMO_MODE else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEMO_MODE
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every asset is served from static/: nothing from another origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)

# --- Cache -------------------------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The layout's fragments ({% cache ... using="layout" %}), kept in each process's memory:
# they are keyed by the catalogue version the request reads anyway, so a shared cache
# would only add a network round trip to every page.
CACHES["layout"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "layout",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

# --- Celery ------------------------------------------------------------------------------

CELERY_BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(DATA_DIR / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
        "visibility_timeout": 3600,
    }
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
DAILY_JOBS_HOUR = env.int("DAILY_JOBS_HOUR", default=2)
CELERY_BEAT_SCHEDULE = {
    "run-daily-jobs": {
        "task": "core.tasks.run_daily_jobs_today",
        "schedule": crontab(hour=DAILY_JOBS_HOUR, minute=0),
    },
    # Validities counted in hours (72 h, 48 h) end at any time of day.
    "expire-quotes-hourly": {
        "task": "orders.tasks.expire_quotes_now",
        "schedule": crontab(minute=5),
    },
    # Outbox messages whose task was lost with its worker or broker (core.outbox).
    "outbox-resend": {
        "task": "core.tasks.outbox_resend_pending",
        "schedule": crontab(minute="*/5"),
    },
}
# The handler of each outbox topic (core.outbox): a service `handler(*, payload)`.
OUTBOX_HANDLERS = {
    "orders.quote_signed_pdf": "orders.services.after_signing.quote_signed_pdf_store",
    "orders.order_acknowledgement": "orders.services.after_signing.order_acknowledgement_deliver",
    # returns
    "returns.notice": "returns.emails.return_notice_deliver",
}

# --- Shop ----------------------------------------------------------------------------------

SELLER_PRESET = env("SELLER_PRESET", default="000")
# Who is buying, for the VAT regime of a price: a callable `(*, user) -> BuyerTaxProfile |
# None`, named here so that shop never imports the app that knows companies (accounts).
# Empty: every visitor is priced as a domestic buyer of the seller's country.
BUYER_TAX_PROFILE_RESOLVER = "accounts.selectors.buyer_tax_profile_for_user"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each rendering step at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
AXES_VERBOSE = False

# Models that exist only to test the kernels (core.transitions) under pytest.
if "pytest" in sys.modules:
    INSTALLED_APPS.append("tests.kernel")

# --- Accounts ---
# Absolute address of the shop, for links in e-mails sent outside a request (jobs, admin).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000") if DEMO_MODE else env("SITE_URL")
# Years KYC files are kept after the business relationship ends (accounts.services.retention:
# the company became dormant, or its file was rejected, or a draft was left, on that day);
# then the daily job deletes them. Five years: the anti-money-laundering retention rule.
KYC_RETENTION_YEARS = env.int("KYC_RETENTION_YEARS", default=5)
# Days an invitation link stays valid; the verification link lasts PASSWORD_RESET_TIMEOUT.
ACCOUNTS_INVITATION_DAYS = env.int("ACCOUNTS_INVITATION_DAYS", default=7)
# The page shown to a client locked out by django-axes (HTTP 429).
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Django's login form posts the e-mail address in the field "username" (axes would otherwise
# look for USERNAME_FIELD, "email", find nothing, and never lock the account).
AXES_USERNAME_FORM_FIELD = "username"

# --- Payments (billing) -------------------------------------------------------------------
# The payment provider's adapter (billing.payments.provider.PaymentProvider). The default
# is the sandbox the shop serves itself; it is refused at start-up outside demo mode
# unless PAYMENT_SANDBOX_ALLOWED=1 (a staging server). See README, "Payments".
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", default="billing.payments.sandbox.SandboxProvider")
PAYMENT_SANDBOX_ALLOWED = env.bool("PAYMENT_SANDBOX_ALLOWED", default=DEMO_MODE)
# The secret shared with the provider that signs its notifications (webhooks).
# Required outside demo mode: the billing app refuses to start without it.
PAYMENT_WEBHOOK_SECRET = env(
    "PAYMENT_WEBHOOK_SECRET", default="whsec_demo_only_never_in_production" if DEMO_MODE else ""
)
# Where the sandbox posts its notifications (empty: this shop's SITE_URL).
PAYMENT_SANDBOX_WEBHOOK_URL = env("PAYMENT_SANDBOX_WEBHOOK_URL", default="")
OUTBOX_HANDLERS["billing.sandbox_webhook"] = "billing.payments.sandbox.sandbox_webhook_send"

# --- Back office (staff admin) ---
# The admin runs the back office's site (branding, work sections); the back office's
# templates come before Django's admin ones, so it is listed first.
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = (
    "backoffice.apps.BackofficeAdminConfig"
)
INSTALLED_APPS.insert(0, "backoffice.apps.BackofficeConfig")

# --- Invoices and credit notes (billing) ---
# The Factur-X PDF of each issued invoice and credit note, rendered once after commit.
OUTBOX_HANDLERS["billing.document_pdf"] = "billing.services.pdf.document_pdf_store"

# --- Late payment (billing) ---
# Reminders and formal notices: one outbox row per company and step (billing.services.dunning).
OUTBOX_HANDLERS["billing.dunning_notice"] = "billing.services.dunning.dunning_notice_deliver"

# --- Back office: staff sign-in ---
# Staff second factor (backoffice.services.second_factor): TOTP with recovery codes
# (django-otp) and passkeys (django-otp-webauthn), required outside demo mode.
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
# The back office (outside the language-prefixed URLs) speaks the language its user chose.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "backoffice.middleware.BackofficeLanguageMiddleware",
)
MIDDLEWARE += [
    "backoffice.middleware.StaffIdleTimeoutMiddleware",
    "backoffice.middleware.StaffSecondFactorMiddleware",
]
STAFF_TWO_FACTOR_REQUIRED = env.bool("STAFF_TWO_FACTOR_REQUIRED", default=not DEMO_MODE)
# A staff session idle this long is closed; sensitive changes (e-mail, second factor)
# need the password typed again within STAFF_REAUTHENTICATION_MINUTES.
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
STAFF_REAUTHENTICATION_MINUTES = env.int("STAFF_REAUTHENTICATION_MINUTES", default=5)
# The name an authenticator application shows beside the codes.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Back-office")
# Passkeys are bound to the shop's host name (its SITE_URL unless WEBAUTHN_RP_ID says);
# browsers allow them over plain HTTP on localhost only, hence the demo's origin.
_SITE = urlsplit(SITE_URL)
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", default="localhost" if DEMO_MODE else _SITE.hostname)
OTP_WEBAUTHN_RP_NAME = env("WEBAUTHN_RP_NAME", default="Back-office")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list(
    "WEBAUTHN_ALLOWED_ORIGINS",
    default=["http://localhost:8000"] if DEMO_MODE else [f"https://{_SITE.netloc}"],
)
# A passkey is a second factor after the password, never a login on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# --- Payments: bank statement matching (billing) ---
# Orders awaiting a payment, by order or quote number, for matching bank statements
# (billing never reads orders): a callable `(*, numbers) -> {number: ExpectedPayment}`.
PAYMENT_REFERENCE_RESOLVER = "orders.selectors.orders_expecting_payment"

# --- Order lifecycle (orders: shipments, cancellations) ---
OUTBOX_HANDLERS["orders.delivery_note"] = "orders.services.delivery_notes.delivery_note_store"
OUTBOX_HANDLERS["orders.order_cancelled"] = "orders.emails.order_cancelled_deliver"
# Unpaid transfers whose deadline is counted in hours (003: 72 h) end at any time of day.
CELERY_BEAT_SCHEDULE["cancel-unpaid-transfers-hourly"] = {
    "task": "orders.tasks.cancel_unpaid_transfers_now",
    "schedule": crontab(minute=10),
}

# --- Invoices and credit notes: e-mails and accounting exports (billing) ---
OUTBOX_HANDLERS["billing.document_mail"] = "billing.emails.document_mail_deliver"
# Accounts of the FEC export (plan comptable général): configurable per seller.
BILLING_ACCOUNTS = {
    "customers": "411",
    "goods": "707",
    "services": "706",
    "penalties": "7638",
    "vat_collected": "44571",
    "bank": "512",
}

# --- KYC review: automatic VIES check of VAT numbers (accounts.vies) ---
# The offline adapter records "not checked"; "accounts.vies.StdnumViesChecker" asks VIES
# when the shop can reach it (a fault or a timeout is recorded as "unavailable").
VIES_CHECKER = env("VIES_CHECKER", default="accounts.vies.OfflineViesChecker")
VIES_WSDL_URL = env(
    "VIES_WSDL_URL", default="https://ec.europa.eu/taxation_customs/vies/checkVatService.wsdl"
)
VIES_TIMEOUT_SECONDS = env.float("VIES_TIMEOUT_SECONDS", default=10)
OUTBOX_HANDLERS["accounts.vies_check"] = "accounts.services.vat_checks.vat_check_deliver"

# --- Back office: support staff see the portal as a customer (backoffice.impersonation) ---
INSTALLED_APPS += ["hijack"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "hijack.middleware.HijackUserMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("hijack.middleware.HijackUserMiddleware") + 1,
    "backoffice.impersonation.ImpersonationReadOnlyMiddleware",
)
HIJACK_PERMISSION_CHECK = "backoffice.impersonation.may_impersonate"
