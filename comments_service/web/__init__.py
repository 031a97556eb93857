"""The web layer: the JSON API, the admin, the readers' pages, the error envelope, headers, sessions."""
