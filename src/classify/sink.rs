//! [`Sink`]: what the vendor readers report while reading a body, turned into a
//! [`Classification`] at the end.

use super::de;
use super::escape::{cap, MAX_ID, MAX_KEPT};
use super::matching::{self, Hit};
use super::result::{BodyKind, Classification, FoundError, MatchKind};
use super::rules;
use crate::{Action, Catalog, ErrorCode};

/// What a reader found of one wire error, as the body wrote it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Wire<'b> {
    /// The code to keep as the wire code: the vendor's code, else its machine string.
    pub(crate) code: Option<&'b str>,
    /// The machine / OAuth error name (`invalid_grant`), for the OAuth rules.
    pub(crate) name: Option<&'b str>,
    /// The most specific human message.
    pub(crate) message: Option<&'b str>,
    /// The field or header the error names.
    pub(crate) property: Option<&'b str>,
}

impl<'b> Wire<'b> {
    pub(crate) fn message(message: Option<&'b str>) -> Self {
        Wire {
            message,
            ..Wire::default()
        }
    }
}

fn asks_for_credentials(action: Action) -> bool {
    matches!(action, Action::RefreshAccessToken | Action::Reauthenticate)
}

/// Whether the response overrides the entry `found` was matched to (see [`rules`]).
fn second_opinion(
    catalog: &'static Catalog,
    status: u16,
    entry: ErrorCode,
    found: FoundError,
    wire: &Wire<'_>,
) -> FoundError {
    let vendor = catalog.vendor();
    if found.match_kind() == MatchKind::Exact && is_generic(catalog, entry) {
        // Akamai's 100 / 200 / … stand for whole groups; an OAuth name beside one is the
        // more specific statement (`{"code":200,"error":"invalid_grant"}`).
        let other_name = wire
            .name
            .filter(|n| Some(n.trim()) != entry.entry().error());
        if let Some(r) = other_name.and_then(|n| rules::by_name(vendor, n)) {
            if (r.category, r.action) != (entry.category(), entry.action()) {
                return found.inferred(r.category, r.action, r.id);
            }
        }
    }
    if !asks_for_credentials(entry.action()) {
        return found;
    }
    let by_message = wire
        .message
        .and_then(|m| rules::by_message(vendor, status, m))
        .filter(|r| !asks_for_credentials(r.action));
    if let Some(r) = by_message {
        return found.inferred(r.category, r.action, r.id);
    }
    if rules::contradicts_credentials(status) && entry.http_status() != Some(status) {
        let (category, action, _, _) = catalog.status_behaviour(status);
        if !asks_for_credentials(action) {
            return found.inferred(category, action, super::rules::STATUS_DISAGREES);
        }
    }
    found
}

/// A catch-all entry standing for a whole group of codes: a multiple of 100 in a catalog
/// whose document states the decimal catch-all rule.
fn is_generic(catalog: &'static Catalog, entry: ErrorCode) -> bool {
    catalog.has_catch_all()
        && entry
            .code()
            .and_then(|c| c.parse::<u32>().ok())
            .is_some_and(|n| n % 100 == 0)
}

/// What the vendor modules report while reading a body.
pub(crate) struct Sink {
    pub(crate) catalog: &'static Catalog,
    pub(crate) status: u16,
    trace: Option<String>,
    errors: Vec<FoundError>,
    /// Whether the body is one of the vendor's error envelopes.
    envelope: bool,
    /// The vendor's message when no wire error could be itemised (an HTML title, plain text).
    detail: Option<String>,
}

impl Sink {
    /// Records the trace id; the first one found wins.
    pub(crate) fn trace(&mut self, id: Option<&str>) {
        if self.trace.is_none() {
            if let Some(id) = id.map(str::trim).filter(|s| !s.is_empty()) {
                self.trace = Some(cap(id, MAX_ID));
            }
        }
    }

    /// Marks the body as an error envelope.
    pub(crate) fn envelope(&mut self) {
        self.envelope = true;
    }

    /// Records a message to keep on the fallback if no error gets itemised.
    pub(crate) fn detail(&mut self, text: Option<&str>) {
        if self.detail.is_none() {
            if let Some(t) = text.map(str::trim).filter(|s| !s.is_empty()) {
                self.detail = Some(cap(t, MAX_KEPT));
            }
        }
    }

    /// Records one wire error: `hit` if the catalog matched it, else a fallback; then the
    /// rules of [`rules`] get their say (see there): on a fallback, the first rule for its
    /// message; on a hit, only where the response contradicts the entry.
    pub(crate) fn push(&mut self, hit: Option<Hit>, wire: Wire<'_>) {
        if self.errors.len() >= de::MAX_ITEMS {
            return;
        }
        let (catalog, status) = (self.catalog, self.status);
        let vendor = catalog.vendor();
        let found = match hit {
            Some(h) => {
                let entry = h.code;
                let found = FoundError::from_hit(h, wire.code, wire.message, wire.property);
                second_opinion(catalog, status, entry, found, &wire)
            }
            None => {
                let found =
                    FoundError::fallback(catalog, status, wire.code, wire.message, wire.property);
                // OAuth names alone do not decide here: ADP sends `invalid_request` for a
                // missing parameter, an invalid token and a missing certificate alike.
                match wire
                    .message
                    .and_then(|m| rules::by_message(vendor, status, m))
                {
                    Some(r) => found.inferred(r.category, r.action, r.id),
                    None => found,
                }
            }
        };
        self.errors.push(found);
    }

    pub(crate) fn new(catalog: &'static Catalog, status: u16) -> Sink {
        Sink {
            catalog,
            status,
            trace: None,
            errors: Vec::new(),
            envelope: false,
            detail: None,
        }
    }

    /// Keeps `text` as the vendor's message, over any found before: the whole of a body
    /// that is not an envelope.
    pub(crate) fn replace_detail(&mut self, text: Option<String>) {
        self.detail = text;
    }

    pub(crate) fn json_kind(&self) -> BodyKind {
        if self.envelope || !self.errors.is_empty() {
            BodyKind::Json
        } else {
            BodyKind::NotAnError
        }
    }

    pub(crate) fn reset(&mut self) {
        self.trace = None;
        self.errors.clear();
        self.envelope = false;
        self.detail = None;
    }

    pub(crate) fn finish(mut self, body: BodyKind) -> Classification {
        if self.errors.is_empty() && (self.status >= 400 || self.envelope) {
            let detail = self.detail.take();
            match matching::by_status(self.catalog, self.status) {
                Some(code) => {
                    let hit = Hit {
                        code,
                        kind: MatchKind::Exact,
                        params: Vec::new(),
                    };
                    self.push(Some(hit), Wire::message(detail.as_deref()))
                }
                None => self.push(None, Wire::message(detail.as_deref())),
            }
        }
        Classification {
            catalog: self.catalog,
            status: self.status,
            trace_id: self.trace,
            errors: self.errors,
            body,
            retry_after: None,
        }
    }
}
