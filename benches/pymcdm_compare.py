"""pymcdm against Tideline on the same matrices, in the same run.

Reads what `cargo bench --bench pymcdm_compare -- --out DIR` wrote to DIR (the matrices, and
Tideline's times and scores), times pymcdm's WSM, WPM, TOPSIS, VIKOR and PROMETHEE II on the
same matrices, and prints per method and size the times, their ratio, and whether the two
agree on the scores and the ranking. Run everything with `benches/pymcdm_compare.sh`.

Each pymcdm time is the best over repeats of about 20 ms for 0.5 s of the mean call
(`timeit.repeat`), with pymcdm's input validation off (`validation=False`), as Tideline's
figure has none of the file checks either.
"""

import csv
import sys
import timeit
from pathlib import Path

import numpy as np
from pymcdm import methods, normalizations as norm

SIZES = ["10x10", "200x50", "1000x20"]


def configs(q, p):
    """Each configuration's pymcdm call, as a function of (matrix, weights, types)."""

    def promethee(x, w, t):
        # PROMETHEE_I keeps its per-criterion functions in a generator, spent by one call:
        # a fresh object each call (constructing it is a few microseconds).
        return methods.PROMETHEE_II("vshape_2", p=p, q=q)(x, w, t, validation=False)

    one = lambda m: (lambda x, w, t: m(x, w, t, validation=False))
    return {
        "wsm-minmax": one(methods.WSM(norm.minmax_normalization)),
        "wsm-sum": one(methods.WSM(norm.sum_normalization)),
        "wpm-sum": one(methods.WPM(norm.sum_normalization)),
        "topsis-minmax": one(methods.TOPSIS(norm.minmax_normalization)),
        "topsis-vector": one(methods.TOPSIS(norm.vector_normalization)),
        "vikor": one(methods.VIKOR(v=0.5)),
        "promethee2-linear": promethee,
    }


def best_time(f):
    once = timeit.timeit(f, number=1)
    number = max(1, int(0.02 / max(once, 1e-7)))
    repeat = max(3, int(0.5 / max(once * number, 1e-6)))
    return min(timeit.repeat(f, number=number, repeat=repeat)) / number


def ranks(scores, higher_is_better):
    """Competition ranks, 1 best; scores within 1e-9 (relative) tie, as Tideline ranks."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i] if higher_is_better else scores[i])
    out = [0] * len(scores)
    group, rank = None, 0
    for pos, i in enumerate(order):
        s = scores[i]
        if group is None or abs(s - group) > 1e-9 * max(abs(s), abs(group), 1e-300):
            rank, group = pos + 1, s
        out[i] = rank
    return out


def ratio(r):
    return f"{r:.1f}×" if r < 10 else f"{r:.0f}×"


def main(folder):
    folder = Path(folder)
    ours = {}
    with open(folder / "tideline-times.csv") as f:
        for row in csv.DictReader(f):
            ours[(row["size"], row["config"])] = (float(row["prepared_s"]), float(row["score_problem_s"]))
    print(f"pymcdm 1.4.0, numpy {np.__version__}; times in µs, best of repeats")
    print()
    head = ("| size | method | Tideline prepared | Tideline score_problem | pymcdm "
            "| pymcdm ÷ prepared | pymcdm ÷ score_problem | max score difference | same ranks |")
    print(head)
    print("|" + "---|" * 9)
    for size in SIZES:
        rows = np.loadtxt(folder / f"{size}.csv", delimiter=",", ndmin=2)
        types, weights, q, p, x = rows[0].astype(int), rows[1], rows[2], rows[3], rows[4:]
        for name, call in configs(q, p).items():
            theirs = np.asarray(call(x, weights, types), dtype=float)
            mine = np.loadtxt(folder / f"scores-{size}-{name}.txt", ndmin=1)
            higher = name != "vikor"
            same = ranks(list(theirs), higher) == ranks(list(mine), higher)
            diff = float(np.max(np.abs(theirs - mine)))
            t = best_time(lambda: call(x, weights, types))
            fast, whole = ours[(size, name)]
            print(f"| {size} | {name} | {fast * 1e6:.1f} | {whole * 1e6:.1f} | {t * 1e6:.1f} "
                  f"| {ratio(t / fast)} | {ratio(t / whole)} | {diff:.1e} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
