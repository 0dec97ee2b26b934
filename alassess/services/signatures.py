"""Signing identities and the trust list, for the CLI and the GUI (which never reach
:mod:`alassess.signing` themselves): create, import and list identities, trust certificates,
verify a signed report.

Signing a report is :mod:`alassess.services.report`'s; pyHanko itself is imported by the
verification only, when it runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alassess import logs
from alassess.signing import identities, trust, verify
from alassess.signing.identities import CertInfo, fingerprint_text
from alassess.signing.verify import VerificationResult

__all__ = ["CertInfo", "VerificationResult", "add_trusted", "create_identity", "fingerprint_text", "identities_dir",
           "import_identity", "keep_passphrase", "list_identities", "list_trusted", "read_passphrase_file", "trust_dir",
           "trust_report_signer", "verify_pdf"]


def read_passphrase_file(path: str | Path) -> bytes:
    """The passphrase in a file (its first line); from now on it is masked in the log."""
    passphrase = identities.read_passphrase_file(path)
    logs.keep_secret(passphrase)
    return passphrase


def keep_passphrase(passphrase: str | bytes) -> bytes:
    """A passphrase typed in the GUI, as the signing functions take it; masked in the log from now on."""
    logs.keep_secret(passphrase)
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase


def verify_pdf(pdf: str | Path | bytes, trust_dir: str | Path | None = None) -> VerificationResult:
    """Signature, certificate trust and embedded data of a signed report (see :mod:`alassess.signing.verify`)."""
    return verify.verify_pdf(pdf, trust_dir)


def create_identity(name: str, organisation: str, out: str | Path, passphrase: bytes, *, email: str = "",
                    days: int = identities.DEFAULT_DAYS) -> CertInfo:
    """A new self-signed signing identity: certificate and key in a passphrase-protected PKCS#12 at ``out``."""
    return identities.create_identity(name, organisation, out, passphrase, email=email, days=days)


def import_identity(path: str | Path, passphrase: bytes, folder: str | Path | None = None) -> CertInfo:
    return identities.import_identity(path, passphrase, folder)


def identities_dir() -> Path:
    """Where imported identities are kept (the user's data directory)."""
    return identities.identities_dir()


def list_identities(folder: str | Path | None = None) -> list[dict[str, Any]]:
    return identities.list_identities(folder)


def trust_dir(folder: str | Path | None = None) -> Path:
    return trust.trust_dir(folder)


def list_trusted(folder: str | Path | None = None) -> list[CertInfo]:
    return trust.list_trusted(folder)


def add_trusted(path: str | Path, folder: str | Path | None = None, passphrase: bytes | None = None) -> list[CertInfo]:
    """Add every certificate in ``path`` (PEM, DER or PKCS#12) to the trust list."""
    return trust.add_trusted(path, folder, passphrase=passphrase)


def trust_report_signer(pdf: str | Path, folder: str | Path | None = None) -> CertInfo:
    """Add the certificate that signed ``pdf`` to the trust list, only from a report that verifies."""
    return verify.trust_report_signer(pdf, folder)
