//! What a file held when the document was read from it or saved to it, so that a change made
//! by someone else is noticed: its length, modification time and a hash of its bytes. The
//! length and time are a cheap first look; the bytes are read and hashed only when either
//! differs, so a file merely touched (or copied back unchanged) does not count as changed.

use std::fs;
use std::hash::Hasher;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::SystemTime;

use super::scenario_file::{self, MAX_FILE_BYTES, write_atomic};
use crate::scenario::model::Scenario;

/// A file's contents as last seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// What is on disk now, compared with a fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// The same contents (the fingerprint brought up to date, e.g. a new modification time).
    Same(Fingerprint),
    /// Other contents.
    Changed(Fingerprint),
    /// No file there any more.
    Missing,
}

fn hash(bytes: &[u8]) -> u64 {
    // SipHash with fixed keys: the same bytes hash the same in every run.
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

impl Fingerprint {
    /// The fingerprint of `bytes`, just read from or written to `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: hash(bytes),
        }
    }

    /// The fingerprint of the file at `path` now; `None` if there is none. Past
    /// [`MAX_FILE_BYTES`] only that much is hashed (no such file is a document), with the
    /// whole length, so memory stays bounded whatever another program writes there.
    pub fn of_file(path: &Path) -> std::io::Result<Option<Self>> {
        let file = match fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let len = file.metadata()?.len();
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
        Ok(Some(Self {
            len,
            ..Self::of_bytes(path, &bytes)
        }))
    }

    /// Whether both describe the same bytes (whatever their times).
    pub fn same_bytes(&self, other: &Self) -> bool {
        self.len == other.len && self.hash == other.hash
    }

    /// Compares the file at `path` with this fingerprint; reads it only if its length or
    /// modification time differ.
    pub fn compare(&self, path: &Path) -> std::io::Result<OnDisk> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(OnDisk::Missing),
            Err(e) => return Err(e),
        };
        if meta.len() == self.len && meta.modified().ok() == self.modified {
            return Ok(OnDisk::Same(self.clone()));
        }
        Ok(match Self::of_file(path)? {
            None => OnDisk::Missing,
            Some(now) if now.same_bytes(self) => OnDisk::Same(now),
            Some(now) => OnDisk::Changed(now),
        })
    }
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The file was changed by someone else since `expected` was taken: nothing was written.
    ChangedOnDisk,
    /// The write failed (the message names the file); the old file is as it was.
    Failed(String),
}

/// Saves `scenario` to `path` atomically, unless the file there no longer matches `expected`
/// (when given): another program's changes are never written over without asking. Returns the
/// fingerprint of what was written.
pub fn save_unless_changed(
    path: &Path,
    scenario: &Scenario,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    let failed = |e: String| SaveError::Failed(format!("{}: cannot save: {e}", path.display()));
    if let Some(expected) = expected {
        match expected.compare(path) {
            Ok(OnDisk::Changed(_)) => return Err(SaveError::ChangedOnDisk),
            // Gone (moved or deleted): nothing of anyone's is overwritten by writing it anew.
            Ok(OnDisk::Same(_) | OnDisk::Missing) => {}
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    let text = scenario_file::to_ron(scenario).map_err(failed)?;
    write_atomic(path, &text).map_err(|e| failed(e.to_string()))?;
    Ok(Fingerprint::of_bytes(path, text.as_bytes()))
}
