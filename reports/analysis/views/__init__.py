"""Findings pages, one module per sub-domain: coding, figures, codebooks, observations."""
