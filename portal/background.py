"""
The `@task` every app uses for background work: django-tasks' own, carrying the request id.

A task enqueued while a request (or a websocket event) is handled runs later in the
`task_worker` process, where that request's context is gone. So `enqueue` adds the current
request id to the task's keyword arguments (stored with the task as JSON), and the task runs
inside `bind()` with it: its log lines carry the id of the request that caused it, and a log
collector follows one request from the web process into the worker. A task enqueued outside a
request (a command, the scheduler) runs under a new id of its own.

One decorator, used by every task module, instead of an id passed by hand at each call site:
a call site cannot forget it.
"""

import functools
from collections.abc import Callable
from inspect import iscoroutinefunction

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks.base import DEFAULT_TASK_PRIORITY, Task

from portal.request_context import bind, current_client_address, current_request_id

# The keyword argument the request id travels in. A task function never sees it.
REQUEST_ID_ARGUMENT = "request_id"


class RequestTask(Task):
    """A django-tasks Task whose enqueueing hands the current request id to the run."""

    __slots__ = ()

    def enqueue(self, *args, **kwargs):
        return super().enqueue(*args, **kwargs, **{REQUEST_ID_ARGUMENT: current_request_id()})

    async def aenqueue(self, *args, **kwargs):
        return await super().aenqueue(
            *args, **kwargs, **{REQUEST_ID_ARGUMENT: current_request_id()}
        )


def _run_in_request_context(function: Callable) -> Callable:
    # functools.wraps keeps the function's module and qualified name: the worker finds the
    # task by that path, and django-tasks checks the signature through __wrapped__.
    if iscoroutinefunction(function):

        @functools.wraps(function)
        async def run_async(*args, request_id: str = "", **kwargs):
            # Called directly (`.call`) inside a request, it keeps that request's id.
            with bind(request_id or current_request_id(), current_client_address()):
                return await function(*args, **kwargs)

        return run_async

    @functools.wraps(function)
    def run(*args, request_id: str = "", **kwargs):
        with bind(request_id or current_request_id(), current_client_address()):
            return function(*args, **kwargs)

    return run


def task(
    *,
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    backend: str = DEFAULT_TASK_BACKEND_ALIAS,
    takes_context: bool = False,
) -> Callable[[Callable], RequestTask]:
    """`django_tasks.task`, for a module-level function, with the request id carried along."""

    def decorate(function: Callable) -> RequestTask:
        return RequestTask(
            func=_run_in_request_context(function),
            priority=priority,
            queue_name=queue_name,
            backend=backend,
            takes_context=takes_context,
            run_after=None,
        )

    return decorate
