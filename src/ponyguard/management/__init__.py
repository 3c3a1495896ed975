"""Management commands of the ponyguard Django app."""
