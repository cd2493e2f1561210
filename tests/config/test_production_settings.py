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
