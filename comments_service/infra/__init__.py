"""Infrastructure: the database, the clock, background work, logs, rate limits, client hashing."""
