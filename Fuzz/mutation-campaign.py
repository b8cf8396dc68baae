#!/usr/bin/env python3
"""Mutation campaign: damage saved model files and run each through `swiftlearn inspect` and
`swiftlearn predict`, counting how every run ended.

Every seed file (any .h5 SwiftLearn or Keras wrote; `make test` leaves one per persisted class in
.build/interop) is damaged MUTATIONS times — seeded byte flips (1–8 random bytes set to random values)
and truncations at a random length — and each damaged copy is run through both commands with a time
limit. A clean outcome is exit 0 or a non-zero exit with one `Error:` line; an exit by signal (a
crash) or a run over the time limit is a failure, and its input is kept for triage.

    python3 Fuzz/mutation-campaign.py --swiftlearn .build/release/swiftlearn --seeds .build/interop \
        --mutations 2000 --seed 1 --work .build/mutation-campaign

Python is test tooling here, never a runtime dependency of the library.
"""
import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import time


def mutate(data, rng):
    if rng.random() < 0.2 and len(data) > 1:
        return data[: rng.randrange(1, len(data))], "truncate"
    damaged = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 4, 8])):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged), "flip"


def run(command, limit):
    started = time.monotonic()
    try:
        result = subprocess.run(command, capture_output=True, timeout=limit, env=dict(os.environ, SWIFTLEARN_NO_BLAS_WARNING="1"))
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - started
    seconds = time.monotonic() - started
    if result.returncode < 0:
        return f"signal {-result.returncode}", seconds
    if result.returncode == 0:
        return "ok", seconds
    errors = [line for line in result.stderr.decode(errors="replace").splitlines() if line.startswith("Error:")]
    return ("error" if len(errors) == 1 else "unclean exit"), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--swiftlearn", required=True)
    parser.add_argument("--seeds", required=True, help="a folder of .h5 files")
    parser.add_argument("--mutations", type=int, default=2000, help="damaged copies per seed file")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--work", default=".build/mutation-campaign")
    arguments = parser.parse_args()

    seeds = sorted(os.path.join(arguments.seeds, name) for name in os.listdir(arguments.seeds) if name.endswith(".h5"))
    if not seeds:
        sys.exit(f"no .h5 seed files in {arguments.seeds}")
    shutil.rmtree(arguments.work, ignore_errors=True)
    failures_folder = os.path.join(arguments.work, "failures")
    os.makedirs(failures_folder)
    features = os.path.join(arguments.work, "X.csv")
    with open(features, "w") as handle:
        handle.write("x0,x1,x2,x3\n0.5,-1,2,0.25\n1,0,-0.5,3\n")

    rng = random.Random(arguments.seed)
    totals = collections.Counter()
    slowest, slowest_run = 0.0, "none"
    failures = 0
    print(f"{'seed file':<44} {'runs':>6}  outcomes")
    for path in seeds:
        original = open(path, "rb").read()
        outcomes = collections.Counter()
        for index in range(arguments.mutations):
            damaged, _ = mutate(original, rng)
            target = os.path.join(arguments.work, "damaged.h5")
            with open(target, "wb") as handle:
                handle.write(damaged)
            for name, command in (("inspect", [arguments.swiftlearn, "inspect", target]),
                                  ("predict", [arguments.swiftlearn, "predict", "--model", target, "--input", features])):
                outcome, seconds = run(command, arguments.time_limit)
                if seconds > slowest:
                    slowest, slowest_run = seconds, f"{os.path.basename(path)} mutation {index} {name}"
                outcomes[outcome] += 1
                if outcome not in ("ok", "error"):
                    failures += 1
                    kept = os.path.join(failures_folder, f"{os.path.basename(path)}-{index}-{name}.h5")
                    shutil.copyfile(target, kept)
                    print(f"  {outcome}: {name} {kept}", flush=True)
        totals.update(outcomes)
        summary = ", ".join(f"{key} {value}" for key, value in sorted(outcomes.items()))
        print(f"{os.path.basename(path):<44} {sum(outcomes.values()):>6}  {summary}", flush=True)
    summary = ", ".join(f"{key} {value}" for key, value in sorted(totals.items()))
    print(f"{'total':<44} {sum(totals.values()):>6}  {summary}; slowest run {slowest:.2f} s ({slowest_run}); seed {arguments.seed}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
