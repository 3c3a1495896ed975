"""``manage.py ponyguard``."""
