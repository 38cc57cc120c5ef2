"""Settings for the test suite: the embedded default unless DATABASE_URL / REDIS_URL are set."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests run tasks in-process; the integration tests start a real worker on Redis themselves.
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Most tests sign users in with force_login; the two-factor and access-matrix tests switch it on.
TWO_FACTOR_REQUIRED = False
