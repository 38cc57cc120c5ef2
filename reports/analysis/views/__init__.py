"""Findings pages, one module per sub-domain: coding, agreement, figures, matrices, codebooks, observations."""
