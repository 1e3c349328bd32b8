"""Checking places against a gazetteer: GeoNames' populated places and first-level
regions (build.py makes the file, lookup.py reads it, resolving.py applies the rules)."""
