"""Advisory and release data: the bundled offline copy, the OSV updater and its cache."""
