"""Run one command and report its wall time and peak resident memory, as JSON on stdout
(or into `--out FILE`):

    python -I -S benchmarks/wrapper.py [--out FILE] [--tty] -- COMMAND ARG…

{"seconds": float, "peak_kib": int, "returncode": int, "stderr": str}

The peak is the child's `ru_maxrss` (getrusage RUSAGE_CHILDREN: this wrapper has one
child). Linux keeps, across exec, the high-water mark of the process that was forked, so
the wrapper must be small: run it with `-I -S` (standard library only, nothing of the
suite or of pytest in it), and the figure is the command's own. Without `--tty` the
command's output goes to /dev/null and its stderr is kept (its last 2,000 characters are
reported); with `--tty` the command keeps the terminal (the UI in tmux).
"""

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> None:
    out = None
    tty = False
    while argv and argv[0] != "--":
        option = argv.pop(0)
        if option == "--out":
            out = argv.pop(0)
        elif option == "--tty":
            tty = True
        else:
            raise SystemExit(f"unknown option {option}")
    command = argv[1:]
    started = time.perf_counter()
    if tty:
        completed = subprocess.run(command)
        stderr = ""
    else:
        completed = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        stderr = completed.stderr[-2000:]
    seconds = time.perf_counter() - started
    report = {
        "seconds": seconds,
        "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "returncode": completed.returncode,
        "stderr": stderr,
    }
    text = json.dumps(report)
    if out is None:
        print(text)
    else:
        with open(out, "w", encoding="utf-8") as file:
            file.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])
