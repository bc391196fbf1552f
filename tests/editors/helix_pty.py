"""Drives Helix in a pseudo-terminal, set up from editors/helix, and reads its screen (pyte).

Run by tests/editors/helix.sh, not by CI: Helix is in no registry CI machines reach. Opens a
report with known mistakes, checks the diagnostics picker lists their codes, applies the quick
fix of the wrong total and checks the file then holds the right total.
Usage: helix_pty.py HX REPORT
"""

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

import pyte

COLS, ROWS = 160, 45
EXPECTED = ["empty-cell", "missing-fee-statement", "nonstandard-heading",
            "nonstandard-label", "stray-markup", "total-mismatch"]


class Screen(pyte.Screen):
    # pyte 0.8 passes `private` to these for some of Helix's queries; they need no answer.
    def report_device_status(self, *args, **kwargs):
        pass

    def select_graphic_rendition(self, *args, **kwargs):
        kwargs.pop("private", None)
        super().select_graphic_rendition(*args, **kwargs)


def main():
    hx, report = sys.argv[1], sys.argv[2]
    screen = Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(hx, ["hx", report])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))

    def pump(seconds):
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    stream.feed(os.read(fd, 1 << 16))
                except OSError:
                    return

    def text():
        return "\n".join(line.rstrip() for line in screen.display)

    def wait_for(cond, seconds=20):
        end = time.time() + seconds
        while time.time() < end:
            pump(0.5)
            if cond(text()):
                return True
        return False

    def fail(msg):
        print(text())
        print(f"helix e2e: FAIL: {msg}", file=sys.stderr)
        os.write(fd, b"\x1b:q!\r")
        sys.exit(1)

    if not wait_for(lambda t: "report" in t or "报告" in t):
        fail("Helix did not open the report")
    # The diagnostics picker lists every code once the server has answered.
    for _ in range(20):
        os.write(fd, b" d")
        if wait_for(lambda t: all(c in t for c in EXPECTED), 2):
            break
        os.write(fd, b"\x1b")
        pump(0.5)
    else:
        fail("the diagnostics picker lacks some of " + ", ".join(EXPECTED))
    print("helix e2e: diagnostics: " + ", ".join(EXPECTED))
    os.write(fd, b"\x1b")
    pump(0.5)

    # The wrong total ends its line: go there, open the code actions, take the first.
    with open(report, encoding="utf-8") as f:
        line = next(i for i, l in enumerate(f, 1) if l.rstrip("\n").endswith("\t18"))
    os.write(fd, f"{line}Ggl".encode())
    pump(1)
    os.write(fd, b" a")
    if not wait_for(lambda t: "改为17" in t):
        fail("no quick fix 改为17 offered")
    os.write(fd, b"\r")
    pump(1)
    os.write(fd, b":w\r")
    pump(1)
    os.write(fd, b":q!\r")
    pump(1)
    with open(report, encoding="utf-8") as f:
        fixed = f.read().splitlines()[line - 1]
    if not fixed.endswith("\t17"):
        fail(f"line {line} after the fix: {fixed}")
    print(f"helix e2e: quick fix applied: {fixed}")


if __name__ == "__main__":
    main()
