//! Publishing into the output folder: all or nothing, and nothing when
//! nothing changed.
//!
//! Every changed file is first written in full to a temporary file in the
//! same folder; only when all of them are written are they renamed over
//! the old ones (a rename is atomic, so a reader sees the old file or the
//! new one, never half of one). Later pages are renamed before `feed.json`,
//! so the new first page never points at an old next page. A file whose
//! bytes would not change is not touched (its mtime and ETag stay), and
//! pages beyond the new last one are removed only after the renames.

use crate::fetch::Validators;
use crate::pages::Page;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The validators of the last fetched source, kept beside the pages.
pub const STATE_FILE: &str = ".news-feed-state.json";

/// What the last run fetched, and how it converted it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct State {
    /// The source URL.
    pub source: String,
    /// A fingerprint of the tool's version and options: a 304 only stands
    /// for the output when the output would be built the same way.
    pub settings: String,
    /// The source's validators.
    #[serde(flatten)]
    pub validators: Validators,
}

/// The validators of the last run from the same source with the same
/// settings, if its output is still there (a deleted `feed.json` must be
/// rebuilt, not answered by 304).
pub fn read_state(dir: &Path, source: &str, settings: &str) -> Option<Validators> {
    if !dir.join(crate::pages::page_name(1)).is_file() {
        return None;
    }
    let text = fs::read(dir.join(STATE_FILE)).ok()?;
    let state: State = serde_json::from_slice(&text).ok()?;
    (state.source == source && state.settings == settings).then_some(state.validators)
}

/// Writes `pages` (and the state of a URL source) into `dir`; returns how
/// many pages changed. On error the folder is as it was.
pub fn publish(dir: &Path, pages: &[Page], state: Option<&State>) -> Result<usize, String> {
    let created = !dir.exists();
    fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the output folder {}: {e}", dir.display()))?;
    let mut files: Vec<(String, Vec<u8>)> = pages
        .iter()
        .rev()
        .map(|page| (page.name.clone(), page.text.clone().into_bytes()))
        .collect();
    let changed_pages = files
        .iter()
        .filter(|(name, bytes)| !unchanged(&dir.join(name), bytes))
        .count();
    if let Some(state) = state {
        let text = serde_json::to_vec_pretty(state)
            .map_err(|e| format!("cannot write the state file: {e}"))?;
        files.push((STATE_FILE.to_owned(), text));
    }
    files.retain(|(name, bytes)| !unchanged(&dir.join(name), bytes));
    let staged = match stage(dir, &files) {
        Ok(staged) => staged,
        Err(error) => {
            if created {
                let _ = fs::remove_dir(dir);
            }
            return Err(error);
        }
    };
    let mut renames = staged.iter();
    for (temp, target) in renames.by_ref() {
        if let Err(e) = fs::rename(temp, target) {
            for (temp, _) in renames {
                let _ = fs::remove_file(temp);
            }
            let _ = fs::remove_file(temp);
            return Err(format!("cannot replace {}: {e}", target.display()));
        }
    }
    remove_stale_pages(dir, pages.len())?;
    Ok(changed_pages)
}

fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes each file to a temporary file beside its target; on any error
/// removes the ones written and says which failed.
fn stage(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let written = fs::File::create(&temp).and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            for (temp, _) in &staged {
                let _ = fs::remove_file(temp);
            }
            return Err(format!(
                "cannot write {} (the folder is left as it was): {e}",
                dir.join(name).display()
            ));
        }
        staged.push((temp, dir.join(name)));
    }
    Ok(staged)
}

/// Removes `feed-N.json` for every N beyond `count`, left by a longer feed.
fn remove_stale_pages(dir: &Path, count: usize) -> Result<(), String> {
    let entries = fs::read_dir(dir)
        .map_err(|e| format!("cannot list the output folder {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let number = name
            .to_str()
            .and_then(|n| n.strip_prefix("feed-"))
            .and_then(|n| n.strip_suffix(".json"))
            .and_then(|n| n.parse::<usize>().ok());
        if number.is_some_and(|n| n > count && n >= 2) {
            fs::remove_file(entry.path()).map_err(|e| {
                format!("cannot remove the old page {}: {e}", entry.path().display())
            })?;
        }
    }
    Ok(())
}
