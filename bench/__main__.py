"""Run every benchmark module in bench/ (each has a main()).

    python -m bench [module ...]      (default: all, in name order)

A module that fails (an exception, a contender answering errors) is reported with its
traceback and the run goes on with the next one; the exit status is 1 if any failed.
"""

import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or [m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                     if not m.name.startswith("_")]
    if not names:
        print("No benchmarks yet.")
    sys.argv[1:] = []  # modules with their own options (raster_tiles) run with their defaults
    failed = []
    for name in names if argv else sorted(names):
        print(f"== {name}", flush=True)
        started = time.monotonic()
        try:
            module = importlib.import_module(f"bench.{name}")
            if hasattr(module, "main"):
                module.main()
        except KeyboardInterrupt:
            raise
        except BaseException:  # SystemExit of argparse too: report it, go on
            traceback.print_exc()
            failed.append(name)
        print(f"-- {name}: {time.monotonic() - started:.0f} s", flush=True)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
