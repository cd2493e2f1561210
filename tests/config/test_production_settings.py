"""Production settings fail loudly without their variables and pass Django's deploy checks."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

REQUIRED = {
    "SECRET_KEY": "k3J9x!vQ2@pLm7#Rt5&Wz8^Yb4*Nc6(Hd1)Fg0_Se-Ua+Ov=Ti~Xr",
    "DATABASE_URL": "postgres://commit:secret@db.internal:5432/commit",
    "ALLOWED_HOSTS": "portal.example.org",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


def run_manage(*args, env):
    base_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {*REQUIRED, "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base_env, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in REQUIRED.items() if key != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_check_deploy_is_clean_with_the_required_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=REQUIRED)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_data_is_refused_under_production_settings():
    result = run_manage("seed_demo", env=REQUIRED)

    assert result.returncode != 0
    assert "seed_demo refuses" in result.stderr


def production_value(expression, env=None):
    """The value of `expression` (over `settings`) under the production settings."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        env=env or REQUIRED,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_stays_off_whatever_the_environment_says():
    assert production_value("settings.DEBUG", env={**REQUIRED, "DJANGO_DEBUG": "1"}) == "False"


def test_daphne_is_a_development_server_only():
    assert production_value("'daphne' in settings.INSTALLED_APPS") == "False"


def test_sessions_and_cache_live_on_redis():
    assert production_value("settings.CACHES['default']['LOCATION']") == REQUIRED["REDIS_URL"]
    assert production_value("settings.SESSION_ENGINE") == "portal.sessions"


def test_static_files_are_compressed_and_named_by_their_content():
    assert (
        production_value("settings.STORAGES['staticfiles']['BACKEND']")
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_media_go_to_a_bucket_only_when_one_is_named():
    assert production_value("settings.STORAGES['default']['BACKEND']") == (
        "django.core.files.storage.FileSystemStorage"
    )
    bucket = {**REQUIRED, "AWS_STORAGE_BUCKET_NAME": "commit-media"}
    assert production_value("settings.STORAGES['default']['BACKEND']", env=bucket) == (
        "storages.backends.s3.S3Storage"
    )


def test_no_secret_key_outside_development_settings():
    # The base settings have none: only config.settings.dev and .test carry a default, so
    # a deployment that forgets the variable cannot sign anything with a published key.
    env = {key: value for key, value in REQUIRED.items() if key != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    sign = "from django.core import signing; signing.dumps('session')"
    result = run_manage("shell", "--no-imports", "-c", sign, env=env)

    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


RESPONSE_HEADERS = """
from django.test import Client
response = Client().get({path!r}, secure=True, HTTP_HOST="portal.example.org")
print(response.headers.get("Content-Security-Policy", "-"))
print(response.headers.get("Strict-Transport-Security", "-"))
"""


def production_headers(path):
    result = run_manage(
        "shell", "--no-imports", "-c", RESPONSE_HEADERS.format(path=path), env=REQUIRED
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_every_response_has_a_content_security_policy_without_unsafe_inline():
    csp, hsts = production_headers("/health/live")

    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert hsts.startswith("max-age=31536000")


def test_logs_are_json_lines_unless_asked_for_text():
    formatter = "settings.LOGGING['handlers']['console'].get('formatter')"
    assert production_value(formatter) == "json"
    assert production_value(formatter, env={**REQUIRED, "LOG_FORMAT": "text"}) == "None"
