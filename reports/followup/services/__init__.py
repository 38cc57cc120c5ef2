from .assessments import assessment_record
from .generation import followup_parties_copy, followup_version_generate
from .imports import recommendations_as_yaml, recommendations_import_xlsx, recommendations_import_yaml

__all__ = ["assessment_record", "followup_parties_copy", "followup_version_generate", "recommendations_as_yaml",
           "recommendations_import_xlsx", "recommendations_import_yaml"]
