"""Every network in attn_nbs.pretrained.TIMM loads timm's weights and then computes what timm's model does.

timm needs torchvision, which does not import beside the CPU torch build of the main test environment,
so tools/test.sh runs this file in a second environment (tools/timm_env.sh: the PyPI torch and
torchvision pair, and timm). tests/conftest.py leaves it out where timm is not installed; the run in the
timm environment fails if it tests nothing."""
import pytest
import timm
import torch
from torch import nn

import attn_nbs
from attn_nbs.pretrained import TIMM, load_pretrained

SIZE = 64  # the smallest input the convolutional networks take (MobileViT: multiples of 64)
# Networks sized by their token grid are built for one input size on both sides: the smallest their
# patches and strides tile. Only the token-mixing weights change shape with it; the rules do not.
GRID_SIZED = {"mixer": 32, "resmlp": 32, "gmlp": 32, "volo": 32}


def randomize(model: nn.Module) -> nn.Module:
    """Every parameter and BatchNorm statistic random, so that a tensor copied to the wrong place
    shows. In place, uniform (random enough for that, and several times faster than normal draws on
    Mixer-L's 207M parameters)."""
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if name.endswith("running_var"):
                t.uniform_(0.5, 1.5, generator=g)
            elif t.is_floating_point():
                t.uniform_(-0.2, 0.2, generator=g)
    return model


@pytest.mark.parametrize("key", sorted(TIMM))
def test_same_logits_as_timm(key):
    entry = TIMM[key]
    size = GRID_SIZED.get(entry.rules, SIZE)
    sized = {"img_size": size} if entry.rules in GRID_SIZED else {}
    theirs = timm.create_model(entry.timm_name, pretrained=False, **sized)
    theirs = randomize(theirs).double().eval()  # random in float32, then exactly widened
    kwargs = dict(sized)
    for s in entry.settings:
        kwargs.update(s.kwargs)
    ours = attn_nbs.create(key, **kwargs).double().eval()
    load_pretrained(ours, theirs.state_dict())
    x = torch.randn(2, 3, size, size, dtype=torch.float64)
    with torch.no_grad():
        want = theirs(x)
        diff = (ours(x) - want).abs().max().item()
    print(f"{key}: largest logit difference {diff:.1e}, logits' spread {want.std().item():.1e}")
    assert want.std() > 1e-3, f"{key}: timm's logits barely vary ({want.std():.1e}): a weak test"
    assert diff < 1e-10, f"{key}: logits differ from timm's {entry.timm_name} by {diff:.3e}"


# A model without the setting the weights need: the library's default, except where the default has it
WITHOUT_SETTING = {"repvgg": dict(deploy=True)}  # RepVGG deployed: timm stores the multi-branch form


@pytest.mark.parametrize("key", [k for k in sorted(TIMM) if TIMM[k].settings])
def test_timm_weights_refused_without_their_settings(key):
    entry = TIMM[key]
    with torch.device("meta"):
        theirs = timm.create_model(entry.timm_name, pretrained=False)
        ours = attn_nbs.create(key, **WITHOUT_SETTING.get(entry.rules, {}))
    with pytest.raises(ValueError, match=f"trained with {entry.settings[0].name}"):
        load_pretrained(ours, theirs.state_dict())
