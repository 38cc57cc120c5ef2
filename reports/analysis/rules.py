"""Who may code answers and read findings (django-rules, found by AutodiscoverRulesConfig).

Coding reads every Party's submitted answers, so it is the secretariat's; the steering group reads the
figures drawn from settled codings; focal points see neither."""

import rules

from questionnaires.permissions import is_secretariat, is_steering_member

rules.add_perm("analysis.code_answers", is_secretariat)
rules.add_perm("analysis.settle_codings", is_secretariat)
rules.add_perm("analysis.manage_codebooks", is_secretariat)
rules.add_perm("analysis.view_figures", is_secretariat | is_steering_member)
