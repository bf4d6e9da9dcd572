"""Reading a stream a chunk ahead, on another thread, while the caller works on the chunk before.

Checking a big worksheet part before parsing (importing.file_checks) is two halves of about the
same length: unpacking it (zlib lets go of Python's lock) and searching it (which holds the
lock). Done one after the other, a year of attendance spent over half a second there before
python-calamine could start; side by side, about half that.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import BinaryIO

_END = object()  # the reading thread has finished (the stream ended, failed, or was stopped)


class ReadAhead:
    """``with ReadAhead(stream, size) as chunks: for chunk in chunks: ...``

    At most two chunks wait unread. Leaving the ``with`` early (a refusal on the way) stops
    the reading thread after its current chunk; an error of the stream is raised where the
    chunk it spoiled would have been handed out.
    """

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self._stream, self._size = stream, size
        self._handoff: queue.Queue = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="read-ahead", daemon=True)

    def __enter__(self) -> ReadAhead:
        self._thread.start()
        return self

    def _read(self) -> None:
        try:
            while not self._stop.is_set():
                chunk = self._stream.read(self._size)
                if not chunk:
                    break
                self._handoff.put(chunk)
        except BaseException as error:  # raised on the caller's thread, in turn
            self._handoff.put(error)
        finally:
            self._handoff.put(_END)

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item = self._handoff.get()
            if item is _END:
                self._handoff.put(_END)  # asking again still ends
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def __exit__(self, *_exc) -> None:
        # Let the reading thread finish: take what it hands over (without timed waits) until
        # it says it has ended, so it never blocks on a full queue.
        self._stop.set()
        while self._handoff.get() is not _END:
            pass
        self._thread.join()
