//! The checks of portfolio data: interactions and their relations, and
//! `settings.portfolio` (the baseline, must-in and must-out options, cluster limits, the second
//! resource).

use std::collections::HashSet;

use super::{Validator, list};
use crate::scenario::model::{PolicyOption, Scenario};

impl Validator {
    /// Option `o`'s interactions (at field path `at`): a known other option, a finite effect,
    /// none for an exclusion or a requirement, no part for the baseline.
    pub(super) fn interactions(
        &mut self,
        s: &Scenario,
        at: &str,
        o: &PolicyOption,
        options: &HashSet<&str>,
    ) {
        for (k, x) in o.interactions.iter().enumerate() {
            let field = format!("{at}.interactions[{k}]");
            if x.with == o.id {
                self.err(
                    format!("{field}.with"),
                    "an option cannot interact with itself",
                );
            } else if !options.contains(x.with.as_str()) {
                self.err(
                    format!("{field}.with"),
                    format!("unknown option `{}`", x.with),
                );
            }
            self.finite(format!("{field}.effect"), x.effect);
            if !x.relation.is_effect() && x.effect != 0.0 {
                self.err(
                    format!("{field}.effect"),
                    format!(
                        "an `{:?}` relation has no effect on value; leave `effect` out",
                        x.relation
                    ),
                );
            }
            let baseline = s.settings.portfolio.baseline.as_str();
            if !baseline.is_empty() && (x.with == baseline || o.id == baseline) {
                self.err(
                    field,
                    format!(
                        "`{baseline}` is the portfolio baseline, never a member: it cannot interact"
                    ),
                );
            }
        }
    }

    /// The baseline and the portfolio's constraints name known options and clusters, and
    /// contradict neither themselves nor each other on their face (deeper contradictions, such
    /// as a requirement of an excluded option, are the solver's to report).
    pub(super) fn portfolio(&mut self, s: &Scenario) {
        let p = &s.settings.portfolio;
        let at = "settings.portfolio";
        let known = |id: &str| s.option_index(id).is_some();
        let options = || list(s.options.iter().map(|o| o.id.as_str()));
        if !p.baseline.is_empty() && !known(&p.baseline) {
            self.err(
                format!("{at}.baseline"),
                format!(
                    "unknown option `{}`; expected one of {}",
                    p.baseline,
                    options()
                ),
            );
        }
        for (name, ids) in [("include", &p.include), ("exclude", &p.exclude)] {
            let mut seen = HashSet::new();
            for (k, id) in ids.iter().enumerate() {
                let field = format!("{at}.{name}[{k}]");
                if !known(id) {
                    self.err(
                        field,
                        format!("unknown option `{id}`; expected one of {}", options()),
                    );
                } else if !seen.insert(id.as_str()) {
                    self.err(field, format!("`{id}` is listed twice"));
                } else if *id == p.baseline {
                    self.err(
                        field,
                        format!("`{id}` is the baseline, which is never a member"),
                    );
                } else if name == "exclude" && p.include.contains(id) {
                    self.err(
                        field,
                        format!("`{id}` is both in `include` and in `exclude`"),
                    );
                }
            }
        }
        let mut seen = HashSet::new();
        for (k, c) in p.clusters.iter().enumerate() {
            let field = format!("{at}.clusters[{k}]");
            if !s.clusters.iter().any(|x| x.id == c.cluster) {
                self.err(
                    format!("{field}.cluster"),
                    format!(
                        "unknown cluster `{}`; expected one of {}",
                        c.cluster,
                        list(s.clusters.iter().map(|c| c.id.as_str()))
                    ),
                );
            } else if !seen.insert(c.cluster.as_str()) {
                self.err(
                    format!("{field}.cluster"),
                    format!("cluster `{}` has two limits", c.cluster),
                );
            }
            if let Some(max) = c.max
                && max < c.min
            {
                self.err(
                    format!("{field}.max"),
                    format!("the most members, {max}, is below the fewest, {}", c.min),
                );
            }
        }
        if let Some(r) = &p.resource {
            let field = format!("{at}.resource");
            if self.finite(format!("{field}.limit"), r.limit) && r.limit < 0.0 {
                self.err(
                    format!("{field}.limit"),
                    format!("limit {} is negative", r.limit),
                );
            }
            for (id, &x) in &r.uses {
                let key = format!("{field}.uses[\"{id}\"]");
                if !known(id) {
                    self.err(
                        key,
                        format!("unknown option `{id}`; expected one of {}", options()),
                    );
                } else if self.finite(key.clone(), x) && x < 0.0 {
                    self.err(key, format!("use {x} is negative"));
                }
            }
        }
    }
}
