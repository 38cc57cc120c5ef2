from .assessments import assessment_record
from .carrying import carried_recommendation_add, carried_recommendation_remove, carrying_errors
from .generation import followup_parties_copy, followup_version_generate
from .imports import recommendations_as_yaml, recommendations_import_xlsx, recommendations_import_yaml

__all__ = ["assessment_record", "carried_recommendation_add", "carried_recommendation_remove", "carrying_errors",
           "followup_parties_copy", "followup_version_generate", "recommendations_as_yaml",
           "recommendations_import_xlsx", "recommendations_import_yaml"]
