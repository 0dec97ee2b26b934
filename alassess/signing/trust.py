"""The list of trusted certificates used to verify signed reports.

A folder of PEM files (one certificate each, named by its SHA-256 fingerprint) in the user's data
folder, or any folder given with ``--trust-dir``. An office adds the certificates of its assessors
(self-signed) or of the organisation's CA; a report whose signer chains to one of them is
"trusted".
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from alassess.domain.errors import InputError
from alassess.fileio import private_dir
from alassess.signing.identities import CertInfo, cert_info, user_data_dir

log = logging.getLogger(__name__)


def trust_dir(folder: str | Path | None = None) -> Path:
    return Path(folder) if folder else user_data_dir() / "trusted"


def read_certificates(path: str | Path, passphrase: bytes | None = None) -> list[x509.Certificate]:
    """Certificates from a PEM (one or more), DER or PKCS#12 file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise InputError("file_not_found", "CERT", path=str(path)) from None
    except OSError as exc:
        raise InputError("file_unreadable", "CERT", path=str(path), reason=exc.strerror or str(exc)) from None
    if b"-----BEGIN CERTIFICATE-----" in data:
        try:
            return x509.load_pem_x509_certificates(data)
        except ValueError:
            raise InputError("cert_unreadable", "CERT", path=str(path)) from None
    try:
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        pass
    try:
        _key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase)
    except Exception:  # no certificate in any form we read: one line for the user, the detail logged
        log.info("certificate file %s cannot be read", path, exc_info=True)
        raise InputError("cert_unreadable", "CERT", path=str(path)) from None
    certs = ([cert] if cert else []) + list(extra or [])
    if not certs:
        raise InputError("cert_unreadable", "CERT", path=str(path))
    return certs


def add_trusted(path: str | Path, folder: str | Path | None = None,
                passphrase: bytes | None = None) -> list[CertInfo]:
    """Add every certificate in ``path`` to the trust list; returns what was added."""
    return store_certificates(read_certificates(path, passphrase), folder)


def store_certificates(certs: list[x509.Certificate], folder: str | Path | None) -> list[CertInfo]:
    """Write ``certs`` into the trust list (one PEM file each, named by fingerprint)."""
    target = trust_dir(folder)
    out = []
    try:
        if folder is None or not target.exists():  # the user's trust list, or a new folder: the owner's only
            private_dir(target)
        for cert in certs:
            info = cert_info(cert)
            dest = target / f"{info.sha256[:16]}.pem"
            dest.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
            info.path = str(dest)
            out.append(info)
    except OSError as exc:
        raise InputError("file_unwritable", "--trust-dir", path=str(target), reason=exc.strerror or str(exc)) from None
    return out


def trusted_certificates(folder: str | Path | None = None) -> list[x509.Certificate]:
    target = trust_dir(folder)
    if not target.is_dir():
        return []
    out: list[x509.Certificate] = []
    for p in sorted(target.iterdir()):
        if p.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
            continue
        try:
            out.extend(read_certificates(p))
        except InputError:
            continue  # a stray file in the folder does not stop verification
    return out


def list_trusted(folder: str | Path | None = None) -> list[CertInfo]:
    target = trust_dir(folder)
    if not target.is_dir():
        return []
    out: list[CertInfo] = []
    for p in sorted(target.iterdir()):
        if p.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
            continue
        try:
            certs = read_certificates(p)
        except InputError:
            continue
        out.extend(cert_info(c, p) for c in certs)
    return out
