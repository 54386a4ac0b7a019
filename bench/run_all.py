"""Run every ``bench/bench_*.py`` in turn, each in its own process, and print their figures.

``make bench`` runs ``.venv/bin/python bench/run_all.py``: the quick variant of each benchmark
(scripts that accept ``--quick`` get it), a few minutes in all. ``--full`` runs them at full
size (about 10 minutes on 2 cores). Names narrow the selection:
``bench/run_all.py --full scan fanout``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="full-size runs instead of quick")
    parser.add_argument("names", nargs="*", help="only scripts whose name contains one of these")
    args = parser.parse_args(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.names:
        scripts = [s for s in scripts if any(name in s.stem for name in args.names)]
    if not scripts:
        print("no benchmark matches", args.names)
        return 2
    summary: list[tuple[str, float, int]] = []
    for script in scripts:
        # Only scripts that know the flag get it (bench_parser.py takes a round count).
        quick = not args.full and "--quick" in script.read_text(encoding="utf-8")
        command = [sys.executable, str(script), *(["--quick"] if quick else [])]
        print(f"\n### {script.name}{' --quick' if quick else ''}", flush=True)
        started = time.perf_counter()
        code = subprocess.run(command, cwd=HERE.parent, check=False).returncode
        summary.append((script.name, time.perf_counter() - started, code))
    print("\n### summary")
    for name, seconds, code in summary:
        status = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"{name:<22} {seconds:7.1f} s  {status}")
    return 0 if all(code == 0 for _, _, code in summary) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
