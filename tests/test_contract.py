"""The contract suite: every check of attn_nbs.contract on every registered module.

A module is covered the moment its notebook registers it. A check that does not apply, or that the
module's spec declares a skip for, is reported as a skip with its reason.

Keys whose contract modules are identical (a network's variants, which the spec's small
configuration makes the same module: same class, structure, weights, spec and output) run each check
once, as one test named after all of them, e.g. `test_contract[resnet101+resnet152+resnet50-onnx]`
(attn_nbs.contract.contract_groups).
"""
import pytest

from attn_nbs import list_modules
from attn_nbs.contract import CHECKS, NotApplicable, contract_groups, run_check
from conftest import selected_keys


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("keys", contract_groups(selected_keys(list_modules())), ids="+".join)
def test_contract(keys: tuple, check: str) -> None:
    try:
        run_check(keys[0], check)
    except NotApplicable as e:
        pytest.skip(f"{'+'.join(keys)}: {check} skipped: {e}")
