"""Local development and `make run`: debug on, a fixed development-only secret."""

import os

os.environ.setdefault("DEBUG", "true")

from chitieu.config.env import env_str  # noqa: E402

from .base import *  # noqa: E402,F403

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
