"""Packaging for attn_nbs: reads nbdev 2's settings.ini (the template's pkg_resources version no longer imports)."""
from configparser import ConfigParser

from setuptools import find_packages, setup

cfg = ConfigParser(delimiters=["="])
cfg.read("settings.ini", encoding="utf-8")
c = cfg["DEFAULT"]

setup(
    name=c["lib_name"],
    version=c["version"],
    description=c["description"],
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    author=c["author"],
    license="Apache-2.0",
    url=c["git_url"],
    packages=find_packages(include=[c["lib_path"], c["lib_path"] + ".*"]),
    python_requires=">=" + c["min_python"],
    install_requires=c["requirements"].split(),
    extras_require={
        "viz": c["viz_requirements"].split(),
        "notebooks": c["viz_requirements"].split() + c["notebooks_requirements"].split(),
    },
    entry_points={"nbdev": [f'{c["lib_path"]}={c["lib_path"]}._modidx:d']},
    include_package_data=True,
    zip_safe=False,
)
