from src.auth import rate_limit


def test_limits_after_five_failures():
    for i in range(5):
        rate_limit.register_failure("k", now=1000 + i)
    assert rate_limit.is_limited("k", now=1010)
    assert not rate_limit.is_limited("k", now=1000 + 16 * 60)
