"""Running the application: health endpoints, heartbeats of the worker and beat, the operator's page."""
