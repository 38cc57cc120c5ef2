"""The web processes' gunicorn settings."""

import gc

from config import gunicorn


def test_a_web_worker_moves_the_loaded_application_out_of_the_garbage_collectors_walks():
    try:
        gunicorn.post_worker_init(worker=None)

        assert gc.get_freeze_count() > 10_000  # the application's modules, models and URL patterns
    finally:
        gc.unfreeze()
