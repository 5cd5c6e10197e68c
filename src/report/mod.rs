//! Briefing export: a short note on a scenario, as one self-contained HTML file (tables and
//! inline SVG charts) or as GitHub-flavoured Markdown.
//!
//! [`briefing`] gathers everything once into a plain [`Briefing`]; [`to_html`] and
//! [`to_markdown`] render it. Both renderers lay the note out through the same list of blocks
//! (`layout.rs`), so the two formats have the same sections, tables and numbers. Every string
//! from the scenario is escaped by the renderer that writes it: scenario files come from outside.

mod charts;
pub mod export;
mod html;
mod layout;
mod markdown;
pub mod palette;
pub mod portfolio;
pub mod robustness;
pub mod room;

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

pub use html::to_html;
pub use markdown::to_markdown;
pub use robustness::Robustness;

use crate::analysis::method_comparison::{MethodComparison, compare_with};
use crate::analysis::scoring::{Ranking, ScoreError, score_with};
use crate::i18n::Lang;
use crate::report::export::matrix_rows;
use crate::scenario::model::{
    Basis, Direction, Elicitation, Method, Normalization, Scale, Scenario,
};
use crate::scenario::weights::effective_weights;

/// What to put in a briefing beyond the scenario itself.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The scenario file's name, as the briefing shows it (e.g. `unep-aheg-2018.ron`).
    pub file_name: &'a str,
    /// When the briefing is made, as it should read (see [`utc_timestamp`]); a parameter so
    /// that the same scenario gives the same briefing in tests and scripted runs.
    pub exported_at: &'a str,
    /// Index of the weight profile in `scenario.profiles`.
    pub profile: usize,
    pub method: Method,
    pub normalization: Normalization,
    /// The language of the sections that have one (so far the portfolio section; the rest of
    /// the briefing is in English).
    pub lang: Lang,
}

impl<'a> Request<'a> {
    /// A request for the scenario's own settings: its active profile, method and normalisation
    /// (the method's default normalisation if the method does not take the scenario's).
    pub fn new(scenario: &Scenario, file_name: &'a str, exported_at: &'a str) -> Self {
        let method = scenario.settings.method;
        Self {
            file_name,
            exported_at,
            profile: scenario.active_profile_index(),
            method,
            normalization: method.normalization_for(scenario.settings.normalization),
            lang: Lang::En,
        }
    }
}

/// A plain table: a caption, a header row and body rows of text. The first cell of each row
/// labels it. Columns whose cells are all numbers are right-aligned.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One option, as the briefing shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionInfo {
    pub id: String,
    pub name: String,
    /// The short label charts use (the name when the scenario gives none).
    pub label: String,
    /// Document and paragraph, e.g. `UNEP/EA.4/1/Rev.1, Annex ¶11(d)`.
    pub provenance: String,
    pub description: String,
}

/// A group of options: a cluster of the scenario, or the options that have none.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterInfo {
    pub name: String,
    pub description: String,
    pub provenance: String,
    /// Indices into [`Briefing::options`], in the scenario's order.
    pub options: Vec<usize>,
}

/// One criterion with the profile's effective weight.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionInfo {
    pub id: String,
    pub name: String,
    /// The short label tables and charts use.
    pub label: String,
    pub direction: Direction,
    pub scale: Scale,
    /// Whether a piecewise-linear value function replaces the scale's straight line.
    pub value_function: bool,
    /// PROMETHEE preference function and thresholds, e.g. `linear, q = 1, p = 3`; empty for
    /// the usual criterion.
    pub preference: String,
    /// Effective weight, 0..=1; the weights of all criteria sum to 1.
    pub weight: f64,
}

/// A family of criteria and its share of the weight.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyInfo {
    pub name: String,
    /// The sum of its criteria's effective weights.
    pub weight: f64,
    /// Indices into [`Briefing::criteria`].
    pub criteria: Vec<usize>,
}

/// The weight profile the briefing uses.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileInfo {
    pub id: String,
    pub name: String,
    pub author: String,
    pub note: String,
    pub elicitation: Elicitation,
}

/// The best-placed options under one weight profile (same method and normalisation).
#[derive(Clone, Debug, PartialEq)]
pub struct Perspective {
    pub profile_id: String,
    pub profile_name: String,
    /// Whether this is the profile the rest of the briefing uses.
    pub in_use: bool,
    /// The options ranked 1 to 3 as `(option index, rank, score)`, best first (more than
    /// three when options tie), or why the profile could not be scored.
    pub top: Result<Vec<(usize, usize, f64)>, String>,
}

/// An option ranked first under at least one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Leader {
    pub option: usize,
    /// The names of the profiles that rank it first.
    pub profiles: Vec<String>,
}

/// How the scores were arrived at: counts of the performance cells by basis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Values marked `Illustrative`: judgements by the scenario's authors.
    pub illustrative: usize,
    /// Values marked `Sourced`: taken or computed from a cited source.
    pub sourced: usize,
    /// Cells with no value.
    pub missing: usize,
}

/// Everything a briefing says, gathered once from a scenario; [`to_html`] and [`to_markdown`]
/// only format it.
#[derive(Clone, Debug, PartialEq)]
pub struct Briefing {
    pub title: String,
    pub description: String,
    /// The source document, e.g. `UNEP/EA.4/1/Rev.1`.
    pub source: String,
    pub date: String,
    /// Who wrote the scenario (and so made its illustrative judgements).
    pub author: String,
    pub file_name: String,
    pub exported_at: String,
    /// The scenario's options, in its order; everything else refers to them by index.
    pub options: Vec<OptionInfo>,
    pub clusters: Vec<ClusterInfo>,
    /// The scenario's criteria, in its order, with the profile's effective weights.
    pub criteria: Vec<CriterionInfo>,
    pub families: Vec<FamilyInfo>,
    pub profile: ProfileInfo,
    /// VIKOR's v, from the scenario's settings.
    pub vikor_v: f64,
    /// The ranking under the chosen profile, method and normalisation.
    pub ranking: Ranking,
    /// Every method on the same profile, with Kendall's τ-b between them.
    pub comparison: MethodComparison,
    /// The top three under each profile, in the scenario's profile order.
    pub perspectives: Vec<Perspective>,
    /// Options first under at least one profile, in the scenario's option order.
    pub leaders: Vec<Leader>,
    pub evidence: Evidence,
    /// The performance matrix in the basic CSV matrix layout: ids, directions, weights (see
    /// [`crate::report::export::matrix_rows`]), so that it can be pasted into a spreadsheet and read back.
    pub matrix: Vec<Vec<String>>,
    /// How sure the ranking is: weight stability and SMAA rank acceptability (the section
    /// "How sure is this ranking?"); `None` leaves the section out.
    pub sensitivity: Option<Robustness>,
    /// Every profile compared (the section "The room"): `None` with fewer than two profiles;
    /// the message when a profile cannot be scored.
    pub room: Option<Result<room::Room, String>>,
    /// The section "Portfolios", or the one-line reason it cannot be given.
    pub portfolio: Result<portfolio::PortfolioReport, String>,
    /// The language of the sections that have one ([`Request::lang`]).
    pub lang: Lang,
}

/// Gathers a briefing on `scenario` as `request` asks. Fails only when the scenario cannot be
/// scored with the chosen profile, method and normalisation; a method in the comparison, or a
/// profile in the perspectives, that cannot score is reported inside the briefing instead.
pub fn briefing(scenario: &Scenario, request: &Request) -> Result<Briefing, ScoreError> {
    let ranking = score_with(
        scenario,
        request.profile,
        request.method,
        request.normalization,
    )?;
    let profile = scenario
        .profiles
        .get(request.profile)
        .ok_or(ScoreError::NoProfile)?;
    let weights = effective_weights(scenario, profile);

    let options: Vec<OptionInfo> = scenario
        .options
        .iter()
        .map(|o| OptionInfo {
            id: o.id.clone(),
            name: o.name.clone(),
            label: o.label().to_string(),
            provenance: o.provenance.to_string(),
            description: o.description.clone(),
        })
        .collect();

    let mut clusters: Vec<ClusterInfo> = scenario
        .clusters
        .iter()
        .map(|c| ClusterInfo {
            name: c.name.clone(),
            description: c.description.clone(),
            provenance: c
                .provenance
                .as_ref()
                .map_or_else(String::new, ToString::to_string),
            options: (0..scenario.options.len())
                .filter(|&i| scenario.options[i].cluster == c.id)
                .collect(),
        })
        .filter(|c| !c.options.is_empty())
        .collect();
    let unclustered: Vec<usize> = (0..scenario.options.len())
        .filter(|&i| {
            let id = &scenario.options[i].cluster;
            !scenario.clusters.iter().any(|c| &c.id == id)
        })
        .collect();
    if !unclustered.is_empty() {
        clusters.push(ClusterInfo {
            name: if clusters.is_empty() {
                "Options".to_string()
            } else {
                "Other options".to_string()
            },
            description: String::new(),
            provenance: String::new(),
            options: unclustered,
        });
    }

    let criteria: Vec<CriterionInfo> = scenario
        .criteria
        .iter()
        .zip(&weights)
        .map(|(c, &weight)| CriterionInfo {
            id: c.id.clone(),
            name: c.name.clone(),
            label: c.label().to_string(),
            direction: c.direction,
            scale: c.scale.clone(),
            value_function: c.value_function.is_some(),
            preference: c.outranking.as_ref().map_or_else(String::new, |o| {
                let mut text = o.function.keyword().to_string();
                for (name, value) in [("q", o.q), ("p", o.p), ("s", o.s)] {
                    if let Some(x) = value {
                        text.push_str(&format!(", {name} = {x}"));
                    }
                }
                text
            }),
            weight,
        })
        .collect();
    let families: Vec<FamilyInfo> = scenario
        .families
        .iter()
        .map(|f| {
            let members: Vec<usize> = (0..scenario.criteria.len())
                .filter(|&j| scenario.criteria[j].family == f.id)
                .collect();
            FamilyInfo {
                name: f.name.clone(),
                weight: members.iter().map(|&j| weights[j]).sum(),
                criteria: members,
            }
        })
        .filter(|f| !f.criteria.is_empty())
        .collect();

    let perspectives: Vec<Perspective> = scenario
        .profiles
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let top = if k == request.profile {
                Ok(top_three(&ranking))
            } else {
                score_with(scenario, k, request.method, request.normalization)
                    .map(|r| top_three(&r))
                    .map_err(|e| e.to_string())
            };
            Perspective {
                profile_id: p.id.clone(),
                profile_name: p.name.clone(),
                in_use: k == request.profile,
                top,
            }
        })
        .collect();
    let leaders = (0..scenario.options.len())
        .filter_map(|i| {
            let profiles: Vec<String> = perspectives
                .iter()
                .filter(|p| {
                    p.top
                        .as_ref()
                        .is_ok_and(|top| top.iter().any(|&(o, rank, _)| o == i && rank == 1))
                })
                .map(|p| p.profile_name.clone())
                .collect();
            (!profiles.is_empty()).then_some(Leader {
                option: i,
                profiles,
            })
        })
        .collect();

    let mut evidence = Evidence::default();
    for cell in &scenario.performance {
        match (cell.value, cell.basis) {
            (None, _) => evidence.missing += 1,
            (Some(_), Basis::Illustrative) => evidence.illustrative += 1,
            (Some(_), Basis::Sourced) => evidence.sourced += 1,
        }
    }

    let meta = &scenario.metadata;
    Ok(Briefing {
        title: meta.title.clone(),
        description: meta.description.clone(),
        source: meta.source.clone(),
        date: meta.date.clone(),
        author: meta.author.clone(),
        file_name: request.file_name.to_string(),
        exported_at: request.exported_at.to_string(),
        options,
        clusters,
        criteria,
        families,
        profile: ProfileInfo {
            id: profile.id.clone(),
            name: profile.name.clone(),
            author: profile.author.clone(),
            note: profile.note.clone(),
            elicitation: profile.elicitation,
        },
        vikor_v: scenario.settings.vikor_v,
        comparison: compare_with(scenario, request.profile, request.normalization),
        sensitivity: Some(robustness::gather(
            scenario,
            request.file_name,
            request.profile,
            request.method,
            request.normalization,
        )),
        matrix: matrix_rows(scenario, &weights),
        room: room::gather(scenario, request.method, request.normalization),
        portfolio: portfolio::gather(
            scenario,
            request.file_name,
            request.profile,
            request.method,
            request.normalization,
        ),
        lang: request.lang,
        ranking,
        perspectives,
        leaders,
        evidence,
    })
}

/// The options ranked 1 to 3, best first: `(option, rank, score)`.
fn top_three(r: &Ranking) -> Vec<(usize, usize, f64)> {
    r.order()
        .into_iter()
        .filter(|&i| r.ranks[i] <= 3)
        .map(|i| (i, r.ranks[i], r.scores[i]))
        .collect()
}

/// A briefing's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    /// The format a file name asks for: `.html`/`.htm` or `.md`/`.markdown` (any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// The briefing in `format`.
pub fn render(b: &Briefing, format: Format) -> String {
    match format {
        Format::Html => to_html(b),
        Format::Markdown => to_markdown(b),
    }
}

/// `secs` after the Unix epoch as `YYYY-MM-DD HH:MM UTC` (proleptic Gregorian calendar).
pub fn utc_timestamp(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let of_day = secs.rem_euclid(86_400);
    let (y, m, d) = crate::files::dates::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        of_day / 3600,
        of_day % 3600 / 60
    )
}

/// The time now, as [`utc_timestamp`] writes it.
pub fn now_utc() -> String {
    let secs = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    utc_timestamp(secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::scenario_file::default_scenario;

    #[test]
    fn timestamps_in_utc() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34:56 UTC, a leap day.
        assert_eq!(utc_timestamp(951_827_696), "2000-02-29 12:34 UTC");
        // 2024-12-31 23:59:59 UTC.
        assert_eq!(utc_timestamp(1_735_689_599), "2024-12-31 23:59 UTC");
        assert_eq!(utc_timestamp(-1), "1969-12-31 23:59 UTC");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("b.htm")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("b.pdf")), None);
        assert_eq!(Format::from_path(Path::new("md")), None);
    }

    #[test]
    fn the_default_scenario_s_briefing_counts_and_groups() {
        let s = default_scenario().unwrap_or_else(|e| panic!("{e}"));
        let b = briefing(&s, &Request::new(&s, "unep.ron", "2025-01-01 00:00 UTC"))
            .unwrap_or_else(|e| panic!("{e}"));
        // Every option in exactly one group.
        let mut grouped: Vec<usize> = b.clusters.iter().flat_map(|c| c.options.clone()).collect();
        grouped.sort_unstable();
        assert_eq!(grouped, (0..s.options.len()).collect::<Vec<_>>());
        // Weights of families sum to 1.
        let total: f64 = b.families.iter().map(|f| f.weight).sum();
        assert!((total - 1.0).abs() < 1e-12);
        // Every cell counted once; the default's scores are all illustrative judgements.
        let e = b.evidence;
        assert_eq!(e.illustrative + e.sourced + e.missing, s.performance.len());
        assert_eq!(e.sourced, 0);
        // One perspective per profile, the active one marked, its top three from the ranking.
        assert_eq!(b.perspectives.len(), s.profiles.len());
        assert_eq!(b.perspectives.iter().filter(|p| p.in_use).count(), 1);
        let leader = b.ranking.order()[0];
        assert!(b.leaders.iter().any(|l| l.option == leader));
        assert!(b.sensitivity.is_some());
    }
}
