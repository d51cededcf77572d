"""Derive chart-schema.json: the parts of the Zero to JupyterHub chart's schema that judge our values.yaml.

The chart (https://github.com/jupyterhub/zero-to-jupyterhub-k8s, BSD 3-Clause licence) validates its values with
``jupyterhub/values.schema.yaml``. The course keeps none of the chart's files; this script, run by hand against a
checkout of the chart at the version named in values.yaml, writes a small data file derived from that schema:
for every key values.yaml sets, the chart's rule for it (types, allowed keys, allowed values), without the
descriptions and without the ``required`` lists that the chart's own defaults satisfy. tests/test_kubernetes.py
validates values.yaml against it, offline::

    python deploy/kubernetes/derive_chart_schema.py CHART_CHECKOUT/jupyterhub/values.schema.yaml 4.4.0

A key that values.yaml gains later is not in the derived file, and the test fails until it is derived again.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
NOT_RULES = ("description", "$$description", "$schema")


def rules(node):
    """A schema node without its descriptions (its constraints unchanged)."""
    if isinstance(node, dict):
        return {key: rules(value) for key, value in node.items() if key not in NOT_RULES}
    if isinstance(node, list):
        return [rules(item) for item in node]
    return node


def prune(node: dict, value) -> dict:
    """The part of schema ``node`` that judges ``value``: descend into the properties values.yaml sets, keep the
    rest of what applies to them whole. ``required`` is left out where the descent happens (the chart's defaults
    fill those keys in before Helm validates)."""
    if not (isinstance(value, dict) and "properties" in node):
        return rules(node)
    kept = {key: rules(item) for key, item in node.items()
            if key not in ("properties", "required") and key not in NOT_RULES}
    kept["properties"] = {key: prune(node["properties"][key], item)
                          for key, item in value.items() if key in node["properties"]}
    return kept


def main(argv: list[str]) -> int:
    schema_file, version = Path(argv[0]), argv[1]
    schema = yaml.safe_load(schema_file.read_text(encoding="utf-8"))
    values = yaml.safe_load((HERE / "values.yaml").read_text(encoding="utf-8"))
    derived = prune(schema, values)
    derived["$schema"] = schema["$schema"]
    derived["$comment"] = (
        f"Derived by deploy/kubernetes/derive_chart_schema.py from jupyterhub/values.schema.yaml of the Zero to "
        f"JupyterHub Helm chart {version} (https://github.com/jupyterhub/zero-to-jupyterhub-k8s), "
        "Copyright (c) 2017, Project Jupyter Contributors, BSD 3-Clause licence (see LICENSE-chart-schema).")
    (HERE / "chart-schema.json").write_text(json.dumps(derived, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'chart-schema.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
