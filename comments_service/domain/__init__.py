"""The domain: comments, the poll, moderation and the rules; no HTTP, no mail, no request."""
