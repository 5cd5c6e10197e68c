//! Counting what each draw's ranking says, in integers only, so that adding up the threads'
//! counts gives the same totals in any order: results do not depend on the number of threads.

use crate::analysis::scoring::nearly_equal;

/// What one draw counts for: `lcm(1, …, 16)`, so options tied in a group of up to 16 share
/// their ranks exactly (a larger group shares them to within one part in 720,720).
pub(super) const UNIT: u64 = 720_720;

/// Fixed-point scale of the central-weight sums: weights are counted in units of 2⁻⁵².
pub(super) const WEIGHT_SCALE: f64 = (1u64 << 52) as f64;

/// One thread's counts.
#[derive(Clone, Debug)]
pub(super) struct Tally {
    m: usize,
    n: usize,
    /// `ranks[i * m + r]`: option `i` at rank `r` (0 best), in [`UNIT`]s per draw.
    pub ranks: Vec<u64>,
    /// `above[i * m + k]`: draws in which option `i` ranks strictly above option `k`.
    pub above: Vec<u64>,
    /// `central[i * n + j]`: Σ over the draws where `i` ranks first of its share of first rank
    /// (in [`UNIT`]s) × weight `j` (in units of 2⁻⁵²).
    pub central: Vec<u128>,
    /// Second pass: `i`'s share of first rank under its own central weights, in [`UNIT`]s.
    pub confident: Vec<u64>,
    order: Vec<usize>,
    keyed: Vec<(u64, u32)>,
    /// This draw's tie group of each option, as the position where the group starts.
    group: Vec<u32>,
}

impl Tally {
    pub fn new(m: usize, n: usize) -> Self {
        Self {
            m,
            n,
            ranks: vec![0; m * m],
            above: vec![0; m * m],
            central: vec![0; m * n],
            confident: vec![0; m],
            order: Vec::with_capacity(m),
            keyed: Vec::with_capacity(m),
            group: vec![0; m],
        }
    }

    /// Adds `other`'s counts.
    pub fn merge(&mut self, other: &Tally) {
        add(&mut self.ranks, &other.ranks);
        add(&mut self.above, &other.above);
        add(&mut self.confident, &other.confident);
        for (a, b) in self.central.iter_mut().zip(&other.central) {
            *a += b;
        }
    }

    /// Multiplies every count by `k`: `k` identical draws.
    pub fn repeat(&mut self, k: u64) {
        for x in self
            .ranks
            .iter_mut()
            .chain(&mut self.above)
            .chain(&mut self.confident)
        {
            *x *= k;
        }
        for x in &mut self.central {
            *x *= u128::from(k);
        }
    }

    /// Counts one draw: `scores` (higher is better) under `weights`.
    pub fn add_draw(&mut self, scores: &[f64], weights: &[f64]) {
        let m = self.m;
        sort_best_first(scores, &mut self.order, &mut self.keyed);
        let mut start = 0;
        while start < m {
            let end = group_end(scores, &self.order, start);
            let g = (end - start) as u64;
            for a in start..end {
                let i = self.order[a];
                self.group[i] = start as u32;
                let row = &mut self.ranks[i * m..(i + 1) * m];
                if g == 1 {
                    row[start] += UNIT;
                } else {
                    for (b, cell) in row[start..end].iter_mut().enumerate() {
                        *cell += share(a - start, b, g);
                    }
                }
                if start == 0 {
                    let first = u128::from(share(a, 0, g));
                    let n = self.n;
                    for (c, &w) in self.central[i * n..(i + 1) * n].iter_mut().zip(weights) {
                        *c += first * (w * WEIGHT_SCALE).round() as u128;
                    }
                }
            }
            start = end;
        }
        // `i` ranks strictly above `k` when its tie group starts earlier: one pass over each
        // row in option order (no scattered writes, so the compiler can vectorise it).
        for (i, row) in self.above.chunks_exact_mut(m).enumerate() {
            let gi = self.group[i];
            for (c, &gk) in row.iter_mut().zip(&self.group) {
                *c += u64::from(gi < gk);
            }
        }
    }

    /// Second pass: counts option `i`'s share of first rank under `scores`. The same groups as
    /// [`Self::add_draw`] forms, without sorting: the first group is every score equal to the
    /// best within the tolerance, ordered by score, then index.
    pub fn add_first(&mut self, scores: &[f64], i: usize) {
        self.add_first_among(scores.iter().copied().enumerate(), i, scores[i]);
    }

    /// [`Self::add_first`] given only some `(option, score)` pairs, `i`'s (`mine`) among them:
    /// the same count as long as every option left out scores clearly below `mine` (outside
    /// the tie tolerance of the best).
    pub fn add_first_among<I>(&mut self, scores: I, i: usize, mine: f64)
    where
        I: Iterator<Item = (usize, f64)> + Clone,
    {
        let Some(lead) = scores.clone().map(|(_, x)| x).max_by(f64::total_cmp) else {
            return;
        };
        if !nearly_equal(mine, lead) {
            return;
        }
        let (mut g, mut a) = (0u64, 0usize);
        for (k, x) in scores {
            if nearly_equal(x, lead) {
                g += 1;
                // `add_draw`'s order: higher score first, then lower index.
                let ord = x.total_cmp(&mine);
                a += usize::from(ord.is_gt() || (ord.is_eq() && k < i));
            }
        }
        self.confident[i] += share(a, 0, g);
    }
}

fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Option indices best first; equal scores in index order (any fixed order would do: ties
/// share their ranks). Sorts `(key, index)` pairs, `key` ordering like `f64::total_cmp`
/// reversed: plain integers sort much faster than indices compared through the scores.
fn sort_best_first(scores: &[f64], order: &mut Vec<usize>, keyed: &mut Vec<(u64, u32)>) {
    keyed.clear();
    keyed.extend(scores.iter().enumerate().map(|(i, &x)| {
        let bits = x.to_bits();
        // total_cmp's order as unsigned integers, then reversed so the best comes first.
        let ascending = if bits >> 63 == 1 {
            !bits
        } else {
            bits | (1 << 63)
        };
        (!ascending, i as u32)
    }));
    keyed.sort_unstable();
    order.clear();
    order.extend(keyed.iter().map(|&(_, i)| i as usize));
}

/// The end of the tie group starting at `start`: scores equal to the group's first within the
/// scoring tolerance, as `scoring::ranks` groups them.
fn group_end(scores: &[f64], order: &[usize], start: usize) -> usize {
    let lead = scores[order[start]];
    let mut end = start + 1;
    while end < order.len() && nearly_equal(scores[order[end]], lead) {
        end += 1;
    }
    end
}

/// Member `a`'s part of rank `b` in a tie group of `g` (both counted from the group's start):
/// `UNIT / g`, with the remainder of the division handed out as a Latin square, so that every
/// member's parts and every rank's parts add up to exactly `UNIT`.
fn share(a: usize, b: usize, g: u64) -> u64 {
    let extra = u64::from(((a + b) as u64 % g) < UNIT % g);
    UNIT / g + extra
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tied_options_share_their_ranks_and_rows_and_columns_stay_whole() {
        let mut t = Tally::new(4, 1);
        // Options 1 and 3 tie for first; 0 third; 2 last.
        t.add_draw(&[0.5, 0.9, 0.1, 0.9], &[1.0]);
        let b = |i: usize, r: usize| t.ranks[i * 4 + r] as f64 / UNIT as f64;
        assert_eq!((b(1, 0), b(1, 1), b(3, 0), b(3, 1)), (0.5, 0.5, 0.5, 0.5));
        assert_eq!((b(0, 2), b(2, 3)), (1.0, 1.0));
        // `above[i * 4 + k]`: 1 over 3 never (tied), 1 over 0 and 0 over 2 once.
        assert_eq!(t.above[4 + 3], 0);
        assert_eq!(t.above[4], 1);
        assert_eq!(t.above[2], 1);
        // A group of 17 cannot split 720,720 evenly: rows and columns still sum to one draw.
        let mut t = Tally::new(17, 1);
        t.add_draw(&[1.0; 17], &[1.0]);
        for i in 0..17 {
            let row: u64 = t.ranks[i * 17..(i + 1) * 17].iter().sum();
            let col: u64 = (0..17).map(|k| t.ranks[k * 17 + i]).sum();
            assert_eq!((row, col), (UNIT, UNIT));
        }
    }

    #[test]
    fn the_second_pass_counts_first_rank_as_the_first_pass_does() {
        // Ties of two, of three (720,720 / 3 is whole), of seventeen (it is not), near-ties
        // within the tolerance, and none.
        let cases: Vec<Vec<f64>> = vec![
            vec![0.3, 0.9, 0.1, 0.9],
            vec![0.9, 0.9, 0.9 * (1.0 + 1e-12), 0.2],
            vec![1.0; 17],
            vec![0.1, 0.2, 0.3],
        ];
        for scores in cases {
            let m = scores.len();
            let mut by_draw = Tally::new(m, 1);
            by_draw.add_draw(&scores, &[1.0]);
            let mut by_first = Tally::new(m, 1);
            for i in 0..m {
                by_first.add_first(&scores, i);
                assert_eq!(
                    by_first.confident[i],
                    by_draw.ranks[i * m],
                    "{scores:?} {i}"
                );
            }
        }
    }
}
