"""Signing identities: a private key and its X.509 certificate in a passphrase-protected PKCS#12.

* ``create_identity`` makes a self-signed certificate (key usage: digital signature and
  non-repudiation) and writes key and certificate to a ``.p12`` readable only by its owner (0600).
* ``import_identity`` takes a PKCS#12 issued by an organisation's CA, checks it can sign (key
  matches the certificate, valid today, key usage allows signatures) and keeps a copy in the
  user's data folder.
* Passphrases are read from a file (never a command-line argument, so they do not land in shell
  history or the process list); they are never stored or logged.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import glob
import hashlib
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from alassess.domain.errors import InputError
from alassess.domain.limits import PATH_MAX
from alassess.fileio import atomic_write, private_dir

log = logging.getLogger(__name__)

APP_NAME = "AlAssess"
MIN_PASSPHRASE = 8  # characters (NIST SP 800-63B's minimum for a memorised secret)
PBKDF2_ITERATIONS = 600_000  # PBKDF2-HMAC-SHA256 (OWASP's figure for it since 2023)
# the most common choices that pass the length rule (checked without case and surrounding spaces)
_COMMON_PASSPHRASES = frozenset("""
password passw0rd password1 password12 password123 p@ssw0rd p@ssword iloveyou sunshine princess
qwertyui qwertyuiop asdfghjk asdfghjkl zxcvbnm1 1qaz2wsx qazwsxedc 1q2w3e4r 1q2w3e4r5t q1w2e3r4
abc12345 abcd1234 a1b2c3d4 admin123 administrator welcome1 welcome123 letmein1 changeme secret12
football baseball superman trustno1 whatever dragon12 monkey12 woaini1314 5201314520 1314520520
""".split())
RSA_BITS = 3072
DEFAULT_DAYS = 5 * 365


@dataclass
class CertInfo:
    """A certificate described in plain fields (for the CLI, the GUI and reports)."""

    subject: str
    common_name: str
    organisation: str
    issuer: str
    serial: str
    not_before: str
    not_after: str
    sha256: str
    self_signed: bool
    path: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def identities_dir() -> Path:
    return user_data_dir() / "identities"


# ---- passphrases ------------------------------------------------------------------------------

def read_passphrase_file(path: str | Path) -> bytes:
    """The passphrase is the file's first line (its line ending, and a UTF-8 byte-order mark, are not
    part of it)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("passphrase_file_missing", "--passphrase-file", path=str(path)) from None
    except OSError as exc:
        raise InputError("file_unreadable", "--passphrase-file", path=str(path),
                         reason=exc.strerror or str(exc)) from None
    raw = raw.removeprefix(codecs.BOM_UTF8)  # a byte-order mark (Windows Notepad) is not part of it
    line = raw.splitlines()[0] if raw.splitlines() else b""
    if not line:
        raise InputError("passphrase_empty", "--passphrase-file", path=str(path))
    return line


def check_passphrase(passphrase: bytes | str, field: str = "--passphrase-file") -> None:
    """The policy for a passphrase that will protect a key (a new identity, an imported copy):
    at least :data:`MIN_PASSPHRASE` characters that are not all spaces, and not a trivially weak
    choice — one character or a short group repeated ("aaaaaaaa", "12121212"), a run of
    consecutive characters ("12345678", "abcdefgh", "87654321"), or one of the most common
    passwords. Raises :class:`InputError` naming the rule that failed. The CLI, the services and
    the desktop application's dialogs all call this one function."""
    text = passphrase.decode("utf-8", "replace") if isinstance(passphrase, bytes) else passphrase
    if len(text) < MIN_PASSPHRASE or not text.strip():
        raise InputError("passphrase_too_short", field, n=MIN_PASSPHRASE)
    folded = text.strip().lower()
    if _repeats(folded) or _consecutive(folded) or folded in _COMMON_PASSPHRASES:
        raise InputError("passphrase_too_weak", field)


def _repeats(text: str) -> bool:
    """One character, or a group of up to four, repeated to the end."""
    for n in range(1, 5):
        unit = text[:n]
        if len(text) >= 2 * n and (unit * (len(text) // n + 1))[:len(text)] == text:
            return True
    return False


def _consecutive(text: str) -> bool:
    """Each character one after (or one before) the previous one."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return steps in ({1}, {-1})


# ---- certificate helpers ----------------------------------------------------------------------

def _name_attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    attrs = name.get_attributes_for_oid(oid)
    return str(attrs[0].value) if attrs else ""


def fingerprint_text(cert: bytes | str | None) -> str:
    """A certificate's SHA-256 fingerprint (from its DER bytes, or the hex digest) in groups of four,
    to read out over the phone: the same text in the CLI, the GUI and the report's signature page."""
    if not cert:
        return ""
    h = (hashlib.sha256(cert).hexdigest() if isinstance(cert, bytes) else cert).upper()
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


def cert_info(cert: x509.Certificate, path: str | Path = "") -> CertInfo:
    return CertInfo(
        subject=cert.subject.rfc4514_string(),
        common_name=_name_attr(cert.subject, NameOID.COMMON_NAME),
        organisation=_name_attr(cert.subject, NameOID.ORGANIZATION_NAME),
        issuer=cert.issuer.rfc4514_string(),
        serial=format(cert.serial_number, "x"),
        not_before=cert.not_valid_before_utc.isoformat(),
        not_after=cert.not_valid_after_utc.isoformat(),
        sha256=hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest(),
        self_signed=cert.issuer == cert.subject,
        path=str(path),
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is readable and writable by its owner only (0600)
    from the moment it exists: a new temporary file is created with that mode (``O_EXCL``, never
    following a planted file), filled, synced, and renamed over ``path``."""
    try:
        atomic_write(path, data, mode=0o600)
    except OSError as exc:
        raise InputError("file_unwritable", None, path=str(path), reason=exc.strerror or str(exc)) from None


def _private_folder(folder: Path) -> None:
    try:
        private_dir(folder)
    except OSError as exc:
        raise InputError("file_unwritable", None, path=str(folder), reason=exc.strerror or str(exc)) from None


def _pkcs12(name: str, key: Any, cert: x509.Certificate, chain: list[x509.Certificate], passphrase: bytes) -> bytes:
    """Key and certificates as PKCS#12: PBES2 with PBKDF2-HMAC-SHA256 (:data:`PBKDF2_ITERATIONS`)
    and AES-256-CBC for the key and the certificates, HMAC-SHA256 integrity. ``cryptography``'s
    ``BestAvailableEncryption`` uses 20,000; files written with it (by earlier versions) are still
    read, whatever their iteration count."""
    encryption = (serialization.PrivateFormat.PKCS12.encryption_builder()
                  .kdf_rounds(PBKDF2_ITERATIONS)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
                  .hmac_hash(hashes.SHA256())
                  .build(passphrase))
    return pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, cert, chain or None, encryption)


# ---- create -----------------------------------------------------------------------------------

def create_identity(name: str, organisation: str, out: str | Path, passphrase: bytes, *,
                    email: str = "", days: int = DEFAULT_DAYS, overwrite: bool = False) -> CertInfo:
    """A self-signed signing certificate and its key, in a passphrase-protected PKCS#12 (0600)."""
    name = (name or "").strip()
    if not name:
        raise InputError("identity_name_required", "--name")
    check_passphrase(passphrase)
    out = Path(out)
    if out.exists() and not overwrite:
        raise InputError("identity_exists", "--out", path=str(out))
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation and organisation.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"))
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    subject = x509.Name(attrs)
    now = _dt.datetime.now(_dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(minutes=5))
        .not_valid_after(now + _dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                              ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    cert = builder.sign(key, hashes.SHA256())
    if out.parent == identities_dir() or not out.parent.exists():  # the data folder, or a new one
        _private_folder(out.parent)
    _write_private(out, _pkcs12(name, key, cert, [], passphrase))
    return cert_info(cert, out)


# ---- load and check ---------------------------------------------------------------------------

@dataclass
class LoadedIdentity:
    key: Any
    cert: x509.Certificate
    chain: list[x509.Certificate]
    data: bytes


def load_identity(path: str | Path, passphrase: bytes) -> LoadedIdentity:
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise InputError("identity_not_found", "--identity", path=str(path)) from None
    except OSError as exc:
        raise InputError("file_unreadable", "--identity", path=str(path), reason=exc.strerror or str(exc)) from None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase)
    except Exception:  # wrong passphrase or not a PKCS#12 file: one line for the user, the detail logged
        log.info("identity %s cannot be opened", path, exc_info=True)
        raise InputError("identity_wrong_passphrase", "--identity", path=str(path)) from None
    if key is None or cert is None:
        raise InputError("identity_no_key", "--identity", path=str(path))
    pub = serialization.PublicFormat.SubjectPublicKeyInfo
    if (key.public_key().public_bytes(serialization.Encoding.DER, pub)
            != cert.public_key().public_bytes(serialization.Encoding.DER, pub)):
        raise InputError("identity_key_mismatch", "--identity", path=str(path))
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise InputError("identity_no_key", "--identity", path=str(path))
    return LoadedIdentity(key, cert, list(chain or []), data)


def check_can_sign(cert: x509.Certificate, at: _dt.datetime | None = None) -> None:
    """Raise an InputError when the certificate cannot make a signature that verifies."""
    at = at or _dt.datetime.now(_dt.UTC)
    if at > cert.not_valid_after_utc:
        raise InputError("identity_expired", "--identity", date=cert.not_valid_after_utc.date().isoformat())
    if at < cert.not_valid_before_utc:
        raise InputError("identity_not_yet_valid", "--identity", date=cert.not_valid_before_utc.date().isoformat())
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return  # no restriction
    if not (ku.digital_signature or ku.content_commitment):
        raise InputError("identity_key_usage", "--identity")


def import_identity(path: str | Path, passphrase: bytes, folder: str | Path | None = None) -> CertInfo:
    """Validate a PKCS#12 issued by an organisation's CA and keep it (0600) in the data folder,
    re-encrypted with the same passphrase under AES-256 (a CA's file may use a legacy scheme such
    as RC2 or 3DES)."""
    ident = load_identity(path, passphrase)
    check_can_sign(ident.cert)
    folder = Path(folder) if folder else identities_dir()
    _private_folder(folder)
    info = cert_info(ident.cert)
    stem = "".join(ch for ch in (info.common_name or "identity") if ch.isalnum() or ch in "-_") or "identity"
    target = folder / f"{stem}-{info.sha256[:8]}.p12"
    _write_private(target, _pkcs12(info.common_name or "identity", ident.key, ident.cert, ident.chain, passphrase))
    info.path = str(target)
    return info


def list_identities(folder: str | Path | None = None) -> list[dict[str, Any]]:
    """The identities kept in the data folder (file names only: their keys stay locked)."""
    folder = Path(folder) if folder else identities_dir()
    if not folder.is_dir():
        return []
    return [{"path": str(p), "name": p.stem} for p in sorted(folder.glob("*.p12"))]


def resolve_identity(spec: str | Path, folder: str | Path | None = None) -> Path:
    """A path to a .p12, or the name of an imported identity in the data folder."""
    spec = str(spec)
    if not spec.strip() or "\0" in spec or len(spec) > PATH_MAX:
        raise InputError("identity_not_found", "--identity", path=spec[:200])
    p = Path(spec)
    try:
        if p.exists():
            return p
    except OSError:  # a name the file system cannot even look up (too long, …)
        raise InputError("identity_not_found", "--identity", path=spec[:200]) from None
    if p.is_absolute() or p.parent != Path("."):  # a path, not a name: it is not there
        raise InputError("identity_not_found", "--identity", path=spec)
    folder = Path(folder) if folder else identities_dir()
    for cand in (folder / spec, folder / f"{spec}.p12"):
        if cand.is_file():
            return cand
    # the name's start, taken literally (a "*" or "[" in it is no pattern)
    matches = sorted(folder.glob(f"{glob.escape(spec)}*.p12")) if folder.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    raise InputError("identity_not_found", "--identity", path=str(spec))
