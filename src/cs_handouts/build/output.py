"""Writing into ``output/``: inside it only, whole files only, one writer at a time.

- Every write and every delete of the tool goes through ``write_files`` (or
  ``remove_files``): each name is checked to stay below the output folder, after
  following links, before anything is touched. A name from the manifest is
  untrusted input, checked the same way.
- Every file of a set is first written to a temporary file beside it; only when all
  of them are written (a full disk fails here) are they renamed over the old ones,
  so a module is all old or all new, and a reader never sees half a PDF.
- Builds render everything in memory first and only then come here, so a build
  that fails or is interrupted while rendering has touched nothing.
- Ctrl-C and SIGTERM are held back while a set of files is written, so a module's
  files are either all the old ones or all the new ones; the build stops right after.
- SIGKILL cannot be held back: it may leave one temporary file (named
  ``.<name>.<random>.handouts-tmp``). Writers take a lock on the output folder, so
  when the next build holds it no temporary file can be in use, and it deletes any
  it finds in the folders it writes to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import NoReturn

from cs_handouts.errors import HandoutsError, display_path

TEMP_SUFFIX = ".handouts-tmp"
LOCK_NAME = ".handouts.lock"
LOCK_TIMEOUT = 120.0  # seconds to wait for another build to finish writing
MAX_NAME_BYTES = 200  # file systems allow 255; a temporary name adds about 25


def default_output(series_root: Path) -> Path:
    """The series' own ``output/``, refused when it is a link that leads out of the series.

    A folder shared by others may ship ``output -> /somewhere``; a build would then
    write and delete there. ``--output`` names another folder on purpose.
    """
    folder = series_root / "output"
    if not folder.resolve().is_relative_to(series_root.resolve()):
        raise HandoutsError(f"{display_path(folder)}: a link that leads outside the series (to"
                            f" {folder.resolve()}); remove the link, or name the output folder"
                            " with --output")
    return folder


def output_path(root: Path, name: str, real_root: Path | None = None) -> Path:
    """``root / name`` for a relative name such as ``module4/guide.pdf``; never outside root.

    ``real_root``: ``root`` resolved already (a set of names checks it once)."""
    parts = PurePosixPath(name).parts
    unsafe = (not parts or name.startswith(("/", "\\")) or "\\" in name or "\0" in name
              or any(part in (".", "..") or ":" in part for part in parts))
    if unsafe:
        raise HandoutsError(f"refusing to write {name!r}: output names stay inside "
                            f"{display_path(root)}")
    too_long = next((part for part in parts if len(part.encode("utf-8")) > MAX_NAME_BYTES), None)
    if too_long is not None:
        raise HandoutsError(f"refusing to write {name!r}: a file name longer than "
                            f"{MAX_NAME_BYTES} bytes")
    path = root.joinpath(*parts)
    real_root = real_root or root.resolve()
    # A folder on the way that is a link pointing away is refused. The last part may be a
    # link: renaming a new file over it, or deleting it, replaces the link, not its target.
    if not path.parent.resolve().is_relative_to(real_root):
        raise HandoutsError(f"{display_path(path)}: refusing to write: a folder on its way is a"
                            f" link that leads outside {display_path(root)}")
    return path


def write_files(root: Path, files: Mapping[str, bytes], remove: Iterable[str] = (),
                copies: Collection[str] = ()) -> list[Path]:
    """Write each ``name -> bytes`` below ``root`` and delete the ``remove`` names, all or none.

    Every name is checked first; then, holding the folder's lock, every file is written
    to a temporary file, and only when all are written are they renamed into place.
    A name in ``remove`` that is not safe is left alone (it may come from an edited manifest).
    A name in ``copies`` (a file copied, not built) is not written again if it holds the bytes.
    """
    real_root = root.resolve()
    paths = {name: output_path(root, name, real_root) for name in files}
    doomed = [path for path in (_safe_path(root, name) for name in remove) if path is not None]
    if not paths and not doomed:
        return []
    for folder in sorted({path.parent for path in paths.values()}):  # parents first
        _make_folder(folder)
    try:
        with _locked(root), deferred_interrupts():
            for folder in {path.parent for path in paths.values()}:
                remove_stale_temporaries(folder)
            # A copied file (a web font) that is already there is left as it is: rebuilding a
            # module does not write and fsync 1.5 MB of fonts again.
            changed = {name: path for name, path in paths.items()
                       if name not in copies or not _holds(path, files[name])}
            # Copies by output folder and content: linked to, and remembered, below.
            kinds = {name: (real_root, _content_key(files[name])) for name in changed
                     if name in copies}
            staged = _stage(changed, files, kinds)
            for temporary, path in staged:
                os.replace(temporary, path)
            _copies_written.update({kind: changed[name] for name, kind in kinds.items()})
            for path in doomed:
                if path.is_file() or path.is_symlink():
                    path.unlink(missing_ok=True)
    except OSError as error:
        where = Path(error.filename) if error.filename else root
        raise HandoutsError(f"cannot write {display_path(where)}: "
                            f"{error.strerror or error}") from None
    return list(paths.values())


def remove_files(root: Path, names: Iterable[str]) -> None:
    """Delete files below ``root`` that a build no longer makes; unsafe names are left alone."""
    write_files(root, {}, names)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """Hold the output folder's lock (itself checked: a lock file linked away would be written)."""
    _make_folder(root)
    lock = output_path(root, LOCK_NAME)
    if lock.is_symlink():  # opening it would create or truncate the file it points to
        lock.unlink()
    with _file_lock(lock, LOCK_TIMEOUT, root):
        yield


@contextlib.contextmanager
def _file_lock(path: Path, timeout: float, root: Path) -> Iterator[None]:
    """An exclusive lock on ``path``, waited for up to ``timeout`` seconds.

    On POSIX systems, the operating system's own (``flock``: released when the process
    ends, however it ends); elsewhere filelock's, which does the same on Windows. (Importing
    filelock took 10 ms of every build, 2% of building one module.)
    """
    try:
        import fcntl
    except ImportError:
        from filelock import FileLock, Timeout

        try:
            with FileLock(path, timeout=timeout):
                yield
        except Timeout:
            raise _busy(root, timeout) from None
        return
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(root, timeout) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _busy(root: Path, timeout: float) -> HandoutsError:
    return HandoutsError(f"another build has been writing to {display_path(root)} for "
                         f"{timeout:.0f} s; try again when it is done")


def _safe_path(root: Path, name: str) -> Path | None:
    try:
        return output_path(root, name)
    except HandoutsError:
        return None


def _stage(paths: Mapping[str, Path], files: Mapping[str, bytes],
           copies: Mapping[str, tuple[Path, bytes]]) -> list[tuple[str, Path]]:
    """Every file written to its temporary name; on any failure none is left behind.

    A copy (a web font; ``copies`` by output folder and content) that this process wrote
    already, elsewhere in the same output folder, is a hard link to that file: no bytes
    written, none to flush (they were then).
    """
    staged: list[tuple[str, Path]] = []
    written: list[tuple[str, Path]] = []
    try:
        for name, path in paths.items():
            try:
                linked = (_linked_temporary(path, files[name], copies[name])
                          if name in copies else None)
                if linked is not None:
                    staged.append((linked, path))
                    continue
                staged.append((_write_temporary(path, files[name], sync=False), path))
                written.append(staged[-1])
            except OSError as error:  # a full disk, say: name the file, and say what is left
                _cannot_write(path, error, paths)
        for path, failure in _sync(written):
            _cannot_write(path, failure, paths)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    return staged


def _cannot_write(path: Path, error: OSError, paths: Mapping[str, Path]) -> NoReturn:
    folder = Path(os.path.commonpath([p.parent for p in paths.values()]))
    raise HandoutsError(f"cannot write {display_path(path)}: "
                        f"{error.strerror or error}; nothing in "
                        f"{display_path(folder)} was changed") from None


def _sync(staged: list[tuple[str, Path]]) -> list[tuple[Path, OSError]]:
    """Flush the written files to disk, all at once: each fsync waits on the disk, not the CPU.

    A module's dozen files flushed one after another cost a dozen waits; in threads the
    disk takes them together. Returns the files that could not be flushed.
    """
    failed: list[tuple[Path, OSError]] = []

    def flush(temporary: str, path: Path) -> None:
        try:
            handle = os.open(temporary, os.O_RDONLY)
            try:
                os.fsync(handle)  # the rename must not land before the bytes do
            finally:
                os.close(handle)
        except OSError as error:
            failed.append((path, error))

    threads = [threading.Thread(target=flush, args=pair) for pair in staged]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failed


# Copies this process wrote and flushed (a web font in each module's folder), by output
# folder and content: the next module's copy is a hard link to one of them. 15 fonts in 100
# modules were 1,500 files written and flushed, most of the writing process's time.
_copies_written: dict[tuple[Path, bytes], Path] = {}


def _content_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _linked_temporary(path: Path, data: bytes, kind: tuple[Path, bytes]) -> str | None:
    """A temporary name beside ``path`` linked to a file written before with exactly ``data``
    in the same output folder (None: there is none, it changed, or no hard links here)."""
    source = _copies_written.get(kind)
    if source is None or source == path:
        return None
    # Its folder may have been replaced by a link since (a long-running serve): still inside?
    if not source.parent.resolve().is_relative_to(kind[0]) or not _holds(source, data):
        return None
    temporary = str(path.parent / f".{path.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
    try:
        os.link(source, temporary, follow_symlinks=False)
    except (OSError, NotImplementedError):
        return None
    return temporary


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or path.lstat().st_size != len(data):
            return False
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(handle, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    Only for files that are no output (the tests' helpers); outputs go through write_files.
    """
    _make_folder(path.parent)
    os.replace(_write_temporary(path, data), path)


def _write_temporary(path: Path, data: bytes, *, sync: bool = True) -> str:
    """``data`` in a new temporary file beside ``path``, flushed to disk (unless not ``sync``)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())  # the rename must not land before the bytes do
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


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
