"""PDF signatures with pyHanko: identities, PAdES signing, verification. No Qt."""
