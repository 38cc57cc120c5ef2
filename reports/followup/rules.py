"""Who may read and edit a round's recommendations and the compliance assessment (django-rules, found by
AutodiscoverRulesConfig): the secretariat and the steering group read them; the secretariat enters and
imports them and assesses the Parties' follow-up. Focal points, rapporteurs and stakeholders see neither.
"""

import rules

from questionnaires.permissions import is_secretariat, is_steering_member

rules.add_perm("followup.view_recommendations", is_secretariat | is_steering_member)
rules.add_perm("followup.manage_recommendations", is_secretariat)
rules.add_perm("followup.assess_compliance", is_secretariat)
