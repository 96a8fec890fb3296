//! ADP: the OAuth token errors of the exceptions page (`{"error"|"error_code":…,
//! "error_description":…}`), and the envelopes of the real APIs (see ADP's published sample
//! payloads): `confirmMessage` with `processMessages[].userMessage.messageTxt` and
//! `resourceMessages[]` (also at the top level), `_confirmMessage.messages[].messageText`,
//! the gateway's `response.applicationCode`, `messageList[]` / `exceptionMessages[]`,
//! `errorCode` / `message` / `developerMessage`, `resourceMessageInfoList[]`, and
//! `{"code":…,"description":…}`. Correlation ids come from `confirmMessageID.idValue`,
//! `adp-correlationID`, `requestResponseId` and `_confirmMessage.messageID`.

use serde::Deserialize;

use super::de::{List, Obj, Text};
use super::loose::loose_eq;
use super::matching::by_message;
use super::problem::{self, Problem};
use super::sink::{Sink, Wire};

// Fields are defaulted one by one, not with a container `#[serde(default)]`, which builds
// a whole default `Body` before reading; and the objects few bodies carry are boxed, so the
// struct serde moves around stays small.
#[derive(Deserialize, Default)]
struct Body<'a> {
    // OAuth.
    #[serde(default, borrow)]
    error: Text<'a>,
    #[serde(default, borrow)]
    error_code: Text<'a>,
    #[serde(default, borrow)]
    error_description: Text<'a>,
    // Bare fragments of the exceptions page.
    #[serde(default, borrow, rename = "messageTxt")]
    message_txt: Text<'a>,
    #[serde(default, borrow, rename = "MessageTxt")]
    message_txt_cap: Text<'a>,
    #[serde(default, borrow, rename = "userMessage")]
    user_message: Holder<'a, UserMessage<'a>>,
    // confirmMessage, nested or at the top level.
    #[serde(default, borrow, rename = "confirmMessage")]
    confirm_message: Obj<Box<Body<'a>>>,
    #[serde(default, borrow, rename = "confirmMessageID")]
    confirm_message_id: Obj<Box<Id<'a>>>,
    #[serde(default, borrow, rename = "requestStatusCode")]
    request_status_code: Obj<Box<CodeValue<'a>>>,
    #[serde(default, borrow, rename = "processMessages")]
    process_messages: List<ProcessMessage<'a>>,
    #[serde(default, borrow, rename = "resourceMessages")]
    resource_messages: List<ResourceMessage<'a>>,
    #[serde(default, borrow, rename = "_confirmMessage")]
    underscore_confirm: Obj<Box<UnderscoreConfirm<'a>>>,
    #[serde(default, borrow)]
    response: Obj<Box<Gateway<'a>>>,
    #[serde(default, borrow, rename = "messageList")]
    message_list: List<ListMessage<'a>>,
    #[serde(default, borrow, rename = "exceptionMessages")]
    exception_messages: List<ListMessage<'a>>,
    #[serde(default, borrow, rename = "resourceMessageInfoList")]
    resource_message_info_list: List<InfoList<'a>>,
    #[serde(default, borrow, rename = "requestResponseId")]
    request_response_id: Text<'a>,
    #[serde(default, borrow, rename = "errorCode")]
    error_code_camel: Text<'a>,
    #[serde(default, borrow, rename = "developerMessage")]
    developer_message: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow)]
    description: Text<'a>,
    #[serde(default, borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(default, borrow)]
    status: Text<'a>,
    #[serde(default, borrow, rename = "statusFailure")]
    status_failure: Text<'a>,
    // Newer gateways: `messages[].messageText` at the top level, and Spring's
    // `{timestamp, status, error, message, path}`, also under `data`.
    #[serde(default, borrow)]
    messages: List<UnderscoreConfirmMessage<'a>>,
    #[serde(default, borrow)]
    data: Obj<Box<Body<'a>>>,
    #[serde(default, borrow)]
    path: Text<'a>,
    #[serde(default, borrow)]
    timestamp: Text<'a>,
    // Problem documents.
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(default, borrow)]
    detail: Text<'a>,
    #[serde(default, borrow, rename = "traceId")]
    trace_id: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Id<'a> {
    #[serde(default, borrow, rename = "idValue")]
    id_value: Text<'a>,
}

#[derive(Deserialize, Default)]
struct CodeValue<'a> {
    #[serde(default, borrow, rename = "codeValue")]
    code_value: Text<'a>,
}

/// A message holder (`userMessage`, `developerMessage`): an object with the text in
/// `messageTxt` / `MessageTxt` / `messageText` / `message`, beside a `codeValue` that is a
/// code or only a label; or one holding another `userMessage` (a string, or an object one
/// level deeper: ADP's `{"codeValue":"Error","userMessage":"…"}`); or the text itself.
#[derive(Deserialize, Default)]
struct UserMessage<'a> {
    #[serde(default, borrow, rename = "codeValue")]
    code_value: Text<'a>,
    #[serde(default, borrow, rename = "messageTxt")]
    message_txt: Text<'a>,
    #[serde(default, borrow, rename = "MessageTxt")]
    message_txt_cap: Text<'a>,
    #[serde(default, borrow, rename = "messageText")]
    message_text: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow, rename = "userMessage")]
    inner: Holder<'a, InnerMessage<'a>>,
}

/// The holder one level down; the nesting stops here, so depth stays bounded.
#[derive(Deserialize, Default)]
struct InnerMessage<'a> {
    #[serde(default, borrow, rename = "codeValue")]
    code_value: Text<'a>,
    #[serde(default, borrow, rename = "messageTxt")]
    message_txt: Text<'a>,
    #[serde(default, borrow, rename = "MessageTxt")]
    message_txt_cap: Text<'a>,
    #[serde(default, borrow, rename = "messageText")]
    message_text: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
}

/// What a message holder says.
trait Says {
    fn text(&self) -> Option<&str>;
    fn code(&self) -> Option<&str>;
}

impl Says for UserMessage<'_> {
    /// The most specific text: the holder's own, else the nested holder's.
    fn text(&self) -> Option<&str> {
        self.message_txt
            .get()
            .or(self.message_txt_cap.get())
            .or(self.message_text.get())
            .or(self.message.get())
            .or_else(|| self.inner.text())
    }

    fn code(&self) -> Option<&str> {
        self.code_value.get().or_else(|| self.inner.code())
    }
}

impl Says for InnerMessage<'_> {
    fn text(&self) -> Option<&str> {
        self.message_txt
            .get()
            .or(self.message_txt_cap.get())
            .or(self.message_text.get())
            .or(self.message.get())
    }

    fn code(&self) -> Option<&str> {
        self.code_value.get()
    }
}

/// A message holder member: the text itself, or a holder object `T`.
struct Holder<'a, T> {
    text: Option<Text<'a>>,
    object: Option<Box<T>>,
}

impl<T> Default for Holder<'_, T> {
    fn default() -> Self {
        Holder {
            text: None,
            object: None,
        }
    }
}

impl<'de: 'a, 'a, T: Deserialize<'de>> Deserialize<'de> for Holder<'a, T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a, T>(std::marker::PhantomData<(&'a (), T)>);
        impl<'de: 'a, 'a, T: Deserialize<'de>> serde::de::Visitor<'de> for V<'a, T> {
            type Value = Holder<'a, T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Holder {
                    text: Some(Text(Some(std::borrow::Cow::Borrowed(v)))),
                    object: None,
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Holder {
                    text: Some(Text(Some(std::borrow::Cow::Owned(v.to_string())))),
                    object: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let m = T::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Holder {
                    text: None,
                    object: Some(Box::new(m)),
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Holder::default())
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Holder::default())
            }
        }
        d.deserialize_any(V::<'a, T>(std::marker::PhantomData))
    }
}

impl<T: Says> Holder<'_, T> {
    fn text(&self) -> Option<&str> {
        self.text
            .as_ref()
            .and_then(Text::get)
            .or_else(|| self.object.as_ref().and_then(|o| o.text()))
    }
    fn code(&self) -> Option<&str> {
        self.object.as_ref().and_then(|o| o.code())
    }
    fn is_present(&self) -> bool {
        self.text.is_some() || self.object.is_some()
    }
}

#[derive(Deserialize, Default)]
struct ProcessMessage<'a> {
    #[serde(default, borrow, rename = "messageTypeCode")]
    message_type_code: Obj<CodeValue<'a>>,
    #[serde(default, borrow, rename = "userMessage")]
    user_message: Holder<'a, UserMessage<'a>>,
    #[serde(default, borrow, rename = "developerMessage")]
    developer_message: Holder<'a, UserMessage<'a>>,
}

#[derive(Deserialize, Default)]
struct ResourceMessage<'a> {
    #[serde(default, borrow, rename = "processMessages")]
    process_messages: List<ProcessMessage<'a>>,
}

/// `_confirmMessage`: the confirm envelope with a flat `messages[]` list.
#[derive(Deserialize, Default)]
struct UnderscoreConfirm<'a> {
    #[serde(default, borrow, rename = "messageID")]
    message_id: Text<'a>,
    #[serde(default, borrow, rename = "requestStatus")]
    request_status: Text<'a>,
    #[serde(default, borrow)]
    messages: List<UnderscoreConfirmMessage<'a>>,
}

/// One element of `_confirmMessage.messages[]`.
#[derive(Deserialize, Default)]
struct UnderscoreConfirmMessage<'a> {
    #[serde(default, borrow, rename = "messageCode")]
    message_code: Text<'a>,
    #[serde(default, borrow, rename = "messageTypeCode")]
    message_type_code: Text<'a>,
    #[serde(default, borrow, rename = "messageText")]
    message_text: Text<'a>,
}

#[derive(Deserialize, Default)]
struct Gateway<'a> {
    #[serde(default, borrow, rename = "responseCode")]
    response_code: Text<'a>,
    #[serde(default, borrow, rename = "applicationCode")]
    application_code: Obj<ApplicationCode<'a>>,
    #[serde(default, borrow, rename = "adp-correlationID")]
    correlation_id: Text<'a>,
}

#[derive(Deserialize, Default)]
struct ApplicationCode<'a> {
    #[serde(default, borrow)]
    code: Text<'a>,
    #[serde(default, borrow, rename = "typeCode")]
    type_code: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
}

#[derive(Deserialize, Default)]
struct ListMessage<'a> {
    #[serde(default, borrow, rename = "messageType")]
    message_type: Text<'a>,
    #[serde(default, borrow)]
    message: Text<'a>,
    #[serde(default, borrow, rename = "errorCode")]
    error_code: Text<'a>,
}

#[derive(Deserialize, Default)]
struct InfoList<'a> {
    #[serde(default, borrow, rename = "processMessageInfoList")]
    process_message_info_list: List<InfoMessage<'a>>,
}

#[derive(Deserialize, Default)]
struct InfoMessage<'a> {
    #[serde(default, borrow, rename = "messageTypeCode")]
    message_type_code: Text<'a>,
    #[serde(default, borrow, rename = "messageText")]
    message_text: Text<'a>,
}

/// One message of an envelope.
struct Item<'b> {
    /// OAuth `error` / `error_code`.
    error: Option<&'b str>,
    /// Any other code the message carries.
    code: Option<&'b str>,
    message: Option<&'b str>,
    /// `error`, `warning`, `info`… where the envelope says.
    kind: Option<&'b str>,
}

fn is_failure(s: Option<&str>) -> bool {
    s.is_some_and(|s| {
        let s = s.trim();
        ["failed", "failure", "fail", "error"]
            .iter()
            .any(|f| s.eq_ignore_ascii_case(f))
    })
}

fn is_not_error(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| {
        let k = k.trim();
        ["warning", "info", "information", "success", "succeeded"]
            .iter()
            .any(|f| k.eq_ignore_ascii_case(f))
    })
}

pub(super) fn from_json(sink: &mut Sink, body: &[u8]) -> Result<(), serde_json::Error> {
    // Boxed: serde would otherwise move the whole struct through several return values.
    let Obj(Some(b)) = serde_json::from_slice::<Obj<Box<Body<'_>>>>(body)? else {
        return Ok(());
    };
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut failure = false;
    collect(&b, sink, &mut items, &mut failure);
    for inner in [b.confirm_message.get(), b.data.get()]
        .into_iter()
        .flatten()
    {
        collect(inner, sink, &mut items, &mut failure);
    }
    let any_error_item = items
        .iter()
        .any(|i| i.kind.is_some_and(|k| is_failure(Some(k))) || i.error.is_some());
    if items.is_empty() {
        let p = Problem {
            kind: b.kind.get(),
            title: b.title.get(),
            status: b
                .status
                .get()
                .filter(|s| s.bytes().all(|c| c.is_ascii_digit())),
            detail: b.detail.get(),
            trace: b.trace_id.get(),
            ..Problem::default()
        };
        if p.is_problem() && (sink.status >= 400 || failure) {
            problem::read(sink, &p);
            return Ok(());
        }
    }
    if sink.status < 400 && !failure && !any_error_item {
        // "Succeeded", perhaps with warnings: not an error.
        return Ok(());
    }
    if failure || any_error_item || !items.is_empty() {
        sink.envelope();
    }
    let (catalog, status) = (sink.catalog, sink.status);
    // Informational entries (import statistics, warnings) are not the error when the body
    // has an entry that is; a 404 whose only entry is a warning still says what went wrong.
    let any_error_kind = items.iter().any(|i| !is_not_error(i.kind));
    for item in items
        .iter()
        .filter(|i| !(is_not_error(i.kind) && (any_error_kind || status < 400)))
    {
        let hit = match (item.error, item.message) {
            (Some(error), Some(description)) => by_message(catalog, status, description, |e| {
                e.error()
                    .is_some_and(|documented| loose_eq(documented, error))
            }),
            (None, Some(message)) => by_message(catalog, status, message, |e| e.error().is_none()),
            (_, None) => None,
        };
        let code = item.code.filter(|c| is_code(c));
        sink.push(
            hit,
            Wire {
                code: item.error.or(code),
                name: item.error,
                message: item.message,
                property: None,
            },
        );
    }
    Ok(())
}

/// Whether a `codeValue` / `messageCode` is a code and not a label: ADP has no error codes of
/// its own, and its envelopes put labels there (`"JSON Error "`, `"Error"`) or echo the HTTP
/// status (`"404"`, `"400"`). Machine strings such as `err_ServerError` are kept.
fn is_code(code: &str) -> bool {
    let c = code.trim();
    let is_status = c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit());
    let is_label = [
        "error",
        "warning",
        "info",
        "information",
        "failed",
        "failure",
        "http",
    ]
    .iter()
    .any(|l| c.eq_ignore_ascii_case(l));
    !c.is_empty() && !is_status && !is_label && !c.contains(char::is_whitespace)
}

/// Whether `b` is a Spring Boot error object: a numeric `status` beside `path` or
/// `timestamp`.
fn spring(b: &Body<'_>) -> bool {
    b.status
        .get()
        .is_some_and(|s| s.len() == 3 && s.bytes().all(|c| c.is_ascii_digit()))
        && (b.path.get().is_some() || b.timestamp.get().is_some())
}

/// Gathers the messages, correlation id and failure flags of one envelope level.
fn collect<'b>(b: &'b Body<'_>, sink: &mut Sink, items: &mut Vec<Item<'b>>, failure: &mut bool) {
    sink.trace(b.confirm_message_id.get().and_then(|i| i.id_value.get()));
    if let Some(g) = b.response.get() {
        sink.trace(g.correlation_id.get());
    }
    sink.trace(b.request_response_id.get());
    if let Some(c) = b.underscore_confirm.get() {
        sink.trace(c.message_id.get());
    }

    let oauth = if spring(b) {
        None
    } else {
        b.error.get().or(b.error_code.get())
    };
    if let Some(error) = oauth {
        let message = b.error_description.get().or(b.message.get());
        items.push(Item {
            error: Some(error.trim()),
            code: None,
            message,
            kind: None,
        });
        *failure = true;
    }
    if let Some(m) = b.message_txt.get().or(b.message_txt_cap.get()) {
        items.push(Item {
            error: None,
            code: None,
            message: Some(m),
            kind: None,
        });
    }
    if b.user_message.is_present() {
        items.push(Item {
            error: None,
            code: b.user_message.code(),
            message: b.user_message.text(),
            kind: None,
        });
    }

    *failure |= is_failure(b.request_status_code.get().and_then(|c| c.code_value.get()));
    let process = b.process_messages.iter().chain(
        b.resource_messages
            .iter()
            .flat_map(|r| r.process_messages.iter()),
    );
    for p in process {
        let message = p.user_message.text().or(p.developer_message.text());
        let code = p.user_message.code();
        let kind = p.message_type_code.get().and_then(|c| c.code_value.get());
        if message.is_some() || code.is_some() {
            items.push(Item {
                error: None,
                code,
                message,
                kind,
            });
        }
    }

    let underscore = b.underscore_confirm.get();
    if let Some(c) = underscore {
        *failure |= is_failure(c.request_status.get());
    }
    let messages = underscore
        .into_iter()
        .flat_map(|c| c.messages.iter())
        .chain(b.messages.iter());
    {
        for m in messages {
            let kind = m.message_type_code.get();
            items.push(Item {
                error: None,
                code: m.message_code.get(),
                message: m.message_text.get(),
                kind,
            });
        }
    }

    if let Some(g) = b.response.get() {
        let app = g.application_code.get();
        let kind = app.and_then(|a| a.type_code.get());
        *failure |= is_failure(kind);
        let code = app.and_then(|a| a.code.get()).or(g.response_code.get());
        let message = app.and_then(|a| a.message.get());
        if code.is_some() || message.is_some() {
            items.push(Item {
                error: None,
                code,
                message,
                kind,
            });
        }
    }

    for m in b.message_list.iter().chain(b.exception_messages.iter()) {
        let kind = m.message_type.get();
        items.push(Item {
            error: None,
            code: m.error_code.get(),
            message: m.message.get(),
            kind,
        });
    }
    for list in b.resource_message_info_list.iter() {
        for m in list.process_message_info_list.iter() {
            let kind = m.message_type_code.get();
            items.push(Item {
                error: None,
                code: None,
                message: m.message_text.get(),
                kind,
            });
        }
    }

    if spring(b) {
        // Spring's `{timestamp, status, error, message, path}`: `error` is the status's reason
        // phrase, not an OAuth name, and `message` is what went wrong.
        *failure = true;
        items.push(Item {
            error: None,
            code: None,
            message: b.message.get().or(b.error.get()),
            kind: None,
        });
        return;
    }
    if b.error.get().is_none() && b.error_code.get().is_none() {
        // `{"errorCode":…,"message":…,"developerMessage":…}`, `{"code":…,"description":…}`,
        // and `{"status":"failure","statusFailure":true,"message":…}`.
        let failed = is_failure(b.status.get()) || b.status_failure.get() == Some("true");
        *failure |= failed || is_failure(b.kind.get());
        let code = b.error_code_camel.get().or(b.code.get());
        let message = b
            .description
            .get()
            .or(b.message.get())
            .or(b.developer_message.get());
        if code.is_some() || (failed && message.is_some()) {
            items.push(Item {
                error: None,
                code,
                message,
                kind: b.kind.get(),
            });
        }
    }
}
