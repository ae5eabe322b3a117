"""A writer process for the concurrency test: records events through the real Store, acknowledging each one.

Usage: python concurrent_writer.py DB ACK_FILE COUNT WRITER GO_FILE
An event's id is written to ACK_FILE only after `Store.record` returned, that is after its commit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from kerasq.events import new_event
from kerasq.store import Store


def main(db: str, ack: str, count: str, writer: str, go: str) -> None:
    go_file = Path(go)
    deadline = time.monotonic() + 60
    while not go_file.exists():  # start together, so the writers really overlap
        if time.monotonic() > deadline:
            sys.exit("no go signal")
        time.sleep(0.002)
    handle = os.open(ack, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    with Store.open(db, timeout=30.0) as store:
        for seq in range(int(count)):
            event = store.record(new_event("check", 1 + seq % 15, "pass" if seq % 3 else "fail", {"writer": int(writer), "seq": seq}))
            os.write(handle, f"{event.id}\n".encode())  # unbuffered: in the kernel's hands before the next commit
    os.close(handle)


if __name__ == "__main__":
    main(*sys.argv[1:6])
