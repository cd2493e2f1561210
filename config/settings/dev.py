"""Development: the embedded defaults of `make run` (SQLite, in-memory layers)."""

from .base import *

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-change-me")
# Daphne first, in development only: its runserver serves HTTP and websockets through
# config.asgi. Production runs uvicorn workers (Procfile).
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]
