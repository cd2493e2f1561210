"""A test that needs a service fails in CI when the service is missing, and skips loudly locally."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def run_redis_tests_without_redis(tmp_path, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CI", "REQUIRE_SERVICES", "REDIS_URL", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests/services/test_redis.py"],
        cwd=settings.BASE_DIR,
        env={
            **clean_env,
            # Its own throw-away database, so it cannot disturb this run's test database.
            "DATABASE_URL": f"sqlite:///{tmp_path / 'gate.sqlite3'}",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("ci_variable", [{"CI": "true"}, {"REQUIRE_SERVICES": "1"}])
def test_a_missing_service_fails_the_run_in_ci(tmp_path, ci_variable):
    result = run_redis_tests_without_redis(tmp_path, **ci_variable)

    assert result.returncode != 0
    assert "redis is required here" in result.stdout
    assert "REDIS_URL is not set" in result.stdout


def test_a_missing_service_is_a_loud_skip_locally(tmp_path):
    result = run_redis_tests_without_redis(tmp_path)

    assert result.returncode == 0, result.stdout
    assert "SERVICE MISSING — redis" in result.stdout
    assert "1 skipped" in result.stdout
