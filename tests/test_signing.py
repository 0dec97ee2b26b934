"""Signing identities (keys at rest) and PAdES signing: what an assessor and an office rely on."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from asn1crypto import cms as asn1_cms
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from alassess.domain.errors import InputError
from alassess.services import report as svc
from alassess.signing import identities, trust
from alassess.signing.verify import verify_pdf
from tests.conftest import make_doc

PASS = b"correct horse 7 battery"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _pkcs12_schemes(data: bytes) -> set[str]:
    """The encryption algorithms used inside a PKCS#12 file (for the key bag and the certificates)."""
    pfx = asn1_pkcs12.Pfx.load(data)
    found = set()
    for ci in asn1_pkcs12.AuthenticatedSafe.load(pfx["auth_safe"]["content"].native):
        if ci["content_type"].native == "encrypted_data":
            alg = ci["content"]["encrypted_content_info"]["content_encryption_algorithm"]
            found.add(alg["algorithm"].native)
            if alg["algorithm"].native == "pbes2":
                found.add(alg["parameters"]["encryption_scheme"]["algorithm"].native)
            continue
        for bag in asn1_pkcs12.SafeContents.load(ci["content"].native):
            if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                alg = bag["bag_value"]["encryption_algorithm"]
                found.add(alg["algorithm"].native)
                if alg["algorithm"].native == "pbes2":
                    found.add(alg["parameters"]["encryption_scheme"]["algorithm"].native)
            elif bag["bag_id"].native == "key_bag":
                found.add("UNENCRYPTED KEY")
    return found


@pytest.fixture(scope="module")
def identity(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("id") / "assessor.p12"
    identities.create_identity("陈评估", "重庆市循环经济评估中心", path, PASS)
    return path


# ---- keys at rest -----------------------------------------------------------------------------

def test_identity_is_owner_only_from_creation_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "me.p12"
        identities.create_identity("Wang", "Office", path, PASS)
    finally:
        os.umask(old)
    assert _mode(path) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name != "me.p12"]  # no temporary file left behind


def test_identity_key_is_encrypted_with_aes256_and_the_passphrase_is_not_in_the_file(identity):
    data = identity.read_bytes()
    schemes = _pkcs12_schemes(data)
    assert "UNENCRYPTED KEY" not in schemes
    assert "pbes2" in schemes and "aes256_cbc" in schemes, schemes
    assert PASS not in data
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(data, None)


def test_identity_opens_with_its_passphrase_only(identity):
    ident = identities.load_identity(identity, PASS)
    info = identities.cert_info(ident.cert)
    assert info.common_name == "陈评估" and info.organisation == "重庆市循环经济评估中心" and info.self_signed
    ku = ident.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert ku.digital_signature and ku.content_commitment
    with pytest.raises(InputError) as e:
        identities.load_identity(identity, b"wrong passphrase")
    assert e.value.key == "identity_wrong_passphrase"


def test_identity_create_refuses_to_overwrite_and_short_passphrases(identity, tmp_path):
    before = identity.read_bytes()
    with pytest.raises(InputError) as e:
        identities.create_identity("X", "", identity, PASS)
    assert e.value.key == "identity_exists" and identity.read_bytes() == before
    with pytest.raises(InputError) as e:
        identities.create_identity("X", "", tmp_path / "x.p12", b"abc")
    assert e.value.key == "passphrase_too_short" and not (tmp_path / "x.p12").exists()


def test_passphrase_file_first_line_only(tmp_path):
    p = tmp_path / "pw"
    p.write_bytes(b"s3cret phrase\r\nignored\n")
    assert identities.read_passphrase_file(p) == b"s3cret phrase"
    p.write_bytes("\ufeff口令 phrase\n".encode("utf-8"))
    assert identities.read_passphrase_file(p) == "口令 phrase".encode("utf-8")
    p.write_bytes(b"\n")
    with pytest.raises(InputError):
        identities.read_passphrase_file(p)
    with pytest.raises(InputError):
        identities.read_passphrase_file(tmp_path / "none")


# ---- identities issued by an organisation's CA ------------------------------------------------

def _name(cn: str, org: str = "重庆市生态环境评估中心") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def _ca_issued(tmp_path: Path, *, digital_signature: bool = True, days: int = 365) -> tuple[Path, x509.Certificate]:
    """A CA and a signer certificate it issued, the signer's PKCS#12 in a legacy 3DES scheme."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Office Root CA")).issuer_name(_name("Office Root CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                       crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    start = now - dt.timedelta(days=1) if days > 0 else now - dt.timedelta(days=400)
    cert = (x509.CertificateBuilder().subject_name(_name("李评估")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.KeyUsage(digital_signature=digital_signature, content_commitment=digital_signature,
                                         key_encipherment=not digital_signature, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=False, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    legacy = (serialization.PrivateFormat.PKCS12.encryption_builder()
              .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(hashes.SHA1())
              .build(PASS))
    path = tmp_path / "issued.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"li", key, cert, [ca], legacy))
    return path, ca


def test_import_keeps_an_aes256_owner_only_copy_and_signs_trusted(tmp_path):
    src, ca = _ca_issued(tmp_path)
    assert "aes256_cbc" not in _pkcs12_schemes(src.read_bytes())  # the CA's file: legacy 3DES
    info = identities.import_identity(src, PASS, tmp_path / "ids")
    kept = Path(info.path)
    assert kept.parent == tmp_path / "ids" and _mode(kept) == 0o600
    assert "aes256_cbc" in _pkcs12_schemes(kept.read_bytes())
    assert info.common_name == "李评估" and not info.self_signed
    assert identities.list_identities(tmp_path / "ids") == [{"path": str(kept), "name": kept.stem}]
    assert identities.resolve_identity(kept.stem, tmp_path / "ids") == kept
    # a report signed with it is trusted once the office trusts the CA
    built = svc.make_report(_assessment(), "en")
    pdf = svc.sign_report(built, identities.load_identity(kept, PASS))
    assert verify_pdf(pdf, trust_dir=tmp_path / "trust").trusted is False
    ca_pem = tmp_path / "ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    trust.add_trusted(ca_pem, tmp_path / "trust")
    r = verify_pdf(pdf, trust_dir=tmp_path / "trust")
    assert r.ok and r.trusted and r.signer == "李评估"


def test_import_refuses_certificates_that_cannot_sign(tmp_path):
    src, _ = _ca_issued(tmp_path, digital_signature=False)
    with pytest.raises(InputError) as e:
        identities.import_identity(src, PASS, tmp_path / "ids")
    assert e.value.key == "identity_key_usage"
    src, _ = _ca_issued(tmp_path, days=-30)
    with pytest.raises(InputError) as e:
        identities.import_identity(src, PASS, tmp_path / "ids")
    assert e.value.key == "identity_expired"
    assert not (tmp_path / "ids").exists() or not list((tmp_path / "ids").iterdir())


def test_trust_list_round_trip(identity, tmp_path):
    added = trust.add_trusted(identity, tmp_path / "t", passphrase=PASS)
    assert len(added) == 1 and added[0].common_name == "陈评估"
    listed = trust.list_trusted(tmp_path / "t")
    assert [c.sha256 for c in listed] == [added[0].sha256]
    (tmp_path / "t" / "junk.pem").write_text("not a certificate")
    assert len(trust.trusted_certificates(tmp_path / "t")) == 1  # a stray file does not stop verification


# ---- signing ----------------------------------------------------------------------------------

def _assessment():
    from alassess.domain.assessment import parse_assessment

    return parse_assessment(make_doc("electrolytic", {"energy_output": 0.56, "alumina_output": 0.52,
                                                      "water_output": 0.6, "anode_output": 2.0,
                                                      "fluoride_output": 60, "solid_waste_utilization_pct": 40}))


def test_signature_is_pades_with_a_visible_stamp_on_the_last_page(identity):
    from io import BytesIO

    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    built = svc.make_report(_assessment(), "zh")
    pdf = svc.sign_report(built, identities.load_identity(identity, PASS))
    assert pdf.startswith(built.pdf)  # an incremental update: the report's bytes are kept as they were
    reader = PdfFileReader(BytesIO(pdf))
    (sig,) = reader.embedded_signatures
    assert str(sig.sig_object["/SubFilter"]) == "/ETSI.CAdES.detached"
    signed_data = asn1_cms.ContentInfo.load(sig.sig_object["/Contents"])["content"]
    attrs = {a["type"].native for a in signed_data["signer_infos"][0]["signed_attrs"]}
    assert "signing_certificate_v2" in attrs  # PAdES baseline: ESS signing-certificate-v2 is signed
    assert "signing_time" not in attrs  # PAdES: the time is in the signature dictionary (/M), not in CMS
    assert isinstance(signed_data["certificates"][0].chosen, asn1_x509.Certificate)
    rect = [float(v) for v in sig.sig_field["/Rect"]]
    assert rect[2] - rect[0] > 250 and rect[3] - rect[1] > 80  # visible, the size of the stamp box
    assert "/N" in sig.sig_field["/AP"]
    pages = [reader.find_page_for_modification(i)[0].get_object() for i in range(built.pages)]
    on = [i for i, pg in enumerate(pages) if any(a.get_object().get("/FT") == "/Sig" for a in pg.get("/Annots", []))]
    assert on == [built.pages - 1]


def test_signing_refuses_an_expired_certificate(tmp_path):
    src, _ = _ca_issued(tmp_path, days=-1)
    ident = identities.load_identity(src, PASS)
    built = svc.make_report(_assessment(), "en")
    with pytest.raises(InputError) as e:
        svc.sign_report(built, ident)
    assert e.value.key == "identity_expired"
