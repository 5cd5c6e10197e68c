//! How each draw's weights are made, by the information the user chose.

use super::{SmaaError, WeightInfo};
use crate::analysis::sampling::{self, DrawRng, OrdinalSampler};
use crate::analysis::scoring::nearly_equal;
use crate::scenario::elicitation::apply_record;
use crate::scenario::model::{ElicitationInput, Scenario, WeightProfile};
use crate::scenario::weights::{WeightMap, effective_weights};

/// Draws one weight vector (effective criterion weights, summing to 1) per draw.
pub enum Sampler {
    /// The same weights every draw.
    Exact(Vec<f64>),
    Ranges(Ranges),
    Ordinal(OrdinalSampler),
    /// Uniform over the whole simplex of every criterion.
    Flat,
    /// One profile's effective weights a draw, chosen with probability proportional to its
    /// vote weight.
    Profiles(Room),
    /// A convex combination of every profile's effective weights, the coefficients
    /// Dirichlet(vote weights).
    Blend(Room),
}

/// The scenario's profiles, as `profiles` and `blend` draw from them.
pub struct Room {
    /// Each profile's effective weights.
    weights: Vec<Vec<f64>>,
    /// Vote weights.
    votes: Vec<f64>,
    /// Running sums of `votes`, for picking one.
    cumulative: Vec<f64>,
}

impl Room {
    /// Profiles whose effective weights are all 0 (they cannot rank anything) are left out.
    fn new(scenario: &Scenario) -> Room {
        let mut room = Room {
            weights: Vec::new(),
            votes: Vec::new(),
            cumulative: Vec::new(),
        };
        let mut total = 0.0;
        for p in &scenario.profiles {
            let w = effective_weights(scenario, p);
            let vote = if p.vote_weight.is_finite() && p.vote_weight > 0.0 {
                p.vote_weight
            } else {
                1.0
            };
            if w.iter().any(|&x| x > 0.0) {
                total += vote;
                room.weights.push(w);
                room.votes.push(vote);
                room.cumulative.push(total);
            }
        }
        room
    }

    /// Criteria some profile weighs above 0.
    fn active(&self, n: usize) -> Vec<bool> {
        (0..n)
            .map(|j| {
                self.weights
                    .iter()
                    .any(|w| w.get(j).is_some_and(|&x| x > 0.0))
            })
            .collect()
    }

    /// One profile, with probability proportional to its vote weight.
    fn pick(&self, rng: &mut DrawRng) -> Option<&[f64]> {
        let total = self.cumulative.last()?;
        let u = rng.unit() * total;
        let k = self.cumulative.partition_point(|&c| c <= u);
        self.weights
            .get(k.min(self.weights.len() - 1))
            .map(Vec::as_slice)
    }

    fn blend(&self, rng: &mut DrawRng, coefficients: &mut Vec<f64>, out: &mut [f64]) {
        coefficients.clear();
        coefficients.resize(self.votes.len(), 0.0);
        sampling::dirichlet(rng, &self.votes, coefficients);
        out.fill(0.0);
        for (c, w) in coefficients.iter().zip(&self.weights) {
            for (o, x) in out.iter_mut().zip(w) {
                *o += c * x;
            }
        }
    }
}

/// `weight_ranges`: a criterion's weight within its family drawn uniformly from its range, in
/// the units of `criterion_weights`; the tree then makes it effective as `effective_weights`
/// does (family weight × share within the family, normalised).
pub struct Ranges {
    /// The family index of each criterion.
    family_of: Vec<Option<usize>>,
    /// The raw weight of each family.
    family_w: Vec<f64>,
    /// The raw weight of each criterion within its family.
    raw: Vec<f64>,
    /// `(criterion, low, high)`.
    ranges: Vec<(usize, f64, f64)>,
}

/// A thread's buffers for drawing weights.
#[derive(Default)]
pub struct WeightScratch {
    values: Vec<f64>,
    inner: Vec<f64>,
}

/// A weight in a profile's map: an empty map weighs everything alike (1), an id missing from a
/// non-empty map weighs 0 (the rule of `weights::effective_weights`).
fn raw_weight(map: &WeightMap, id: &str) -> f64 {
    if map.is_empty() {
        1.0
    } else {
        map.get(id).unwrap_or(0.0)
    }
}

impl Sampler {
    /// The sampler for `info` on profile `p`, and which criteria can get a weight above 0.
    pub fn new(
        scenario: &Scenario,
        p: usize,
        info: WeightInfo,
        order: Option<&[Vec<String>]>,
    ) -> Result<(Sampler, Vec<bool>), SmaaError> {
        let profile = scenario
            .profiles
            .get(p)
            .ok_or(crate::analysis::scoring::ScoreError::NoProfile)?;
        let n = scenario.criteria.len();
        Ok(match info {
            WeightInfo::Exact => {
                let w = effective_weights(scenario, profile);
                let active = w.iter().map(|&x| x > 0.0).collect();
                (Sampler::Exact(w), active)
            }
            WeightInfo::None => (Sampler::Flat, vec![true; n]),
            WeightInfo::Ordinal => {
                let levels = match order {
                    Some(order) => explicit_levels(scenario, order)?,
                    None => profile_levels(scenario, p),
                };
                let mut active = vec![false; n];
                for &c in levels.iter().flatten() {
                    active[c] = true;
                }
                (Sampler::Ordinal(OrdinalSampler::new(levels)), active)
            }
            WeightInfo::Ranges => {
                let r = Ranges::new(scenario, profile)?;
                let active = r.active();
                (Sampler::Ranges(r), active)
            }
            WeightInfo::Profiles => {
                let room = Room::new(scenario);
                let active = room.active(n);
                (Sampler::Profiles(room), active)
            }
            WeightInfo::Blend => {
                let room = Room::new(scenario);
                let active = room.active(n);
                (Sampler::Blend(room), active)
            }
        })
    }

    /// Whether every draw gets the same weights.
    pub fn is_fixed(&self) -> bool {
        match self {
            Sampler::Exact(_) => true,
            Sampler::Profiles(room) | Sampler::Blend(room) => room.weights.len() == 1,
            _ => false,
        }
    }

    pub fn sample(&self, rng: &mut DrawRng, scratch: &mut WeightScratch, out: &mut [f64]) {
        match self {
            Sampler::Exact(w) => out.copy_from_slice(w),
            Sampler::Flat => sampling::simplex(rng, out),
            Sampler::Ordinal(o) => o.sample(rng, &mut scratch.values, out),
            Sampler::Ranges(r) => r.sample(rng, scratch, out),
            Sampler::Profiles(room) => match room.pick(rng) {
                Some(w) => out.copy_from_slice(w),
                None => out.fill(0.0),
            },
            Sampler::Blend(room) => room.blend(rng, &mut scratch.values, out),
        }
    }
}

impl Ranges {
    fn new(scenario: &Scenario, profile: &WeightProfile) -> Result<Ranges, SmaaError> {
        if profile.weight_ranges.is_empty() {
            return Err(SmaaError::NoRanges(profile.id.clone()));
        }
        let family_of = scenario
            .criteria
            .iter()
            .map(|c| scenario.families.iter().position(|f| f.id == c.family))
            .collect();
        let family_w = scenario
            .families
            .iter()
            .map(|f| raw_weight(&profile.family_weights, &f.id))
            .collect();
        let raw = scenario
            .criteria
            .iter()
            .map(|c| raw_weight(&profile.criterion_weights, &c.id))
            .collect();
        let mut ranges: Vec<(usize, f64, f64)> = Vec::new();
        for r in &profile.weight_ranges {
            if let Some(c) = scenario.criterion_index(&r.criterion) {
                // A later range for the same criterion replaces an earlier one.
                ranges.retain(|x| x.0 != c);
                ranges.push((c, r.low, r.high));
            }
        }
        Ok(Ranges {
            family_of,
            family_w,
            raw,
            ranges,
        })
    }

    /// Criteria whose effective weight can be above 0: a family of positive weight and a
    /// positive weight within it, or a range reaching above 0.
    fn active(&self) -> Vec<bool> {
        let mut top = self.raw.clone();
        for &(c, _, high) in &self.ranges {
            top[c] = high;
        }
        top.iter()
            .zip(&self.family_of)
            .map(|(&w, f)| {
                w > 0.0 && f.is_some_and(|f| self.family_w[f] > 0.0 && self.family_w[f].is_finite())
            })
            .collect()
    }

    fn sample(&self, rng: &mut DrawRng, scratch: &mut WeightScratch, out: &mut [f64]) {
        let raw = &mut scratch.values;
        raw.clear();
        raw.extend_from_slice(&self.raw);
        for &(c, low, high) in &self.ranges {
            raw[c] = sampling::uniform(rng, low, high);
        }
        self.effective(raw, &mut scratch.inner, out);
    }

    /// `weights::effective_weights` on raw criterion weights.
    fn effective(&self, raw: &[f64], inner: &mut Vec<f64>, out: &mut [f64]) {
        inner.clear();
        inner.resize(self.family_w.len(), 0.0);
        for (w, f) in raw.iter().zip(&self.family_of) {
            if let Some(f) = f {
                inner[*f] += w;
            }
        }
        let mut total = 0.0;
        for ((o, &w), f) in out.iter_mut().zip(raw).zip(&self.family_of) {
            *o = match f {
                Some(f) if inner[*f] > 0.0 => self.family_w[*f] * w / inner[*f],
                _ => 0.0,
            };
            if !o.is_finite() || *o < 0.0 {
                *o = 0.0;
            }
            total += *o;
        }
        if total > 0.0 {
            for o in out.iter_mut() {
                *o /= total;
            }
        }
    }
}

/// Levels (best first) of the criteria with an effective weight above 0, equal weights
/// (within the scoring tie tolerance) sharing a level.
fn levels_of(weights: &[f64]) -> Vec<Vec<usize>> {
    let mut idx: Vec<usize> = (0..weights.len()).filter(|&j| weights[j] > 0.0).collect();
    idx.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    let mut levels: Vec<Vec<usize>> = Vec::new();
    let mut lead = f64::NAN;
    for j in idx {
        match levels.last_mut() {
            Some(level) if nearly_equal(weights[j], lead) => level.push(j),
            _ => {
                lead = weights[j];
                levels.push(vec![j]);
            }
        }
    }
    levels
}

/// The order of the profile's effective weights; where the profile keeps ranking elicitations,
/// the weights those rankings give (so a ranking's ties stay ties, and weights edited by hand
/// since do not override the ranking).
pub(super) fn profile_levels(scenario: &Scenario, p: usize) -> Vec<Vec<usize>> {
    let profile = &scenario.profiles[p];
    let rankings: Vec<_> = profile
        .elicited
        .iter()
        .filter(|r| matches!(r.input, ElicitationInput::Ranking { .. }))
        .collect();
    if rankings.is_empty() {
        return levels_of(&effective_weights(scenario, profile));
    }
    let mut s = scenario.clone();
    for record in rankings {
        // A record that no longer fits the tree (validation reports it) is passed over.
        if let Ok(updated) = apply_record(&s, &profile.id, record) {
            s.profiles[p] = updated;
        }
    }
    levels_of(&effective_weights(&s, &s.profiles[p]))
}

/// An order given as levels of criterion ids; a criterion named twice contradicts it.
fn explicit_levels(
    scenario: &Scenario,
    order: &[Vec<String>],
) -> Result<Vec<Vec<usize>>, SmaaError> {
    let mut seen: Vec<Option<usize>> = vec![None; scenario.criteria.len()];
    let mut levels = Vec::new();
    for (k, level) in order.iter().enumerate() {
        let mut out = Vec::new();
        for id in level {
            let Some(c) = scenario.criterion_index(id) else {
                let known: Vec<&str> = scenario.criteria.iter().map(|c| c.id.as_str()).collect();
                return Err(SmaaError::Order(format!(
                    "unknown criterion `{id}`; expected one of: {}",
                    known.join(", ")
                )));
            };
            if let Some(first) = seen[c] {
                let how = if first == k {
                    format!("twice in place {}", k + 1)
                } else {
                    format!("in places {} and {}", first + 1, k + 1)
                };
                return Err(SmaaError::Order(format!(
                    "criterion `{id}` is ranked {how}: the order contradicts itself"
                )));
            }
            seen[c] = Some(k);
            out.push(c);
        }
        if out.is_empty() {
            return Err(SmaaError::Order(format!(
                "place {} names no criterion",
                k + 1
            )));
        }
        levels.push(out);
    }
    if levels.is_empty() {
        return Err(SmaaError::Order("the order names no criterion".into()));
    }
    Ok(levels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;
    use crate::scenario::model::WeightRange;

    #[test]
    fn drawn_ranges_become_the_weights_the_scenario_would_give() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let p = s.profile_index("prevention-first").unwrap_or(usize::MAX);
        let mut profile = s.profiles[p].clone();
        // A range on an unranged family too, and a criterion map left empty in a copy.
        profile.weight_ranges.push(WeightRange {
            criterion: "speed".into(),
            low: 0.0,
            high: 5.0,
        });
        for empty_map in [false, true] {
            if empty_map {
                profile.criterion_weights = WeightMap::default();
            }
            let ranges = Ranges::new(&s, &profile).unwrap_or_else(|e| panic!("{e}"));
            let mut scratch = WeightScratch::default();
            let mut w = vec![0.0; s.criteria.len()];
            for k in 0..50 {
                let mut rng = DrawRng::new(1, 0, k);
                ranges.sample(&mut rng, &mut scratch, &mut w);
                // The same draw, written into a full criterion map and made effective by the
                // scenario's own function.
                let mut rng = DrawRng::new(1, 0, k);
                let mut written = profile.clone();
                let mut raw: Vec<f64> = s
                    .criteria
                    .iter()
                    .map(|c| raw_weight(&profile.criterion_weights, &c.id))
                    .collect();
                for &(c, low, high) in &ranges.ranges {
                    raw[c] = sampling::uniform(&mut rng, low, high);
                }
                written.criterion_weights =
                    s.criteria.iter().map(|c| c.id.clone()).zip(raw).collect();
                let expected = effective_weights(&s, &written);
                for (a, b) in w.iter().zip(&expected) {
                    assert!((a - b).abs() < 1e-12, "{w:?} {expected:?}");
                }
            }
        }
    }

    #[test]
    fn levels_group_equal_weights_and_leave_zeros_out() {
        let levels = levels_of(&[0.2, 0.0, 0.4, 0.2, 0.2 + 1e-13, 0.1]);
        // Within a level the order does not matter (the heaviest comes first).
        assert_eq!(levels, vec![vec![2], vec![4, 0, 3], vec![5]]);
    }
}
