//! Semantic checks of a parsed scenario: every problem at once, each with its field path.

use std::collections::{HashMap, HashSet};

use crate::i18n::Lang;
use crate::scenario::model::{
    FORMAT_VERSION, Outranking, PreferenceFunction, Scenario, Translations, Uncertainty,
    ValueFunction, index_by_id,
};

mod profiles;

mod portfolio;

/// Most Monte Carlo draws a file may ask for.
pub const MAX_DRAWS: u32 = 10_000_000;

/// The largest vote weight a profile may carry: a bloc may count many times one voice, but a
/// weight so large that it swamps every other in a sum is a typing slip.
pub const MAX_VOTE_WEIGHT: f64 = 1_000_000.0;

/// A semantic problem: the field at fault and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

/// Checks `s` and returns every problem found, in file order; empty when the scenario is sound.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut v = Validator::default();
    v.metadata(s);
    v.catalogues(s);
    v.criteria(s);
    v.options(s);
    v.translations(s);
    v.performance(s);
    v.profiles(s);
    v.settings(s);
    v.problems
}

/// The checks that can fail after an edit of weight profiles or settings alone: cheaper than
/// [`validate`] on a large scenario, and enough when options, criteria and cells are unchanged.
pub fn validate_profiles(s: &Scenario) -> Vec<Problem> {
    let mut v = Validator::default();
    v.profiles(s);
    v.settings(s);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn err(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            field: field.into(),
            message: message.into(),
        });
    }

    fn finite(&mut self, field: impl Into<String>, x: f64) -> bool {
        if x.is_finite() {
            return true;
        }
        self.err(field, format!("expected a finite number, found {x}"));
        false
    }

    /// Reports empty and repeated ids in a list; returns the set of ids.
    fn ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            let field = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.err(field, "id must not be empty");
            } else if id.trim() != id {
                self.err(field, format!("id `{id}` has leading or trailing spaces"));
            } else if let Some(j) = first.get(id) {
                self.err(
                    field,
                    format!("duplicate id `{id}` (first used by {list}[{j}])"),
                );
            } else {
                first.insert(id, i);
            }
        }
        first.into_keys().collect()
    }

    fn metadata(&mut self, s: &Scenario) {
        if s.metadata.format_version != FORMAT_VERSION {
            self.err(
                "metadata.format_version",
                format!(
                    "unknown format version {}; this build of Tideline reads version {FORMAT_VERSION}",
                    s.metadata.format_version
                ),
            );
        }
        if s.metadata.title.trim().is_empty() {
            self.err("metadata.title", "title must not be empty");
        }
    }

    /// Every translation names a language Tideline knows and says something; a field that is
    /// given is not blank.
    fn translations(&mut self, s: &Scenario) {
        let lists: [(&str, Vec<&Translations>); 6] = [
            ("clusters", s.clusters.iter().map(|c| &c.i18n).collect()),
            ("principles", s.principles.iter().map(|p| &p.i18n).collect()),
            ("families", s.families.iter().map(|f| &f.i18n).collect()),
            ("criteria", s.criteria.iter().map(|c| &c.i18n).collect()),
            ("options", s.options.iter().map(|o| &o.i18n).collect()),
            ("profiles", s.profiles.iter().map(|p| &p.i18n).collect()),
        ];
        let known = || list(Lang::ALL.iter().map(|l| l.code()));
        // The metadata is one item, not a list: its path has no index.
        let items = lists
            .iter()
            .flat_map(|(name, items)| {
                items
                    .iter()
                    .enumerate()
                    .map(move |(i, i18n)| (format!("{name}[{i}]"), *i18n))
            })
            .chain(std::iter::once(("metadata".to_string(), &s.metadata.i18n)));
        {
            for (item, i18n) in items {
                for (code, t) in i18n {
                    let at = format!("{item}.i18n[\"{code}\"]");
                    if Lang::from_code(code).is_none() {
                        self.err(
                            at.clone(),
                            format!("unknown language `{code}`; expected one of {}", known()),
                        );
                    }
                    let fields = [
                        ("name", &t.name),
                        ("short", &t.short),
                        ("description", &t.description),
                    ];
                    if fields.iter().all(|(_, text)| text.is_empty()) {
                        self.err(
                            at.clone(),
                            "the translation is empty; give a name, short or description",
                        );
                    }
                    for (field, text) in fields {
                        if !text.is_empty() && text.trim().is_empty() {
                            self.err(format!("{at}.{field}"), "must not be blank");
                        }
                    }
                }
            }
        }
    }

    fn catalogues(&mut self, s: &Scenario) {
        self.ids("clusters", s.clusters.iter().map(|c| c.id.as_str()));
        self.ids("principles", s.principles.iter().map(|p| p.id.as_str()));
        self.ids("families", s.families.iter().map(|f| f.id.as_str()));
    }

    fn criteria(&mut self, s: &Scenario) {
        if s.criteria.is_empty() {
            self.err(
                "criteria",
                "the list is empty; a scenario needs at least one criterion",
            );
        }
        self.ids("criteria", s.criteria.iter().map(|c| c.id.as_str()));
        let families: HashSet<&str> = s.families.iter().map(|f| f.id.as_str()).collect();
        for (i, c) in s.criteria.iter().enumerate() {
            let at = format!("criteria[{i}]");
            if c.name.trim().is_empty() {
                self.err(format!("{at}.name"), "name must not be empty");
            }
            if !families.contains(c.family.as_str()) {
                self.err(
                    format!("{at}.family"),
                    format!(
                        "unknown family `{}`; expected one of {}",
                        c.family,
                        list(s.families.iter().map(|f| f.id.as_str()))
                    ),
                );
            }
            let min_ok = self.finite(format!("{at}.scale.min"), c.scale.min);
            let max_ok = self.finite(format!("{at}.scale.max"), c.scale.max);
            if min_ok && max_ok && c.scale.min >= c.scale.max {
                self.err(
                    format!("{at}.scale"),
                    format!(
                        "inverted or empty scale: min {} must be below max {}",
                        c.scale.min, c.scale.max
                    ),
                );
            } else if min_ok && max_ok && !(c.scale.max - c.scale.min).is_finite() {
                // Each bound is finite but the width overflows: normalising would give NaN.
                self.err(
                    format!("{at}.scale"),
                    format!(
                        "scale from {:?} to {:?} is too wide to compute with: its width overflows; keep max − min below {:?}",
                        c.scale.min,
                        c.scale.max,
                        f64::MAX
                    ),
                );
            }
            if let Some(vf) = &c.value_function {
                self.value_function(&format!("{at}.value_function"), vf);
            }
            if let Some(o) = &c.outranking {
                self.outranking(&format!("{at}.outranking"), o);
            }
        }
    }

    fn value_function(&mut self, at: &str, vf: &ValueFunction) {
        if vf.points.len() < 2 {
            self.err(
                format!("{at}.points"),
                "a value function needs at least two points (x, value)",
            );
        }
        for (k, &(x, v)) in vf.points.iter().enumerate() {
            let p = format!("{at}.points[{k}]");
            if !(self.finite(format!("{p}.0"), x) && self.finite(format!("{p}.1"), v)) {
                continue;
            }
            if !(0.0..=1.0).contains(&v) {
                self.err(format!("{p}.1"), format!("value {v} is outside 0..1"));
            }
            if k > 0 && vf.points[k - 1].0 >= x {
                self.err(
                    format!("{p}.0"),
                    format!("x values must increase: {x} follows {}", vf.points[k - 1].0),
                );
            }
        }
    }

    fn outranking(&mut self, at: &str, o: &Outranking) {
        use PreferenceFunction as P;
        let (needs_q, needs_p, needs_s) = match o.function {
            P::Usual => (false, false, false),
            P::UShape => (true, false, false),
            P::VShape => (false, true, false),
            P::Level | P::Linear => (true, true, false),
            P::Gaussian => (false, false, true),
        };
        for (name, value, needed) in [
            ("q", o.q, needs_q),
            ("p", o.p, needs_p),
            ("s", o.s, needs_s),
        ] {
            match value {
                None if needed => self.err(
                    format!("{at}.{name}"),
                    format!(
                        "the {:?} preference function needs a `{name}` threshold",
                        o.function
                    ),
                ),
                Some(x) if self.finite(format!("{at}.{name}"), x) && x < 0.0 => {
                    self.err(format!("{at}.{name}"), format!("threshold {x} is negative"))
                }
                _ => {}
            }
        }
        if let (Some(q), Some(p)) = (o.q, o.p)
            && needs_q
            && needs_p
            && q > p
        {
            self.err(
                format!("{at}.q"),
                format!("indifference threshold q = {q} exceeds preference threshold p = {p}"),
            );
        }
    }

    fn options(&mut self, s: &Scenario) {
        if s.options.is_empty() {
            self.err(
                "options",
                "the list is empty; a scenario needs at least one option",
            );
        }
        self.ids("options", s.options.iter().map(|o| o.id.as_str()));
        let clusters: HashSet<&str> = s.clusters.iter().map(|c| c.id.as_str()).collect();
        let principles: HashSet<&str> = s.principles.iter().map(|p| p.id.as_str()).collect();
        let options: HashSet<&str> = s.options.iter().map(|o| o.id.as_str()).collect();
        for (i, o) in s.options.iter().enumerate() {
            let at = format!("options[{i}]");
            if o.name.trim().is_empty() {
                self.err(format!("{at}.name"), "name must not be empty");
            }
            if o.provenance.document.trim().is_empty() {
                self.err(
                    format!("{at}.provenance.document"),
                    "every option must cite the document it comes from",
                );
            }
            if !o.cluster.is_empty() && !clusters.contains(o.cluster.as_str()) {
                self.err(
                    format!("{at}.cluster"),
                    format!(
                        "unknown cluster `{}`; expected one of {}",
                        o.cluster,
                        list(s.clusters.iter().map(|c| c.id.as_str()))
                    ),
                );
            }
            for (k, p) in o.principles.iter().enumerate() {
                if !principles.contains(p.as_str()) {
                    self.err(
                        format!("{at}.principles[{k}]"),
                        format!(
                            "unknown principle `{p}`; expected one of {}",
                            list(s.principles.iter().map(|p| p.id.as_str()))
                        ),
                    );
                }
            }
            if let Some(cost) = o.cost
                && self.finite(format!("{at}.cost"), cost)
                && cost < 0.0
            {
                self.err(format!("{at}.cost"), format!("cost {cost} is negative"));
            }
            self.interactions(s, &at, o, &options);
        }
    }

    fn performance(&mut self, s: &Scenario) {
        let options: HashMap<&str, usize> = index_by_id(s.options.iter().map(|o| o.id.as_str()));
        let criteria: HashMap<&str, usize> = index_by_id(s.criteria.iter().map(|c| c.id.as_str()));
        let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, cell) in s.performance.iter().enumerate() {
            let at = format!("performance[{i}]");
            let o = options.get(cell.option.as_str()).copied();
            let c = criteria.get(cell.criterion.as_str()).copied();
            if o.is_none() {
                self.err(
                    format!("{at}.option"),
                    format!("unknown option `{}`", cell.option),
                );
            }
            if c.is_none() {
                self.err(
                    format!("{at}.criterion"),
                    format!("unknown criterion `{}`", cell.criterion),
                );
            }
            let (Some(o), Some(c)) = (o, c) else { continue };
            if let Some(j) = seen.get(&(o, c)) {
                self.err(
                    at.clone(),
                    format!(
                        "second value for option `{}` on criterion `{}` (first at performance[{j}])",
                        cell.option, cell.criterion
                    ),
                );
                continue;
            }
            seen.insert((o, c), i);
            let scale = &s.criteria[c].scale;
            // An unsound scale is reported once, on the criterion, not again on every value.
            let scale_sound =
                scale.min.is_finite() && scale.max.is_finite() && scale.min < scale.max;
            let in_scale = |x: f64| !scale_sound || (x >= scale.min && x <= scale.max);
            let off_scale = |x: f64| {
                format!(
                    "{x} is outside the scale of criterion `{}` ({} to {})",
                    cell.criterion, scale.min, scale.max
                )
            };
            if let Some(x) = cell.value
                && self.finite(format!("{at}.value"), x)
                && !in_scale(x)
            {
                self.err(format!("{at}.value"), off_scale(x));
            }
            let Some(u) = &cell.uncertainty else { continue };
            let field = format!("{at}.uncertainty");
            let mut named = vec![("low", u.bounds().0), ("high", u.bounds().1)];
            if let Uncertainty::Triangular { likely, .. } = *u {
                named.insert(1, ("likely", likely));
            }
            let mut all_finite = true;
            for &(name, x) in &named {
                all_finite &= self.finite(format!("{field}.{name}"), x);
            }
            if !all_finite {
                continue;
            }
            let (low, high) = u.bounds();
            if low > high {
                self.err(
                    format!("{field}.low"),
                    format!("inverted range: low {low} is above high {high}"),
                );
                continue;
            }
            for &(name, x) in &named {
                if !in_scale(x) {
                    self.err(format!("{field}.{name}"), off_scale(x));
                }
            }
            if let Uncertainty::Triangular { likely, .. } = *u
                && !(low..=high).contains(&likely)
            {
                self.err(
                    format!("{field}.likely"),
                    format!("likely value {likely} is outside its range {low} to {high}"),
                );
            }
            if let Some(x) = cell.value
                && !(low..=high).contains(&x)
            {
                self.err(
                    format!("{at}.value"),
                    format!("value {x} is outside its own uncertainty range {low} to {high}"),
                );
            }
        }
        // Every cell must be present: a value that is not known is written `value: None`.
        // Every cell seen is of a first-listed option and criterion, so the count of absent
        // ones needs no list; the few shown are found by a walk that stops after them.
        let expected = options.len().saturating_mul(criteria.len());
        let absent_count = expected.saturating_sub(seen.len());
        if absent_count > 0 {
            let seen = &seen;
            let criteria = &criteria;
            let first_options = s
                .options
                .iter()
                .enumerate()
                .filter(|(o, opt)| options.get(opt.id.as_str()) == Some(o));
            let shown: Vec<String> = first_options
                .flat_map(|(o, opt)| {
                    s.criteria
                        .iter()
                        .enumerate()
                        .filter(|(c, crit)| criteria.get(crit.id.as_str()) == Some(c))
                        .filter(move |(c, _)| !seen.contains_key(&(o, *c)))
                        .map(move |(_, crit)| format!("{}/{}", opt.id, crit.id))
                })
                .take(5)
                .collect();
            let more = if absent_count > shown.len() {
                format!(" and {} more", absent_count - shown.len())
            } else {
                String::new()
            };
            self.err(
                "performance",
                format!(
                    "no cell for {} (option/criterion){more}; write `value: None` for a value that is not known",
                    shown.join(", ")
                ),
            );
        }
    }

    fn settings(&mut self, s: &Scenario) {
        let st = &s.settings;
        if !st.active_profile.is_empty() && s.profile_index(&st.active_profile).is_none() {
            self.err(
                "settings.active_profile",
                format!(
                    "unknown profile `{}`; expected one of {}",
                    st.active_profile,
                    list(s.profiles.iter().map(|p| p.id.as_str()))
                ),
            );
        }
        if st.monte_carlo.draws == 0 || st.monte_carlo.draws > MAX_DRAWS {
            self.err(
                "settings.monte_carlo.draws",
                format!(
                    "expected 1 to {MAX_DRAWS} draws, found {}",
                    st.monte_carlo.draws
                ),
            );
        }
        if let Some(b) = st.budget
            && self.finite("settings.budget", b)
            && b < 0.0
        {
            self.err("settings.budget", format!("budget {b} is negative"));
        }
        if !st.method.allows(st.normalization) {
            self.err(
                "settings.normalization",
                format!(
                    "the `{}` method does not work with the `{}` normalisation; use {}",
                    st.method.keyword(),
                    st.normalization.keyword(),
                    crate::scenario::model::allowed_list(st.method)
                ),
            );
        }
        if self.finite("settings.vikor_v", st.vikor_v) && !(0.0..=1.0).contains(&st.vikor_v) {
            self.err(
                "settings.vikor_v",
                format!("VIKOR's v must be between 0 and 1, found {}", st.vikor_v),
            );
        }
        self.portfolio(s);
    }
}

/// `a`, `b`, `c` — or "(none declared)".
fn list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    crate::scenario::model::id_list(ids)
}
