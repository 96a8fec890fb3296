//! IXON Cloud APIv2: `{"type":"Error","data":[{"message":…,"propertyName":…}],"moreAfter":null,
//! "status":"error"}`, several errors per body, `propertyName` sometimes absent, and 401s
//! with no `data` at all. Each error is the pair (message, propertyName).

use serde::Deserialize;

use super::de::{List, Obj, Text};
use super::matching::by_message;
use super::problem::{self, Problem};
use super::sink::{Sink, Wire};

#[derive(Deserialize, Default)]
struct Body<'a> {
    #[serde(default, borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow)]
    data: List<Item<'a>>,
    #[serde(default, borrow)]
    message: Text<'a>,
    // Problem documents from gateways in front of the API.
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    detail: Text<'a>,
    #[serde(default, borrow, rename = "traceId")]
    trace_id: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Item<'a> {
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow, rename = "propertyName")]
    property_name: Text<'a>,
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    // Boxed: serde would otherwise move the whole struct through several return values.
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Box<Body<'_>>>>(body)? else {
        return Ok(());
    };
    let is_error = b
        .status
        .get()
        .is_some_and(|s| s.eq_ignore_ascii_case("error"))
        || b.kind
            .get()
            .is_some_and(|s| s.eq_ignore_ascii_case("error"));
    let p = Problem {
        title: b.title.get(),
        status: b
            .status
            .get()
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit())),
        detail: b.detail.get(),
        trace: b.trace_id.get(),
        ..Problem::default()
    };
    if !is_error && p.is_problem() {
        problem::read(sink, &p);
        return Ok(());
    }
    if !is_error && sink.status < 400 {
        return Ok(());
    }
    if is_error {
        sink.envelope();
    }
    sink.detail(b.message.get());
    for item in b.data.iter() {
        let Some(message) = item.message.get() else {
            continue;
        };
        let property = item.property_name.get();
        let hit = by_message(sink.catalog, sink.status, message, |e| {
            e.property() == property.map(str::trim)
        });
        sink.push(
            hit,
            Wire {
                message: Some(message),
                property,
                ..Wire::default()
            },
        );
    }
    Ok(())
}
