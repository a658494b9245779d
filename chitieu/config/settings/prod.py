"""Production: the secret must come from the environment and must not be a development one."""

from django.core.exceptions import ImproperlyConfigured

from chitieu.config.env import env_bool, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 32 or "insecure" in SECRET_KEY or SECRET_KEY.startswith(("dev-", "test-")):
    raise ImproperlyConfigured(
        "SECRET_KEY phải dài ít nhất 32 ký tự và không phải khóa phát triển."
    )
DEBUG = env_bool("DEBUG", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
