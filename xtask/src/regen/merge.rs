//! The merge: a transcription and the spec it regenerates become one spec, and a list of what
//! changed.
//!
//! This is where regen decides, in memory and without I/O, which entry of the document continues
//! which entry of the spec, so the rules below are the whole contract between the document and
//! a person's curation:
//!
//! - **Transcribed fields** (`code`, `error`, `property`, `http_status`, `title`, `message`,
//!   `condition`, `handling`) are replaced by the transcription: the document is the source of
//!   truth for them, so a hand edit there is undone and shows up in the diff.
//! - **Curated fields** (`id`, `category`, `action`, `aliases`, `wait_s`, `review`, `notes`)
//!   are kept.
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
//! - **A new spec** gets a header from the vendor table ([`crate::transcribe::VENDORS`]): its
//!   name and its catch-all rule. An existing spec's header is curated and kept as it is.

use std::collections::{HashMap, HashSet};

use errcat_codegen::model::{Entry, Spec, VendorHeader};
use errcat_codegen::validate::pascal_case;

use crate::transcribe::Vendor;

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

/// The header of a vendor that has no spec yet: everything it says comes from the vendor table,
/// so no vendor is named here.
fn default_header(vendor: &Vendor) -> VendorHeader {
    VendorHeader {
        id: vendor.id.to_string(),
        name: vendor.name.to_string(),
        source: Some(format!("sources/{}.txt", vendor.id)),
        url: None,
        catch_all: vendor.catch_all,
        extends: None,
        envelope: None,
        trace_headers: Vec::new(),
        rate_limit_wait_s: None,
        statuses: Vec::new(),
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
pub fn merge(vendor: &Vendor, old: Option<&Spec>, transcribed: Vec<Entry>) -> (Spec, Vec<Change>) {
    let header = old.map_or_else(|| default_header(vendor), |s| s.vendor.clone());
    let old_entries: &[Entry] = old.map_or(&[], |s| &s.entries);
    let paired = pair(old_entries, &transcribed);

    let mut used: HashSet<String> = HashSet::new();
    let mut variants: HashSet<String> = HashSet::new();
    for o in old_entries {
        used.insert(o.id.clone());
        variants.insert(pascal_case(&o.id));
    }

    let mut changes = Vec::new();
    let change = |kind, e: &Entry| Change {
        vendor: vendor.id.to_string(),
        kind,
        id: e.id.clone(),
        code: e.code.clone(),
    };
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
                    wait_s: o.wait_s,
                    review: o.review,
                    notes: o.notes.clone(),
                    ..n
                };
                if !fields.is_empty() {
                    changes.push(change(ChangeKind::Changed(fields), &merged));
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
                changes.push(change(ChangeKind::Added, &added));
                added
            }
        };
        entries.push(merged);
    }
    for (o, _) in old_entries.iter().zip(&kept).filter(|(_, k)| !**k) {
        changes.push(change(ChangeKind::Vanished, o));
    }
    (
        Spec {
            vendor: header,
            entries,
        },
        changes,
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcribe::{entry, vendor};
    use errcat_codegen::model::{Action, CatchAllRule, Category};

    fn v(id: &str) -> &'static Vendor {
        vendor(id).unwrap_or_else(|| panic!("{id} is not in the vendor table"))
    }

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
            vendor: default_header(v("iris_hr")),
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
        let (merged, changes) = merge(v("iris_hr"), Some(&old), new);
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
        let (merged, changes) = merge(v("iris_hr"), Some(&old), new);
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
            v("iris_hr"),
            Some(&spec(vec![old])),
            vec![e("t", Some("500-001-0014"), "Tokens", None)],
        );
        assert_eq!(merged.entries[0].id, "tokens_missing");
        assert_eq!(merged.entries[0].aliases, ["X"]);
        assert_eq!(changes[0].kind, ChangeKind::Changed(vec!["code"]));
    }

    #[test]
    fn the_curated_head_rules_of_the_header_are_kept() {
        let mut old = spec(vec![e("a", Some("A-1"), "One", None)]);
        old.vendor.trace_headers = vec!["ADP-CorrelationID".to_string()];
        old.vendor.rate_limit_wait_s = Some(600);
        let (merged, _) = merge(
            v("iris_hr"),
            Some(&old),
            vec![e("a", Some("A-1"), "One", None)],
        );
        assert_eq!(merged.vendor.trace_headers, ["ADP-CorrelationID"]);
        assert_eq!(merged.vendor.rate_limit_wait_s, Some(600));
        // A new spec declares none: no source has said anything yet.
        let (fresh, _) = merge(v("adp"), None, vec![]);
        assert!(fresh.vendor.trace_headers.is_empty());
        assert_eq!(fresh.vendor.rate_limit_wait_s, None);
    }

    #[test]
    fn new_vendor_gets_a_default_header() {
        let (s, changes) = merge(
            v("akamai_identity_cloud"),
            None,
            vec![e("a", Some("100"), "T", None)],
        );
        assert_eq!(s.vendor.name, "Akamai Identity Cloud");
        assert_eq!(
            s.vendor.source.as_deref(),
            Some("sources/akamai_identity_cloud.txt")
        );
        assert_eq!(s.vendor.catch_all, Some(CatchAllRule::Decimal));
        assert_eq!(changes[0].kind, ChangeKind::Added);
        assert_eq!(merge(v("adp"), None, vec![]).0.vendor.catch_all, None);
    }
}
