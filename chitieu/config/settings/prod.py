"""Production: the secret must come from the environment and must not be a development one;
HTTPS behind the province's reverse proxy, and a real mail server for the reminders."""

from django.core.exceptions import ImproperlyConfigured

from chitieu.config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import MAILERS

SECRET_KEY = env_str("SECRET_KEY")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or "insecure" in SECRET_KEY
    or SECRET_KEY.startswith(("dev-", "test-"))
):
    raise ImproperlyConfigured(
        "SECRET_KEY phải dài ít nhất 50 ký tự ngẫu nhiên và không phải khóa phát triển."
    )
DEBUG = env_bool("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG=true không được dùng khi chạy thật (settings.prod).")

# The reverse proxy ends TLS and says so in this header; Django then trusts request.is_secure().
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# the province serves HTTPS only; a site that cannot commit to that sets this to false
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Hashed names so a browser may keep static files for a year; compressed once by collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Reminders are the point of the calendar: printing them to a console nobody reads loses them.
_REAL_MAIL = ("smtp.EmailBackend",)
if not str(MAILERS["default"]["BACKEND"]).endswith(_REAL_MAIL):
    raise ImproperlyConfigured(
        "Chạy thật cần máy chủ thư để gửi nhắc hạn: đặt EMAIL_BACKEND="
        "django.core.mail.backends.smtp.EmailBackend và EMAIL_HOST (đang là "
        f"{MAILERS['default']['BACKEND']})."
    )
if not env_str("EMAIL_HOST", ""):
    raise ImproperlyConfigured("Chạy thật cần EMAIL_HOST (máy chủ thư SMTP để gửi nhắc hạn).")
