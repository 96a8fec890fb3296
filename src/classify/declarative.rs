//! A vendor described by data: the `envelope` of a spec of your own, RFC 6901 JSON Pointers
//! to its errors array, to each error's code, machine string, message, title and property,
//! and to the trace id.
//!
//! The body is read in one pass with serde, never through `serde_json::Value`: at each object
//! only the members that some pointer goes through are visited, everything else is skipped
//! with `IgnoredAny`, and the strings kept are borrowed from the body when they hold no
//! escapes. Time is linear in the body, depth is bounded by serde_json's recursion limit,
//! and at most [`MAX_ITEMS`] errors are kept. What is found is then matched with the same
//! rules as the built-in readers (`matching`).

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::de::MAX_ITEMS;
use super::matching::{by_error, by_title, resolve_fitting, with_code};
use super::result::MatchKind;
use super::sink::{Sink, Wire};

/// A declarative envelope as the generator emits it: each pointer as its decoded reference
/// tokens (`/meta/request_id` is `["meta", "request_id"]`, `""` is `[]`).
#[doc(hidden)]
#[derive(Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The errors array, from the root; `None`: the root is the one error.
    pub errors: Option<&'static [&'static str]>,
    /// The vendor's code, from one error.
    pub code: Option<&'static [&'static str]>,
    /// The machine string, from one error.
    pub error: Option<&'static [&'static str]>,
    /// The message, from one error.
    pub message: Option<&'static [&'static str]>,
    /// The title, from one error.
    pub title: Option<&'static [&'static str]>,
    /// The property, from one error.
    pub property: Option<&'static [&'static str]>,
    /// The trace id, from the root.
    pub trace_id: Option<&'static [&'static str]>,
}

// What a pointer captures: one of an error's fields, the trace id, or the errors array.
const CODE: u8 = 0;
const ERROR: u8 = 1;
const MESSAGE: u8 = 2;
const TITLE: u8 = 3;
const PROPERTY: u8 = 4;
const FIELDS: usize = 5;
const TRACE: u8 = 5;
const ERRORS: u8 = 6;

type Tokens = &'static [&'static str];

/// The pointers of one scope (the body's root, or one error object), each with what it
/// captures: at most one per envelope field.
#[derive(Clone, Copy)]
struct Table {
    paths: [(u8, Tokens); 7],
    len: usize,
}

impl Table {
    const EMPTY: Table = Table {
        paths: [(0, &[]); 7],
        len: 0,
    };

    fn push(&mut self, what: u8, tokens: Option<Tokens>) {
        if let (Some(tokens), Some(slot)) = (tokens, self.paths.get_mut(self.len)) {
            *slot = (what, tokens);
            self.len += 1;
        }
    }

    /// Every pointer of the scope, as the set a walk starts from.
    fn all(&self) -> Paths {
        Paths {
            alive: (1u8 << self.len) - 1,
            depth: 0,
        }
    }

    /// The live pointers' entries.
    fn live(&self, p: Paths) -> impl Iterator<Item = (u8, Tokens)> + '_ {
        self.paths[..self.len]
            .iter()
            .enumerate()
            .filter(move |(i, _)| p.alive & (1 << i) != 0)
            .map(|(_, &path)| path)
    }

    /// The pointers that go on through the member or array index `token`; `None` when none
    /// does, the common case, decided without building anything.
    fn step(&self, p: Paths, matches: impl Fn(&str) -> bool) -> Option<Paths> {
        let mut alive = 0u8;
        for (i, (_, tokens)) in self.paths[..self.len].iter().enumerate() {
            if p.alive & (1 << i) != 0 && tokens.get(p.depth).is_some_and(|t| matches(t)) {
                alive |= 1 << i;
            }
        }
        (alive != 0).then_some(Paths {
            alive,
            depth: p.depth + 1,
        })
    }

    /// Whether a live pointer for `what` ends here.
    fn ends(&self, p: Paths, what: u8) -> bool {
        self.live(p).any(|(w, t)| w == what && t.len() == p.depth)
    }
}

/// The pointers still followed at one place of the body: which of the scope's [`Table`] are
/// alive, all of them having used `depth` tokens to get here.
#[derive(Clone, Copy)]
struct Paths {
    alive: u8,
    depth: usize,
}

/// RFC 6901: an array index is `0` or digits without a leading zero.
fn is_index(token: &str, i: usize) -> bool {
    (token == "0" || !token.starts_with('0'))
        && token.len() <= 20
        && token.parse::<usize>().is_ok_and(|n| n == i)
}

/// One error object's fields, as found.
#[derive(Default)]
struct Item<'de> {
    fields: [Option<Cow<'de, str>>; FIELDS],
}

impl Item<'_> {
    fn get(&self, what: u8) -> Option<&str> {
        self.fields
            .get(what as usize)?
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    fn is_empty(&self) -> bool {
        self.fields.iter().all(Option::is_none)
    }
}

/// Everything the pointers found in one body.
struct Found<'de> {
    /// The pointers from the body's root.
    root_table: Table,
    /// The pointers from one error object.
    item_table: Table,
    trace: Option<Cow<'de, str>>,
    /// The root's own fields, when the envelope has no `errors` pointer.
    root: Item<'de>,
    items: Vec<Item<'de>>,
    /// Whether captures go to the last of `items` (inside an element of the errors array).
    in_item: bool,
}

impl<'de> Found<'de> {
    /// The pointers of the scope being read.
    fn table(&self) -> &Table {
        if self.in_item {
            &self.item_table
        } else {
            &self.root_table
        }
    }

    fn capture(&mut self, paths: Paths, text: Cow<'de, str>) {
        let table = *self.table();
        for (what, tokens) in table.live(paths) {
            if tokens.len() != paths.depth {
                continue;
            }
            let slot = match what {
                TRACE => &mut self.trace,
                ERRORS => continue,
                field => {
                    let item = if self.in_item {
                        self.items.last_mut()
                    } else {
                        Some(&mut self.root)
                    };
                    match item.and_then(|i| i.fields.get_mut(field as usize)) {
                        Some(slot) => slot,
                        None => continue,
                    }
                }
            };
            // The first value wins, as in the built-in readers.
            if slot.is_none() {
                *slot = Some(text.clone());
            }
        }
    }

    /// Visits one element of the errors array (or the one value there) as an error object.
    fn element<D: Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        if self.items.len() >= MAX_ITEMS {
            <IgnoredAny as serde::Deserialize>::deserialize(d)?;
            return Ok(());
        }
        self.items.push(Item::default());
        self.in_item = true;
        let paths = self.item_table.all();
        let result = d.deserialize_any(Node { found: self, paths });
        self.in_item = false;
        result
    }
}

/// The value at one place in the body, with the pointers that reach it.
struct At<'f, 'de> {
    found: &'f mut Found<'de>,
    paths: Paths,
}

impl<'de> DeserializeSeed<'de> for At<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.found.table().ends(self.paths, ERRORS) {
            d.deserialize_any(ErrorsAt { found: self.found })
        } else {
            d.deserialize_any(Node {
                found: self.found,
                paths: self.paths,
            })
        }
    }
}

/// A value some pointers go through or end at.
struct Node<'f, 'de> {
    found: &'f mut Found<'de>,
    paths: Paths,
}

impl<'de> Node<'_, 'de> {
    fn text<E>(self, text: Cow<'de, str>) -> Result<(), E> {
        self.found.capture(self.paths, text);
        Ok(())
    }
}

impl<'de> Visitor<'de> for Node<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.text(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.text(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.text(Cow::Owned(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.text(Cow::Owned(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.text(Cow::Owned(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.text(Cow::Owned(v.to_string()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.text(Cow::Borrowed(if v { "true" } else { "false" }))
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        At {
            found: self.found,
            paths: self.paths,
        }
        .deserialize(d)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key)? {
            match self.found.table().step(self.paths, |t| t == key) {
                None => drop(map.next_value::<IgnoredAny>()?),
                Some(next) => map.next_value_seed(At {
                    found: &mut *self.found,
                    paths: next,
                })?,
            }
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let more = match self.found.table().step(self.paths, |t| is_index(t, i)) {
                None => seq.next_element::<IgnoredAny>()?.is_some(),
                Some(next) => seq
                    .next_element_seed(At {
                        found: &mut *self.found,
                        paths: next,
                    })?
                    .is_some(),
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }
}

/// The value the `errors` pointer names: an array of errors, or a single one.
struct ErrorsAt<'f, 'de> {
    found: &'f mut Found<'de>,
}

/// One element of the errors array.
struct Element<'f, 'de> {
    found: &'f mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for Element<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.found.element(d)
    }
}

impl<'de> ErrorsAt<'_, 'de> {
    /// Anything but an array is the one error, read with the error pointers.
    fn single<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.found.element(d)
    }
}

macro_rules! single {
    ($($method:ident($($arg:ident: $ty:ty),*) => $de:expr;)*) => {
        $(fn $method<E: serde::de::Error>(self, $($arg: $ty),*) -> Result<(), E> {
            self.single($de)
        })*
    };
}

impl<'de> Visitor<'de> for ErrorsAt<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Element {
                found: &mut *self.found,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.single(serde::de::value::MapAccessDeserializer::new(map))
    }
    single! {
        visit_borrowed_str(v: &'de str) => serde::de::value::BorrowedStrDeserializer::new(v);
        visit_str(v: &str) => serde::de::value::StringDeserializer::new(v.to_string());
        visit_string(v: String) => serde::de::value::StringDeserializer::new(v);
        visit_u64(v: u64) => serde::de::value::U64Deserializer::new(v);
        visit_i64(v: i64) => serde::de::value::I64Deserializer::new(v);
        visit_f64(v: f64) => serde::de::value::F64Deserializer::new(v);
        visit_bool(v: bool) => serde::de::value::BoolDeserializer::new(v);
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// An object's key, borrowed from the body when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Reads a JSON body through `envelope` into `sink`.
///
/// An error object counts when it has any of the fields the envelope names. From HTTP 400 up
/// each one is reported, matched or as a fallback. Below 400 (some APIs answer errors with
/// 200) only errors the body puts in its `errors` array count, or, without an `errors`
/// pointer, a root whose code or machine string is one of the catalog's: a success body with
/// a `message` is not an error.
pub(super) fn from_json(
    sink: &mut Sink,
    envelope: &'static Envelope,
    body: &[u8],
) -> Result<(), serde_json::Error> {
    let mut item_table = Table::EMPTY;
    for (what, tokens) in [
        (CODE, envelope.code),
        (ERROR, envelope.error),
        (MESSAGE, envelope.message),
        (TITLE, envelope.title),
        (PROPERTY, envelope.property),
    ] {
        item_table.push(what, tokens);
    }
    let mut root_table = Table::EMPTY;
    match envelope.errors {
        Some(errors) => root_table.push(ERRORS, Some(errors)),
        None => root_table = item_table,
    }
    root_table.push(TRACE, envelope.trace_id);
    let root = root_table.all();

    let mut found = Found {
        root_table,
        item_table,
        trace: None,
        root: Item::default(),
        items: Vec::new(),
        in_item: false,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    At {
        found: &mut found,
        paths: root,
    }
    .deserialize(&mut de)?;
    de.end()?;

    sink.trace(found.trace.as_deref());
    let listed = envelope.errors.is_some();
    let items: &[Item<'_>] = if listed {
        &found.items
    } else {
        std::slice::from_ref(&found.root)
    };
    for item in items.iter().filter(|i| !i.is_empty()) {
        if sink.status < 400 && !listed && !is_documented(sink, item) {
            continue;
        }
        sink.envelope();
        error(sink, item);
    }
    Ok(())
}

fn is_documented(sink: &Sink, item: &Item<'_>) -> bool {
    let catalog = sink.catalog;
    item.get(CODE).is_some_and(|c| catalog.resolve(c).is_some())
        || item
            .get(ERROR)
            .is_some_and(|e| by_error(catalog, e).is_some())
}

/// Matches one error object: by code (with the catch-all rule), then machine string, then
/// the chain every built-in reader shares (`matching::resolve`: message, a code-less entry's
/// paragraph, title), so that a user's vendor is read by the same policy as the built-in ones.
/// An entry about another field than the one the error names is no match.
fn error(sink: &mut Sink, item: &Item<'_>) {
    let catalog = sink.catalog;
    let code = item.get(CODE);
    let name = item.get(ERROR);
    let message = item.get(MESSAGE);
    let title = item.get(TITLE);
    let property = item.get(PROPERTY);
    let hit = match code.and_then(|c| catalog.resolve(c)) {
        Some((entry, kind)) => Some(with_code(catalog, entry, kind, message)),
        None => match name.and_then(|n| by_error(catalog, n)) {
            Some(entry) => Some(with_code(catalog, entry, MatchKind::Exact, message)),
            None => {
                let fits = |e: &crate::Entry| e.property().is_none_or(|p| Some(p) == property);
                resolve_fitting(catalog, sink.status, code, message, title, fits).or_else(|| {
                    // The shared chain skips titles that are HTTP reason phrases, as problem
                    // documents send them; a user's envelope points at its own titles, and an
                    // entry titled "Too many requests" is named by one.
                    let t = title.and_then(|t| by_title(catalog, sink.status, t))?;
                    fits(t.code.entry()).then_some(t)
                })
            }
        },
    };
    sink.push(
        hit,
        Wire {
            code: code.or(name),
            name,
            message: message.or(title),
            property,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::is_index;

    #[test]
    fn array_indices_follow_rfc_6901() {
        assert!(is_index("0", 0));
        assert!(is_index("12", 12));
        assert!(!is_index("01", 1));
        assert!(!is_index("-", 0));
        assert!(!is_index("1", 0));
        assert!(!is_index("99999999999999999999999", 0));
    }
}
