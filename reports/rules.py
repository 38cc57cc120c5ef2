"""Who may request, read and publish compilations (django-rules, found by AutodiscoverRulesConfig)."""

import rules

from questionnaires.permissions import is_focal_point, is_secretariat, is_steering_member


@rules.predicate
def compilation_is_published(user, compilation) -> bool:
    return compilation is not None and compilation.published


rules.add_perm("reports.request_compilation", is_secretariat | is_steering_member)
rules.add_perm("reports.view_compilation", is_secretariat | is_steering_member | (is_focal_point & compilation_is_published))
rules.add_perm("reports.publish_compilation", is_secretariat)
