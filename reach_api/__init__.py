"""The read API for analysts (``/api/v1/…``): campaign, annual and learning figures as JSON,
read only through ``campaigns.figures`` (the reports' own functions), behind bearer tokens
that Administrators create and revoke in the admin (Settings → API tokens)."""
