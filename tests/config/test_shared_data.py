"""The shared-data checks skip on a checkout without the folder, and fail in CI, which always has it."""
import pytest

from tests import conftest


def test_a_missing_shared_file_fails_the_test_in_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="CI runs with the shared data folder"):
        conftest.shared_data_file("no-such-file.csv")


def test_a_missing_shared_file_skips_the_test_outside_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        conftest.shared_data_file("no-such-file.csv")
