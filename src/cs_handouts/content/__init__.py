"""YAML content -> typed, validated model."""
