//! A group profile from chosen profiles, each counting its vote weight, by one of three rules:
//! the mean or the median of their effective weights, or the geometric mean of their pairwise
//! judgements (Aczél & Saaty 1983) turned into weights by the usual elicitation code. Also
//! how far apart the chosen profiles are on every criterion weight.
//!
//! Vote weights act as repetition: a profile with vote weight 2 counts exactly as if it were
//! chosen twice, under every rule and in the spread.

use thiserror::Error;

use crate::scenario::elicitation::{ElicitationError, compute, judgement, scope_members};
use crate::scenario::model::{
    Elicitation, ElicitationInput, ElicitationRecord, ElicitationScope, PairwiseWeighting,
    Scenario, WeightMap, WeightProfile,
};
use crate::scenario::weights::{criterion_shares, effective_weights, family_shares, normalized};

/// How the chosen profiles' weights are pooled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupRule {
    /// Vote-weighted arithmetic mean of the effective criterion weights.
    Mean,
    /// Vote-weighted median of each effective criterion weight, then renormalised to sum 1.
    Median,
    /// Vote-weighted geometric mean of the pairwise judgements of every scope that all chosen
    /// profiles judged pairwise (the aggregation of individual judgements, AIJ); other scopes
    /// take the mean of the profiles' shares at that level.
    Geometric,
}

impl GroupRule {
    /// The keyword the command line uses.
    pub fn keyword(self) -> &'static str {
        match self {
            GroupRule::Mean => "mean",
            GroupRule::Median => "median",
            GroupRule::Geometric => "geometric",
        }
    }
}

/// Why no group profile could be made.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum GroupError {
    #[error("no profiles were chosen")]
    NoProfiles,
    #[error("no profile at index {0}")]
    UnknownProfile(usize),
    #[error(
        "the geometric rule pools pairwise judgements, and no scope (the family weights, or the weights within a family) is judged pairwise by every chosen profile; {0}"
    )]
    NoSharedJudgements(String),
    #[error("the median of every criterion weight is 0; use the mean")]
    AllZero,
    #[error("the pooled judgements for {scope}: {error}")]
    Elicitation {
        scope: String,
        error: ElicitationError,
    },
}

/// How far apart the chosen profiles are on one effective criterion weight (shares of 1),
/// each profile counting its vote weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub max: f64,
    /// Third quartile minus first, by [`weighted_quantile`].
    pub iqr: f64,
}

/// A group profile and the spread it summarises.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The new profile (id and name as given); its effective weights are [`Self::weights`].
    pub profile: WeightProfile,
    /// Its effective criterion weights, in scenario order, summing to 1.
    pub weights: Vec<f64>,
    /// The spread of each effective criterion weight across the chosen profiles.
    pub spread: Vec<Spread>,
    /// The geometric rule: the scopes whose weights come from pooled judgements.
    pub pooled: Vec<ElicitationScope>,
}

/// Pools the profiles at `members` (indices into `scenario.profiles`; one listed twice counts
/// twice) by `rule` into a new profile with `id` and `name`.
pub fn group_profile(
    scenario: &Scenario,
    members: &[usize],
    rule: GroupRule,
    id: &str,
    name: &str,
) -> Result<Group, GroupError> {
    if members.is_empty() {
        return Err(GroupError::NoProfiles);
    }
    let chosen: Vec<&WeightProfile> = members
        .iter()
        .map(|&i| {
            scenario
                .profiles
                .get(i)
                .ok_or(GroupError::UnknownProfile(i))
        })
        .collect::<Result<_, _>>()?;
    let votes: Vec<f64> = chosen.iter().map(|p| vote(p)).collect();
    let effective: Vec<Vec<f64>> = chosen
        .iter()
        .map(|p| effective_weights(scenario, p))
        .collect();
    let m = scenario.criteria.len();
    let column = |j: usize| -> Vec<f64> { effective.iter().map(|w| w[j]).collect() };
    let spread = (0..m)
        .map(|j| {
            let x = column(j);
            Spread {
                min: x.iter().copied().fold(f64::INFINITY, f64::min),
                max: x.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                iqr: weighted_quantile(&x, &votes, 0.75) - weighted_quantile(&x, &votes, 0.25),
            }
        })
        .collect();
    let names: Vec<&str> = chosen.iter().map(|p| p.id.as_str()).collect();
    let mut profile = WeightProfile {
        id: id.to_string(),
        name: name.to_string(),
        author: String::new(),
        note: format!(
            "Group profile of {} by the {} rule, each counting its vote weight.",
            names.join(", "),
            rule.keyword()
        ),
        provenance: None,
        elicitation: Elicitation::Direct,
        vote_weight: 1.0,
        family_weights: WeightMap::default(),
        criterion_weights: WeightMap::default(),
        weight_ranges: Vec::new(),
        i18n: Default::default(),
        elicited: Vec::new(),
        room: None,
    };
    let mut pooled = Vec::new();
    match rule {
        GroupRule::Mean => {
            let w: Vec<f64> = (0..m).map(|j| weighted_mean(&column(j), &votes)).collect();
            set_effective(scenario, &mut profile, &normalized(w));
        }
        GroupRule::Median => {
            let w: Vec<f64> = (0..m)
                .map(|j| weighted_quantile(&column(j), &votes, 0.5))
                .collect();
            if w.iter().all(|&x| x <= 0.0) {
                return Err(GroupError::AllZero);
            }
            set_effective(scenario, &mut profile, &normalized(w));
        }
        GroupRule::Geometric => {
            pooled = geometric(scenario, &chosen, &votes, &mut profile)?;
        }
    }
    let weights = effective_weights(scenario, &profile);
    Ok(Group {
        profile,
        weights,
        spread,
        pooled,
    })
}

/// A profile's vote weight, 0 when it is not a finite positive number (validation refuses
/// those; a pooled rule must not divide by them).
fn vote(p: &WeightProfile) -> f64 {
    if p.vote_weight.is_finite() && p.vote_weight > 0.0 {
        p.vote_weight
    } else {
        0.0
    }
}

/// Writes effective weights `w` into `profile`: each criterion's own weight, and each family
/// the sum of its criteria, so that the effective weights are `w` again.
fn set_effective(scenario: &Scenario, profile: &mut WeightProfile, w: &[f64]) {
    profile.criterion_weights = scenario
        .criteria
        .iter()
        .zip(w)
        .map(|(c, &x)| (c.id.clone(), x))
        .collect();
    profile.family_weights = scenario
        .families
        .iter()
        .map(|f| {
            let total = scenario
                .criteria
                .iter()
                .zip(w)
                .filter(|(c, _)| c.family == f.id)
                .map(|(_, &x)| x)
                .sum();
            (f.id.clone(), total)
        })
        .collect();
}

/// Σ v·x / Σ v; 0 when the votes sum to 0.
pub fn weighted_mean(x: &[f64], votes: &[f64]) -> f64 {
    let total: f64 = votes.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    x.iter().zip(votes).map(|(a, v)| a * v).sum::<f64>() / total
}

/// The `p`-quantile of values `x` carrying weights `votes`: the smallest value whose cumulative
/// weight reaches p of the total, or, where the cumulative weight equals p of the total exactly
/// at a value, the mean of it and the next (Hyndman & Fan 1996, definition 2, with weights).
/// With equal weights this is the usual median (the mean of the middle two for an even count),
/// and a value with weight 2 counts as that value listed twice. 0 for no values.
pub fn weighted_quantile(x: &[f64], votes: &[f64], p: f64) -> f64 {
    let mut pairs: Vec<(f64, f64)> = x
        .iter()
        .zip(votes)
        .filter(|(_, v)| **v > 0.0)
        .map(|(a, v)| (*a, *v))
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|(_, v)| v).sum();
    let goal = p * total;
    let mut cumulative = 0.0;
    for (k, &(value, v)) in pairs.iter().enumerate() {
        cumulative += v;
        let tolerance = 1e-12 * total;
        if (cumulative - goal).abs() <= tolerance {
            return pairs
                .get(k + 1)
                .map_or(value, |next| 0.5 * (value + next.0));
        }
        if cumulative > goal {
            return value;
        }
    }
    pairs.last().map_or(0.0, |last| last.0)
}

/// The scopes whose weights the geometric rule can pool: every chosen profile holds a
/// pairwise record for it.
fn shared_pairwise_scopes(scenario: &Scenario, chosen: &[&WeightProfile]) -> Vec<ElicitationScope> {
    let all_scopes = std::iter::once(ElicitationScope::Families).chain(
        scenario
            .families
            .iter()
            .map(|f| ElicitationScope::Family(f.id.clone())),
    );
    all_scopes
        .filter(|scope| {
            chosen.iter().all(|p| {
                p.elicited.iter().any(|r| {
                    &r.scope == scope && matches!(r.input, ElicitationInput::Pairwise { .. })
                })
            })
        })
        .collect()
}

/// The geometric rule: pooled judgements where every chosen profile has them, the mean of
/// the shares elsewhere. Returns the pooled scopes.
fn geometric(
    scenario: &Scenario,
    chosen: &[&WeightProfile],
    votes: &[f64],
    profile: &mut WeightProfile,
) -> Result<Vec<ElicitationScope>, GroupError> {
    let scopes = shared_pairwise_scopes(scenario, chosen);
    if scopes.is_empty() {
        let without: Vec<&str> = chosen
            .iter()
            .filter(|p| {
                !p.elicited
                    .iter()
                    .any(|r| matches!(r.input, ElicitationInput::Pairwise { .. }))
            })
            .map(|p| p.id.as_str())
            .collect();
        let why = if without.is_empty() {
            "they judged different scopes".to_string()
        } else {
            format!("no pairwise judgements in: {}", without.join(", "))
        };
        return Err(GroupError::NoSharedJudgements(why));
    }
    // Start from the vote-weighted mean shares at both levels.
    let mean_of = |shares: &dyn Fn(&WeightProfile) -> Vec<f64>, n: usize| -> Vec<f64> {
        let rows: Vec<Vec<f64>> = chosen.iter().map(|p| shares(p)).collect();
        (0..n)
            .map(|j| weighted_mean(&rows.iter().map(|r| r[j]).collect::<Vec<_>>(), votes))
            .collect()
    };
    let mut families = mean_of(&|p| family_shares(scenario, p), scenario.families.len());
    let mut criteria = mean_of(&|p| criterion_shares(scenario, p), scenario.criteria.len());
    let mut records = Vec::new();
    for scope in &scopes {
        let record = pooled_record(scenario, chosen, votes, scope)?;
        let label = crate::scenario::elicitation::scope_label(scope);
        let outcome = compute(&record.input).map_err(|error| GroupError::Elicitation {
            scope: label,
            error,
        })?;
        match scope {
            ElicitationScope::Families => {
                for (k, f) in scenario.families.iter().enumerate() {
                    families[k] = outcome.weight(&f.id).unwrap_or(0.0);
                }
            }
            ElicitationScope::Family(_) => {
                for (k, c) in scenario.criteria.iter().enumerate() {
                    if let Some(w) = outcome.weight(&c.id) {
                        criteria[k] = w;
                    }
                }
            }
        }
        records.push(record);
    }
    profile.family_weights = scenario
        .families
        .iter()
        .map(|f| f.id.clone())
        .zip(families)
        .collect();
    profile.criterion_weights = scenario
        .criteria
        .iter()
        .map(|c| c.id.clone())
        .zip(criteria)
        .collect();
    profile.elicitation = Elicitation::Pairwise;
    profile.elicited = records;
    Ok(scopes)
}

/// One pairwise judgement: `(a, b, x)`, a matters x times as much as b.
type Judgement = (String, String, f64);

/// The record of pooled judgements for `scope`: for every pair of the scope's members,
/// a_ij = Π_k a_ij,k^(v_k / Σv), computed through logs. Weighted by the eigenvector unless every
/// chosen record asks for row geometric means.
fn pooled_record(
    scenario: &Scenario,
    chosen: &[&WeightProfile],
    votes: &[f64],
    scope: &ElicitationScope,
) -> Result<ElicitationRecord, GroupError> {
    let label = crate::scenario::elicitation::scope_label(scope);
    let items: Vec<String> = scope_members(scenario, scope)
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    let inputs: Vec<(&[Judgement], PairwiseWeighting)> = chosen
        .iter()
        .filter_map(|p| {
            p.elicited.iter().find_map(|r| match &r.input {
                ElicitationInput::Pairwise {
                    judgements,
                    weighting,
                    ..
                } if &r.scope == scope => Some((judgements.as_slice(), *weighting)),
                _ => None,
            })
        })
        .collect();
    let total: f64 = votes.iter().sum();
    let mut judgements = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            let mut log_sum = 0.0;
            for ((given, _), v) in inputs.iter().zip(votes) {
                let Some(x) = judgement(given, a, b).filter(|x| x.is_finite() && *x > 0.0) else {
                    return Err(GroupError::Elicitation {
                        scope: label,
                        error: ElicitationError {
                            field: String::new(),
                            message: format!("a chosen profile does not judge `{a}` against `{b}`"),
                        },
                    });
                };
                log_sum += v * x.ln();
            }
            let pooled = if total > 0.0 {
                (log_sum / total).exp()
            } else {
                1.0
            };
            judgements.push((a.clone(), b.clone(), pooled));
        }
    }
    let weighting = if inputs
        .iter()
        .all(|(_, w)| *w == PairwiseWeighting::GeometricMean)
    {
        PairwiseWeighting::GeometricMean
    } else {
        PairwiseWeighting::Eigenvector
    };
    Ok(ElicitationRecord {
        scope: scope.clone(),
        input: ElicitationInput::Pairwise {
            items,
            judgements,
            weighting,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal weights: 1, 2, 3, 4 has median (2 + 3)/2 = 2.5, quartiles (1 + 2)/2 = 1.5 and
    /// (3 + 4)/2 = 3.5. Weights 2, 1, 1 on 1, 2, 3 are the list 1, 1, 2, 3: median 1.5,
    /// first quartile 1, third quartile 2.5.
    #[test]
    fn weighted_quantiles_by_hand() {
        let x = [4.0, 1.0, 3.0, 2.0];
        let one = [1.0; 4];
        assert_eq!(weighted_quantile(&x, &one, 0.5), 2.5);
        assert_eq!(weighted_quantile(&x, &one, 0.25), 1.5);
        assert_eq!(weighted_quantile(&x, &one, 0.75), 3.5);
        let (y, v) = ([1.0, 2.0, 3.0], [2.0, 1.0, 1.0]);
        let listed = [1.0, 1.0, 2.0, 3.0];
        for p in [0.25, 0.5, 0.75] {
            assert_eq!(
                weighted_quantile(&y, &v, p),
                weighted_quantile(&listed, &one, p)
            );
        }
        assert_eq!(weighted_quantile(&y, &v, 0.5), 1.5);
        assert_eq!(weighted_quantile(&y, &v, 0.25), 1.0);
        assert_eq!(weighted_quantile(&y, &v, 0.75), 2.5);
        // An odd count: the middle value.
        assert_eq!(weighted_quantile(&[3.0, 1.0, 2.0], &[1.0; 3], 0.5), 2.0);
        assert_eq!(weighted_quantile(&[], &[], 0.5), 0.0);
    }
}
