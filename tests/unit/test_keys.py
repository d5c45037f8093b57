from __future__ import annotations

import hashlib
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from asn1crypto import pem, pkcs12, x509

from crisisdesk.export.keys import (
    KDF_ROUNDS,
    SigningKeyError,
    create_key,
    load_certificate,
    load_signer,
    pkcs12_kdf,
)

NOW = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
PASS = "correct horse battery"


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("key") / "lead.p12"
    create_key(path, name="Ana Bakker-Ünal", passphrase=PASS, now=NOW)
    return path


def test_certificate_is_its_own_trust_anchor(key: Path) -> None:
    cert = x509.Certificate.load(load_certificate(key.with_suffix(".crt")).der)
    assert cert.subject.native["common_name"] == "Ana Bakker-Ünal"
    assert cert.subject == cert.issuer
    assert cert.basic_constraints_value.native == {"ca": True, "path_len_constraint": 0}
    assert set(cert.key_usage_value.native) == {
        "digital_signature",
        "non_repudiation",
        "key_cert_sign",
    }
    assert cert.public_key.curve == ("named", "secp256r1")


def test_pkcs12_uses_pbes2_aes256_with_many_rounds(key: Path) -> None:
    pfx = pkcs12.Pfx.load(key.read_bytes())
    algorithms = []
    for content_info in pfx.authenticated_safe:
        if content_info["content_type"].native == "encrypted_data":
            algo = content_info["content"]["encrypted_content_info"]["content_encryption_algorithm"]
            algorithms.append(algo)
        else:
            for bag in pkcs12.SafeContents.load(content_info["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    algorithms.append(bag["bag_value"]["encryption_algorithm"])
    assert len(algorithms) == 2  # the key and the certificate are both encrypted
    for algo in algorithms:
        assert algo["algorithm"].native == "pbes2"
        assert algo.encryption_cipher == "aes"
        assert algo.key_length == 32
        assert algo.kdf_iterations == KDF_ROUNDS >= 300_000


def test_integrity_mac_is_as_strong_as_the_encryption(key: Path) -> None:
    pfx = pkcs12.Pfx.load(key.read_bytes())
    mac = pfx["mac_data"]
    assert mac["iterations"].native == KDF_ROUNDS
    assert mac["mac"]["digest_algorithm"]["algorithm"].native == "sha256"
    # OpenSSL checks the MAC when loading: a wrong MAC would fail here
    assert load_signer(key, PASS) is not None


def test_kdf_matches_openssl_mac(tmp_path: Path) -> None:
    """cryptography (OpenSSL) writes a 2,048-round MAC: our KDF must reproduce it."""
    import hmac

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12 as pyca_pkcs12

    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(1000)
        .hmac_hash(hashes.SHA256())
        .build(b"s3cret-pass")
    )
    data = pyca_pkcs12.serialize_key_and_certificates(
        b"x", ec.generate_private_key(ec.SECP256R1()), None, None, encryption
    )
    pfx = pkcs12.Pfx.load(data)
    mac = pfx["mac_data"]
    derived = pkcs12_kdf("s3cret-pass", mac["mac_salt"].native, 3, mac["iterations"].native, 32)
    expected = hmac.new(derived, pfx["auth_safe"]["content"].native, hashlib.sha256).digest()
    assert expected == mac["mac"]["digest"].native


def test_key_file_is_private(key: Path) -> None:
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_fingerprint_matches_certificate(tmp_path: Path) -> None:
    created = create_key(tmp_path / "k.p12", name="X", passphrase=PASS, now=NOW, kdf_rounds=1000)
    der = pem.unarmor(created.cert_path.read_bytes())[2]
    assert created.fingerprint.replace(":", "").lower() == hashlib.sha256(der).hexdigest()


def test_loads_with_right_passphrase_and_refuses_wrong_one(key: Path) -> None:
    signer = load_signer(key, PASS)
    assert signer.signing_cert.subject.native["common_name"] == "Ana Bakker-Ünal"
    with pytest.raises(SigningKeyError, match="wrong passphrase"):
        load_signer(key, "not the passphrase")


def test_refuses_garbage_key_file_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.p12"
    bad.write_bytes(b"not a key")
    with pytest.raises(SigningKeyError, match="not a PKCS#12"):
        load_signer(bad, PASS)
    with pytest.raises(SigningKeyError, match="cannot read"):
        load_signer(tmp_path / "missing.p12", PASS)


def test_refuses_overwrite_short_passphrase_and_empty_name(key: Path, tmp_path: Path) -> None:
    before = key.read_bytes()
    with pytest.raises(SigningKeyError, match="already exists"):
        create_key(key, name="Other", passphrase=PASS, now=NOW)
    assert key.read_bytes() == before
    with pytest.raises(SigningKeyError, match="at least 8"):
        create_key(tmp_path / "s.p12", name="X", passphrase="short", now=NOW)
    with pytest.raises(SigningKeyError, match="needs a name"):
        create_key(tmp_path / "s.p12", name="  ", passphrase=PASS, now=NOW)
    assert not (tmp_path / "s.p12").exists()


def test_certificate_loader_rejects_non_certificates(tmp_path: Path) -> None:
    junk = tmp_path / "junk.crt"
    junk.write_text("hello")
    with pytest.raises(SigningKeyError, match="not a certificate"):
        load_certificate(junk)
    with pytest.raises(SigningKeyError, match="does not exist"):
        load_certificate(tmp_path / "none.crt")
