"""Forum models: forums and threads, posts and their history, moderation and safeguarding."""

from forums.models.forums import Forum, Thread, Watch
from forums.models.moderation import (
    Flag,
    ModerationVerb,
    PostingSuspension,
    SafeguardingCase,
    SafeguardingCaseEntry,
)
from forums.models.posts import Post, PostRevision, ThreadEvent

__all__ = [
    "Flag",
    "Forum",
    "ModerationVerb",
    "Post",
    "PostRevision",
    "PostingSuspension",
    "SafeguardingCase",
    "SafeguardingCaseEntry",
    "Thread",
    "ThreadEvent",
    "Watch",
]
