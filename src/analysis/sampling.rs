//! Seeded random draws for Monte Carlo analyses: a counter-based generator, uniform and
//! triangular values, and weights drawn uniformly on the simplex, with or without an order.
//!
//! Every draw gets its own generator, derived from `(seed, stream, index)` alone, so draw `k`'s
//! numbers are the same whichever thread computes it and however the draws are split: results
//! do not depend on the number of threads. Streams keep unrelated uses apart (weights, scores,
//! a second pass of scores), so that, say, changing how weights are drawn leaves the score draws
//! as they were.

use crate::scenario::model::Uncertainty;

/// The golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (Steele, Lea & Flood 2014): a bijection of `u64` that mixes
/// every input bit into every output bit.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of one draw: SplitMix64 started from a state derived from the seed, the
/// stream and the draw's index. Different indices give different starting states (each step of
/// the derivation is a bijection in the index).
#[derive(Clone, Debug)]
pub struct DrawRng {
    state: u64,
}

impl DrawRng {
    pub fn new(seed: u64, stream: u64, index: u64) -> Self {
        let key = mix(seed ^ mix(stream.wrapping_mul(GAMMA) ^ 0x5851_F42D_4C95_7F2D));
        Self {
            state: mix(key ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        mix(self.state)
    }

    /// A uniform number in `[0, 1)`, on a grid of 2⁻⁵³.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform index in `0..n` (`n` ≥ 1).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// An exponential number of mean 1, finite: `−ln(1 − u)` with `1 − u` in `(0, 1]`.
    pub fn exponential(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }
}

/// Uniform in `low..high`.
pub fn uniform(rng: &mut DrawRng, low: f64, high: f64) -> f64 {
    low + (high - low) * rng.unit()
}

/// Triangular with mode `likely`, by the inverse of its distribution function: below the mode
/// `F(x) = (x − a)² / ((b − a)(c − a))`, above it `1 − (b − x)² / ((b − a)(b − c))`.
pub fn triangular(rng: &mut DrawRng, low: f64, likely: f64, high: f64) -> f64 {
    let span = high - low;
    if span <= 0.0 {
        return low;
    }
    let u = rng.unit();
    let split = (likely - low) / span;
    if u < split {
        low + (u * span * (likely - low)).sqrt()
    } else {
        high - ((1.0 - u) * span * (high - likely)).sqrt()
    }
}

/// One value from a cell's uncertainty.
pub fn draw(rng: &mut DrawRng, u: &Uncertainty) -> f64 {
    match *u {
        Uncertainty::Range { low, high } => uniform(rng, low, high),
        Uncertainty::Triangular { low, likely, high } => triangular(rng, low, likely, high),
    }
}

/// A cell's uncertainty made ready for many draws: [`draw`]'s very numbers, without its
/// per-draw division and matching.
#[derive(Clone, Copy, Debug)]
pub struct Prepared {
    low: f64,
    high: f64,
    span: f64,
    /// Triangular: the mode's share of the span, and the mode's distances from the ends.
    split: f64,
    to_mode: f64,
    from_mode: f64,
    shape: Shape,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Uniform,
    Triangular,
    /// A triangular of no width: always `low`, drawing nothing.
    Point,
}

impl Prepared {
    pub fn new(u: &Uncertainty) -> Self {
        let (low, high) = u.bounds();
        let span = high - low;
        let (shape, likely) = match *u {
            Uncertainty::Range { .. } => (Shape::Uniform, low),
            Uncertainty::Triangular { likely, .. } if span > 0.0 => (Shape::Triangular, likely),
            Uncertainty::Triangular { likely, .. } => (Shape::Point, likely),
        };
        Self {
            low,
            high,
            span,
            split: (likely - low) / span,
            to_mode: likely - low,
            from_mode: high - likely,
            shape,
        }
    }

    /// One value: the same as [`draw`] on the same generator.
    pub fn draw(&self, rng: &mut DrawRng) -> f64 {
        match self.shape {
            Shape::Uniform => self.low + self.span * rng.unit(),
            Shape::Point => self.low,
            Shape::Triangular => {
                let u = rng.unit();
                // Both branches as [`triangular`] computes them; chosen without a jump.
                let below = u < self.split;
                let (from, k, sign) = if below {
                    (self.low, u * self.span * self.to_mode, 1.0)
                } else {
                    (self.high, (1.0 - u) * self.span * self.from_mode, -1.0)
                };
                from + sign * k.sqrt()
            }
        }
    }
}

/// Fills `out` with a point drawn uniformly on the simplex (non-negative, summing to 1):
/// normalised exponentials, i.e. Dirichlet(1, …, 1). Drawing each weight uniformly and then
/// normalising would not be uniform: it shies away from extreme weights.
pub fn simplex(rng: &mut DrawRng, out: &mut [f64]) {
    let mut total = 0.0;
    for w in out.iter_mut() {
        *w = rng.exponential();
        total += *w;
    }
    if total > 0.0 {
        for w in out.iter_mut() {
            *w /= total;
        }
    } else if let Some(first) = out.first_mut() {
        // All exponentials 0 (each has probability 2⁻⁵³): put the weight on one.
        *first = 1.0;
    }
}

/// A standard normal number (Box–Muller, one of the pair).
pub fn normal(rng: &mut DrawRng) -> f64 {
    let r = (-2.0 * (1.0 - rng.unit()).ln()).sqrt();
    r * (std::f64::consts::TAU * rng.unit()).cos()
}

/// A Gamma(`shape`, 1) number, `shape` > 0: exponential for shape 1; Marsaglia & Tsang's
/// (2000) squeeze and rejection for shapes of 1 or more; `Gamma(a + 1) · U^(1/a)` below 1.
pub fn gamma(rng: &mut DrawRng, shape: f64) -> f64 {
    if shape == 1.0 {
        return rng.exponential();
    }
    if shape < 1.0 {
        let u = 1.0 - rng.unit();
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    // Accepts with probability above 0.95 for every shape; the bound only keeps a run finite.
    for _ in 0..1000 {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = 1.0 - rng.unit();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
    d
}

/// Fills `out` with a Dirichlet(`alpha`) point (normalised Gamma(`alpha_k`) numbers); with
/// every `alpha_k` 1 it is [`simplex`], number for number.
pub fn dirichlet(rng: &mut DrawRng, alpha: &[f64], out: &mut [f64]) {
    let mut total = 0.0;
    for (w, &a) in out.iter_mut().zip(alpha) {
        *w = gamma(rng, a);
        total += *w;
    }
    if total > 0.0 {
        for w in out.iter_mut() {
            *w /= total;
        }
    } else if let Some(first) = out.first_mut() {
        *first = 1.0;
    }
}

/// Weights uniform over those that respect a weak order of the criteria: `levels`, best first,
/// each a set of criterion indices. A criterion of a better level weighs at least as much as
/// one of a worse level; criteria within one level are not ordered among themselves; criteria
/// in no level weigh 0.
///
/// Exact, without rejection: a uniform simplex point sorted in decreasing order is uniform over
/// the ordered region of one linear extension of the order; the levels then take the largest
/// values in turn, shuffled within each level, which picks one of the (equally large) regions
/// of the linear extensions at random.
#[derive(Clone, Debug)]
pub struct OrdinalSampler {
    levels: Vec<Vec<usize>>,
    count: usize,
}

impl OrdinalSampler {
    /// `levels` must not name a criterion twice (the caller checks; see `smaa`).
    pub fn new(levels: Vec<Vec<usize>>) -> Self {
        let levels: Vec<Vec<usize>> = levels.into_iter().filter(|l| !l.is_empty()).collect();
        let count = levels.iter().map(Vec::len).sum();
        Self { levels, count }
    }

    /// Fills `out` (one entry per criterion); `scratch` is reused between draws.
    pub fn sample(&self, rng: &mut DrawRng, scratch: &mut Vec<f64>, out: &mut [f64]) {
        out.fill(0.0);
        scratch.clear();
        scratch.resize(self.count, 0.0);
        simplex(rng, scratch);
        scratch.sort_unstable_by(|a, b| b.total_cmp(a));
        let mut next = 0;
        for level in &self.levels {
            let values = &mut scratch[next..next + level.len()];
            // Fisher–Yates: which member of the level takes which of its values.
            for i in (1..values.len()).rev() {
                values.swap(i, rng.below(i + 1));
            }
            for (&c, &v) in level.iter().zip(values.iter()) {
                if let Some(w) = out.get_mut(c) {
                    *w = v;
                }
            }
            next += level.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: usize = 200_000;

    fn mean_of(mut f: impl FnMut(&mut DrawRng) -> f64) -> f64 {
        (0..N)
            .map(|k| f(&mut DrawRng::new(7, 1, k as u64)))
            .sum::<f64>()
            / N as f64
    }

    #[test]
    fn a_draw_depends_only_on_seed_stream_and_index() {
        let seq = |seed, stream, index| {
            let mut r = DrawRng::new(seed, stream, index);
            (0..4).map(|_| r.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(seq(1, 0, 5), seq(1, 0, 5));
        assert_ne!(seq(1, 0, 5), seq(1, 0, 6));
        assert_ne!(seq(1, 0, 5), seq(1, 1, 5));
        assert_ne!(seq(1, 0, 5), seq(2, 0, 5));
    }

    #[test]
    fn uniform_numbers_are_in_range_and_centred() {
        let mut r = DrawRng::new(3, 0, 0);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(3) < 3);
        }
        // Mean 1/2, standard error √(1/12/N) ≈ 0.00065.
        let m = mean_of(DrawRng::unit);
        assert!((m - 0.5).abs() < 0.003, "{m}");
        // Consecutive draws are not correlated: E[u_k u_(k+1)] = 1/4.
        let pairs: f64 = (0..N)
            .map(|k| DrawRng::new(7, 1, k as u64).unit() * DrawRng::new(7, 1, k as u64 + 1).unit())
            .sum::<f64>()
            / N as f64;
        assert!((pairs - 0.25).abs() < 0.003, "{pairs}");
    }

    #[test]
    fn triangular_draws_have_the_analytic_mean_and_mode_share() {
        let (a, c, b) = (2.0, 3.0, 7.0);
        let mut r = DrawRng::new(1, 0, 0);
        let xs: Vec<f64> = (0..N).map(|_| triangular(&mut r, a, c, b)).collect();
        assert!(xs.iter().all(|&x| (a..=b).contains(&x)));
        // Mean (a + b + c)/3 = 4; variance (a² + b² + c² − ab − ac − bc)/18 = 13/18.
        let mean = xs.iter().sum::<f64>() / N as f64;
        let se = (13.0 / 18.0 / N as f64).sqrt();
        assert!((mean - 4.0).abs() < 5.0 * se, "{mean}");
        // P(X ≤ mode) = (c − a)/(b − a) = 0.2.
        let below = xs.iter().filter(|&&x| x <= c).count() as f64 / N as f64;
        assert!((below - 0.2).abs() < 0.005, "{below}");
        // Degenerate: a point.
        assert_eq!(triangular(&mut r, 4.0, 4.0, 4.0), 4.0);
        // A range is uniform: mean of U(2, 4) is 3.
        let m = mean_of(|r| {
            draw(
                r,
                &Uncertainty::Range {
                    low: 2.0,
                    high: 4.0,
                },
            )
        });
        assert!((m - 3.0).abs() < 0.005, "{m}");
    }

    #[test]
    fn prepared_draws_are_the_same_numbers() {
        let cells = [
            Uncertainty::Range {
                low: 2.0,
                high: 4.5,
            },
            Uncertainty::Triangular {
                low: 1.0,
                likely: 1.3,
                high: 7.0,
            },
            Uncertainty::Triangular {
                low: 3.0,
                likely: 3.0,
                high: 3.0,
            },
        ];
        let prepared: Vec<Prepared> = cells.iter().map(Prepared::new).collect();
        for k in 0..2000 {
            let (mut a, mut b) = (DrawRng::new(3, 1, k), DrawRng::new(3, 1, k));
            for (u, p) in cells.iter().zip(&prepared) {
                assert_eq!(draw(&mut a, u).to_bits(), p.draw(&mut b).to_bits());
            }
        }
    }

    #[test]
    fn simplex_draws_are_uniform_not_normalised_uniforms() {
        // Uniform on the 3-simplex, each weight is Beta(1, 2): P(w > 1/2) = (1 − 1/2)² = 1/4.
        // Normalising three uniforms instead gives about 0.146 (it avoids extreme weights).
        let mut w = [0.0; 3];
        let mut above = 0;
        let mut sum0 = 0.0;
        for k in 0..N {
            simplex(&mut DrawRng::new(11, 0, k as u64), &mut w);
            assert!(w.iter().all(|&x| x >= 0.0));
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            above += usize::from(w[0] > 0.5);
            sum0 += w[0];
        }
        let share = above as f64 / N as f64;
        assert!((share - 0.25).abs() < 0.005, "{share}");
        assert!((sum0 / N as f64 - 1.0 / 3.0).abs() < 0.003);
    }

    #[test]
    fn dirichlet_draws_have_the_analytic_means_and_variances() {
        // Dirichlet(α): E[w_k] = α_k / α₀, Var = α_k (α₀ − α_k) / (α₀² (α₀ + 1)). Shapes below
        // 1, at 1 and above it, and a large one (a vote weight of 50).
        let alpha = [0.5, 1.0, 3.0, 50.0];
        let a0: f64 = alpha.iter().sum();
        let mut w = [0.0; 4];
        let (mut sum, mut sq) = ([0.0; 4], [0.0; 4]);
        for k in 0..N {
            dirichlet(&mut DrawRng::new(13, 0, k as u64), &alpha, &mut w);
            assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12 && w.iter().all(|&x| x >= 0.0));
            for j in 0..4 {
                sum[j] += w[j];
                sq[j] += w[j] * w[j];
            }
        }
        for j in 0..4 {
            let mean = alpha[j] / a0;
            let var = alpha[j] * (a0 - alpha[j]) / (a0 * a0 * (a0 + 1.0));
            let got = sum[j] / N as f64;
            assert!(
                (got - mean).abs() < 5.0 * (var / N as f64).sqrt(),
                "{j}: {got} {mean}"
            );
            let got_var = sq[j] / N as f64 - got * got;
            assert!((got_var - var).abs() < 0.05 * var, "{j}: {got_var} {var}");
        }
        // All shapes 1: the uniform simplex draw itself.
        let (mut a, mut b) = ([0.0; 3], [0.0; 3]);
        dirichlet(&mut DrawRng::new(4, 0, 9), &[1.0; 3], &mut a);
        simplex(&mut DrawRng::new(4, 0, 9), &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn ordered_weights_have_the_rank_order_centroid_as_their_mean() {
        // Uniform over w1 ≥ w2 ≥ w3 ≥ w4 on the simplex, E[w_k] = (1/4) Σ_{i=k..4} 1/i
        // (Barron & Barrett 1996): 25/48, 13/48, 7/48, 3/48. Criterion 4 is in no level: 0.
        let sampler = OrdinalSampler::new(vec![vec![2], vec![0], vec![3], vec![1]]);
        let expected = [13.0 / 48.0, 3.0 / 48.0, 25.0 / 48.0, 7.0 / 48.0, 0.0];
        let mut sums = [0.0; 5];
        let mut w = [0.0; 5];
        let mut scratch = Vec::new();
        for k in 0..N {
            sampler.sample(&mut DrawRng::new(5, 0, k as u64), &mut scratch, &mut w);
            assert!(w[2] >= w[0] && w[0] >= w[3] && w[3] >= w[1] && w[4] == 0.0);
            for (s, x) in sums.iter_mut().zip(w) {
                *s += x;
            }
        }
        for (s, e) in sums.iter().zip(expected) {
            // Each weight's standard deviation is below 0.2: the error below 0.2/√N ≈ 0.00045.
            assert!((s / N as f64 - e).abs() < 0.003, "{sums:?}");
        }
    }

    #[test]
    fn tied_criteria_share_their_positions() {
        // Levels {0, 1} > {2}: uniform over w0, w1 ≥ w2. Each tied one averages the first two
        // centroid positions of three, (11/18 + 5/18)/2 = 4/9; the last gets 2/18 = 1/9.
        let sampler = OrdinalSampler::new(vec![vec![0, 1], vec![2]]);
        let mut sums = [0.0; 3];
        let mut w = [0.0; 3];
        let mut scratch = Vec::new();
        let mut first_wins = 0;
        for k in 0..N {
            sampler.sample(&mut DrawRng::new(9, 0, k as u64), &mut scratch, &mut w);
            assert!(w[0] >= w[2] && w[1] >= w[2]);
            first_wins += usize::from(w[0] > w[1]);
            for (s, x) in sums.iter_mut().zip(w) {
                *s += x;
            }
        }
        let expected = [4.0 / 9.0, 4.0 / 9.0, 1.0 / 9.0];
        for (s, e) in sums.iter().zip(expected) {
            assert!((s / N as f64 - e).abs() < 0.003, "{sums:?}");
        }
        let share = first_wins as f64 / N as f64;
        assert!((share - 0.5).abs() < 0.005, "{share}");
    }
}
