//! `cargo xtask regen`: re-transcribe the vendor documents into the specs, merge, diff, check.
//!
//! For every `specs/sources/<vendor>.txt` (the vendor id is the file stem) the vendor's
//! transcriber yields the document's entries. They are merged into `specs/<vendor>.yaml`:
//!
//! - **Transcribed fields** (`code`, `error`, `property`, `http_status`, `title`, `message`,
//!   `condition`, `handling`) are replaced by the transcription: the document is the source of
//!   truth for them, so a hand edit there is undone and shows up in the diff.
//! - **Curated fields** (`id`, `category`, `action`, `aliases`, `review`, `notes`) are kept.
//!   An entry of the document is paired with an entry of the spec
//!   1. by `code`;
//!   2. else by one of the spec entry's `aliases`, so that a document which fixes a code (IRIS's
//!      `500-001-00014` becoming `500-001-0014`) keeps the entry's id and curation; the alias
//!      that became the code is dropped from `aliases`, since a code may not be listed twice;
//!   3. code-less entries by identity: first `(http_status, error, property, title, message)`
//!      exactly, then, among the entries still unpaired, `(http_status, error, property, title)`
//!      when that key is unique on both sides (a reworded message keeps its curation, but two
//!      rewordings under one title are not paired by guesswork).
//! - **New entries** keep the transcriber's defaults and get `review: true`, which the build
//!   turns into a warning until a person has checked them. An id that is already taken, by a
//!   current entry or by one that vanished (ids are never reused), gets a `_2`, `_3`… suffix.
//! - **Vanished entries** (in the spec, no longer in the document) are dropped from the
//!   regenerated spec, because a catalog that lists codes the vendor no longer documents is
//!   wrong in a way nobody notices, while a loud report is noticed: each one is named, with
//!   its code and id, in the summary and again in a closing warning, and the diff shows the
//!   curation that went with it (git keeps it). An entry that was only renumbered shows up as
//!   one vanished and one added entry: copy the curation across by hand, or put the old code in
//!   the new entry's `aliases` beforehand.
//!
//! The YAML is written in one canonical form, `serde_yaml::to_string` of the model, whose field
//! order is the model's; a file is written only when its bytes change. Every regenerated spec
//! is validated with [`errcat_codegen::check_text`] before anything is written, so regen never
//! leaves a spec behind that fails the build. Any problem (no transcriber, a line the
//! transcriber cannot place, a spec that does not parse, a regenerated spec that does not
//! validate) is reported as `file:line: …` and nothing at all is written.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use errcat_codegen::model::{CatchAllRule, Entry, Spec, VendorHeader};
use errcat_codegen::validate::pascal_case;
use errcat_codegen::SpecError;
use similar::TextDiff;

use crate::transcribe::{self, TranscribeError};

/// What `regen` works on.
#[derive(Clone, Debug)]
pub struct Options {
    /// The specs directory; the documents are in its `sources/` subdirectory.
    pub specs: PathBuf,
    /// Only these vendor ids; all vendors with a document when empty.
    pub vendors: Vec<String>,
}

/// Something that stops a regen. Nothing is written when there is one.
#[derive(Debug)]
pub enum Problem {
    /// A file or directory could not be read or written.
    Io { path: String, message: String },
    /// The sources directory holds no `*.txt` document.
    NoSources { dir: String },
    /// A document whose stem names no vendor with a transcriber.
    UnknownVendor { file: String, vendor: String },
    /// `--vendor` named a vendor that has no document.
    NoDocument { vendor: String, file: String },
    /// The transcriber could not place a line of the document.
    Transcribe(TranscribeError),
    /// The existing spec does not parse.
    SpecParse(SpecError),
    /// The regenerated spec would not pass the build's validation. `in_file` when the spec on
    /// disk already has the same text, so the position is in that file; otherwise it is in the
    /// regenerated text, whose diff has been printed.
    Invalid { error: SpecError, in_file: bool },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io { path, message } => write!(f, "{path}: {message}"),
            Problem::NoSources { dir } => write!(f, "{dir}: no *.txt vendor documents found"),
            Problem::UnknownVendor { file, vendor } => {
                write!(
                f,
                "{file}:1: no transcriber for vendor `{vendor}` (the file stem); known vendors: {}",
                transcribe::VENDORS.iter().map(|v| v.id).collect::<Vec<_>>().join(", ")
            )
            }
            Problem::NoDocument { vendor, file } => {
                write!(f, "{file}: no document for vendor `{vendor}`")
            }
            Problem::Transcribe(e) => write!(f, "{e}"),
            Problem::SpecParse(e) => write!(f, "{e}"),
            Problem::Invalid {
                error,
                in_file: true,
            } => write!(f, "{error}"),
            Problem::Invalid {
                error,
                in_file: false,
            } => {
                write!(
                    f,
                    "{error} (position in the regenerated spec, whose diff is above)"
                )
            }
        }
    }
}

/// How one entry changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// In the document, not in the spec: added with default curation and `review: true`.
    Added,
    /// In the spec, no longer in the document: dropped.
    Vanished,
    /// In both; these transcribed fields differ.
    Changed(Vec<&'static str>),
}

/// One entry's change, named by code (or id for a code-less entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The vendor id.
    pub vendor: String,
    /// What happened.
    pub kind: ChangeKind,
    /// The entry's id in the spec.
    pub id: String,
    /// The entry's code, if it has one.
    pub code: Option<String>,
}

impl Change {
    /// The code, else the id.
    pub fn label(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.id)
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.vendor;
        let what = match &self.code {
            Some(code) => format!("{code} (id {})", self.id),
            None => format!("{} (no code)", self.id),
        };
        match &self.kind {
            ChangeKind::Added => write!(f, "added    {v} {what}: new, review its category/action"),
            ChangeKind::Vanished => write!(
                f,
                "VANISHED {v} {what}: vanished from the document; removed from the spec with its curation"
            ),
            ChangeKind::Changed(fields) => write!(f, "changed  {v} {what}: {}", fields.join(", ")),
        }
    }
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
    /// The regenerated text.
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
    pub fn write(&self) -> Result<usize, Problem> {
        let mut written = 0;
        for s in self.changed() {
            std::fs::write(&s.path, &s.new).map_err(|e| io_problem(&s.path, e))?;
            written += 1;
        }
        Ok(written)
    }
}

fn io_problem(path: &Path, e: std::io::Error) -> Problem {
    Problem::Io {
        path: display(path),
        message: e.to_string(),
    }
}

/// A path relative to the working directory when it is below it: shorter messages, and the
/// `specs/iris_hr.yaml:3:5` form editors jump to.
fn display(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// Re-transcribes the documents and merges them into the specs, in memory.
pub fn regen(opts: &Options) -> Result<Outcome, Vec<Problem>> {
    let sources = opts.specs.join("sources");
    let mut problems = Vec::new();
    let mut documents = list(&sources, "txt").map_err(|e| vec![io_problem(&sources, e)])?;
    if documents.is_empty() {
        return Err(vec![Problem::NoSources {
            dir: display(&sources),
        }]);
    }
    let mut outcome = Outcome::default();
    if opts.vendors.is_empty() {
        let stems: HashSet<String> = documents.iter().map(|(stem, _)| stem.clone()).collect();
        for (stem, path) in
            list(&opts.specs, "yaml").map_err(|e| vec![io_problem(&opts.specs, e)])?
        {
            if !stems.contains(&stem) {
                outcome.warnings.push(format!(
                    "{}: no document sources/{stem}.txt, so this spec is not regenerated",
                    display(&path)
                ));
            }
        }
    } else {
        for v in &opts.vendors {
            if !documents.iter().any(|(stem, _)| stem == v) {
                problems.push(Problem::NoDocument {
                    vendor: v.clone(),
                    file: display(&sources.join(format!("{v}.txt"))),
                });
            }
        }
        documents.retain(|(stem, _)| opts.vendors.contains(stem));
    }

    for (stem, doc_path) in documents {
        match regen_one(&opts.specs, &stem, &doc_path) {
            Ok(s) => outcome.specs.push(s),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(problems)
    }
}

/// `(stem, path)` of the files in `dir` with extension `ext`, sorted.
fn list(dir: &Path, ext: &str) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                out.push((stem.to_string(), path.clone()));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn regen_one(specs: &Path, stem: &str, doc_path: &Path) -> Result<SpecOutcome, Vec<Problem>> {
    let doc_label = display(doc_path);
    let Some(vendor) = transcribe::vendor(stem) else {
        return Err(vec![Problem::UnknownVendor {
            file: doc_label,
            vendor: stem.to_string(),
        }]);
    };
    let text = std::fs::read_to_string(doc_path).map_err(|e| vec![io_problem(doc_path, e)])?;
    let transcribed =
        (vendor.transcribe)(&text, &doc_label).map_err(|e| vec![Problem::Transcribe(e)])?;

    let path = specs.join(format!("{stem}.yaml"));
    let label = display(&path);
    let old_text = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(vec![io_problem(&path, e)]),
    };
    let old_spec = match &old_text {
        Some(t) => Some(
            errcat_codegen::parse_text(&label, t)
                .map_err(|e| e.into_iter().map(Problem::SpecParse).collect::<Vec<_>>())?,
        ),
        None => None,
    };

    let (spec, changes) = merge(stem, old_spec.as_ref(), transcribed);
    let new = serde_yaml::to_string(&spec).map_err(|e| {
        vec![Problem::Io {
            path: label.clone(),
            message: format!("cannot serialize the spec: {e}"),
        }]
    })?;
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
            .map(|error| Problem::Invalid { error, in_file })
            .collect());
    }
    Ok(outcome)
}

/// The header of a vendor that has no spec yet.
fn default_header(stem: &str) -> VendorHeader {
    let name = transcribe::vendor(stem).map_or(stem, |v| v.name);
    VendorHeader {
        id: stem.to_string(),
        name: name.to_string(),
        source: format!("sources/{stem}.txt"),
        url: None,
        // Akamai's document states the rule itself: a multiple of 10 or 100 catches the codes below it.
        catch_all: (stem == "akamai_identity_cloud").then_some(CatchAllRule::Decimal),
        notes: None,
    }
}

/// The transcribed fields that differ between `old` and `new`.
fn changed_fields(old: &Entry, new: &Entry) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut cmp = |name, differs: bool| {
        if differs {
            out.push(name);
        }
    };
    cmp("code", old.code != new.code);
    cmp("error", old.error != new.error);
    cmp("property", old.property != new.property);
    cmp("http_status", old.http_status != new.http_status);
    cmp("title", old.title != new.title);
    cmp("message", old.message != new.message);
    cmp("condition", old.condition != new.condition);
    cmp("handling", old.handling != new.handling);
    out
}

type Exact<'a> = (
    Option<u16>,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
);
type Loose<'a> = (Option<u16>, Option<&'a str>, Option<&'a str>, &'a str);

fn exact(e: &Entry) -> Exact<'_> {
    (
        e.http_status,
        e.error.as_deref(),
        e.property.as_deref(),
        &e.title,
        e.message.as_deref(),
    )
}

fn loose(e: &Entry) -> Loose<'_> {
    (
        e.http_status,
        e.error.as_deref(),
        e.property.as_deref(),
        &e.title,
    )
}

/// For each transcribed entry, the index of the old entry it continues, if any.
fn pair(old: &[Entry], new: &[Entry]) -> Vec<Option<usize>> {
    let mut paired: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];

    // 1. By code; a document that repeats a code pairs its repeats in order.
    let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, o) in old.iter().enumerate().rev() {
        if let Some(c) = &o.code {
            by_code.entry(c).or_default().push(j);
        }
    }
    for (i, n) in new.iter().enumerate() {
        if let Some(j) = n
            .code
            .as_deref()
            .and_then(|c| by_code.get_mut(c))
            .and_then(Vec::pop)
        {
            paired[i] = Some(j);
            taken[j] = true;
        }
    }
    // 2. By alias.
    for (i, n) in new.iter().enumerate() {
        let Some(code) = n.code.as_deref().filter(|_| paired[i].is_none()) else {
            continue;
        };
        if let Some(j) =
            (0..old.len()).find(|&j| !taken[j] && old[j].aliases.iter().any(|a| a == code))
        {
            paired[i] = Some(j);
            taken[j] = true;
        }
    }
    // 3a. Code-less, exact identity.
    for (i, n) in new.iter().enumerate() {
        if paired[i].is_some() || n.code.is_some() {
            continue;
        }
        if let Some(j) = (0..old.len())
            .find(|&j| !taken[j] && old[j].code.is_none() && exact(&old[j]) == exact(n))
        {
            paired[i] = Some(j);
            taken[j] = true;
        }
    }
    // 3b. Code-less, identity without the message, only where the pairing is unique.
    let mut olds: HashMap<Loose<'_>, Vec<usize>> = HashMap::new();
    for (j, o) in old.iter().enumerate() {
        if !taken[j] && o.code.is_none() {
            olds.entry(loose(o)).or_default().push(j);
        }
    }
    let mut news: HashMap<Loose<'_>, Vec<usize>> = HashMap::new();
    for (i, n) in new.iter().enumerate() {
        if paired[i].is_none() && n.code.is_none() {
            news.entry(loose(n)).or_default().push(i);
        }
    }
    for (key, is) in &news {
        if let (&[i], Some(&[j])) = (is.as_slice(), olds.get(key).map(Vec::as_slice)) {
            paired[i] = Some(j);
        }
    }
    paired
}

/// Merges a transcription into the vendor's spec (or a new one); returns the spec and its changes.
pub fn merge(stem: &str, old: Option<&Spec>, transcribed: Vec<Entry>) -> (Spec, Vec<Change>) {
    let vendor = old.map_or_else(|| default_header(stem), |s| s.vendor.clone());
    let old_entries: &[Entry] = old.map_or(&[], |s| &s.entries);
    let paired = pair(old_entries, &transcribed);

    let mut used: HashSet<String> = HashSet::new();
    let mut variants: HashSet<String> = HashSet::new();
    for o in old_entries {
        used.insert(o.id.clone());
        variants.insert(pascal_case(&o.id));
    }

    let mut changes = Vec::new();
    let mut entries = Vec::with_capacity(transcribed.len());
    let mut kept = vec![false; old_entries.len()];
    for (n, p) in transcribed.into_iter().zip(paired) {
        let merged = match p {
            Some(j) => {
                let o = &old_entries[j];
                kept[j] = true;
                let fields = changed_fields(o, &n);
                let merged = Entry {
                    id: o.id.clone(),
                    category: o.category,
                    action: o.action,
                    aliases: o
                        .aliases
                        .iter()
                        .filter(|a| Some(a.as_str()) != n.code.as_deref())
                        .cloned()
                        .collect(),
                    review: o.review,
                    notes: o.notes.clone(),
                    ..n
                };
                if !fields.is_empty() {
                    changes.push(Change {
                        vendor: stem.to_string(),
                        kind: ChangeKind::Changed(fields),
                        id: merged.id.clone(),
                        code: merged.code.clone(),
                    });
                }
                merged
            }
            None => {
                let id = unique_id(&n.id, &mut used, &mut variants);
                let added = Entry {
                    id,
                    review: true,
                    ..n
                };
                changes.push(Change {
                    vendor: stem.to_string(),
                    kind: ChangeKind::Added,
                    id: added.id.clone(),
                    code: added.code.clone(),
                });
                added
            }
        };
        entries.push(merged);
    }
    for (o, _) in old_entries.iter().zip(&kept).filter(|(_, k)| !**k) {
        changes.push(Change {
            vendor: stem.to_string(),
            kind: ChangeKind::Vanished,
            id: o.id.clone(),
            code: o.code.clone(),
        });
    }
    (Spec { vendor, entries }, changes)
}

/// `base`, or `base_2`, `base_3`… : the first that neither repeats an id nor collides with one
/// once turned into an enum variant.
fn unique_id(base: &str, used: &mut HashSet<String>, variants: &mut HashSet<String>) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while used.contains(&id) || variants.contains(&pascal_case(&id)) {
        n += 1;
        id = format!("{base}_{n}");
    }
    used.insert(id.clone());
    variants.insert(pascal_case(&id));
    id
}

/// `cargo xtask regen [--check] [--vendor V]…`.
pub fn main(opts: &Options, check: bool) -> ExitCode {
    let outcome = match regen(opts) {
        Ok(o) => o,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
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
            println!("{c}");
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
            "warning: {} entr{} vanished from the document{}: {}",
            vanished.len(),
            if vanished.len() == 1 { "y" } else { "ies" },
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
        if changed.is_empty() {
            println!("regen --check: {} spec(s) up to date", outcome.specs.len());
            ExitCode::SUCCESS
        } else {
            println!("regen --check: {} spec(s) out of date", changed.len());
            println!("run `cargo xtask regen` to update the specs");
            ExitCode::FAILURE
        }
    } else {
        match outcome.write() {
            Ok(n) => {
                println!(
                    "regen: wrote {n} spec(s), {} unchanged",
                    outcome.specs.len() - n
                );
                if review > 0 {
                    println!(
                        "regen: {review} new entr{} marked `review: true`: check category and action, then remove the flag",
                        if review == 1 { "y" } else { "ies" }
                    );
                }
                ExitCode::SUCCESS
            }
            Err(p) => {
                eprintln!("{p}");
                ExitCode::FAILURE
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::entry;
    use errcat_codegen::model::{Action, Category};

    fn e(id: &str, code: Option<&str>, title: &str, message: Option<&str>) -> Entry {
        let mut e = entry(
            id.to_string(),
            title,
            Category::InvalidRequest,
            Action::FixRequest,
        );
        e.code = code.map(str::to_string);
        e.message = message.map(str::to_string);
        e.http_status = Some(400);
        e
    }

    fn curated(mut e: Entry, category: &str, notes: &str) -> Entry {
        e.category = category.parse().expect("a category name");
        e.notes = Some(notes.to_string());
        e.review = false;
        e
    }

    fn spec(entries: Vec<Entry>) -> Spec {
        Spec {
            vendor: default_header("iris_hr"),
            entries,
        }
    }

    #[test]
    fn merge_keeps_curation_and_names_each_change() {
        let old = spec(vec![
            curated(e("kept", Some("A-1"), "One", None), "authentication", "n1"),
            curated(
                e("reworded", Some("A-2"), "Two", Some("old text")),
                "authorization",
                "n2",
            ),
            curated(e("gone", Some("A-3"), "Three", None), "conflict", "n3"),
            curated(
                e("odata_a", None, "OData", Some("first")),
                "not_found",
                "na",
            ),
            curated(
                e("odata_b", None, "OData", Some("second")),
                "not_found",
                "nb",
            ),
        ]);
        let new = vec![
            e("x1", Some("A-1"), "One", None),
            e("x2", Some("A-2"), "Two", Some("new text")),
            e("odata", None, "OData", Some("second")),
            e("odata", None, "OData", Some("first, reworded")),
            e("kept", Some("A-4"), "Four", None),
        ];
        let (merged, changes) = merge("iris_hr", Some(&old), new);
        let ids: Vec<&str> = merged.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["kept", "reworded", "odata_b", "odata_a", "kept_2"]);
        assert_eq!(merged.entries[0], old.entries[0]);
        assert_eq!(merged.entries[2], old.entries[4]);
        assert_eq!(merged.entries[3].notes.as_deref(), Some("na"));
        assert_eq!(
            merged.entries[3].message.as_deref(),
            Some("first, reworded")
        );
        assert!(merged.entries[4].review);
        let summary: Vec<(ChangeKind, &str)> = changes
            .iter()
            .map(|c| (c.kind.clone(), c.label()))
            .collect();
        assert_eq!(
            summary,
            [
                (ChangeKind::Changed(vec!["message"]), "A-2"),
                (ChangeKind::Changed(vec!["message"]), "odata_a"),
                (ChangeKind::Added, "A-4"),
                (ChangeKind::Vanished, "A-3"),
            ]
        );
    }

    #[test]
    fn ambiguous_rewordings_are_not_paired() {
        let old = spec(vec![
            e("a", None, "T", Some("1")),
            e("b", None, "T", Some("2")),
        ]);
        let new = vec![e("t", None, "T", Some("3")), e("t", None, "T", Some("4"))];
        let (merged, changes) = merge("iris_hr", Some(&old), new);
        let ids: Vec<&str> = merged.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["t", "t_2"]);
        assert_eq!(
            changes
                .iter()
                .filter(|c| c.kind == ChangeKind::Vanished)
                .count(),
            2
        );
    }

    #[test]
    fn a_code_that_was_an_alias_keeps_the_entry() {
        let mut old = e("tokens_missing", Some("500-001-00014"), "Tokens", None);
        old.aliases = vec!["500-001-0014".into(), "X".into()];
        let (merged, changes) = merge(
            "iris_hr",
            Some(&spec(vec![old])),
            vec![e("t", Some("500-001-0014"), "Tokens", None)],
        );
        assert_eq!(merged.entries[0].id, "tokens_missing");
        assert_eq!(merged.entries[0].aliases, ["X"]);
        assert_eq!(changes[0].kind, ChangeKind::Changed(vec!["code"]));
    }

    #[test]
    fn new_vendor_gets_a_default_header() {
        let (s, changes) = merge(
            "akamai_identity_cloud",
            None,
            vec![e("a", Some("100"), "T", None)],
        );
        assert_eq!(s.vendor.name, "Akamai Identity Cloud");
        assert_eq!(s.vendor.source, "sources/akamai_identity_cloud.txt");
        assert_eq!(s.vendor.catch_all, Some(CatchAllRule::Decimal));
        assert_eq!(changes[0].kind, ChangeKind::Added);
        assert_eq!(merge("adp", None, vec![]).0.vendor.catch_all, None);
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
            let mut x = e("x", Some(text), text, Some(text));
            x.condition = Some(text.to_string());
            x.notes = Some(text.to_string());
            x.aliases = vec![text.to_string()];
            let s = spec(vec![x]);
            let yaml = serde_yaml::to_string(&s).expect("serializes");
            let back: Spec =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{text:?}: {e}\n{yaml}"));
            assert_eq!(back, s, "{text:?} does not round-trip:\n{yaml}");
            assert_eq!(
                serde_yaml::to_string(&back).expect("serializes"),
                yaml,
                "{text:?} is not canonical"
            );
        }
    }
}
