//! Spec text → [`Spec`], with every problem placed at its `line:column`.

use crate::locate::Locator;
use crate::model::{Action, Category, Spec};
use crate::SpecError;

/// What parsing found: the spec, and the wrong taxonomy names it had to stand in for so that
/// the spec's other problems could still be checked. A spec with `unknown_names` is invalid
/// whatever else holds; the stand-ins never leave this crate.
pub(crate) struct Parsed {
    pub(crate) spec: Spec,
    pub(crate) unknown_names: Vec<SpecError>,
}

/// Parses one spec. `file` is the path used in messages.
pub(crate) fn parse(file: &str, text: &str) -> Result<Parsed, Vec<SpecError>> {
    let at = |line: usize, column: usize, message: String| SpecError {
        file: file.to_string(),
        line,
        column,
        message,
    };
    if text.trim().is_empty() {
        return Err(vec![at(
            1,
            1,
            "the spec is empty: expected a `vendor:` header and `entries:`".into(),
        )]);
    }
    // libyaml's own message for a tab ("found character that cannot start any token") does not
    // say what to do; tabs in indentation are common enough in hand edits to name them.
    for (i, line) in text.lines().enumerate() {
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if let Some(col) = indent.find('\t') {
            return Err(vec![at(
                i + 1,
                col + 1,
                "tab character in indentation: YAML indents with spaces".into(),
            )]);
        }
    }
    let typed_error = match serde_yaml::from_str::<Spec>(text) {
        Ok(spec) => {
            return Ok(Parsed {
                spec,
                unknown_names: Vec::new(),
            })
        }
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            at(line, column, strip_location(&e.to_string()))
        }
    };
    // serde stops at the first wrong name. Names are the likeliest hand-edit mistake, so they
    // are found all at once on the untyped document, replaced by stand-ins, and the typed
    // parse is retried to reach the spec's other problems.
    let Ok(mut doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Err(vec![typed_error]);
    };
    let unknown_names = stand_in_names(file, text, &mut doc);
    if unknown_names.is_empty() {
        return Err(vec![typed_error]);
    }
    match serde_yaml::from_value::<Spec>(doc) {
        Ok(spec) => Ok(Parsed {
            spec,
            unknown_names,
        }),
        Err(_) => {
            let mut errors = unknown_names;
            if !errors
                .iter()
                .any(|e| (e.line, e.column) == (typed_error.line, typed_error.column))
            {
                errors.push(typed_error);
            }
            errors.sort_by_key(|e| (e.line, e.column));
            Err(errors)
        }
    }
}

/// Finds every `category` / `action` string that is not a taxonomy name, reports it at its
/// place, and replaces it in `doc` with a valid name.
fn stand_in_names(file: &str, text: &str, doc: &mut serde_yaml::Value) -> Vec<SpecError> {
    let loc = Locator::new(text);
    let mut errors = Vec::new();
    let Some(entries) = doc
        .get_mut("entries")
        .and_then(serde_yaml::Value::as_sequence_mut)
    else {
        return errors;
    };
    for (i, entry) in entries.iter_mut().enumerate() {
        let id = entry
            .get("id")
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or("?")
            .to_string();
        let fields = [
            (
                "category",
                check_name::<Category> as NameCheck,
                Category::ALL[0].name(),
            ),
            ("action", check_name::<Action>, Action::ALL[0].name()),
        ];
        for (field, check, stand_in) in fields {
            let Some(value) = entry.get_mut(field) else {
                continue;
            };
            let Some(Err(reason)) = value.as_str().map(check) else {
                continue;
            };
            let pos = loc
                .field(i, field)
                .unwrap_or(crate::locate::Pos { line: 1, column: 1 });
            errors.push(SpecError {
                file: file.to_string(),
                line: pos.line,
                column: pos.column,
                message: format!("{reason} (entry {id})"),
            });
            *value = serde_yaml::Value::String(stand_in.to_string());
        }
    }
    errors
}

/// Whether a string is one of a taxonomy's names, and if not, the message saying which are.
type NameCheck = fn(&str) -> Result<(), String>;

fn check_name<T: std::str::FromStr<Err = String>>(name: &str) -> Result<(), String> {
    name.parse::<T>().map(drop)
}

/// libyaml and serde put "at line L column C" inside their messages; the position already
/// leads ours, so those fragments are removed.
fn strip_location(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(tail);
        match tail[n..].strip_prefix(" column ") {
            Some(col) if n > 0 && digits(col) > 0 => rest = &col[digits(col)..],
            _ => {
                out.push_str(" at line ");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}
