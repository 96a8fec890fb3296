//! Lerian Access Manager: `{"code":"AUT-1005","title":…,"message":…[,"fields":{…}]}`, with a
//! numeric `code` accepted too. Plain-text bodies from its auth middleware (`Missing Token`,
//! `Forbidden`) are not this envelope: they fall back on the HTTP status (see `classify`).

use serde::Deserialize;

use super::de::{Obj, Text};
use super::matching::{by_code, by_message, with_code};
use super::result::MatchKind;
use super::sink::Sink;

#[derive(Deserialize, Default)]
struct Body<'a> {
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow)]
    error: Text<'a>,
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Body<'_>>>(body)? else {
        return Ok(());
    };
    let code = b.code.get().map(str::trim);
    let message = b.message.get().or(b.error.get());
    let has_envelope = code.is_some() || (b.title.get().is_some() && message.is_some());
    if !(has_envelope || (sink.status >= 400 && message.is_some())) {
        return Ok(());
    }
    sink.envelope();
    let catalog = sink.catalog;
    let documented = code.and_then(|c| by_code(catalog, c));
    let hit = match (documented, code) {
        (Some(c), _) => Some(with_code(catalog, c, MatchKind::Exact, message)),
        // Lerian's own client accepts numeric codes (HTTP-like); only for those, and for no
        // code at all, does the message decide. An unknown `AUT-…` code stays unknown.
        (None, Some(c)) if !c.bytes().all(|b| b.is_ascii_digit()) => None,
        (None, _) => message.and_then(|m| by_message(catalog, sink.status, m, |_| true)),
    };
    sink.push(hit, code, message.or(b.title.get()), None);
    Ok(())
}
