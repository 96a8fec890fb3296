//! tower (feature `tower`): a [`tower::retry::Policy`] driven by the classification and the
//! [`RetryPolicy`].
//!
//! The service under `tower::retry::Retry` takes `http::Request<B>` (with `B: Clone`, so
//! the request can be sent again) and answers `http::Response<RB>` with the body in memory
//! (`RB: AsRef<[u8]>`: `Bytes`, `Vec<u8>`, `String`), since the body decides (Akamai's
//! errors come with HTTP 200). Its errors are classified as `network` ([`TransportError`]).
//!
//! ```
//! use tower::retry::RetryLayer;
//! use errcat::{adapters::tower::Policy, decide::RetryPolicy, Vendor};
//! let layer = RetryLayer::new(Policy::new(Vendor::IxonCloud, RetryPolicy::new()));
//! # let _ = layer;
//! ```
//!
//! Token refresh: a policy cannot change the request after its delay has run (tower sends
//! the request as `retry` left it), so [`Policy::with_token_refresh`] runs an async hook,
//! once per request, that renews the token in the caller's token store, and the inner
//! service reads the current token on every call (for instance with
//! `tower::util::MapRequest`). See `examples/tower_retry.rs`.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use super::{chain, Clock};
use crate::adapters::http::classify_with;
use crate::decide::{Attempt, Decision, RetryPolicy};
use crate::{Catalog, Classification, HeadRules, NetworkFailure};

/// An error of the service under the retry layer, as a request that got no response.
pub trait TransportError {
    /// What kind of failure it is.
    fn network_failure(&self) -> NetworkFailure;
    /// The message to keep as the classification's detail.
    fn detail(&self) -> String;
}

/// tower's boxed error (what `BoxService`, `Timeout` and most layers produce): a
/// `tower::timeout::error::Elapsed` is a timeout, else the socket error in the chain decides.
impl TransportError for Box<dyn StdError + Send + Sync> {
    fn network_failure(&self) -> NetworkFailure {
        let e: &(dyn StdError + 'static) = &**self;
        if e.is::<tower::timeout::error::Elapsed>() {
            return NetworkFailure::Timeout;
        }
        NetworkFailure::of_error(e)
    }
    fn detail(&self) -> String {
        chain(&**self)
    }
}

impl TransportError for io::Error {
    fn network_failure(&self) -> NetworkFailure {
        NetworkFailure::of_io(self.kind())
    }
    fn detail(&self) -> String {
        chain(self)
    }
}

#[cfg(feature = "reqwest")]
impl TransportError for ::reqwest::Error {
    fn network_failure(&self) -> NetworkFailure {
        super::reqwest::failure_of(self)
    }
    fn detail(&self) -> String {
        chain(self)
    }
}

impl TransportError for std::convert::Infallible {
    fn network_failure(&self) -> NetworkFailure {
        match *self {}
    }
    fn detail(&self) -> String {
        match *self {}
    }
}

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;
type Refresh = Arc<dyn Fn() -> BoxFuture + Send + Sync>;

/// The retry policy for `tower::retry::Retry`.
///
/// tower clones the policy for each request: the clone keeps that request's [`Attempt`],
/// and every clone shares the [`RetryPolicy`]'s budget and jitter.
#[derive(Clone)]
pub struct Policy {
    catalog: &'static Catalog,
    policy: RetryPolicy,
    rules: HeadRules<'static>,
    clock: Clock,
    refresh: Option<Refresh>,
    attempt: Option<Attempt>,
    last: Option<Decision>,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("catalog", &self.catalog.id())
            .field("policy", &self.policy)
            .field("attempt", &self.attempt)
            .field("refresh", &self.refresh.is_some())
            .finish()
    }
}

impl Policy {
    /// A policy for the responses of `catalog`'s vendor (a [`Vendor`](crate::Vendor) or any
    /// `&'static Catalog`), with the catalog's own head rules
    /// ([`Catalog::head_rules`]: trace-id headers, documented waits) and the system clock.
    pub fn new(catalog: impl Into<&'static Catalog>, policy: RetryPolicy) -> Policy {
        let catalog = catalog.into();
        Policy {
            catalog,
            policy,
            rules: catalog.head_rules(),
            clock: Clock::system(),
            refresh: None,
            attempt: None,
            last: None,
        }
    }
    /// Other head rules than the catalog's own.
    pub fn with_rules(mut self, rules: HeadRules<'static>) -> Self {
        self.rules = rules;
        self
    }
    /// Where "now" comes from, for HTTP-dates in `Retry-After`.
    pub fn with_clock(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Clock::from_fn(now);
        self
    }
    /// What to run, once per request, when the vendor says the access token expired; the
    /// request is then sent again, and the inner service must put the new token on it.
    /// Without a hook, such a response ends the retries.
    pub fn with_token_refresh<F, Fut>(mut self, refresh: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.refresh = Some(Arc::new(move || Box::pin(refresh()) as BoxFuture));
        self
    }
    /// The request's progress so far (`None` before its first response).
    pub fn attempt(&self) -> Option<&Attempt> {
        self.attempt.as_ref()
    }
    /// The decision on the last response.
    pub fn last_decision(&self) -> Option<&Decision> {
        self.last.as_ref()
    }

    fn classify<RB: AsRef<[u8]>, E: TransportError>(
        &self,
        result: &Result<http::Response<RB>, E>,
    ) -> Classification {
        match result {
            Ok(response) => classify_with(self.catalog, response, &self.rules, self.clock.now()),
            Err(e) => self
                .catalog
                .network_failure(e.network_failure(), &e.detail()),
        }
    }
}

impl<B, RB, E> tower::retry::Policy<http::Request<B>, http::Response<RB>, E> for Policy
where
    B: Clone,
    RB: AsRef<[u8]>,
    E: TransportError,
{
    type Future = BoxFuture;

    fn retry(
        &mut self,
        req: &mut http::Request<B>,
        result: &mut Result<http::Response<RB>, E>,
    ) -> Option<Self::Future> {
        let c = self.classify(result);
        // Only the per-request clone sees responses, so its state starts here.
        let attempt = self.attempt.get_or_insert_with(|| {
            let a = Attempt::new(req.method().as_str());
            let keyed = req.headers().contains_key("idempotency-key");
            let idempotent = a.is_idempotent() || keyed;
            a.idempotent(idempotent)
        });
        let decision = self.policy.decide(&c, attempt);
        let future = match &decision {
            Decision::Retry { after } => Some(Box::pin(tokio::time::sleep(*after)) as BoxFuture),
            Decision::RefreshToken => self.refresh.as_ref().map(|refresh| refresh()),
            Decision::Stop(_) => None,
        };
        self.last = Some(decision);
        future
    }

    fn clone_request(&mut self, req: &http::Request<B>) -> Option<http::Request<B>> {
        Some(req.clone())
    }
}
