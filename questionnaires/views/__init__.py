"""The questionnaires app's pages, one module per sub-domain: ``answering``, ``attachments``,
``history``, ``review``, ``versions`` and ``account``; ``urls.py`` names them."""
