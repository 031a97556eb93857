"""Mail: the outbox, the author's notices, the readers' mail and the signed links in them."""
