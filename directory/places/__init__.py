"""Curators' tools for places: merging and splitting communities (merging.py), the
redirects from merged communities' addresses (redirects.py), probable duplicates
(duplicates.py) and the admin's pages for them (admin.py)."""
