"""The reports app's pages: ``home`` (every user's start page), ``progress`` and ``compilations``."""
