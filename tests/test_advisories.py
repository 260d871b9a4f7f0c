"""An offline advisory check: installed versions against the known-fixed advisories.

`pip-audit` needs the network (reliability.md S6); this needs nothing. ADVISORIES copies the
"Fixed in" of every advisory that reliability.md lists for our dependencies (section 1.1
for pypdf, section 2.2 for Streamlit) plus two PyTorch advisories from public trackers. A
dependency with no advisory known to us (faiss-cpu, tantivy, sentence-transformers) is
held to the floor pyproject.toml declares. When a new advisory is published, add its row.
"""

import tomllib
from dataclasses import dataclass
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.conftest import ROOT

AUDITED = ("pypdf", "streamlit", "faiss-cpu", "tantivy", "torch", "sentence-transformers")


@dataclass(frozen=True, slots=True)
class Advisory:
    advisory: str
    package: str
    fixed_in: str
    source: str


PYPDF = "reliability.md 1.1"
STREAMLIT = "reliability.md 2.2"
ADVISORIES = [
    Advisory("CVE-2023-36464", "pypdf", "3.9.0", PYPDF),
    Advisory("CVE-2025-55197 / GHSA-7hfw-26vp-jp8m", "pypdf", "6.0.0", PYPDF),
    Advisory("CVE-2025-62707 / GHSA-vr63-x8vc-m265", "pypdf", "6.1.3", PYPDF),
    Advisory("CVE-2025-62708 / GHSA-jfx9-29x2-rv3j", "pypdf", "6.1.3", PYPDF),
    Advisory("CVE-2025-66019 / GHSA-m449-cwjh-6pw7", "pypdf", "6.4.0", PYPDF),
    Advisory("CVE-2026-22690 / GHSA-4xc4-762w-m6cg", "pypdf", "6.6.0", PYPDF),
    Advisory("GHSA-4f6g-68pf-7vhv", "pypdf", "6.6.0", PYPDF),
    Advisory("CVE-2026-24688 / GHSA-2q4j-m29v-hq73", "pypdf", "6.6.2", PYPDF),
    Advisory("CVE-2026-27628 / GHSA-2rw7-x74f-jg35", "pypdf", "6.7.2", PYPDF),
    Advisory("CVE-2026-27888", "pypdf", "6.7.3", PYPDF),
    Advisory("GHSA-9m86-7pmv-2852", "pypdf", "6.7.5", PYPDF),
    Advisory("CVE-2026-31826", "pypdf", "6.8.0", PYPDF),
    Advisory("CVE-2026-48735, -49460, -49461, -54530, -54531", "pypdf", "6.13.0", PYPDF),
    Advisory("CVE-2026-59935, -59936, -59937, -59938", "pypdf", "6.14.2", PYPDF),
    Advisory("CVE-2026-71852, -71870", "pypdf", "6.15.0", PYPDF),
    Advisory("CVE-2026-84310, -84311", "pypdf", "6.16.1", PYPDF),
    Advisory("CVE-2022-35918", "streamlit", "1.11.1", STREAMLIT),
    Advisory("SNYK-PYTHON-STREAMLIT-6156621", "streamlit", "1.30.0", STREAMLIT),
    Advisory("Snyk advisory fixed in 1.37.0", "streamlit", "1.37.0", STREAMLIT),
    Advisory("CVE-2026-33682 / GHSA-7p48-42j8-8846", "streamlit", "1.54.0", STREAMLIT),
    # torch.load(weights_only=True) still ran code (pytorch/pytorch#152006).
    Advisory("CVE-2025-32434 / GHSA-53q9-r3pm-6pq6", "torch", "2.6.0", "pytorch advisory"),
    # The weights_only unpickler corrupted memory on a crafted checkpoint.
    Advisory("CVE-2026-24747", "torch", "2.10.0", "pytorch advisory"),
]


def declared_floors() -> dict[str, Version]:
    """Each dependency's `>=` floor from pyproject.toml's [project] dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        for spec in requirement.specifier:
            if spec.operator == ">=":
                floors[requirement.name] = Version(spec.version)
    return floors


def installed(package: str) -> Version:
    # A local build tag ("2.13.0+cpu") is the same release as far as advisories go.
    return Version(Version(version(package)).base_version)


@pytest.mark.parametrize("row", ADVISORIES, ids=[row.advisory for row in ADVISORIES])
def test_the_installed_version_has_the_advisory_fix(row: Advisory) -> None:
    assert installed(row.package) >= Version(row.fixed_in), (
        f"{row.package} {installed(row.package)} is affected by {row.advisory} "
        f"({row.source}); upgrade to {row.fixed_in} or later"
    )


@pytest.mark.parametrize("row", ADVISORIES, ids=[row.advisory for row in ADVISORIES])
def test_pyproject_never_lets_an_install_resolve_an_affected_version(row: Advisory) -> None:
    assert declared_floors()[row.package] >= Version(row.fixed_in), row.advisory


def test_pypdf_is_at_or_above_the_newest_fix_in_the_table() -> None:
    newest = max(Version(row.fixed_in) for row in ADVISORIES if row.package == "pypdf")
    assert newest == Version("6.16.1")
    assert installed("pypdf") >= newest


@pytest.mark.parametrize("package", AUDITED)
def test_every_audited_package_meets_its_declared_floor(package: str) -> None:
    floors = declared_floors()
    assert package in floors, f"pyproject.toml declares no >= floor for {package}"
    assert installed(package) >= floors[package]
