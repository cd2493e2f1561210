"""Procfile, compose.yaml, Dockerfile and crontab agree with each other and with the code."""

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def manage_commands(command_line: str) -> list[str]:
    """The management command named after each `manage.py` in a shell command line."""
    return re.findall(r"manage\.py\s+([\w-]+)", command_line)


def test_the_procfile_has_web_worker_scheduler_and_release():
    processes = procfile()

    assert set(processes) == {"release", "web", "worker", "scheduler"}
    assert processes["web"].startswith("uvicorn config.asgi:application")
    assert "--workers" in processes["web"]
    assert "--proxy-headers" in processes["web"]
    # db_worker with a heartbeat, so the tasks of a killed worker run again.
    assert manage_commands(processes["worker"]) == ["task_worker"]
    assert manage_commands(processes["release"]) == ["migrate", "init_site", "check"]


def test_compose_runs_the_procfiles_commands():
    services = compose()["services"]
    processes = procfile()

    assert {"web", "worker", "scheduler", "release", "postgres", "redis", "elasticsearch"} <= set(
        services
    )
    for name in ("worker", "scheduler"):
        assert services[name]["command"] == processes[name]
    assert manage_commands(services["release"]["command"]) == manage_commands(processes["release"])
    assert "uvicorn config.asgi:application" in services["web"]["command"]
    assert "--ws websockets-sansio" in services["web"]["command"]


def test_the_task_worker_yields_cpu_to_the_web_processes():
    # Notifications for a post must not slow the live delivery of that post (bench/ws_fanout.py).
    services = compose()["services"]

    assert procfile()["worker"].startswith("nice -n 10 ")
    assert services["worker"]["cpu_shares"] < services["web"].get("cpu_shares", 1024)


def test_compose_elasticsearch_is_secured_and_has_icu():
    services = compose()["services"]
    node = services["elasticsearch"]["environment"]
    portal = services["web"]["environment"]

    assert node["xpack.security.enabled"] == "true"
    assert node["xpack.security.http.ssl.enabled"] == "true"
    assert node["action.destructive_requires_name"] == "true"
    assert portal["ELASTICSEARCH_URL"].startswith("https://")
    assert portal["ELASTICSEARCH_CA_CERTS"]
    assert portal["ELASTICSEARCH_PASSWORD"]
    es_build = (ROOT / services["elasticsearch"]["build"] / "Dockerfile").read_text()
    assert "elasticsearch-plugin install --batch analysis-icu" in es_build


def test_every_scheduled_and_process_command_exists():
    known = get_commands()
    lines = (ROOT / "deploy/crontab").read_text().splitlines()
    scheduled = [line for line in lines if line.strip() and not line.startswith("#")]
    named = [name for line in scheduled for name in manage_commands(line)]
    named += [name for line in procfile().values() for name in manage_commands(line)]

    # Every reminder and digest command is on the schedule: one added to the code but not to
    # deploy/crontab would never run in production.
    reminders = {name for name in known if name.startswith(("notify_", "send_notification"))}
    assert reminders
    assert reminders <= set(named), reminders - set(named)
    # Lost workers' tasks are recovered even while no worker runs its heartbeat.
    assert "requeue_lost_tasks" in named
    assert named
    assert set(named) <= set(known), set(named) - set(known)


def test_the_image_runs_as_a_user_from_the_lock():
    dockerfile = (ROOT / "Dockerfile").read_text()

    assert "uv sync --frozen --no-dev" in dockerfile
    assert "-slim" in dockerfile
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users
    assert users[-1] not in {"root", "0"}


def test_the_web_workers_share_a_fresh_metrics_directory_and_the_proxy_keeps_metrics_private():
    web = compose()["services"]["web"]
    directory = web["environment"]["PROMETHEUS_MULTIPROC_DIR"]
    nginx = (ROOT / "deploy/nginx.conf").read_text()

    # Empty at each start, as prometheus_client's multiprocess mode needs: a tmpfs.
    assert any(mount.split(":")[0] == directory for mount in web["tmpfs"])
    # The other processes keep every other variable of the web process.
    assert (
        web["environment"]["DATABASE_URL"]
        == compose()["services"]["worker"]["environment"]["DATABASE_URL"]
    )
    metrics_location = nginx.split("location = /metrics {", 1)[1].split("}", 1)[0]
    assert "deny all;" in metrics_location
