"""The Zero to JupyterHub configuration (deploy/kubernetes/): checked against the chart's own schema, offline.

values.yaml is validated against chart-schema.json, a data file derived from the chart's values.schema.yaml
(deploy/kubernetes/derive_chart_schema.py; BSD 3-Clause, its notice beside it); the course keeps no code of the
chart. The grader's manifests are checked against values.yaml and the one-server hub: names, volumes, the course
id. Nothing here runs a cluster; INSTRUCTORS.md says so.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "kubernetes"
COURSE = "party-struggle"
EXCHANGE = "/srv/nbgrader/exchange"


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((K8S / "chart-schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def grader() -> dict:
    """grader.yaml's objects by (kind, name)."""
    documents = yaml.safe_load_all((K8S / "grader.yaml").read_text(encoding="utf-8"))
    return {(d["kind"], d["metadata"]["name"]): d for d in documents}


def test_values_pass_the_charts_schema(values, validator):
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(values)]
    assert not errors, errors


@pytest.mark.parametrize("path, value", [
    (("hub", "loadGroups"), {"formgrade-party-struggle": {"users": ["x"]}}),     # not a key of the chart
    (("singleuser", "storage", "extraVolume"), []),                              # misspelt
    (("singleuser", "image", "tag"), 2025),                                      # a number where it wants text
    (("singleuser", "storage", "type"), "shared"),                               # not one of its values
    (("cull", "timeout"), "an hour"),
])
def test_the_schema_check_rejects_what_the_chart_would(values, validator, path, value):
    broken = copy.deepcopy(values)
    node = broken
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert list(validator.iter_errors(broken)), f"{'.'.join(path)} = {value!r} passed the check"


def test_the_derived_schema_says_where_it_comes_from():
    schema = json.loads((K8S / "chart-schema.json").read_text(encoding="utf-8"))
    assert "Zero to JupyterHub" in schema["$comment"] and "BSD 3-Clause" in schema["$comment"]
    assert "BSD 3-Clause" in (K8S / "LICENSE-chart-schema").read_text(encoding="utf-8")
    assert "4.4.0" in schema["$comment"] and "--version 4.4.0" in (K8S / "values.yaml").read_text(encoding="utf-8")
    assert "description" not in json.dumps(schema), "the derived file keeps rules only, not the chart's prose"


def test_groups_roles_and_service_follow_nbgraders_names(values):
    config = values["hub"]["config"]
    assert set(config["JupyterHub"]["load_groups"]) == {f"formgrade-{COURSE}", f"nbgrader-{COURSE}"}
    roles = values["hub"]["loadRoles"]
    assert roles[f"formgrade-{COURSE}"]["scopes"] == [f"access:services!service={COURSE}"]
    assert set(roles[f"nbgrader-{COURSE}"]["scopes"]) == {"list:services", f"read:services!service={COURSE}"}
    assert COURSE in values["hub"]["services"], "nbgrader looks for the formgrader at /services/<course id>"
    assert config["JupyterHub"]["authenticator_class"] != "dummy"


def test_the_exchange_is_one_read_write_many_volume_everywhere(values, grader):
    claim = grader["PersistentVolumeClaim", "party-struggle-exchange"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    storage = values["singleuser"]["storage"]
    volume = next(v for v in storage["extraVolumes"] if v["name"] == "exchange")
    assert volume["persistentVolumeClaim"]["claimName"] == "party-struggle-exchange"
    assert next(m for m in storage["extraVolumeMounts"] if m["name"] == "exchange")["mountPath"] == EXCHANGE
    nbgrader = values["singleuser"]["extraFiles"]["nbgrader-config"]
    assert f'c.Exchange.root = "{EXCHANGE}"' in nbgrader["stringData"]
    assert f'c.CourseDirectory.course_id = "{COURSE}"' in nbgrader["stringData"]
    compile(nbgrader["stringData"], "nbgrader_config.py", "exec")


def test_the_grader_is_the_hubs_service_with_the_course_on_its_own_volume(values, grader):
    pod = grader["Deployment", "party-struggle-grader"]["spec"]["template"]
    container = pod["spec"]["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == COURSE
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {"name": "hub",
                                                                         "key": f"hub.services.{COURSE}.apiToken"}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in pod["spec"]["volumes"]}
    assert mounts["exchange"] == EXCHANGE and claims["exchange"] == "party-struggle-exchange"
    assert grader["PersistentVolumeClaim", claims["course"]]["spec"]["accessModes"] == ["ReadWriteOnce"]
    students = values["singleuser"]["storage"]["extraVolumes"]
    assert claims["course"] not in {v.get("persistentVolumeClaim", {}).get("claimName") for v in students}, \
        "the course volume (solutions, gradebook) must not be mounted in students' servers"
    # The hub reaches the grader through its Service, and the proxy's network policy lets it.
    service = grader["Service", "party-struggle-grader"]["spec"]
    assert service["selector"].items() <= pod["metadata"]["labels"].items()
    assert [p["port"] for p in service["ports"]] == [p["containerPort"] for p in container["ports"]] == [8888]
    assert values["hub"]["services"][COURSE]["url"] == "http://party-struggle-grader:8888"
    egress = values["proxy"]["chp"]["networkPolicy"]["egress"][0]
    assert egress["to"][0]["podSelector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    assert [p["port"] for p in egress["ports"]] == [8888]
    config = grader["ConfigMap", "party-struggle-grader-config"]["data"]["nbgrader_config.py"]
    assert 'c.SandboxKernelManager.user = "grader-sandbox"' in config
    compile(config, "nbgrader_config.py", "exec")


def test_the_student_image_holds_the_edition_and_never_the_course(values):
    lines = [line for line in (K8S / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    copied = [line.split()[1] for line in lines if line.startswith("COPY ")]
    assert copied == ["requirements.txt", "build/student-edition"], f"the image copies {copied}"
    hook = " ".join(values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "/opt/party-struggle/edition" in hook and '[ -e "$HOME/party-struggle" ]' in hook
