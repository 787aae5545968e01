"""Runs moto's server on 127.0.0.1 for the BopsAWS tests.

Prints `ready PORT` once the server answers, and stops when standard input closes (so the
server never outlives the test process). Exits 3 with a message when moto is not installed.
"""

import socket
import sys

try:
    from moto.server import ThreadedMotoServer
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"moto is not installed ({error}); pip install 'moto[server]'", flush=True)
    sys.exit(3)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"ready {port}", flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    main()
