from .assessments import assessment_record
from .imports import recommendations_as_yaml, recommendations_import_xlsx, recommendations_import_yaml

__all__ = ["assessment_record", "recommendations_as_yaml", "recommendations_import_xlsx",
           "recommendations_import_yaml"]
