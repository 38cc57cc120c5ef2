"""gunicorn's settings for the web processes (``gunicorn -c python:config.gunicorn config.wsgi``)."""

import gc


def post_worker_init(worker):
    """Move the objects created while loading the application (modules, models, URL patterns: about
    185,000) to the permanent generation. Python's full garbage collections, which otherwise walk them
    all (about 120 ms on the machines measured) in the middle of whichever request triggers one, then
    walk only what requests created since."""
    gc.freeze()
