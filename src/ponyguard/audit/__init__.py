"""The static audit of a project's source tree. It never imports or runs the project."""
