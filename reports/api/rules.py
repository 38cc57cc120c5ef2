"""Who may use the API and manage tokens (django-rules, found by AutodiscoverRulesConfig). What a caller
reads through the API is decided by the other apps' permissions, exactly as on the pages."""

import rules


@rules.predicate
def is_token_owner(user, token) -> bool:
    return token is not None and token.user_id == user.pk


rules.add_perm("api.create_token", rules.is_authenticated)
rules.add_perm("api.revoke_token", rules.is_authenticated & is_token_owner)
