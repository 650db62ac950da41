# adapters/: wire formats (edifactoring, ISO 20022) and country profiles.
