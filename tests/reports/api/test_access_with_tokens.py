"""The API's access matrix again, every endpoint × every role, called with a personal token instead of
the session: the same outcomes as the pages' matrix (tests/config/test_access_matrix.py), except that a
token created without the second factor its user's role requires is refused (401) everywhere."""

import pytest
from django.urls import reverse

from reports.api.services import token_create
from tests.config.test_access_matrix import LOGIN, MATRIX, ROLES, _outcome, built_once, people, world  # noqa: F401

API_ENTRIES = sorted(name for name in MATRIX if name.startswith("api:"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", API_ENTRIES)
def test_access_with_a_token(client, world, name, role):  # noqa: F811
    users, arguments = world
    entry = MATRIX[name]
    url = reverse(name, args=[arguments[key] for key in entry.args.split(",") if key])
    headers = {}
    if users[role] is not None:
        # reviewer_without_code never gave a second factor: their token was made without it
        _token, key = token_create(user=users[role], name="matrix", second_factor=role != "reviewer_without_code")
        headers["Authorization"] = f"Bearer {key}"
    expected = LOGIN if role == "reviewer_without_code" else entry.expected[role]

    response = getattr(client, entry.method)(url, headers=headers)

    assert _outcome(response, url) == expected, f"{entry.method.upper()} {name} as {role} with a token"


def test_every_api_endpoint_is_in_the_matrix():
    assert len(API_ENTRIES) == 15
