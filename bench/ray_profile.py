"""Where the CPU of a Ray ingest goes: driver vs workers vs Ray's own processes.

Runs ``zufolge ingest --engine ray`` in this process on a JSONL corpus built from the
bench texts, snapshots the CPU time (utime+stime from /proc) of every process in the
driver's process tree before and after, and prints the split by role. With
``--profile`` the driver runs under cProfile and its top functions are printed too.
CPU seconds are robust on a loaded machine; wall seconds are not.

    python bench/ray_profile.py --n 300 --workers 2 [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _procs() -> dict[int, tuple[int, float, str]]:
    """pid -> (ppid, cpu seconds, name) of every process we can read."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            cmd = Path(f"/proc/{d}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2:].split()
        out[int(d)] = (int(rest[1]), (int(rest[11]) + int(rest[12])) / _TICK, cmd)
    return out


def _tree(root: int, procs) -> set[int]:
    kids: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    seen, todo = set(), [root]
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo.extend(kids.get(p, ()))
    return seen


def _role(cmd: str, pid: int) -> str:
    if pid == os.getpid():
        return "driver"
    if "ray::" in cmd or "default_worker.py" in cmd:
        return "workers"
    for name in ("raylet", "gcs_server", "log_monitor", "dashboard", "monitor.py", "runtime_env"):
        if name in cmd:
            return f"ray system: {name}"
    return "ray system: " + cmd.split()[0].rsplit("/", 1)[-1][:20] if cmd.split() else "ray system"


class _Sampler:
    """Keeps the last CPU reading of every process in the tree (workers exit before the end)."""

    def __init__(self) -> None:
        self.last: dict[int, tuple[float, str]] = {}
        self.first: dict[int, float] = {}

    def sample(self) -> None:
        procs = _procs()
        for pid in _tree(os.getpid(), procs):
            if pid in procs:
                _, cpu, cmd = procs[pid]
                self.first.setdefault(pid, cpu if pid == os.getpid() else 0.0)
                prev_cmd = self.last.get(pid, (0, ""))[1]
                self.last[pid] = (cpu, cmd if "ray::" in cmd else prev_cmd or cmd)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="articles (half German, half English)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="ray")
    ap.add_argument("--profile", action="store_true", help="cProfile the driver")
    args = ap.parse_args()

    from typer.testing import CliRunner

    from zufolge.bench import sample_texts
    from zufolge.cli import app

    texts = sample_texts(args.n // 2 + 1)
    mixed = [t for pair in zip(*texts.values()) for t in pair][: args.n]
    tmp = Path(tempfile.mkdtemp(prefix="zp"))
    os.environ.setdefault("ZUFOLGE_RAY_TMPDIR", tempfile.mkdtemp(prefix="zr", dir="/tmp"))
    src = tmp / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, t in enumerate(mixed):
            f.write(json.dumps({"id": f"p{i:05d}", "text": t}, ensure_ascii=False) + "\n")

    import threading

    sampler = _Sampler()
    stop = threading.Event()

    def poll():
        while not stop.wait(0.2):
            sampler.sample()

    sampler.sample()
    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    prof = cProfile.Profile(time.process_time) if args.profile else None
    w0 = time.perf_counter()
    if prof:
        prof.enable()
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp / "p.duckdb"), "--no-link",
                                   "--engine", args.engine, "--workers", str(args.workers)])
    if prof:
        prof.disable()
    wall = time.perf_counter() - w0
    stop.set()
    poller.join()
    sampler.sample()
    if res.exit_code not in (0, 1):
        print(res.output, res.exception, file=sys.stderr)
        raise SystemExit(1)
    by_role: dict[str, float] = {}
    for pid, (cpu, cmd) in sampler.last.items():
        role = _role(cmd, pid)
        by_role[role] = by_role.get(role, 0.0) + cpu - sampler.first.get(pid, 0.0)
    total = sum(by_role.values())
    print(f"engine {args.engine}, {args.workers} workers, {args.n} articles: wall {wall:.1f} s "
          f"(includes Ray start and model loading), CPU {total:.1f} s")
    for role, cpu in sorted(by_role.items(), key=lambda kv: -kv[1]):
        print(f"  {role:30s} {cpu:7.2f} CPU-s  {100 * cpu / total:5.1f} %")
    print(res.output.strip().splitlines()[-1] if res.output.strip() else "")
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
