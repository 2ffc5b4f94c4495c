"""Writing into ``output/``: inside it only, whole files only, one writer at a time.

- Every file is written to a temporary file beside it, then renamed over the old
  one, so a reader (or a printer) never sees half a PDF.
- Builds render everything in memory first and only then come here, so a build
  that fails or is interrupted while rendering has touched nothing.
- Ctrl-C and SIGTERM are held back while a set of files is written, so a module's
  files are either all the old ones or all the new ones; the build stops right after.
- SIGKILL cannot be held back: it may leave one temporary file (named
  ``.<name>.<random>.handouts-tmp``). Writers take a lock on the output folder, so
  when the next build holds it no temporary file can be in use, and it deletes any
  it finds in the folders it writes to.
- Each name is checked to stay below the output folder, whatever an id says.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from types import FrameType

from filelock import FileLock, Timeout

from cs_handouts.errors import HandoutsError, display_path

TEMP_SUFFIX = ".handouts-tmp"
LOCK_NAME = ".handouts.lock"
LOCK_TIMEOUT = 120.0  # seconds to wait for another build to finish writing


def output_path(root: Path, name: str) -> Path:
    """``root / name`` for a relative name such as ``module4/guide.pdf``; never outside root."""
    parts = PurePosixPath(name).parts
    unsafe = (not parts or name.startswith(("/", "\\")) or "\\" in name or "\0" in name
              or any(part in (".", "..") or ":" in part for part in parts))
    if unsafe:
        raise HandoutsError(f"refusing to write {name!r}: output names stay inside "
                            f"{display_path(root)}")
    path = root.joinpath(*parts)
    real_root = root.resolve()
    if not path.resolve().is_relative_to(real_root):  # a link inside output/ pointing away
        raise HandoutsError(f"refusing to write {display_path(path)}: it leads outside "
                            f"{display_path(root)}")
    return path


def write_files(root: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each ``name -> bytes`` below ``root``, atomically, holding the folder's lock."""
    paths = {name: output_path(root, name) for name in files}
    for folder in sorted({path.parent for path in paths.values()}):  # parents first
        _make_folder(folder)
    try:
        lock = FileLock(root / LOCK_NAME, timeout=LOCK_TIMEOUT)
        with lock, deferred_interrupts():
            for folder in {path.parent for path in paths.values()}:
                remove_stale_temporaries(folder)
            for name, path in paths.items():
                write_atomically(path, files[name])
    except Timeout:
        raise HandoutsError(f"another build has been writing to {display_path(root)} for "
                            f"{LOCK_TIMEOUT:.0f} s; try again when it is done") from None
    except OSError as error:
        where = Path(error.filename) if error.filename else root
        raise HandoutsError(f"cannot write {display_path(where)}: "
                            f"{error.strerror or error}") from None
    return list(paths.values())


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    _make_folder(path.parent)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                             dir=path.parent)
    except OSError as error:
        raise HandoutsError(f"cannot write to {display_path(path.parent)}: "
                            f"{error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # the rename must not land before the bytes do
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files a killed build left in ``folder``; call it holding the lock."""
    removed = []
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM until the block ends, then act on them."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    received: list[int] = []

    def hold(number: int, frame: FrameType | None) -> None:
        received.append(number)

    wanted = [signal.SIGINT, signal.SIGTERM]
    previous = {number: signal.signal(number, hold) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if received:
            signal.raise_signal(received[0])


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise HandoutsError(f"cannot create the output folder {display_path(folder)}: a file of"
                            " that name is in the way")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocked = Path(error.filename) if error.filename else folder
        raise HandoutsError(f"cannot create the output folder {display_path(blocked)}: "
                            f"{error.strerror or error}") from None
    if not os.access(folder, os.W_OK):
        raise HandoutsError(f"cannot write to {display_path(folder)}: permission denied")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
