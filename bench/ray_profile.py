"""Where the CPU of a Ray ingest goes: driver vs workers vs Ray's own processes.

Ingests a JSONL corpus built from the bench texts through a warm ``RayPool`` (actors
started and models loaded before the clock), snapshots the CPU time (utime+stime from
/proc) of every process in the driver's process tree before and after, and prints the
split by role: driver, actors, Ray's own processes. ``--design old`` runs the engine as
it was before the Parquet shards (Articles back to the driver, rows built and written
there), ``new`` the shard design, ``both`` (default) one after the other, each in a
fresh process. ``--profile`` prints the driver's top functions by CPU time.
CPU seconds are robust on a loaded machine; wall seconds are not.

    python bench/ray_profile.py --n 300 --workers 2 [--design both] [--profile]
    python bench/ray_profile.py --scaling --n 60     # only the engine rows of `zufolge bench`
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

    def sample(self, baseline: bool = False) -> None:
        procs = _procs()
        for pid in _tree(os.getpid(), procs):
            if pid in procs:
                _, cpu, cmd = procs[pid]
                # processes born during the run count from 0, the others from the baseline
                self.first.setdefault(pid, cpu if baseline else 0.0)
                prev_cmd = self.last.get(pid, (0, ""))[1]
                self.last[pid] = (cpu, cmd if "ray::" in cmd else prev_cmd or cmd)


def _run(args) -> None:
    from zufolge.bench import sample_texts
    from zufolge.corpus import Store
    from zufolge.ingest import document_id, read_paths
    from zufolge.scale import RayPool
    from zufolge.schema import RawDocument

    texts = sample_texts(args.n // 2 + 3)
    mixed = [t for pair in zip(*texts.values()) for t in pair]
    warm, mixed = mixed[-4:], mixed[: args.n]
    tmp = Path(tempfile.mkdtemp(prefix="zp"))
    os.environ.setdefault("ZUFOLGE_RAY_TMPDIR", tempfile.mkdtemp(prefix="zr", dir="/tmp"))
    src = tmp / "corpus.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, t in enumerate(mixed):
            f.write(json.dumps({"id": f"p{i:05d}", "text": t}, ensure_ascii=False) + "\n")

    import threading

    pool = RayPool(workers=args.workers)
    pool.warm([RawDocument(origin="warm", text=t, id=f"w{i}") for i, t in enumerate(warm)])
    store = Store(tmp / "p.duckdb")
    sampler = _Sampler()
    stop = threading.Event()

    poller_cpu = [0.0]

    def poll():  # its own CPU is subtracted from the driver's
        while not stop.wait(0.2):
            sampler.sample()
        poller_cpu[0] = time.thread_time()

    sampler.sample(baseline=True)
    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    prof = cProfile.Profile(time.process_time) if args.profile else None
    a0 = pool.actor_stats()
    w0, c0 = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    stats = {}
    if args.design == "old":  # Articles back to the driver, rows built and written there
        def fresh():
            for item in read_paths([str(src)]):
                if isinstance(item, RawDocument) and store.has(document_id(item)):
                    continue
                yield item
        result = store.add(pool.analyze(fresh()), batch_size=200)
    else:
        run = pool.ingest(read_paths([str(src)]), store, batch_size=200)
        for _ in run:
            pass
        result, stats = run.result, run.stats
    if prof:
        prof.disable()
    wall, driver_cpu = time.perf_counter() - w0, time.process_time() - c0
    stop.set()
    poller.join()
    driver_cpu -= poller_cpu[0]
    busy = pool.actor_stats()["busy"] - a0["busy"]
    sampler.sample()
    store.close()
    pool.close()
    by_role: dict[str, float] = {}
    for pid, (cpu, cmd) in sampler.last.items():
        role = _role(cmd, pid)
        by_role[role] = by_role.get(role, 0.0) + cpu - sampler.first.get(pid, 0.0)
    by_role["driver"] = driver_cpu
    total = sum(by_role.values())
    print(f"design {args.design}: Ray, {args.workers} workers (warm), {args.n} articles, "
          f"{result.added} added: wall {wall:.1f} s, CPU {total:.1f} s "
          f"(driver {1000 * driver_cpu / args.n:.2f} ms/article); actors busy "
          f"{100 * busy / (wall * args.workers):.0f} % of the wall time")
    for role, cpu in sorted(by_role.items(), key=lambda kv: -kv[1]):
        print(f"  {role:32s} {cpu:7.2f} CPU-s  {100 * cpu / total:5.1f} %")
    if stats:
        print("  driver loop (wall): " + ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in stats.items()))
    if prof:
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(20)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="articles (half German, half English)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--design", choices=["old", "new", "both"], default="both",
                    help="old: Articles back to the driver, which builds and writes the rows "
                         "(the engine before the Parquet shards); new: actors write shards")
    ap.add_argument("--profile", action="store_true", help="cProfile the driver (CPU time)")
    ap.add_argument("--scaling", action="store_true",
                    help="only the engine section of `zufolge bench` (local vs Ray, 1 and 2 "
                         "workers); --n is articles per language as there")
    ap.add_argument("--json", action="store_true", help="with --scaling: JSON rows")
    args = ap.parse_args()
    if args.scaling:
        from zufolge import bench

        rows = bench._scaling_rows(bench.sample_texts(args.n + 3), args.n)
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            from rich.console import Console

            console = Console()
            for r in rows:
                console.print(r)
            bench._print_scaling(rows, console)
        return
    if args.design != "both":
        _run(args)
        return
    import subprocess

    for design in ("old", "new"):  # each in a fresh process with its own Ray
        argv = [sys.executable, __file__, "--n", str(args.n), "--workers", str(args.workers),
                "--design", design] + (["--profile"] if args.profile else [])
        subprocess.run(argv, check=True)


if __name__ == "__main__":
    main()
