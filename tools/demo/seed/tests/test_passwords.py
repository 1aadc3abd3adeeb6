from src.auth.passwords import hash_password, needs_rehash, verify_password


def test_roundtrip():
    stored = hash_password("correct horse battery staple")
    assert verify_password("correct horse battery staple", stored)
    assert not verify_password("wrong", stored)
    assert not needs_rehash(stored)
