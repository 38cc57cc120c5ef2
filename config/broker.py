"""The serverless broker of `make demo`: kombu's filesystem transport, one folder shared by every process."""

from pathlib import Path

# How often an idle worker looks for new messages, in seconds: short, so the demo feels like production.
POLLING_INTERVAL = 0.2


def filesystem_transport_options(root: Path) -> dict:
    """Transport options with the web server, worker and beat all reading and writing ``root``'s folders,
    which are created if missing (kombu does not create them)."""
    queue, processed, control = root / "queue", root / "processed", root / "control"
    for folder in (queue, processed, control):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(control),
        "store_processed": False,
        "polling_interval": POLLING_INTERVAL,
    }
