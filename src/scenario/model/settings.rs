//! Analysis settings: the scoring method and normalisation, their parameters, Monte Carlo
//! draws and seed, the budget and the portfolio's constraints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Scoring method.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// Weighted sum of normalised values (additive value model).
    #[default]
    Wsm,
    /// Weighted product: `Π x^w` (Bridgman 1922; Miller & Starr 1969).
    Wpm,
    /// Closeness to the ideal and distance from the anti-ideal (Hwang & Yoon 1981).
    Topsis,
    /// Net outranking flow (Brans & Vincke 1985).
    Promethee2,
    /// Compromise ranking by group utility and individual regret (Opricovic & Tzeng 2004).
    Vikor,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Wsm,
        Method::Wpm,
        Method::Topsis,
        Method::Promethee2,
        Method::Vikor,
    ];

    /// The name used on the command line and in JSON.
    pub fn keyword(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Wpm => "wpm",
            Method::Topsis => "topsis",
            Method::Promethee2 => "promethee2",
            Method::Vikor => "vikor",
        }
    }

    /// A human-readable name.
    pub fn title(self) -> &'static str {
        match self {
            Method::Wsm => "Weighted sum",
            Method::Wpm => "Weighted product",
            Method::Topsis => "TOPSIS",
            Method::Promethee2 => "PROMETHEE II",
            Method::Vikor => "VIKOR",
        }
    }

    /// One line on what the method does, for tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Method::Wsm => "Σ weight × normalised value; each criterion adds its share",
            Method::Wpm => "Π value^weight; a poor value on one criterion weighs heavily",
            Method::Topsis => "Closeness to the ideal option, distance from the worst (0..1)",
            Method::Promethee2 => "Pairwise preferences per criterion: net outranking flow (−1..1)",
            Method::Vikor => "Compromise of group utility and worst regret; Q, lower is better",
        }
    }

    /// Parses a command-line keyword.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.keyword() == s)
    }

    /// The normalisations this method works with; the first is its default.
    pub fn normalizations(self) -> &'static [Normalization] {
        use Normalization as N;
        match self {
            Method::Wsm => &[N::Scale, N::MinMax, N::Max, N::Linear, N::Sum, N::Vector],
            Method::Wpm => &[N::None, N::Linear, N::Sum],
            Method::Topsis => &[N::Vector, N::MinMax],
            // Both work on raw differences (PROMETHEE's thresholds are in criterion units).
            Method::Promethee2 | Method::Vikor => &[N::None],
        }
    }

    /// The normalisation used when none is asked for.
    pub fn default_normalization(self) -> Normalization {
        self.normalizations()
            .first()
            .copied()
            .unwrap_or(Normalization::Scale)
    }

    /// Whether the method works with `n`.
    pub fn allows(self, n: Normalization) -> bool {
        self.normalizations().contains(&n)
    }

    /// `preferred` if the method works with it, else the method's default.
    pub fn normalization_for(self, preferred: Normalization) -> Normalization {
        if self.allows(preferred) {
            preferred
        } else {
            self.default_normalization()
        }
    }

    /// Whether a higher headline score is better (false for VIKOR's Q).
    pub fn higher_is_better(self) -> bool {
        self != Method::Vikor
    }
}

/// How raw values are turned into comparable 0..1 scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Normalization {
    /// The criterion's declared scale (or its value function).
    #[default]
    Scale,
    /// The observed minimum and maximum.
    MinMax,
    /// `x / max`; cost `1 - x / max`.
    Max,
    /// `x / max`; cost `min / x`.
    Linear,
    /// `x / Σx`; cost `(1/x) / Σ(1/x)`.
    Sum,
    /// `x / √Σx²`; cost `1 - x / √Σx²`.
    Vector,
    /// Raw values: for methods that work on the criterion's own units.
    None,
}

impl Normalization {
    pub const ALL: [Normalization; 7] = [
        Normalization::Scale,
        Normalization::MinMax,
        Normalization::Max,
        Normalization::Linear,
        Normalization::Sum,
        Normalization::Vector,
        Normalization::None,
    ];

    /// The name used on the command line and in JSON.
    pub fn keyword(self) -> &'static str {
        match self {
            Normalization::Scale => "scale",
            Normalization::MinMax => "minmax",
            Normalization::Max => "max",
            Normalization::Linear => "linear",
            Normalization::Sum => "sum",
            Normalization::Vector => "vector",
            Normalization::None => "none",
        }
    }

    /// One line on what the normalisation does, for tooltips.
    pub fn description(self) -> &'static str {
        match self {
            Normalization::Scale => "The criterion's declared scale (or its value function)",
            Normalization::MinMax => "Worst observed value → 0, best → 1",
            Normalization::Max => "x / max; costs 1 − x / max",
            Normalization::Linear => "x / max; costs min / x",
            Normalization::Sum => "x / Σx; costs (1/x) / Σ(1/x)",
            Normalization::Vector => "x / √Σx²; costs 1 − x / √Σx²",
            Normalization::None => "Raw values, no normalisation",
        }
    }

    /// Parses a command-line keyword.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.keyword() == s)
    }
}

/// Monte Carlo settings, so an uncertainty run can be reproduced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonteCarlo {
    pub draws: u32,
    pub seed: u64,
}

impl Default for MonteCarlo {
    fn default() -> Self {
        Self {
            draws: 10_000,
            seed: 2019,
        }
    }
}

/// Everything about the analysis that changes a number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalysisSettings {
    pub method: Method,
    pub normalization: Normalization,
    /// The id of the profile in use; empty means the first.
    pub active_profile: String,
    pub monte_carlo: MonteCarlo,
    /// Budget for portfolios, in the unit of the options' `cost`.
    pub budget: Option<f64>,
    /// The unit of the options' `cost` and of the budget ("effort units", "USD million");
    /// empty: plain units.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cost_unit: String,
    /// VIKOR's weight of group utility against individual regret, in 0..=1.
    #[serde(skip_serializing_if = "is_default_vikor_v")]
    pub vikor_v: f64,
    /// The baseline and the constraints of portfolios (everything optional).
    #[serde(skip_serializing_if = "PortfolioSettings::is_default")]
    pub portfolio: PortfolioSettings,
}

/// What a portfolio must respect besides the budget, and what its value is measured from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PortfolioSettings {
    /// The id of the option that is the status quo: never a member; every member's value is
    /// its score above the baseline's. Empty: no baseline, values are the scores themselves.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub baseline: String,
    /// Ids of options every portfolio must hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Ids of options no portfolio may hold.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// The fewest and most members a portfolio may take from a cluster.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clusters: Vec<ClusterLimit>,
    /// A second resource with its own limit (staff, political attention), besides the cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
}

impl PortfolioSettings {
    pub fn is_default(&self) -> bool {
        *self == PortfolioSettings::default()
    }
}

/// How many members a portfolio may take from one cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterLimit {
    /// The id of a declared cluster.
    pub cluster: String,
    #[serde(default)]
    pub min: u32,
    /// No limit when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// A second limited resource: each option's use of it, and the limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// What the resource is ("staff years"), for output.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The most a portfolio may use.
    pub limit: f64,
    /// Each option's use, by option id. An option left out has no known use (never read as
    /// zero): a portfolio analysis that may choose it stops and names it.
    #[serde(default)]
    pub uses: BTreeMap<String, f64>,
}

/// VIKOR's customary v: group utility and individual regret weigh alike.
pub const DEFAULT_VIKOR_V: f64 = 0.5;

pub(super) fn is_default_vikor_v(v: &f64) -> bool {
    *v == DEFAULT_VIKOR_V
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        Self {
            method: Method::Wsm,
            normalization: Normalization::Scale,
            active_profile: String::new(),
            monte_carlo: MonteCarlo::default(),
            budget: None,
            cost_unit: String::new(),
            vikor_v: DEFAULT_VIKOR_V,
            portfolio: PortfolioSettings::default(),
        }
    }
}

/// "`a`, `b` or `c`": the allowed normalisations of `method`, for messages.
pub fn allowed_list(method: Method) -> String {
    let names: Vec<String> = method
        .normalizations()
        .iter()
        .map(|n| format!("`{}`", n.keyword()))
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
