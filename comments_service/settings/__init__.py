"""Configuration: defaults, the instance file, the environment; the production start checks."""
