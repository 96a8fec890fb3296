//! `cargo xtask regen`: re-transcribe the vendor documents into the specs, merge, diff, check.
//!
//! For every `specs/sources/<vendor>.txt` (the vendor id is the file stem) the vendor's
//! transcriber yields the document's entries; [`merge`] pairs them with the entries of
//! `specs/<vendor>.yaml`, replacing transcribed fields and keeping curated ones; [`report`]
//! turns the result into canonical YAML, a unified diff and summary lines, and writes the files
//! that change (or, with `--check`, says that they would).
//!
//! This module is the pipeline between them, and the only part that reads files. Every
//! regenerated spec is validated with [`errcat_codegen::check_text`] before anything is written,
//! so regen never leaves a spec behind that fails the build. Any problem (no transcriber, a line
//! the transcriber cannot place, a spec that does not parse, a regenerated spec that does not
//! validate) is a [`RegenError`] reported as `file:line: …`, and nothing at all is written.

pub mod merge;
pub mod report;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::SpecError;

use crate::files::{self, FileError};
use crate::transcribe::{self, TranscribeError};
use report::{Outcome, SpecOutcome};

/// What `regen` works on.
#[derive(Clone, Debug)]
pub struct Options {
    /// The specs directory; the documents are in its `sources/` subdirectory.
    pub specs: PathBuf,
    /// Only these vendor ids; all vendors with a document when empty.
    pub vendors: Vec<String>,
}

/// Something that stops a regen. Nothing is written when there is one.
#[derive(Debug, thiserror::Error)]
pub enum RegenError {
    /// A file or directory could not be read or listed.
    #[error(transparent)]
    File(#[from] FileError),
    /// The sources directory holds no `*.txt` document.
    #[error("{dir}: no *.txt vendor documents found")]
    NoSources {
        /// The sources directory.
        dir: String,
    },
    /// A document whose stem names no vendor with a transcriber.
    #[error(
        "{file}:1: no transcriber for vendor `{vendor}` (the file stem); known vendors: {}",
        known_vendors()
    )]
    UnknownVendor {
        /// The document.
        file: String,
        /// Its stem.
        vendor: String,
    },
    /// `--vendor` named a vendor that has no document.
    #[error("{file}: no document for vendor `{vendor}`")]
    NoDocument {
        /// The vendor id given.
        vendor: String,
        /// Where its document would be.
        file: String,
    },
    /// The transcriber could not place a line of the document.
    #[error(transparent)]
    Transcribe(#[from] TranscribeError),
    /// The existing spec does not parse.
    #[error(transparent)]
    SpecParse(SpecError),
    /// The regenerated spec would not pass the build's validation, and the spec on disk has the
    /// same text, so the position is in that file.
    #[error(transparent)]
    Invalid(SpecError),
    /// The regenerated spec would not pass the build's validation; the position is in the
    /// regenerated text, whose diff has been printed since it is not written.
    #[error("{0} (position in the regenerated spec, whose diff is above)")]
    InvalidRegenerated(#[source] SpecError),
    /// The merged spec could not be turned into YAML.
    #[error(transparent)]
    SpecFile(#[from] report::SpecFileError),
}

fn known_vendors() -> String {
    transcribe::VENDORS
        .iter()
        .map(|v| v.id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Re-transcribes the documents and merges them into the specs, in memory.
pub fn regen(opts: &Options) -> Result<Outcome, Vec<RegenError>> {
    let sources = opts.specs.join("sources");
    let mut errors = Vec::new();
    let mut documents = files::list(&sources, "txt").map_err(|e| vec![e.into()])?;
    if documents.is_empty() {
        return Err(vec![RegenError::NoSources {
            dir: files::shown(&sources),
        }]);
    }
    let mut outcome = Outcome::default();
    if opts.vendors.is_empty() {
        let stems: HashSet<String> = documents.iter().map(|(stem, _)| stem.clone()).collect();
        for (stem, path) in files::list(&opts.specs, "yaml").map_err(|e| vec![e.into()])? {
            if !stems.contains(&stem) {
                outcome.warnings.push(format!(
                    "{}: no document sources/{stem}.txt, so this spec is not regenerated",
                    files::shown(&path)
                ));
            }
        }
    } else {
        for v in &opts.vendors {
            if !documents.iter().any(|(stem, _)| stem == v) {
                errors.push(RegenError::NoDocument {
                    vendor: v.clone(),
                    file: files::shown(&sources.join(format!("{v}.txt"))),
                });
            }
        }
        documents.retain(|(stem, _)| opts.vendors.contains(stem));
    }

    for (stem, doc_path) in documents {
        match regen_one(&opts.specs, &stem, &doc_path) {
            Ok(s) => outcome.specs.push(s),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(outcome)
    } else {
        Err(errors)
    }
}

fn regen_one(specs: &Path, stem: &str, doc_path: &Path) -> Result<SpecOutcome, Vec<RegenError>> {
    let one = |e: RegenError| vec![e];
    let doc_label = files::shown(doc_path);
    let Some(vendor) = transcribe::vendor(stem) else {
        return Err(one(RegenError::UnknownVendor {
            file: doc_label,
            vendor: stem.to_string(),
        }));
    };
    let text = files::read(doc_path).map_err(|e| one(e.into()))?;
    let transcribed = (vendor.transcribe)(&text, &doc_label).map_err(|e| one(e.into()))?;

    let path = specs.join(format!("{stem}.yaml"));
    let label = files::shown(&path);
    let old_text = files::read_if_exists(&path).map_err(|e| one(e.into()))?;
    let old_spec = match &old_text {
        Some(t) => Some(
            errcat_codegen::parse_text(&label, t)
                .map_err(|e| e.into_iter().map(RegenError::SpecParse).collect::<Vec<_>>())?,
        ),
        None => None,
    };

    let (spec, changes) = merge::merge(vendor, old_spec.as_ref(), transcribed);
    let new = report::canonical(&path, &spec).map_err(|e| one(e.into()))?;
    let outcome = SpecOutcome {
        vendor: stem.to_string(),
        path,
        label,
        old: old_text,
        new,
        spec,
        changes,
    };
    if let Err(errors) = errcat_codegen::check_text(&outcome.label, stem, &outcome.new) {
        // The diff makes the positions in these messages findable, since the text is not written.
        eprint!("{}", outcome.diff());
        let in_file = !outcome.is_changed();
        return Err(errors
            .into_iter()
            .map(|e| {
                if in_file {
                    RegenError::Invalid(e)
                } else {
                    RegenError::InvalidRegenerated(e)
                }
            })
            .collect());
    }
    Ok(outcome)
}

/// `cargo xtask regen [--check] [--vendor V]…`.
pub fn main(opts: &Options, check: bool) -> ExitCode {
    report::print_and_write(regen(opts), check)
}
