"""`python -m kerasq.lsp`: start the kerasq language server on stdio (or TCP with --tcp)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 2087


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the server's options to a parser (shared with `kerasq lsp`)."""
    parser.add_argument("--tcp", action="store_true", help="listen on a TCP port instead of stdio")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind with --tcp (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to bind with --tcp (default {DEFAULT_PORT})")
    parser.add_argument(
        "--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="stderr logging level (default WARNING)"
    )


def serve(args: argparse.Namespace) -> int:
    """Run the server until the client disconnects; logs go to stderr, never stdout."""
    if (args.host != DEFAULT_HOST or args.port != DEFAULT_PORT) and not args.tcp:
        print("kerasq lsp: --host and --port only apply with --tcp", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"kerasq lsp: --port must be between 1 and 65535, not {args.port}", file=sys.stderr)
        return 2
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, args.log_level), format="%(levelname)s %(name)s: %(message)s")
    # Diagnostics run in a worker thread; a shorter GIL switch interval (default 5 ms) keeps hovers prompt meanwhile.
    sys.setswitchinterval(0.001)
    from kerasq.lsp.codecache import default_cache

    code_cache = default_cache()
    if code_cache is not None:
        code_cache.load()
        code_cache.install()  # until `initialized`: see kerasq.lsp.codecache
    from kerasq.lsp.server import build_server

    server = build_server(code_cache=code_cache)
    if args.tcp:
        try:
            server.start_tcp(args.host, args.port)
        except OSError as exc:
            print(f"kerasq lsp: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return 0
    # The protocol owns stdout: anything else printed by accident goes to stderr instead.
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options and serve."""
    parser = argparse.ArgumentParser(prog="python -m kerasq.lsp", description="The kerasq language server.")
    configure(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
