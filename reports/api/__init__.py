"""The versioned REST API (``/api/v1/``), its OpenAPI description and the personal tokens that open it.

It lives under ``reports`` because it reads every app (data flows countries ← questionnaires ← reports)
and owns one table, the tokens (app label ``api``). It asks the same django-rules permissions and starts
from the same scoping querysets as the pages; it only reads.
"""
