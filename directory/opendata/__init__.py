"""The directory as data: CSV and JSON downloads of every search, the Membership
Directory, a community's partners and the whole set of partnerships, and the /data/ page
that describes them."""
