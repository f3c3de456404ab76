"""A second Docker engine for the remote-engine tests: its own dockerd, unix socket, data-root and
exec-root under /tmp, a TLS tcp listener on 127.0.0.1 with certificates made here, and (where
/usr/sbin/sshd exists) an sshd on 127.0.0.1 whose sessions reach it. The main engine is never used
except to read the base image, which is copied over (`docker save | load`) instead of rebuilt.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import docker
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

START_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pem_key(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def _cert(subject: str, key, issuer: x509.Name | None, issuer_key, *, ca: bool, usage=None, san=None) -> x509.Certificate:
    now = datetime.datetime.now(datetime.timezone.utc)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer or name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usage), critical=False)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(issuer_key or key, hashes.SHA256())


def write_certificates(root: Path) -> tuple[Path, Path]:
    """A CA, a server certificate for 127.0.0.1 and a client one; returns (server dir, client dir)."""
    pem = serialization.Encoding.PEM
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _cert("agentbench test CA", ca_key, None, None, ca=True)
    server_dir, client_dir = root / "server", root / "client"
    for folder, usage, san in ((server_dir, ExtendedKeyUsageOID.SERVER_AUTH,
                                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                               (client_dir, ExtendedKeyUsageOID.CLIENT_AUTH, None)):
        folder.mkdir(parents=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _cert(folder.name, key, ca.subject, ca_key, ca=False, usage=[usage], san=san)
        (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
        (folder / "cert.pem").write_bytes(cert.public_bytes(pem))
        (folder / "key.pem").write_bytes(_pem_key(key))
    return server_dir, client_dir


@dataclass
class SecondEngine:
    root: Path
    socket_path: Path
    tls_port: int
    client_certs: Path
    dockerd: subprocess.Popen[bytes]
    ssh_port: int | None = None
    ssh_bin: Path | None = None
    sshd: subprocess.Popen[bytes] | None = None
    bridge: str | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.root / "dockerd.log"

    @property
    def data_root(self) -> Path:
        return self.root / "data"

    def unix_env(self) -> dict[str, str]:
        return {"DOCKER_HOST": f"unix://{self.socket_path}"}

    def tls_env(self) -> dict[str, str]:
        return {"DOCKER_HOST": f"tcp://127.0.0.1:{self.tls_port}", "DOCKER_TLS_VERIFY": "1",
                "DOCKER_CERT_PATH": str(self.client_certs)}

    def ssh_env(self) -> dict[str, str]:
        assert self.ssh_port is not None and self.ssh_bin is not None
        return {"DOCKER_HOST": f"ssh://root@127.0.0.1:{self.ssh_port}",
                "PATH": f"{self.ssh_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}"}

    def client(self) -> docker.DockerClient:
        return docker.DockerClient(base_url=f"unix://{self.socket_path}")


def _wait_for(proc: subprocess.Popen[bytes], ready, what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if ready():
            return
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer within {START_TIMEOUT_S:.0f} s: {log.read_text()[-2000:]}")


def _answers(url: str) -> bool:
    try:
        return docker.DockerClient(base_url=url, timeout=5).ping()
    except Exception:  # noqa: BLE001  (not up yet)
        return False


def _start_sshd(engine: SecondEngine) -> None:
    root = engine.root / "ssh"
    root.mkdir()
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(root / name)], check=True)
    (root / "authorized_keys").write_text((root / "client_key.pub").read_text())
    port = free_port()
    (root / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {root}/host_key\nPidFile {root}/sshd.pid\n"
        f"AuthorizedKeysFile {root}/authorized_keys\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        f"PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
        f"SetEnv DOCKER_HOST=unix://{engine.socket_path}\n")
    (root / "ssh_config").write_text(
        f"Host 127.0.0.1\n  IdentityFile {root}/client_key\n  IdentitiesOnly yes\n  BatchMode yes\n"
        f"  StrictHostKeyChecking no\n  UserKnownHostsFile {root}/known_hosts\n  LogLevel ERROR\n")
    # The product runs the system `ssh`; this shim only points it at the test's keys.
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "ssh"
    shim.write_text(f'#!/bin/sh\nexec {shutil.which("ssh")} -F {root}/ssh_config "$@"\n')
    shim.chmod(0o755)
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation directory
    log = root / "sshd.log"
    engine.sshd = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(root / "sshd_config")],
                                   stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    engine.ssh_port, engine.ssh_bin = port, bin_dir

    def ready() -> bool:
        probe = subprocess.run([str(shim), "-p", str(port), "root@127.0.0.1", "true"], capture_output=True, timeout=30)
        return probe.returncode == 0

    _wait_for(engine.sshd, ready, "sshd", log)


def _own_bridge(root: Path) -> str:
    """A bridge of the second engine's own. Never `--bridge none`: a dockerd started with it deletes
    the host's docker0, under the first engine's feet."""
    name = f"abdk{root.name[-8:]}"[:15]
    subnet = f"10.254.{int.from_bytes(name.encode(), 'big') % 250 + 1}.1/24"
    for command in (["ip", "link", "add", name, "type", "bridge"], ["ip", "addr", "add", subnet, "dev", name],
                    ["ip", "link", "set", name, "up"]):
        subprocess.run(command, check=True, capture_output=True)
    return name


def start_second_engine(base_image: str, main: docker.DockerClient) -> SecondEngine:
    """A running second engine holding `base_image` (copied from `main`); `stop` it afterwards."""
    root = Path(tempfile.mkdtemp(prefix="abdk", dir="/tmp"))  # short: unix socket paths are limited
    bridge = _own_bridge(root)
    server_certs, client_certs = write_certificates(root / "certs")
    sock, port = root / "docker.sock", free_port()
    log = root / "dockerd.log"
    proc = subprocess.Popen(
        ["dockerd", "--host", f"unix://{sock}", "--host", f"tcp://127.0.0.1:{port}",
         "--tlsverify", f"--tlscacert={server_certs}/ca.pem", f"--tlscert={server_certs}/cert.pem",
         f"--tlskey={server_certs}/key.pem", "--data-root", str(root / "data"), "--exec-root", str(root / "exec"),
         "--pidfile", str(root / "dockerd.pid"), "--bridge", bridge, "--iptables=false", "--ip-masq=false"],
        stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    engine = SecondEngine(root, sock, port, client_certs, proc, bridge=bridge)
    try:
        _wait_for(proc, lambda: _answers(f"unix://{sock}"), "second dockerd", log)
        engine.client().api.load_image(main.api.get_image(base_image))
        if Path("/usr/sbin/sshd").is_file():
            _start_sshd(engine)
    except BaseException:
        stop(engine)
        raise
    return engine


def _end(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stop(engine: SecondEngine) -> None:
    """Remove what ran on the second engine, stop its dockerd and sshd, delete its folders."""
    try:
        client = engine.client()
        for container in client.containers.list(all=True):
            container.remove(force=True)
    except Exception:  # noqa: BLE001  (the engine may be down already)
        pass
    _end(engine.sshd)
    _end(engine.dockerd)
    if engine.bridge is not None:
        subprocess.run(["ip", "link", "delete", engine.bridge], capture_output=True)
    shutil.rmtree(engine.root, ignore_errors=True)
