import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PRODUCTION_ENV = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 30 + "production-like-secret-key-with-entropy-0123456789",
        "DJANGO_ALLOWED_HOSTS": "monitoring.example.org",
        "DATABASE_URL": "postgres://user@127.0.0.1:5432/lanzarote",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deployment_checks_fail_when_two_factor_authentication_is_off():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     env={**PRODUCTION_ENV, "DJANGO_TWO_FACTOR_REQUIRED": "false"})
    assert result.returncode != 0
    assert "questionnaires.W001" in result.stdout + result.stderr


def _production_database_options(**env) -> dict:
    result = _manage("shell", "-c", "from django.conf import settings; import json; "
                     "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
                     env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_prepares_statements_unless_a_transaction_pooler_forbids_them():
    assert _production_database_options() == {"server_side_binding": True, "prepare_threshold": 5}
    assert _production_database_options(DJANGO_DB_PREPARED_STATEMENTS="false") == {}


@pytest.mark.django_db
def test_postgresql_plans_a_statement_run_repeatedly_once_per_connection():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from questionnaires.models import Version

    for _ in range(6):
        list(Version.objects.filter(pk=-1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]

    assert any('FROM "questionnaires_version"' in statement for statement in prepared)


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_ALLOWED_HOSTS": "x",
           "DATABASE_URL": "postgres://u@h/db", "REDIS_URL": "redis://h:6379/0"}
    clean_env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR,
                            env={**clean_env, **env}, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_models_and_migrations_agree():
    result = _manage("makemigrations", "--check", "--dry-run", env={"DJANGO_SETTINGS_MODULE": "config.settings.test"})
    assert result.returncode == 0, result.stdout + result.stderr


EMBEDDED_RUN = """
from django.contrib.auth import get_user_model
from questionnaires.models import Answer, Version
from questionnaires.services import answer_decide
from reports.services import compilation_request
version = Version.objects.get()
answer = Answer.objects.get(reply__version=version, reply__country__iso_code="AM", question__number="13")
answer_decide(answer=answer, action="approved", reviewer=get_user_model().objects.get(username="reviewer"))
compilation, _ = compilation_request(version=version, kind="question", question=answer.question)
compilation.refresh_from_db()
print("compilation", compilation.status, compilation.countries_included)
"""


def test_the_embedded_default_needs_no_services(tmp_path):
    """The base settings, with neither DATABASE_URL nor REDIS_URL: SQLite, and tasks that run in-process."""
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    database = tmp_path / "db.sqlite3"

    def manage(*args):
        return subprocess.run([sys.executable, "-c", (
            "import sys, django.core.management as m, config.settings.base as s; "
            f"s.DATABASES['default']['NAME'] = {str(database)!r}; s.MEDIA_ROOT = {str(tmp_path / 'media')!r}; "
            "m.execute_from_command_line(['manage.py', *sys.argv[1:]])"
        ), *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300)

    results = [manage("migrate", "--no-input"), manage("demo_data"), manage("shell", "-c", EMBEDDED_RUN)]

    assert all(result.returncode == 0 for result in results), [r.stdout[-500:] + r.stderr[-2000:] for r in results]
    assert "compilation done 1" in results[-1].stdout


def test_an_object_store_is_configured_from_the_environment_and_passes_the_deployment_checks():
    s3 = {**PRODUCTION_ENV, "DJANGO_S3_BUCKET": "lanzarote-files", "DJANGO_S3_ENDPOINT_URL": "https://s3.example.org",
          "DJANGO_S3_REGION": "eu-west-3", "AWS_ACCESS_KEY_ID": "key-id", "AWS_SECRET_ACCESS_KEY": "secret"}
    shown = _manage("shell", "--no-imports", "-c", "from django.core.files.storage import storages; "
                    "s = storages['default']; print(type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name, "
                    "s.default_acl, s.querystring_auth, s.querystring_expire, s.access_key)", env=s3)
    checked = _manage("check", "--deploy", "--fail-level", "WARNING", env=s3)

    assert shown.stdout.split() == ["S3Storage", "lanzarote-files", "https://s3.example.org", "eu-west-3", "private",
                                    "True", "60", "key-id"], shown.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
