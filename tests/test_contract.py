"""The contract suite: every check of attn_nbs.contract on every registered module.

A module is covered the moment its notebook registers it. A check that does not apply, or that the
module's spec declares a skip for, is reported as a skip with its reason.
"""
import pytest

from attn_nbs import list_modules
from attn_nbs.contract import CHECKS, NotApplicable, run_check
from conftest import selected_keys


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("key", selected_keys(list_modules()))
def test_contract(key: str, check: str) -> None:
    try:
        run_check(key, check)
    except NotApplicable as e:
        pytest.skip(f"{key}: {check} skipped: {e}")
