"""Importing partnerships from CSV files: reading, matching and applying."""
