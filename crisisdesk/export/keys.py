"""Signing keys: an ECDSA P-256 key and its self-signed certificate in a PKCS#12 file.

The certificate is its own trust anchor (CA true, path length 0; key usage
digitalSignature, nonRepudiation, keyCertSign), so a recipient who imports or pins
``KEY.crt`` can validate the signature with pyHanko, poppler's ``pdfsig`` or Adobe.
The PKCS#12 file is encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) at a chosen,
high round count: not the 2,048 rounds of PKCS#8's "best available" encryption.

The file's integrity MAC is keyed from the same passphrase. ``cryptography`` always
writes it with 2,048 rounds of the PKCS#12 KDF, which would let someone guess
passphrases against the MAC instead of the strong encryption, so the MAC is recomputed
here with the same high round count (RFC 7292 appendix B; checked against OpenSSL's
own MAC in the tests, and OpenSSL verifies it on every load).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from asn1crypto import algos as asn1_algos
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.sign.signers import SimpleSigner

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _

KDF_ROUNDS = 600_000  # PBKDF2-HMAC-SHA256 rounds (OWASP 2023 guidance for SHA-256)
VALID_YEARS = 10
MIN_PASSPHRASE = 8


class SigningKeyError(CrisisdeskError):
    """A signing key or certificate cannot be created or loaded."""


@dataclass(frozen=True)
class CreatedKey:
    key_path: Path
    cert_path: Path
    fingerprint: str  # SHA-256 of the DER certificate, colon-separated hex


def certificate_path(key_path: Path) -> Path:
    """Where the certificate to hand to recipients goes: ``KEY.crt`` next to ``KEY.p12``."""
    return key_path.with_suffix(".crt")


def fingerprint_of(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _build_certificate(
    name: str, key: ec.EllipticCurvePrivateKey, now: datetime
) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def pkcs12_kdf(password: str, salt: bytes, ident: int, iterations: int, size: int) -> bytes:
    """The PKCS#12 key derivation (RFC 7292 B.2) with SHA-256; ``ident`` 3 = MAC key."""
    u, v = 32, 64  # SHA-256 digest and block sizes

    def fill(data: bytes) -> bytes:
        length = v * -(-len(data) // v)
        return (data * (length // len(data) + 1))[:length] if data else b""

    block_i = bytearray(fill(salt) + fill(password.encode("utf-16-be") + b"\0\0"))
    diversifier = bytes([ident]) * v
    out = b""
    while len(out) < size:
        a = hashlib.sha256(diversifier + bytes(block_i)).digest()
        for _round in range(iterations - 1):
            a = hashlib.sha256(a).digest()
        out += a
        b = int.from_bytes((a * (v // u + 1))[:v], "big")
        for j in range(0, len(block_i), v):
            value = (int.from_bytes(block_i[j : j + v], "big") + b + 1) % (1 << (v * 8))
            block_i[j : j + v] = value.to_bytes(v, "big")
    return out[:size]


def strengthen_mac(data: bytes, passphrase: str, rounds: int) -> bytes:
    """Recompute the PKCS#12 integrity MAC (HMAC-SHA256) with ``rounds`` KDF rounds."""
    pfx = asn1_pkcs12.Pfx.load(data)
    content = pfx["auth_safe"]["content"].native
    salt = os.urandom(16)
    key = pkcs12_kdf(passphrase, salt, 3, rounds, 32)
    pfx["mac_data"] = asn1_pkcs12.MacData(
        {
            "mac": {
                "digest_algorithm": asn1_algos.DigestAlgorithm({"algorithm": "sha256"}),
                "digest": hmac.new(key, content, hashlib.sha256).digest(),
            },
            "mac_salt": salt,
            "iterations": rounds,
        }
    )
    return bytes(pfx.dump(force=True))


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Write a new file with ``mode`` from the start (never world-readable for a moment)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.chmod(path, mode)  # the umask may have narrowed it further; keep it exact


def create_key(
    key_path: Path,
    *,
    name: str,
    passphrase: str,
    now: datetime,
    kdf_rounds: int = KDF_ROUNDS,
) -> CreatedKey:
    """Create ``key_path`` (PKCS#12, mode 0600) and ``KEY.crt`` next to it.

    Refuses to overwrite either file. ``now`` is the clock's time (certificate validity).
    """
    key_path = Path(key_path)
    cert_path = certificate_path(key_path)
    name = name.strip()
    if not name:
        raise SigningKeyError(_("a signing key needs a name (the signer shown on signed logs)"))
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningKeyError(
            _("the passphrase must be at least {n} characters").format(n=MIN_PASSPHRASE)
        )
    for existing in (key_path, cert_path):
        if existing.exists():
            raise SigningKeyError(
                _("{path} already exists: refusing to overwrite a key or certificate").format(
                    path=existing
                )
            )
    if not key_path.parent.is_dir():
        raise SigningKeyError(_("folder {path} does not exist").format(path=key_path.parent))

    key = ec.generate_private_key(ec.SECP256R1())
    cert = _build_certificate(name, key, now)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(kdf_rounds)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    data = pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, cert, None, encryption)
    data = strengthen_mac(data, passphrase, kdf_rounds)
    der = cert.public_bytes(serialization.Encoding.DER)
    try:
        _write_new(key_path, data, 0o600)
        try:
            _write_new(cert_path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
        except BaseException:
            key_path.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SigningKeyError(
            _("cannot write {path}: {error}").format(
                path=exc.filename or key_path, error=exc.strerror
            )
        ) from exc
    return CreatedKey(key_path, cert_path, fingerprint_of(der))


def load_signer(key_path: Path, passphrase: str) -> SimpleSigner:
    """Open a PKCS#12 key for signing. A wrong passphrase is a clear error, never None."""
    key_path = Path(key_path)
    try:
        data = key_path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(
            _("cannot read signing key {path}: {error}").format(path=key_path, error=exc.strerror)
        ) from exc
    try:
        signer: SimpleSigner | None = SimpleSigner.load_pkcs12_data(
            data, [], passphrase=passphrase.encode("utf-8")
        )
    except ValueError as exc:
        # A wrong passphrase and a damaged file look the same to the PKCS#12 reader.
        raise SigningKeyError(
            _("cannot open signing key {path}: wrong passphrase, or not a PKCS#12 key file").format(
                path=key_path
            )
        ) from exc
    if signer is None:  # pyHanko's file loaders return None instead of raising
        raise SigningKeyError(_("cannot open signing key {path}").format(path=key_path))
    if signer.signing_key.algorithm not in ("ec", "rsa"):
        raise SigningKeyError(
            _("{path}: only ECDSA or RSA keys make signatures that every reader validates").format(
                path=key_path
            )
        )
    return signer


@dataclass(frozen=True)
class PinnedCertificate:
    """A certificate a recipient trusts: its DER bytes and fingerprint."""

    path: Path
    der: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.der)


def load_certificate(path: Path) -> PinnedCertificate:
    """Read a PEM or DER certificate file (``KEY.crt``)."""
    path = Path(path)
    if not path.is_file():
        raise SigningKeyError(_("certificate file {path} does not exist").format(path=path))
    try:
        cert = load_cert_from_pemder(str(path))  # type: ignore[no-untyped-call]
    except Exception as exc:  # asn1crypto/pem raise various errors on garbage
        raise SigningKeyError(
            _("{path} is not a certificate (PEM or DER expected)").format(path=path)
        ) from exc
    return PinnedCertificate(path, cert.dump())
