"""Development: the embedded defaults of `make run` (SQLite, in-memory layers)."""

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
