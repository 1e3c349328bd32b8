"""Public corrections: anyone may report, from a community's page, that the community or
one of its partnerships is wrong (forms.py, views.py, limits.py); moderators accept or
reject each report in the admin (admin.py), and the reporter is emailed the outcome
(emails.py). The reports themselves are directory.models.CorrectionReport."""
