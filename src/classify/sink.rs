//! [`Sink`]: what the vendor readers report while reading a body, turned into a
//! [`Classification`] at the end.

use super::de;
use super::escape::{cap, MAX_ID, MAX_KEPT};
use super::matching::{self, Hit};
use super::result::{BodyKind, Classification, FoundError, MatchKind};
use crate::Catalog;

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

    /// Records a matched error.
    pub(crate) fn hit(
        &mut self,
        hit: Hit,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        if self.errors.len() < de::MAX_ITEMS {
            self.errors
                .push(FoundError::from_hit(hit, wire_code, detail, property));
        }
    }

    /// Records an error nothing in the catalog matched.
    pub(crate) fn unmatched(
        &mut self,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        if self.errors.len() < de::MAX_ITEMS {
            self.errors.push(FoundError::fallback(
                self.status,
                wire_code,
                detail,
                property,
            ));
        }
    }

    /// Records `hit` if there is one, else a fallback.
    pub(crate) fn push(
        &mut self,
        hit: Option<Hit>,
        wire_code: Option<&str>,
        detail: Option<&str>,
        property: Option<&str>,
    ) {
        match hit {
            Some(h) => self.hit(h, wire_code, detail, property),
            None => self.unmatched(wire_code, detail, property),
        }
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
                    self.hit(hit, None, detail.as_deref(), None)
                }
                None => self.unmatched(None, detail.as_deref(), None),
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
