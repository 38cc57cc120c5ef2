"""Writes to the findings, one module per sub-domain; import them from here.

- ``codebooks``: a question's categories, as YAML in and out, and copied from an earlier round;
- ``coding``: a coder's categories for one answer with their passages, and the secretariat's settled code;
- ``observations``: a question's observations, revised at every save, commented on and adopted.
"""

from .codebooks import codebook_as_yaml, codebook_copy_from_earlier, codebook_import_yaml
from .coding import Code, coding_save
from .observations import observations_adopt, observations_comment_add, observations_save

__all__ = ["Code", "codebook_as_yaml", "codebook_copy_from_earlier", "codebook_import_yaml", "coding_save",
           "observations_adopt", "observations_comment_add", "observations_save"]
