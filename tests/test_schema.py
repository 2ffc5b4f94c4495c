"""The published JSON Schema accepts the example series and rejects what the loader rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import REPO, run_cli


def schema_of(kind: str) -> dict[str, object]:
    return json.loads(run_cli("schema", kind).stdout)


class _EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: typed, but a date stays a string."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def typed_yaml(path: Path) -> object:
    # Editors read YAML with types (minutes: 20 is a number), so the schema is checked that way.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)  # noqa: S506


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [("series", "handouts.yaml"), ("module", "content/modules/*.yaml"),
     ("handout", "content/handouts/*.yaml")],
)
def test_example_files_satisfy_the_schema(kind: str, pattern: str) -> None:
    schema = schema_of(kind)
    files = sorted(REPO.glob(pattern))
    assert files
    for path in files:
        jsonschema.validate(typed_yaml(path), schema)


def test_schema_rejects_an_unknown_key() -> None:
    module = typed_yaml(REPO / "content/modules/module4.yaml")
    assert isinstance(module, dict)
    module["activities"][0]["groupng"] = "pairs"
    with pytest.raises(jsonschema.ValidationError, match="groupng"):
        jsonschema.validate(module, schema_of("module"))


def test_unknown_schema_kind_is_an_error() -> None:
    result = run_cli("schema", "modul", expect_ok=False)
    assert result.exit_code == 1
    assert "choose one of: series, module, handout" in result.stderr


@pytest.mark.parametrize("kind", ["series", "module", "handout"])
def test_every_field_has_a_description(kind: str) -> None:
    """Editors show a field's description on hover: none may be missing."""
    schema = schema_of(kind)
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    missing = []
    for name, node in [(kind, schema), *definitions.items()]:
        for model in [node, *node.get("anyOf", [])]:  # type: ignore[union-attr]
            if not isinstance(model, dict):
                continue
            for key, spec in (model.get("properties") or {}).items():
                if "description" not in spec:
                    missing.append(f"{model.get('title', name)}.{key}")
    assert not missing
