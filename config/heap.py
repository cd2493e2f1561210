"""
How a serving process keeps Python's garbage collector from stalling requests.

Python's full collections took 200-600 ms in a server holding 1,000 websockets, stalling
every live delivery behind them (profiled, bench/ws_fanout.py), and 250 ms in the middle
of a library search in bench/search.py. The objects made at start-up live as long as the
process, so they are moved out of the collector's sight, and collections run less often
(cyclic garbage waits a little longer to be freed).

config/asgi.py settles the heap of every server process once Django is loaded; the
benchmarks that serve requests in their own process (bench/search.py, bench/pages.py)
settle theirs before they time anything, so that they measure what a server answers.
"""

import gc

# Allocations before a young collection, then young collections per middle one, and
# middle ones per full one (Python's defaults: 700, 10, 10).
THRESHOLDS = (50_000, 20, 10)


def settle(thresholds: tuple[int, int, int] = THRESHOLDS) -> None:
    """Collect once, freeze what is left (it lives as long as the process), collect less."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
