"""The settings every test app starts from (rate limits off; the tests that need them turn them on)."""

TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False, "SERVE_SITE": False}
