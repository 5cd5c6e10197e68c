//! Reading and writing scenario files: RON in, validated `Scenario` out, every problem
//! reported with file, line, column and field; and a save that never corrupts the old file.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use serde::Deserialize;

use crate::files::csv_import;
use crate::files::diagnostic::{Diagnostic, LineIndex, LoadError, capped_of, line_col, utf8};
use crate::files::limits;
use crate::files::locate::FieldMap;
use crate::scenario::model::{FORMAT_VERSION, Scenario};
use crate::scenario::validate::validate;

mod hints;

/// Largest file read, in bytes: far above any real scenario, low enough to refuse a mistake
/// (a video dragged onto the window) before reading it all.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The default scenario, embedded in the binary.
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/unep-aheg-2018.ron");

/// The name the embedded default scenario goes by in messages.
pub const DEFAULT_SCENARIO_NAME: &str = "unep-aheg-2018.ron";

/// The starter of File › New scenario, embedded in the binary.
pub const STARTER_SCENARIO: &str = include_str!("starter.ron");

/// The name a new scenario goes by until it is saved.
pub const STARTER_SCENARIO_NAME: &str = "untitled.ron";

/// Loads the starter of a new scenario: one family, criterion, option and profile.
pub fn starter_scenario() -> Result<Scenario, LoadError> {
    parse_ron(STARTER_SCENARIO.as_bytes(), STARTER_SCENARIO_NAME)
}

/// Loads the embedded default scenario.
pub fn default_scenario() -> Result<Scenario, LoadError> {
    parse_ron(DEFAULT_SCENARIO.as_bytes(), DEFAULT_SCENARIO_NAME)
}

/// Reads a scenario from a `.ron` file, or from a `.csv` matrix (by extension).
pub fn load_path(path: &Path) -> Result<Scenario, LoadError> {
    load_path_with_bytes(path).map(|(s, _)| s)
}

/// [`load_path`], with the bytes it read (the window fingerprints exactly what it loaded).
pub fn load_path_with_bytes(path: &Path) -> Result<(Scenario, Vec<u8>), LoadError> {
    let name = path.display().to_string();
    let bytes =
        read_limited(path).map_err(|m| LoadError::single(Diagnostic::whole_file(&name, m)))?;
    let scenario = if is_csv(path) {
        csv_import::parse_csv(&bytes, &name)
    } else {
        parse_ron(&bytes, &name)
    }?;
    Ok((scenario, bytes))
}

/// Whether a path names a CSV matrix rather than a scenario file.
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Reads a whole file, refusing one over [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err("is a folder, not a file".to_string());
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_big(meta.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(len: u64) -> String {
    format!(
        "file is {len} bytes, over the limit of {MAX_FILE_BYTES} bytes ({} MiB); is it really a scenario?",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Just enough of a scenario to read its format version before anything else.
#[derive(Deserialize)]
struct VersionProbe {
    metadata: VersionProbeMeta,
}

#[derive(Deserialize)]
struct VersionProbeMeta {
    format_version: u32,
}

/// Parses and validates a scenario from RON text; `file` names it in messages.
pub fn parse_ron(bytes: &[u8], file: &str) -> Result<Scenario, LoadError> {
    let text = utf8(bytes, file)?;
    if text.trim().is_empty() {
        return Err(LoadError::single(Diagnostic::whole_file(
            file,
            "the file is empty; expected a scenario `( metadata: (...), ... )`",
        )));
    }
    // A file from a newer Tideline may not parse as this version's format: say so first,
    // whether it parses or not. (The version is probed only when the file does not parse,
    // as the probe reads the whole text again: half the time of loading a large file.)
    let version_problem = |version: u32| {
        let problem = crate::scenario::validate::Problem {
            field: "metadata.format_version".to_string(),
            message: format!(
                "unknown format version {version}; this build of Tideline reads version {FORMAT_VERSION}"
            ),
        };
        located(text, file, vec![problem])
    };
    let scenario = match parse_located::<Scenario>(text, file) {
        Ok(s) if s.metadata.format_version != FORMAT_VERSION => {
            return Err(version_problem(s.metadata.format_version));
        }
        Ok(s) => s,
        Err(e) => {
            return Err(match ron_options().from_str::<VersionProbe>(text) {
                Ok(probe) if probe.metadata.format_version != FORMAT_VERSION => {
                    version_problem(probe.metadata.format_version)
                }
                _ => e,
            });
        }
    };
    let cells = scenario.performance.len().max(
        scenario
            .options
            .len()
            .saturating_mul(scenario.criteria.len()),
    );
    if let Some(message) = limits::too_large(scenario.options.len(), scenario.criteria.len(), cells)
    {
        // Placed at the first item past the limit that was broken.
        let field = if scenario.criteria.len() > limits::MAX_CRITERIA {
            format!("criteria[{}]", limits::MAX_CRITERIA)
        } else if scenario.options.len() > limits::MAX_OPTIONS {
            format!("options[{}]", limits::MAX_OPTIONS)
        } else {
            "performance".to_string()
        };
        let problem = crate::scenario::validate::Problem { field, message };
        return Err(located(text, file, vec![problem]));
    }
    let problems = validate(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(located(text, file, problems))
    }
}

/// Parses RON `text` as a `T`, or says where and why not: a structural error in plain words
/// (see `hints`), at its line and column, naming the field it is in. Shared by every RON
/// format Tideline reads (scenarios, weights forms).
pub(crate) fn parse_located<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
) -> Result<T, LoadError> {
    ron_options().from_str(text).map_err(|e| {
        let offset = error_offset(text, &e);
        let hint = hints::describe(text, offset, &e.code, &|t: &str| {
            ron_options()
                .from_str::<T>(t)
                .err()
                .map(|e| error_offset(t, &e))
        });
        // A hint about a bracket names that bracket's field: the list a `]` would close, not
        // the item the broken text seemed to start.
        let place = hint.as_ref().and_then(|h| h.bracket).unwrap_or(offset);
        let field = parse_error_field(&FieldMap::around(text, place), place);
        let message = hint.map_or_else(|| describe_ron_error(&e.code), |h| h.message);
        LoadError::single(Diagnostic {
            file: file.to_string(),
            location: Some(line_col(text, offset)),
            field,
            message,
        })
    })
}

/// Validation problems as diagnostics at their fields' places in `text`, at most
/// [`MAX_PROBLEMS`](crate::files::diagnostic::MAX_PROBLEMS) of them. One scan finds every
/// field named, one index every line.
pub(crate) fn located(
    text: &str,
    file: &str,
    mut problems: Vec<crate::scenario::validate::Problem>,
) -> LoadError {
    let total = problems.len();
    problems.truncate(crate::files::diagnostic::MAX_PROBLEMS + 1);
    let fields = FieldMap::of_paths(text, problems.iter().map(|p| p.field.as_str()));
    let lines = LineIndex::new(text);
    let diagnostics = problems
        .iter()
        .map(|p| Diagnostic {
            file: file.to_string(),
            location: fields.start_of(&p.field).map(|b| lines.line_col(b)),
            field: p.field.clone(),
            message: p.message.clone(),
        })
        .collect();
    LoadError {
        diagnostics: capped_of(diagnostics, total, file),
    }
}

/// Line and column of option `option`'s value on criterion `criterion` in the file `path`
/// that `scenario` was read from (a `.ron` cell, or a `.csv` matrix cell), for a problem found
/// after loading, such as a missing value met when scoring. `None` when it cannot be placed.
pub fn value_place(
    path: &Path,
    scenario: &Scenario,
    option: &str,
    criterion: &str,
) -> Option<(usize, usize)> {
    let bytes = read_limited(path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if is_csv(path) {
        let o = scenario.options.iter().position(|x| x.id == option)?;
        let c = scenario.criteria.iter().position(|x| x.id == criterion)?;
        return csv_import::cell_place(text, o, c);
    }
    let i = scenario
        .performance
        .iter()
        .position(|cell| cell.option == option && cell.criterion == criterion)?;
    let field = format!("performance[{i}].value");
    let fields = FieldMap::of_paths(text, [field.as_str()]);
    fields.start_of(&field).map(|b| line_col(text, b))
}

/// Where ron's error points, as a byte offset: ron points just before the offending token, so
/// the offset is moved past any white space to the token itself.
fn error_offset(text: &str, e: &ron::error::SpannedError) -> usize {
    let offset = byte_offset(text, e.span.start.line, e.span.start.col);
    offset
        + text
            .get(offset..)
            .map_or(0, |rest| rest.len() - rest.trim_start().len())
}

/// The field a parse error at `offset` is in: the innermost one the scan found there, less the
/// parts the scan made up from the broken text (`.0` for a word it took for a tuple member,
/// `[?]` for a map key it could not read) when the record around them has real field names.
fn parse_error_field(fields: &FieldMap, offset: usize) -> String {
    let mut field = fields.field_at(offset).unwrap_or("");
    while let Some(cut) = field.rfind(['.', '[']) {
        let (parent, last) = field.split_at(cut);
        let made_up = last == "[?]"
            || (last.len() > 1
                && last[1..].bytes().all(|b| b.is_ascii_digit())
                && fields.has_named_field(parent));
        if !made_up {
            break;
        }
        field = parent;
    }
    field.to_string()
}

/// Byte offset of a 1-based line and character column.
fn byte_offset(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    text.len()
}

/// ron's error, phrased for someone editing a scenario by hand.
fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExpectedFloat | E::ExpectedInteger => "expected a number".to_string(),
        E::ExpectedString | E::ExpectedStringEnd => {
            "expected a string in double quotes, e.g. \"text\"".to_string()
        }
        E::Eof => "unexpected end of file: a bracket or parenthesis is not closed".to_string(),
        E::ExpectedComma => "expected a comma between items".to_string(),
        E::ExpectedArrayEnd => "expected `]` or a comma".to_string(),
        E::ExpectedMapEnd => "expected `}` or a comma".to_string(),
        E::ExpectedStructLikeEnd => "expected `)` or a comma".to_string(),
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field `{found}`; expected one of {}",
            quoted(expected)
        ),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "unknown value `{found}`; expected one of {}",
            quoted(expected)
        ),
        E::MissingStructField { field, .. } => format!("missing field `{field}`"),
        E::DuplicateStructField { field, .. } => format!("field `{field}` is given twice"),
        E::InvalidValueForType { expected, found } => format!("expected {expected}, found {found}"),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// `a`, `b`, `c` in backquotes.
fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scenario as RON text, in the layout Tideline saves.
pub fn to_ron(scenario: &Scenario) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(scenario, config).map_err(|e| e.to_string())?;
    Ok(format!(
        "// Tideline scenario, format version {FORMAT_VERSION}. See docs/scenario-format.md.\n{body}\n"
    ))
}

/// Whether `a` and `b` name the same existing file, through any path or link: a write to
/// one would replace the other.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `text` to `path` through a temporary file in the same folder, flushed to disk and
/// then renamed over the target, and the folder flushed too, so a crash mid-save leaves the
/// old file whole and a finished save survives a power cut. The temporary is created anew
/// (never opened through a link someone left in its place), keeps the old file's permissions,
/// and is removed if anything fails. A read-only file is refused, not replaced.
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(text.as_bytes()))
}

/// [`write_atomic`] with the body written by `fill` (tests make it fail part-way).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // A symbolic link stays a link: the file it points to gets the new contents.
    let real = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|e| dangling_link(path, e))?
        }
        _ => path.to_path_buf(),
    };
    let path = real.as_path();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());
    // A file marked read-only is not replaced: the rename would succeed in a writable folder.
    if fs::metadata(path).is_ok_and(|m| m.file_type().is_file() && m.permissions().readonly()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; save under another name, or make it writable first",
        ));
    }
    remove_stale_temporaries(dir, &name);
    let (tmp, mut f) = create_temporary(dir, &name)?;
    let result = (|| {
        // A save keeps the file's permissions (a shared, group-writable scenario stays so).
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_folder(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The error for a symbolic link whose target cannot be found: which file it points to, and
/// what to do (the plain "No such file or directory" named neither).
fn dangling_link(link: &Path, e: std::io::Error) -> std::io::Error {
    if e.kind() != std::io::ErrorKind::NotFound {
        return e;
    }
    // A relative target is named from the link's folder, where it is looked for.
    let target = fs::read_link(link).map_or_else(
        |_| "a file".to_string(),
        |t| match link.parent() {
            Some(dir) if t.is_relative() && !dir.as_os_str().is_empty() => {
                dir.join(t).display().to_string()
            }
            _ => t.display().to_string(),
        },
    );
    std::io::Error::new(
        e.kind(),
        format!(
            "it is a symbolic link to {target}, which does not exist; create that file (and its folder), or save under another name"
        ),
    )
}

/// How old a temporary of ours must be before a later save takes it for the leftover of a
/// killed write and removes it.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes leftovers of killed writes to the same target: regular files named as
/// [`create_temporary`] names them, untouched for over [`STALE_TEMPORARY`]. Best effort.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        // Ours are `<pid>-<counter>`, both decimal.
        let ours = rest
            .split_once('-')
            .is_some_and(|(a, b)| is_decimal(a) && is_decimal(b));
        let stale = entry.metadata().is_ok_and(|m| {
            m.file_type().is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMPORARY)
        });
        if ours && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A new temporary file beside the target, created exclusively: an existing file or link of
/// that name is never opened, another name is tried instead.
fn create_temporary(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut last = None;
    for _ in 0..16 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Flushes a folder's entries (the rename) to disk. Where folders cannot be opened or synced
/// (some platforms and file systems), the rename itself has still happened: not an error.
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Saves a scenario as RON, atomically.
pub fn save(path: &Path, scenario: &Scenario) -> Result<(), String> {
    let text = to_ron(scenario)?;
    write_atomic(path, &text).map_err(|e| format!("{}: cannot save: {e}", path.display()))
}
