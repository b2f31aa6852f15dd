"""Whole networks through torch.compile's default backend (inductor).

The contract's `compile` check captures every registered module with the `eager` backend: it finds
graph breaks in well under a second a module, but generates no code. Inductor generates and builds
C++ (tens of seconds a network on two cores), so it runs here on a representative few, at their
specs' small configurations: a residual CNN and a hybrid CNN-transformer whose MobileViT blocks
resize their maps.

The contract's `onnx` check exports whole networks with their sizes fixed (a dynamic batch only:
symbolic sizes through every stride make a network's export several times slower); the same two
networks are exported here with dynamic sizes too, and run in onnxruntime at twice the size.
"""
import pytest
import torch

from attn_nbs.contract import _build, _inputs, check_onnx
from attn_nbs.core import get_info

NETWORKS = ("resnet50", "mobilevit_xxs")


@pytest.mark.parametrize("key", NETWORKS)
def test_inductor(key: str) -> None:
    info = get_info(key)
    model, x = _build(info).eval(), _inputs(info)
    torch._dynamo.reset()
    try:
        compiled = torch.compile(model, fullgraph=True)  # the default backend: inductor
        with torch.no_grad():
            torch.testing.assert_close(compiled(*x), model(*x), atol=1e-4, rtol=1e-3)
    finally:
        torch._dynamo.reset()


@pytest.mark.parametrize("key", NETWORKS)
def test_onnx_at_any_size(key: str) -> None:
    check_onnx(get_info(key), sizes=True)
