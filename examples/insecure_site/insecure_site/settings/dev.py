"""Local development. Not a deployment: ponyguard does not audit it by default."""

from .base import *  # noqa: F403

DEBUG = True
