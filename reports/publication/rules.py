"""Who may publish and unpublish replies (django-rules, found by AutodiscoverRulesConfig). Reading the
public site needs no permission: it shows only what is published."""

import rules

from questionnaires.permissions import is_secretariat

rules.add_perm("publication.manage_publications", is_secretariat)
