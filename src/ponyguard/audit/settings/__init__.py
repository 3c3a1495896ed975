"""Static resolution of Django settings modules, and the view the settings rules read."""
