//! reqwest (feature `reqwest`): read a response up to a size limit and classify it, classify
//! transport errors as `network`, and send a request with the retry policy applied.
//!
//! ```no_run
//! # async fn run() -> Result<(), errcat::adapters::reqwest::SendError> {
//! use errcat::adapters::reqwest::Sender;
//! use errcat::Vendor;
//!
//! let client = reqwest::Client::new();
//! let sender = Sender::new(Vendor::AkamaiIdentityCloud);
//! let reply = sender
//!     .send_with_refresh(
//!         // Called for every send: with `None` first, then with the refreshed token.
//!         |token: Option<&String>| {
//!             client
//!                 .post("https://example.janraincapture.com/entity")
//!                 .header("Idempotency-Key", "7c1f")
//!                 .bearer_auth(token.map_or("current-token", |t| t.as_str()))
//!         },
//!         // Called at most once, when the vendor says the token expired.
//!         || async { Ok::<_, std::io::Error>("fresh-token".to_string()) },
//!     )
//!     .await?;
//! println!("{} after {} attempts", reply.status, reply.attempts);
//! # Ok(()) }
//! ```

use std::convert::Infallible;
use std::error::Error as StdError;
use std::future::Future;
use std::time::SystemTime;

use ::reqwest::header::HeaderMap;
use ::reqwest::{RequestBuilder, Response};
use bytes::Bytes;

use super::{chain, Clock};
use crate::decide::{Attempt, Decision, RetryPolicy, Stop, StopReason};
use crate::{ApiError, Catalog, Classification, HeadRules, NetworkFailure};

/// The default body limit: 1 MiB, large enough for the JSON pages these APIs return and for
/// any error body (the classifier keeps 1 KiB of a message), small enough that a broken or
/// hostile peer cannot make a client hold gigabytes.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

/// A response read in full and classified.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body, as received.
    pub body: Bytes,
    /// What the classifier found (no errors for a success).
    pub classification: Classification,
    /// How many times the request was sent (1 for [`read`]).
    pub attempts: u32,
}

/// Reading a response's body failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The body is longer than the limit: the first `limit` bytes were read, the rest left
    /// unread (the connection is dropped, not drained).
    #[error("{} HTTP {status}: the response body is larger than the {limit}-byte limit (its first {} bytes were read, the rest was not)", catalog.name(), kept.len())]
    TooLarge {
        /// The vendor's catalog.
        catalog: &'static Catalog,
        /// The HTTP status.
        status: u16,
        /// The response headers.
        headers: HeaderMap,
        /// The limit.
        limit: usize,
        /// The first `limit` bytes of the body.
        kept: Bytes,
    },
    /// The connection failed while the body was read: a `network` classification.
    #[error(
        "{}: reading the response body failed: {}",
        vendor_of(classification),
        chain(source)
    )]
    Body {
        /// Category `network`.
        classification: Classification,
        /// reqwest's error.
        source: ::reqwest::Error,
    },
}

fn vendor_of(c: &Classification) -> &'static str {
    c.catalog().name()
}

/// Reads `response`'s body up to `limit` bytes and classifies the whole response, with the
/// system clock and the catalog's own head rules ([`Catalog::head_rules`]). `catalog` is a
/// [`Vendor`](crate::Vendor) or any `&'static Catalog`.
pub async fn read(
    catalog: impl Into<&'static Catalog>,
    response: Response,
    limit: usize,
) -> Result<Reply, ReadError> {
    let catalog = catalog.into();
    read_with(
        catalog,
        response,
        limit,
        &catalog.head_rules(),
        SystemTime::now(),
    )
    .await
}

async fn read_with(
    catalog: &'static Catalog,
    mut response: Response,
    limit: usize,
    rules: &HeadRules<'_>,
    now: SystemTime,
) -> Result<Reply, ReadError> {
    let status = response.status().as_u16();
    let mut body: Vec<u8> = Vec::new();
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(source) => {
                return Err(ReadError::Body {
                    classification: classify_error(catalog, &source),
                    source,
                })
            }
        };
        let room = limit - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Err(ReadError::TooLarge {
                catalog,
                status,
                headers: std::mem::take(response.headers_mut()),
                limit,
                kept: Bytes::from(body),
            });
        }
        body.extend_from_slice(&chunk);
    }
    let headers = std::mem::take(response.headers_mut());
    let classification = catalog.classify_response_with(status, &headers, &body, rules, now);
    Ok(Reply {
        status,
        headers,
        body: Bytes::from(body),
        classification,
        attempts: 1,
    })
}

/// The classification of a request that got no response: category `network`, the kind from
/// reqwest (`is_timeout`, `is_connect`) or the socket error in its source chain (a reset).
///
/// ```no_run
/// # async fn run() {
/// # let client = reqwest::Client::new();
/// # let url = "http://127.0.0.1:9";
/// match client.get(url).send().await {
///     Ok(_) => {}
///     Err(e) => {
///         let c = errcat::adapters::reqwest::classify_error(errcat::Vendor::IxonCloud, &e);
///         assert_eq!(c.errors()[0].category(), errcat::Category::Network);
///     }
/// }
/// # }
/// ```
pub fn classify_error(
    catalog: impl Into<&'static Catalog>,
    error: &::reqwest::Error,
) -> Classification {
    catalog
        .into()
        .network_failure(failure_of(error), &chain(error))
}

pub(crate) fn failure_of(error: &::reqwest::Error) -> NetworkFailure {
    if error.is_timeout() {
        return NetworkFailure::Timeout;
    }
    match NetworkFailure::of_error(error) {
        NetworkFailure::Other if error.is_connect() => NetworkFailure::Connect,
        kind => kind,
    }
}

/// Sending with the retry policy failed or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The vendor answered with an error, and the policy says not to send again
    /// ([`Stop::reason`], [`Stop::action`]).
    #[error("{error} (stopped after {attempts} attempts: {})", stop.reason)]
    Api {
        /// The classified error: vendor, code, action, trace id.
        error: ApiError,
        /// The last response: status, headers and body.
        reply: Box<Reply>,
        /// Why the policy stopped.
        stop: Stop,
        /// How many times the request was sent.
        attempts: u32,
    },
    /// No response arrived, and the policy says not to send again.
    #[error("{}: {} ({}; stopped after {attempts} attempts: {})", classification.catalog().name(), title(classification), chain(source), stop.reason)]
    Network {
        /// Category `network`.
        classification: Classification,
        /// reqwest's error.
        source: ::reqwest::Error,
        /// Why the policy stopped.
        stop: Stop,
        /// How many times the request was sent.
        attempts: u32,
    },
    /// The body of a response was larger than the limit ([`ReadError::TooLarge`]).
    #[error(transparent)]
    TooLarge(ReadError),
    /// The caller's token refresh failed.
    #[error("refreshing the access token failed: {source}")]
    Refresh {
        /// The refresh closure's error.
        source: Box<dyn StdError + Send + Sync>,
    },
    /// reqwest could not build the request (an invalid URL or header): nothing was sent.
    #[error("the request could not be built: {0}")]
    Build(::reqwest::Error),
}

fn title(c: &Classification) -> &'static str {
    c.primary().map_or("no response", |e| e.title())
}

impl SendError {
    /// The classification of the last response (or of the network failure), if one was made.
    pub fn classification(&self) -> Option<&Classification> {
        match self {
            SendError::Api { error, .. } => Some(error.classification()),
            SendError::Network { classification, .. } => Some(classification),
            _ => None,
        }
    }
    /// Why the policy stopped, for [`Api`](Self::Api) and [`Network`](Self::Network).
    pub fn stop(&self) -> Option<&Stop> {
        match self {
            SendError::Api { stop, .. } | SendError::Network { stop, .. } => Some(stop),
            _ => None,
        }
    }
}

/// Sends requests to one vendor with a [`RetryPolicy`] applied: each response is read (up
/// to the body limit), classified with its headers, and the policy decides: wait and resend,
/// refresh the token and resend once, or stop.
///
/// Clones share the policy's budget and jitter: make one per vendor and clone it freely.
#[derive(Clone, Debug)]
pub struct Sender {
    catalog: &'static Catalog,
    policy: RetryPolicy,
    body_limit: usize,
    rules: HeadRules<'static>,
    clock: Clock,
}

impl Sender {
    /// A sender to `catalog`'s vendor (a [`Vendor`](crate::Vendor) or any `&'static
    /// Catalog`) with the default [`RetryPolicy`], [`DEFAULT_BODY_LIMIT`], the catalog's own
    /// head rules ([`Catalog::head_rules`]: trace-id headers, documented waits) and the
    /// system clock.
    pub fn new(catalog: impl Into<&'static Catalog>) -> Sender {
        let catalog = catalog.into();
        Sender {
            catalog,
            policy: RetryPolicy::new(),
            body_limit: DEFAULT_BODY_LIMIT,
            rules: catalog.head_rules(),
            clock: Clock::system(),
        }
    }
    /// The retry policy.
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }
    /// The most body bytes read from one response.
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }
    /// Other head rules than the catalog's own.
    pub fn with_rules(mut self, rules: HeadRules<'static>) -> Self {
        self.rules = rules;
        self
    }
    /// Where "now" comes from, for HTTP-dates in `Retry-After` (tests fix it).
    pub fn with_clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Clock::from_fn(now);
        self
    }
    /// The policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Reads and classifies one response with this sender's limit, rules and clock.
    pub async fn read(&self, response: Response) -> Result<Reply, ReadError> {
        read_with(
            self.catalog,
            response,
            self.body_limit,
            &self.rules,
            self.clock.now(),
        )
        .await
    }

    /// Sends the request `build` makes (called once per send) until the policy stops. A
    /// "token expired" stops with [`Action::RefreshAccessToken`](crate::Action) in
    /// [`Stop::action`]; use [`send_with_refresh`](Self::send_with_refresh) to handle it.
    pub async fn send(
        &self,
        mut build: impl FnMut() -> RequestBuilder,
    ) -> Result<Reply, SendError> {
        self.run(
            |_: Option<&()>| build(),
            None::<fn() -> std::future::Ready<Result<(), Infallible>>>,
        )
        .await
    }

    /// [`send`](Self::send), and when the vendor says the access token expired, `refresh`
    /// (called at most once) gets a new token and the request is built again with it.
    ///
    /// `build` gets `None` until the refresh, then the new token. A request whose method is
    /// not idempotent is retried only if it carries an `Idempotency-Key` header, or the
    /// policy allows it ([`RetryPolicy::with_retry_non_idempotent`]); the resend after a
    /// refresh is always made, since the vendor rejected the request before acting on it.
    pub async fn send_with_refresh<T, F, R, Fut, E>(
        &self,
        build: F,
        refresh: R,
    ) -> Result<Reply, SendError>
    where
        F: FnMut(Option<&T>) -> RequestBuilder,
        R: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        self.run(build, Some(refresh)).await
    }

    async fn run<T, F, R, Fut, E>(
        &self,
        mut build: F,
        mut refresh: Option<R>,
    ) -> Result<Reply, SendError>
    where
        F: FnMut(Option<&T>) -> RequestBuilder,
        R: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let mut token: Option<T> = None;
        let mut attempt: Option<Attempt> = None;
        // The policy bounds the sends (max_attempts, plus one after a refresh); this bound
        // makes the loop's end visible here whatever a policy answers.
        let max_sends = self.policy.max_attempts().saturating_add(1);
        let mut sends = 0u32;
        loop {
            let (client, request) = build(token.as_ref()).build_split();
            let request = request.map_err(SendError::Build)?;
            let attempt = attempt.get_or_insert_with(|| {
                let a = Attempt::new(request.method().as_str());
                let keyed = request.headers().contains_key("idempotency-key");
                let idempotent = a.is_idempotent() || keyed;
                a.idempotent(idempotent)
            });
            sends += 1;
            let outcome = match client.execute(request).await {
                Ok(response) => match self.read(response).await {
                    Ok(reply) => Outcome::Reply(reply),
                    Err(ReadError::Body {
                        classification,
                        source,
                    }) => Outcome::Network(classification, source),
                    Err(e @ ReadError::TooLarge { .. }) => return Err(SendError::TooLarge(e)),
                },
                Err(source) => Outcome::Network(classify_error(self.catalog, &source), source),
            };
            let c = outcome.classification();
            let stop = match self.policy.decide(c, attempt) {
                Decision::Stop(stop) => stop,
                Decision::Retry { after } if sends < max_sends => {
                    tokio::time::sleep(after).await;
                    continue;
                }
                Decision::RefreshToken if sends < max_sends && refresh.is_some() => {
                    if let Some(refresh) = refresh.take() {
                        let new = refresh()
                            .await
                            .map_err(|e| SendError::Refresh { source: e.into() })?;
                        token = Some(new);
                    }
                    continue;
                }
                // No refresh closure: the caller must refresh, as the action says.
                Decision::RefreshToken => Stop {
                    reason: StopReason::NotRetryable,
                    action: c.action(),
                    retry_after: c.retry_after(),
                },
                _ => Stop {
                    reason: StopReason::AttemptsExhausted,
                    action: c.action(),
                    retry_after: c.retry_after(),
                },
            };
            return match outcome {
                Outcome::Reply(mut reply) => {
                    reply.attempts = sends;
                    match reply.classification.clone().into_error() {
                        None => Ok(reply),
                        Some(error) => Err(SendError::Api {
                            error,
                            reply: Box::new(reply),
                            stop,
                            attempts: sends,
                        }),
                    }
                }
                Outcome::Network(classification, source) => Err(SendError::Network {
                    classification,
                    source,
                    stop,
                    attempts: sends,
                }),
            };
        }
    }
}

/// What one send gave.
enum Outcome {
    Reply(Reply),
    Network(Classification, ::reqwest::Error),
}

impl Outcome {
    fn classification(&self) -> &Classification {
        match self {
            Outcome::Reply(reply) => &reply.classification,
            Outcome::Network(c, _) => c,
        }
    }
}
