//! Results derived from the scenario, recomputed only when its revision changes, so no frame
//! scores anything: the ranking, the active profile's shares, and (on first use) every method's
//! ranking, PROMETHEE I's incomparable pairs and every profile's ranking (the Perspectives view).

use std::cell::OnceCell;

use crate::analysis::method_comparison::{MethodComparison, compare_methods};
use crate::analysis::perspectives::{DEFAULT_TOP_K, Perspectives, perspectives};
use crate::analysis::scoring::{MethodDetail, Ranking, incomparable_pairs, score};
use crate::scenario::model::Scenario;
use crate::scenario::weights::{criterion_shares, family_shares};

/// Results derived from the scenario, recomputed only when its revision changes.
pub struct Derived {
    pub revision: u64,
    /// The revision at which options, criteria, values or settings last changed: caches of
    /// the matrix's text outlive a weight being dragged.
    pub data_revision: u64,
    pub ranking: Result<Ranking, String>,
    /// The active profile's family shares, in `scenario.families` order (the weights panel).
    pub family_shares: Vec<f64>,
    /// Each criterion's share within its family, in `scenario.criteria` order.
    pub criterion_shares: Vec<f64>,
    /// Every method's ranking, worked out when first asked for (the Methods view), not on
    /// every weight change.
    comparison: OnceCell<MethodComparison>,
    /// PROMETHEE I's incomparable pairs, worked out when the ranking view first asks.
    incomparable: OnceCell<Vec<(usize, usize)>>,
    /// Every profile's ranks, τ between them and their clustering order, worked out when the
    /// Perspectives view first asks.
    perspectives: OnceCell<Result<Perspectives, String>>,
}

impl Derived {
    pub(crate) fn compute(scenario: &Scenario, revision: u64) -> Self {
        let profile = scenario.profiles.get(scenario.active_profile_index());
        Self {
            revision,
            data_revision: revision,
            ranking: score(scenario).map_err(|e| e.to_string()),
            family_shares: profile.map_or_else(Vec::new, |p| family_shares(scenario, p)),
            criterion_shares: profile.map_or_else(Vec::new, |p| criterion_shares(scenario, p)),
            comparison: OnceCell::new(),
            incomparable: OnceCell::new(),
            perspectives: OnceCell::new(),
        }
    }

    /// The pairs of options PROMETHEE I leaves incomparable (none for other methods).
    pub fn incomparable_pairs(&self) -> &[(usize, usize)] {
        self.incomparable.get_or_init(|| match &self.ranking {
            Ok(r) => match &r.detail {
                MethodDetail::Promethee {
                    phi_plus,
                    phi_minus,
                    ..
                } => incomparable_pairs(&r.order(), phi_plus, phi_minus),
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        })
    }

    /// Every method's ranking of `scenario` (the one these results were derived from) under
    /// the active profile.
    pub fn comparison(&self, scenario: &Scenario) -> &MethodComparison {
        self.comparison
            .get_or_init(|| compare_methods(scenario, scenario.active_profile_index()))
    }

    /// Every profile's ranking of `scenario` (the one these results were derived from) under
    /// its method, compared. Its common ground is for the default k; the view picks its own k
    /// from the ranks.
    pub fn perspectives(&self, scenario: &Scenario) -> Result<&Perspectives, &str> {
        self.perspectives
            .get_or_init(|| {
                perspectives(
                    scenario,
                    scenario.settings.method,
                    scenario.settings.normalization,
                    DEFAULT_TOP_K,
                )
                .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }
}
