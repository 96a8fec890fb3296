//! What a regen shows and writes: the canonical YAML text, the unified diff, the summary lines,
//! and the `--check` verdict.
//!
//! Kept apart from the merge so that everything a person reads (and CI greps) is decided in one
//! place, while the merge stays a pure function of specs and entries. Nothing here changes a
//! spec; it only turns a merged one into text, compares that text with the file, and says so.
//!
//! The YAML is written in one canonical form, `serde_yaml::to_string` of the model, whose field
//! order is the model's; a file is written only when its bytes change, so a regen diff shows
//! only real changes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::model::Spec;
use similar::TextDiff;

use super::merge::{Change, ChangeKind};
use super::RegenError;
use crate::files::{self, FileError};

/// A spec file that could not be read, parsed, or put in the canonical form.
#[derive(Debug, thiserror::Error)]
pub enum SpecFileError {
    /// The file could not be read or written.
    #[error(transparent)]
    File(#[from] FileError),
    /// The text is not YAML of the spec model.
    #[error("{path}: {source}")]
    Parse {
        /// The spec's path.
        path: String,
        /// serde_yaml's error.
        #[source]
        source: serde_yaml::Error,
    },
    /// The spec could not be turned into YAML.
    #[error("{path}: cannot serialize the spec: {source}")]
    Serialize {
        /// The spec's path.
        path: String,
        /// serde_yaml's error.
        #[source]
        source: serde_yaml::Error,
    },
}

/// The one canonical text of the spec that belongs at `path`: what regen writes, and what the
/// committed specs must be.
pub fn canonical(path: &Path, spec: &Spec) -> Result<String, SpecFileError> {
    serde_yaml::to_string(spec).map_err(|source| SpecFileError::Serialize {
        path: files::shown(path),
        source,
    })
}

/// Reads a spec file without validating it: for the commands that edit copies of the specs.
pub fn read_spec(path: &Path) -> Result<Spec, SpecFileError> {
    serde_yaml::from_str(&files::read(path)?).map_err(|source| SpecFileError::Parse {
        path: files::shown(path),
        source,
    })
}

/// Writes a spec file in the canonical form.
pub fn write_spec(path: &Path, spec: &Spec) -> Result<(), SpecFileError> {
    Ok(files::write(path, &canonical(path, spec)?)?)
}

/// The result of regenerating one vendor's spec.
#[derive(Clone, Debug)]
pub struct SpecOutcome {
    /// The vendor id.
    pub vendor: String,
    /// Where the spec lives.
    pub path: PathBuf,
    /// The spec's path as shown in messages and diff headers.
    pub label: String,
    /// The spec's current text, if the file exists.
    pub old: Option<String>,
    /// The regenerated text, in the canonical form.
    pub new: String,
    /// The regenerated spec.
    pub spec: Spec,
    /// Entry by entry, what changed: added and changed ones in document order, then vanished.
    pub changes: Vec<Change>,
}

impl SpecOutcome {
    /// Whether writing the spec would change the file.
    pub fn is_changed(&self) -> bool {
        self.old.as_deref() != Some(self.new.as_str())
    }

    /// A unified diff of the file, empty when it does not change.
    pub fn diff(&self) -> String {
        if !self.is_changed() {
            return String::new();
        }
        let old = self.old.as_deref().unwrap_or("");
        let (a, b) = match self.old {
            Some(_) => (format!("a/{}", self.label), format!("b/{}", self.label)),
            None => ("/dev/null".to_string(), format!("b/{}", self.label)),
        };
        TextDiff::from_lines(old, self.new.as_str())
            .unified_diff()
            .context_radius(3)
            .header(&a, &b)
            .to_string()
    }
}

/// The result of a regen, before anything is written.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// One per vendor document, in file-name order.
    pub specs: Vec<SpecOutcome>,
    /// Things worth saying that do not stop the regen.
    pub warnings: Vec<String>,
}

impl Outcome {
    /// The specs whose file would change.
    pub fn changed(&self) -> impl Iterator<Item = &SpecOutcome> {
        self.specs.iter().filter(|s| s.is_changed())
    }

    /// Every entry change, over all specs.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.specs.iter().flat_map(|s| s.changes.iter())
    }

    /// Writes the specs that change; returns how many were written.
    pub fn write(&self) -> Result<usize, FileError> {
        let mut written = 0;
        for s in self.changed() {
            files::write(&s.path, &s.new)?;
            written += 1;
        }
        Ok(written)
    }
}

/// One summary line: what happened to one entry, in a form that lines up in a terminal and that
/// CI logs can be searched for (`added `, `changed `, `VANISHED `).
pub fn summary_line(c: &Change) -> String {
    let v = &c.vendor;
    let what = match &c.code {
        Some(code) => format!("{code} (id {})", c.id),
        None => format!("{} (no code)", c.id),
    };
    match &c.kind {
        ChangeKind::Added => format!("added    {v} {what}: new, review its category/action"),
        ChangeKind::Vanished => format!(
            "VANISHED {v} {what}: vanished from the document; removed from the spec with its curation"
        ),
        ChangeKind::Changed(fields) => format!("changed  {v} {what}: {}", fields.join(", ")),
    }
}

/// `entry` or `entries`.
fn entries(n: usize) -> &'static str {
    if n == 1 {
        "entry"
    } else {
        "entries"
    }
}

/// Prints a regen's result (or its errors) and writes the changed specs unless `check`; the
/// exit status is the command's.
pub fn print_and_write(result: Result<Outcome, Vec<RegenError>>, check: bool) -> ExitCode {
    let outcome = match result {
        Ok(o) => o,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("regen: nothing was written");
            return ExitCode::FAILURE;
        }
    };
    for w in &outcome.warnings {
        eprintln!("warning: {w}");
    }
    let changed: Vec<&SpecOutcome> = outcome.changed().collect();
    for s in &changed {
        if s.old.is_none() {
            println!(
                "new spec {} for {} ({} entries)",
                s.label,
                s.vendor,
                s.spec.entries.len()
            );
        }
        for c in &s.changes {
            println!("{}", summary_line(c));
        }
        if s.changes.is_empty() {
            println!(
                "reformat {}: no entry changed; rewritten in the canonical form",
                s.label
            );
        }
        print!("{}", s.diff());
    }
    let vanished: Vec<&Change> = outcome
        .changes()
        .filter(|c| c.kind == ChangeKind::Vanished)
        .collect();
    if !vanished.is_empty() {
        eprintln!(
            "warning: {} {} vanished from the document{}: {}",
            vanished.len(),
            entries(vanished.len()),
            if check {
                " and would be removed"
            } else {
                " and were removed from the spec"
            },
            vanished
                .iter()
                .map(|c| format!("{} {}", c.vendor, c.label()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let review = outcome
        .changes()
        .filter(|c| c.kind == ChangeKind::Added)
        .count();
    if check {
        return if changed.is_empty() {
            println!("regen --check: {} spec(s) up to date", outcome.specs.len());
            ExitCode::SUCCESS
        } else {
            println!("regen --check: {} spec(s) out of date", changed.len());
            println!("run `cargo xtask regen` to update the specs");
            ExitCode::FAILURE
        };
    }
    match outcome.write() {
        Ok(n) => {
            println!(
                "regen: wrote {n} spec(s), {} unchanged",
                outcome.specs.len() - n
            );
            if review > 0 {
                println!(
                    "regen: {review} new {} marked `review: true`: check category and action, then remove the flag",
                    entries(review)
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::entry;
    use errcat_codegen::model::{Action, Category, VendorHeader};

    fn change(kind: ChangeKind, code: Option<&str>) -> Change {
        Change {
            vendor: "iris_hr".into(),
            kind,
            id: "invalid_scope".into(),
            code: code.map(str::to_string),
        }
    }

    /// `tests/regen.rs` greps these prefixes; the columns line up so the vendor ids do.
    #[test]
    fn summary_lines_name_vendor_code_and_id() {
        assert_eq!(
            summary_line(&change(ChangeKind::Added, Some("400-001-0008"))),
            "added    iris_hr 400-001-0008 (id invalid_scope): new, review its category/action"
        );
        assert_eq!(
            summary_line(&change(ChangeKind::Changed(vec!["title", "message"]), None)),
            "changed  iris_hr invalid_scope (no code): title, message"
        );
        assert!(summary_line(&change(ChangeKind::Vanished, Some("X")))
            .starts_with("VANISHED iris_hr X (id invalid_scope): vanished from the document"));
    }

    /// The canonical form must give back exactly what it was given, for every kind of text the
    /// documents hold, or regen would change the text it claims to copy.
    #[test]
    fn canonical_yaml_round_trips_awkward_text() {
        let awkward = [
            "Consent not provided ",
            "  leading spaces",
            "The Authorization API only supports the \u{201c}code\u{201d} response type, it\u{2019}s",
            "key: value, and # not a comment",
            "'single' and \"double\" quotes",
            "- looks like a list",
            "{requestedTopSize} at the start",
            "[<list of fields>]",
            "yes",
            "null",
            "~",
            "414",
            "0x1F",
            "1e3",
            "2024-01-01",
            "@at",
            "%v then %s",
            "line one\nline two",
            "trailing newline\n",
            "tab\tinside",
            "\u{a0}",
            "",
            "a very long message that goes on and on well past eighty columns, so that an emitter that folds long lines would fold it somewhere around here, or maybe here",
        ];
        for text in awkward {
            let mut x = entry(
                "x".into(),
                text,
                Category::InvalidRequest,
                Action::FixRequest,
            );
            x.code = Some(text.to_string());
            x.http_status = Some(400);
            x.message = Some(text.to_string());
            x.condition = Some(text.to_string());
            x.notes = Some(text.to_string());
            x.aliases = vec![text.to_string()];
            let s = Spec {
                vendor: VendorHeader {
                    id: "iris_hr".into(),
                    name: "IRIS HR".into(),
                    source: Some("sources/iris_hr.txt".into()),
                    url: None,
                    catch_all: None,
                    extends: None,
                    envelope: None,
                    trace_headers: Vec::new(),
                    rate_limit_wait_s: None,
                    statuses: Vec::new(),
                    notes: None,
                },
                entries: vec![x],
            };
            let path = Path::new("iris_hr.yaml");
            let yaml = canonical(path, &s).expect("serializes");
            let back: Spec =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{text:?}: {e}\n{yaml}"));
            assert_eq!(back, s, "{text:?} does not round-trip:\n{yaml}");
            assert_eq!(
                canonical(path, &back).expect("serializes"),
                yaml,
                "{text:?} is not canonical"
            );
        }
    }
}
