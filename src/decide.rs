//! The decision layer (DESIGN.md layer 3): a classification and the request's attempt so far
//! → retry after a delay, refresh the access token and resend once, or stop with the action
//! to surface.
//!
//! It follows the standard retry strategy of the AWS SDKs (smithy-rs): a bounded number of
//! attempts, exponential backoff with full jitter, the server's own delay preferred to the
//! computed one, and a per-vendor retry budget (a token bucket) so that a vendor in trouble
//! gets fewer retries instead of a storm. On top of that it knows what the catalog knows:
//! which errors need a new token rather than a resend, which need a person, and how long a
//! vendor asked to wait.
//!
//! Every default and its reason:
//!
//! | knob | default | why |
//! |---|---|---|
//! | [`max_attempts`](RetryPolicy::with_max_attempts) | 3 | smithy-rs's standard: two retries ride out a blip; more mostly add load to a vendor that is down |
//! | [`initial_backoff`](RetryPolicy::with_backoff) | 1 s | smithy-rs's base delay; a vendor that fails fast needs a moment, not a burst |
//! | [`max_backoff`](RetryPolicy::with_backoff) | 20 s | smithy-rs's cap on the computed delay |
//! | [`jitter`](RetryPolicy::with_jitter) | full, randomly seeded | a random delay in [0, backoff): clients that failed together do not retry together |
//! | [`max_server_delay`](RetryPolicy::with_max_server_delay) | 60 s | the longest pause a caller inside a request can usually absorb; the server's delay is used as given up to that |
//! | [`long_delays`](RetryPolicy::with_long_delays) | [`LongDelay::Stop`] | a server that asks for longer (IXON's 10-minute block) answers sooner with the same error, so stop and hand the delay to the caller to schedule; [`LongDelay::Clamp`] is smithy-rs's behaviour |
//! | [`retry_non_idempotent`](RetryPolicy::with_retry_non_idempotent) | false | a POST that timed out may have been applied; sending it again can apply it twice |
//! | token refresh | once per request | a second "token expired" after a fresh token means the token is not the problem |
//! | [`budget`](RetryPolicy::with_budget) | 500 tokens a vendor, a retry costs 5, after a network failure 10, a first-try success gives 1 back, a success after retries returns what they cost | smithy-rs's standard bucket: 100 retries in a row empty it, so one failing vendor cannot get a storm, and it refills as requests succeed |
//!
//! `wait_for_quota_reset` retries only after a known delay (a header, or a wait the vendor
//! documents) no longer than `max_server_delay`; without one the policy stops with
//! [`StopReason::QuotaResetUnknown`] at once: backing off by seconds against a daily quota
//! would spend the attempts and the budget on answers known in advance.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::{Action, Catalog, Category, Classification};

/// Whether a request method is idempotent (RFC 9110 §9.2.2): GET, HEAD, OPTIONS, TRACE,
/// PUT and DELETE. Any other method, known or not, is not, which is the safe answer.
/// Case is ignored.
pub fn is_idempotent(method: &str) -> bool {
    ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// One request's progress through the policy: which send this is, whether it may be sent
/// again, whether its token was already refreshed, and the budget it holds.
///
/// [`RetryPolicy::decide`] updates it: a `Retry` or `RefreshToken` counts the next send.
/// Make one per request, never share one between requests.
///
/// ```
/// use errcat::decide::Attempt;
/// let a = Attempt::new("POST");
/// assert_eq!(a.number(), 1);
/// assert!(!a.is_idempotent());
/// // The caller knows better: the POST carries an Idempotency-Key.
/// assert!(Attempt::new("POST").idempotent(true).is_idempotent());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    number: u32,
    retries: u32,
    idempotent: bool,
    token_refreshed: bool,
    spent: u32,
    settled: bool,
}

impl Attempt {
    /// The first send of a request with this method.
    pub fn new(method: &str) -> Attempt {
        Attempt {
            number: 1,
            retries: 0,
            idempotent: is_idempotent(method),
            token_refreshed: false,
            spent: 0,
            settled: false,
        }
    }

    /// Overrides what the method says: `true` when sending the request twice is safe anyway
    /// (an `Idempotency-Key`, a create with a client-chosen id).
    pub fn idempotent(mut self, yes: bool) -> Attempt {
        self.idempotent = yes;
        self
    }

    /// Which send this is, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }
    /// How many of the sends so far were retries (not counting a resend after a refresh).
    pub fn retries(&self) -> u32 {
        self.retries
    }
    /// Whether the request may be sent again after a failure that may have been applied.
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
    }
    /// Whether the access token was already refreshed for this request.
    pub fn token_refreshed(&self) -> bool {
        self.token_refreshed
    }
}

/// What to do after a response.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Send the same request again after this delay.
    Retry {
        /// How long to wait first.
        after: Duration,
    },
    /// Get a new access token, then send the request again with it (once per request).
    RefreshToken,
    /// Do not send it again.
    Stop(Stop),
}

/// Why the policy stopped, and what to surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stop {
    /// Why.
    pub reason: StopReason,
    /// The action to take first over the response's errors (`None` for a success).
    pub action: Option<Action>,
    /// The delay the response asked for, if any: when to try again, for a caller that
    /// schedules the request for later.
    pub retry_after: Option<Duration>,
}

/// Why a request is not sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StopReason {
    /// The response is not an error.
    Success,
    /// The errors need something other than the same request again (see [`Stop::action`]).
    NotRetryable,
    /// The token was refreshed for this request and the vendor still says it is not valid.
    RefreshDidNotHelp,
    /// Retryable, but the method is not idempotent and the caller did not opt in.
    NotIdempotent,
    /// Retryable, but the request was sent `max_attempts` times.
    AttemptsExhausted,
    /// Retryable, but the vendor's retry budget is spent.
    BudgetExhausted,
    /// The server asks to wait longer than `max_server_delay` ([`Stop::retry_after`]).
    DelayTooLong,
    /// `wait_for_quota_reset`, and nothing says when the quota resets.
    QuotaResetUnknown,
}

impl StopReason {
    /// Every reason.
    pub const ALL: &'static [StopReason] = &[
        StopReason::Success,
        StopReason::NotRetryable,
        StopReason::RefreshDidNotHelp,
        StopReason::NotIdempotent,
        StopReason::AttemptsExhausted,
        StopReason::BudgetExhausted,
        StopReason::DelayTooLong,
        StopReason::QuotaResetUnknown,
    ];

    /// The snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            StopReason::Success => "success",
            StopReason::NotRetryable => "not_retryable",
            StopReason::RefreshDidNotHelp => "refresh_did_not_help",
            StopReason::NotIdempotent => "not_idempotent",
            StopReason::AttemptsExhausted => "attempts_exhausted",
            StopReason::BudgetExhausted => "budget_exhausted",
            StopReason::DelayTooLong => "delay_too_long",
            StopReason::QuotaResetUnknown => "quota_reset_unknown",
        }
    }
}

crate::__named_enum!(StopReason, "stop reason", as_str);

/// What to do when the server asks for a delay longer than `max_server_delay`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LongDelay {
    /// Stop, with the delay in [`Stop::retry_after`] (the default).
    Stop,
    /// Retry after `max_server_delay` anyway (smithy-rs clamps the server's delay so).
    Clamp,
}

/// The source of the jitter factor: a number in [0, 1] that scales each computed backoff.
///
/// Clones share their state: a policy and its clones draw from one sequence.
///
/// ```
/// use errcat::decide::Jitter;
/// let (a, b) = (Jitter::seeded(7), Jitter::seeded(7));
/// let xs: Vec<f64> = (0..3).map(|_| a.sample()).collect();
/// let ys: Vec<f64> = (0..3).map(|_| b.sample()).collect();
/// assert_eq!(xs, ys);
/// assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
/// assert_eq!(Jitter::none().sample(), 1.0);
/// ```
#[derive(Clone)]
pub struct Jitter(Source);

#[derive(Clone)]
enum Source {
    /// splitmix64 over an atomic counter: lock-free, and deterministic for a given seed and
    /// order of draws.
    Seeded(Arc<AtomicU64>),
    None,
    Fn(Arc<dyn Fn() -> f64 + Send + Sync>),
}

impl Jitter {
    /// Full jitter from a seed the standard library's hasher picks at random (the OS's
    /// randomness, without a `rand` dependency).
    pub fn random() -> Jitter {
        Jitter::seeded(RandomState::new().hash_one(0x6a69_7474_6572_u64))
    }

    /// Full jitter from a fixed seed: the same seed gives the same delays (tests).
    pub fn seeded(seed: u64) -> Jitter {
        Jitter(Source::Seeded(Arc::new(AtomicU64::new(seed))))
    }

    /// No jitter: every backoff is the full exponential delay (1 s, 2 s, 4 s, ...).
    pub fn none() -> Jitter {
        Jitter(Source::None)
    }

    /// Factors from `f`; values outside [0, 1] are clamped and NaN is 0.
    pub fn from_fn(f: impl Fn() -> f64 + Send + Sync + 'static) -> Jitter {
        Jitter(Source::Fn(Arc::new(f)))
    }

    /// The next factor, in [0, 1].
    pub fn sample(&self) -> f64 {
        match &self.0 {
            Source::Seeded(state) => {
                let mut z = state
                    .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
                    .wrapping_add(0x9E37_79B9_7F4A_7C15);
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                z ^= z >> 31;
                // The top 53 bits as a fraction: uniform in [0, 1).
                (z >> 11) as f64 / (1u64 << 53) as f64
            }
            Source::None => 1.0,
            Source::Fn(f) => {
                let x = f();
                if x.is_nan() {
                    0.0
                } else {
                    x.clamp(0.0, 1.0)
                }
            }
        }
    }
}

impl fmt::Debug for Jitter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Source::Seeded(_) => "Jitter::Full",
            Source::None => "Jitter::None",
            Source::Fn(_) => "Jitter::Fn",
        })
    }
}

/// A retry budget per vendor (per catalog id, so a user catalog has its own): a token bucket that each retry draws from, so that when a
/// vendor keeps failing, retries stop for every request to it, not just each request after
/// its own attempts.
///
/// Clones share the buckets (one budget for a whole client); [`RetryBudget::new`] makes
/// independent ones.
///
/// ```
/// use errcat::{decide::RetryBudget, Vendor};
/// let budget = RetryBudget::new(500);
/// assert_eq!(budget.available(Vendor::Adp), 500);
/// ```
#[derive(Clone, Debug)]
pub struct RetryBudget {
    buckets: Arc<Mutex<HashMap<&'static str, u32>>>,
    capacity: u32,
    retry_cost: u32,
    network_cost: u32,
    success_reward: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::new(500)
    }
}

impl RetryBudget {
    /// A budget of `capacity` tokens for each vendor, with smithy-rs's costs: 5 a retry, 10
    /// after a network failure (a timeout says more about the vendor's health than an
    /// error response), 1 back for a success on the first try.
    pub fn new(capacity: u32) -> RetryBudget {
        RetryBudget {
            buckets: Arc::default(),
            capacity,
            retry_cost: 5,
            network_cost: 10,
            success_reward: 1,
        }
    }

    /// The cost of a retry after an error response.
    pub fn with_retry_cost(mut self, cost: u32) -> Self {
        self.retry_cost = cost;
        self
    }
    /// The cost of a retry after a network failure.
    pub fn with_network_cost(mut self, cost: u32) -> Self {
        self.network_cost = cost;
        self
    }
    /// What a success on the first try puts back.
    pub fn with_success_reward(mut self, reward: u32) -> Self {
        self.success_reward = reward;
        self
    }

    /// The tokens left for `catalog`'s vendor (a [`Vendor`](crate::Vendor) or any catalog).
    pub fn available(&self, catalog: impl Into<&'static Catalog>) -> u32 {
        *self
            .lock()
            .get(catalog.into().id())
            .unwrap_or(&self.capacity)
    }

    /// The bucket size.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, u32>> {
        // A panic elsewhere while holding the lock leaves a plain number behind: still valid.
        self.buckets.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn try_withdraw(&self, vendor: &'static str, cost: u32) -> bool {
        let mut buckets = self.lock();
        let left = buckets.entry(vendor).or_insert(self.capacity);
        match left.checked_sub(cost) {
            Some(rest) => {
                *left = rest;
                true
            }
            None => false,
        }
    }

    fn deposit(&self, vendor: &'static str, amount: u32) {
        let mut buckets = self.lock();
        let left = buckets.entry(vendor).or_insert(self.capacity);
        *left = left.saturating_add(amount).min(self.capacity);
    }
}

/// The retry policy. See the [module](self) for every default and its reason.
///
/// ```
/// use std::time::Duration;
/// use errcat::decide::{Attempt, Decision, Jitter, RetryPolicy};
/// use errcat::{classify_response, Vendor};
///
/// let policy = RetryPolicy::new().with_jitter(Jitter::none());
/// let mut attempt = Attempt::new("GET");
/// let c = classify_response(Vendor::Adp, 503, [("Retry-After", "2")], b"");
/// assert_eq!(policy.decide(&c, &mut attempt), Decision::Retry { after: Duration::from_secs(2) });
/// let c = classify_response(Vendor::Adp, 503, [("Server", "nginx")], b"");
/// assert_eq!(policy.decide(&c, &mut attempt), Decision::Retry { after: Duration::from_secs(2) }); // 1 s · 2¹
/// assert!(matches!(policy.decide(&c, &mut attempt), Decision::Stop(_))); // 3 attempts made
/// ```
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_server_delay: Duration,
    long_delays: LongDelay,
    retry_non_idempotent: bool,
    budget: RetryBudget,
    jitter: Jitter,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// The defaults of the [module](self) table.
    pub fn new() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            max_server_delay: Duration::from_secs(60),
            long_delays: LongDelay::Stop,
            retry_non_idempotent: false,
            budget: RetryBudget::default(),
            jitter: Jitter::random(),
        }
    }

    /// The most sends of one request for retryable failures, the first included (at least
    /// 1: 1 means no retries). The one resend after a token refresh is not counted.
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }
    /// The computed delay before retry `n` is `initial · 2ⁿ⁻¹`, at most `max`, times the
    /// jitter factor.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }
    /// The longest server-given delay (`Retry-After`, a reset header, a documented wait)
    /// the policy waits out itself.
    pub fn with_max_server_delay(mut self, max: Duration) -> Self {
        self.max_server_delay = max;
        self
    }
    /// What to do with a longer one.
    pub fn with_long_delays(mut self, what: LongDelay) -> Self {
        self.long_delays = what;
        self
    }
    /// Whether to retry requests whose method is not idempotent (POST, PATCH) after a
    /// failure; per request, [`Attempt::idempotent`] says the same.
    pub fn with_retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }
    /// The retry budget (shared by the policy's clones).
    pub fn with_budget(mut self, budget: RetryBudget) -> Self {
        self.budget = budget;
        self
    }
    /// The jitter source.
    pub fn with_jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// The most sends for retryable failures.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }
    /// The longest server-given delay waited out.
    pub fn max_server_delay(&self) -> Duration {
        self.max_server_delay
    }
    /// The retry budget.
    pub fn budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// The computed delay before retry `n` (1 for the first retry), jitter applied.
    pub fn backoff(&self, n: u32) -> Duration {
        let doubling = 1u32 << n.saturating_sub(1).min(31);
        let base = self
            .initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff);
        scale(base, self.jitter.sample())
    }

    /// What to do after the response classified as `c`, for the request whose progress is
    /// `attempt` (updated: see [`Attempt`]). Also settles the vendor's budget: a retry draws
    /// from it, a success pays back.
    ///
    /// In order: a success stops; an expired token is refreshed once; an error that a
    /// resend cannot fix stops with its action; then a retryable one is retried if the
    /// method allows, attempts remain, the delay is known (quota) and short enough, and the
    /// budget has the tokens.
    pub fn decide(&self, c: &Classification, attempt: &mut Attempt) -> Decision {
        let vendor = c.catalog().id();
        let stop = |reason| {
            Decision::Stop(Stop {
                reason,
                action: c.action(),
                retry_after: c.retry_after(),
            })
        };
        let Some(action) = c.action() else {
            if !attempt.settled {
                attempt.settled = true;
                let back = if attempt.spent > 0 {
                    attempt.spent
                } else {
                    self.budget.success_reward
                };
                attempt.spent = 0;
                self.budget.deposit(vendor, back);
            }
            return stop(StopReason::Success);
        };
        if action == Action::RefreshAccessToken {
            if attempt.token_refreshed {
                return stop(StopReason::RefreshDidNotHelp);
            }
            attempt.token_refreshed = true;
            attempt.number = attempt.number.saturating_add(1);
            return Decision::RefreshToken;
        }
        if !c.is_retryable() {
            return stop(StopReason::NotRetryable);
        }
        if !attempt.idempotent && !self.retry_non_idempotent {
            return stop(StopReason::NotIdempotent);
        }
        if attempt.retries.saturating_add(1) >= self.max_attempts {
            return stop(StopReason::AttemptsExhausted);
        }
        let after = match (action, c.retry_after()) {
            (_, Some(d)) if d > self.max_server_delay => match self.long_delays {
                LongDelay::Clamp => self.max_server_delay,
                LongDelay::Stop => return stop(StopReason::DelayTooLong),
            },
            (_, Some(d)) => d,
            (Action::WaitForQuotaReset, None) => return stop(StopReason::QuotaResetUnknown),
            (_, None) => self.backoff(attempt.retries + 1),
        };
        let network = c.errors().iter().any(|e| e.category() == Category::Network);
        let cost = if network {
            self.budget.network_cost
        } else {
            self.budget.retry_cost
        };
        if !self.budget.try_withdraw(vendor, cost) {
            return stop(StopReason::BudgetExhausted);
        }
        attempt.spent = attempt.spent.saturating_add(cost);
        attempt.retries += 1;
        attempt.number = attempt.number.saturating_add(1);
        Decision::Retry { after }
    }
}

/// `d · factor` for a factor in [0, 1], in integer nanoseconds: no float can overflow or
/// go negative here, whatever `d` is.
fn scale(d: Duration, factor: f64) -> Duration {
    // 32 bits of the factor: Duration::MAX in nanoseconds (< 2^95) times 2^32 fits a u128.
    const ONE: u64 = 1 << 32;
    let f = (factor.clamp(0.0, 1.0) * ONE as f64) as u128;
    let nanos = d.as_nanos() * f / u128::from(ONE);
    let secs = u64::try_from(nanos / 1_000_000_000).unwrap_or(u64::MAX);
    Duration::new(secs, (nanos % 1_000_000_000) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{classify, classify_response, network_failure, NetworkFailure, Vendor};

    fn policy() -> RetryPolicy {
        RetryPolicy::new().with_jitter(Jitter::none())
    }

    fn unavailable() -> Classification {
        classify(Vendor::Adp, 503, b"")
    }

    fn stopped(d: Decision) -> StopReason {
        match d {
            Decision::Stop(s) => s.reason,
            other => panic!("expected a stop, got {other:?}"),
        }
    }

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn backoff_doubles_up_to_the_cap_then_attempts_run_out() {
        let p = policy().with_max_attempts(5);
        let mut a = Attempt::new("GET");
        let delays: Vec<Decision> = (0..4).map(|_| p.decide(&unavailable(), &mut a)).collect();
        assert_eq!(
            delays,
            [1, 2, 4, 8].map(|s| Decision::Retry { after: S(s) })
        );
        assert_eq!(a.number(), 5);
        assert_eq!(
            stopped(p.decide(&unavailable(), &mut a)),
            StopReason::AttemptsExhausted
        );
        assert_eq!(p.backoff(6), S(20));
        assert_eq!(p.backoff(u32::MAX), S(20));
        let huge = RetryPolicy::new()
            .with_jitter(Jitter::none())
            .with_backoff(Duration::MAX, Duration::MAX);
        assert_eq!(huge.backoff(40), Duration::MAX);
    }

    #[test]
    fn full_jitter_stays_under_the_exponential_delay_and_is_reproducible() {
        let a = RetryPolicy::new().with_jitter(Jitter::seeded(42));
        let b = RetryPolicy::new().with_jitter(Jitter::seeded(42));
        for n in 1..=10 {
            let d = a.backoff(n);
            assert_eq!(d, b.backoff(n));
            assert!(d <= policy().backoff(n), "{n}: {d:?}");
        }
        let nan = RetryPolicy::new().with_jitter(Jitter::from_fn(|| f64::NAN));
        assert_eq!(nan.backoff(3), Duration::ZERO);
        let big = RetryPolicy::new().with_jitter(Jitter::from_fn(|| 7.0));
        assert_eq!(big.backoff(2), S(2));
    }

    #[test]
    fn a_token_is_refreshed_once() {
        let expired = classify(
            Vendor::AkamaiIdentityCloud,
            200,
            br#"{"stat":"error","code":414,"error":"access_token_expired"}"#,
        );
        let mut a = Attempt::new("POST");
        assert_eq!(policy().decide(&expired, &mut a), Decision::RefreshToken);
        assert!(a.token_refreshed());
        assert_eq!(a.number(), 2);
        let Decision::Stop(stop) = policy().decide(&expired, &mut a) else {
            panic!()
        };
        assert_eq!(stop.reason, StopReason::RefreshDidNotHelp);
        assert_eq!(stop.action, Some(Action::RefreshAccessToken));
    }

    #[test]
    fn what_a_resend_cannot_fix_stops_with_its_action() {
        let c = classify(Vendor::LerianAccessManager, 400, br#"{"code":"AUT-1005"}"#);
        let Decision::Stop(stop) = policy().decide(&c, &mut Attempt::new("GET")) else {
            panic!()
        };
        assert_eq!(stop.reason, StopReason::NotRetryable);
        assert_eq!(stop.action, c.action());
        assert!(stop.action.is_some_and(|a| !a.is_retryable()));
    }

    #[test]
    fn post_is_not_retried_unless_the_caller_opts_in() {
        let c = network_failure(Vendor::Adp, NetworkFailure::Timeout, "timed out");
        assert_eq!(
            stopped(policy().decide(&c, &mut Attempt::new("POST"))),
            StopReason::NotIdempotent
        );
        let opted = Attempt::new("POST").idempotent(true);
        assert!(matches!(
            policy().decide(&c, &mut opted.clone()),
            Decision::Retry { .. }
        ));
        let everyone = policy().with_retry_non_idempotent(true);
        assert!(matches!(
            everyone.decide(&c, &mut Attempt::new("PATCH")),
            Decision::Retry { .. }
        ));
        assert!(is_idempotent("delete") && !is_idempotent("PURGE"));
    }

    #[test]
    fn the_server_delay_is_used_then_long_ones_stop_or_clamp() {
        let c = |secs: &str| classify_response(Vendor::Adp, 503, [("Retry-After", secs)], b"");
        let p = policy();
        assert_eq!(
            p.decide(&c("45"), &mut Attempt::new("GET")),
            Decision::Retry { after: S(45) }
        );
        let Decision::Stop(stop) = p.decide(&c("600"), &mut Attempt::new("GET")) else {
            panic!()
        };
        assert_eq!(
            (stop.reason, stop.retry_after),
            (StopReason::DelayTooLong, Some(S(600)))
        );
        let clamp = policy().with_long_delays(LongDelay::Clamp);
        assert_eq!(
            clamp.decide(&c("600"), &mut Attempt::new("GET")),
            Decision::Retry { after: S(60) }
        );
    }

    #[test]
    fn a_quota_waits_for_a_known_reset_or_stops_at_once() {
        let body = br#"{"title":"Quota exceeded","detail":"IRIS maintains a daily quota on applications in line with our fair use policy."}"#;
        let quota = classify(Vendor::IrisHr, 429, body);
        assert_eq!(quota.action(), Some(Action::WaitForQuotaReset));
        let mut a = Attempt::new("GET");
        assert_eq!(
            stopped(policy().decide(&quota, &mut a)),
            StopReason::QuotaResetUnknown
        );
        assert_eq!(a.number(), 1);
        let known = classify_response(Vendor::IrisHr, 429, [("RateLimit-Reset", "30")], body);
        assert_eq!(
            policy().decide(&known, &mut Attempt::new("GET")),
            Decision::Retry { after: S(30) }
        );
    }

    #[test]
    fn the_budget_runs_out_per_vendor_and_refills_on_success() {
        let budget = RetryBudget::new(12);
        let p = policy().with_budget(budget.clone()).with_max_attempts(10);
        let mut a = Attempt::new("GET");
        assert!(matches!(
            p.decide(&unavailable(), &mut a),
            Decision::Retry { .. }
        ));
        assert!(matches!(
            p.decide(&unavailable(), &mut a),
            Decision::Retry { .. }
        ));
        assert_eq!(budget.available(Vendor::Adp), 2);
        assert_eq!(
            stopped(p.decide(&unavailable(), &mut a)),
            StopReason::BudgetExhausted
        );
        // Another vendor is not affected.
        let other = classify(Vendor::IxonCloud, 503, b"");
        assert!(matches!(
            p.decide(&other, &mut Attempt::new("GET")),
            Decision::Retry { .. }
        ));
        // A network failure costs twice as much.
        let timeout = network_failure(Vendor::IrisHr, NetworkFailure::Timeout, "");
        let mut t = Attempt::new("GET");
        p.decide(&timeout, &mut t);
        assert_eq!(budget.available(Vendor::IrisHr), 2);
        // The request that retried succeeds: what it spent comes back, once.
        let ok = classify(Vendor::IrisHr, 200, b"{}");
        p.decide(&ok, &mut t);
        p.decide(&ok, &mut t);
        assert_eq!(budget.available(Vendor::IrisHr), 12);
        // A first-try success earns 1, up to the capacity.
        let mut first = Attempt::new("GET");
        p.decide(&classify(Vendor::Adp, 200, b"{}"), &mut first);
        assert_eq!(budget.available(Vendor::Adp), 3);
    }

    #[test]
    fn scale_is_exact_and_bounded() {
        assert_eq!(scale(S(10), 0.5), S(5));
        assert_eq!(scale(S(10), 0.0), Duration::ZERO);
        assert_eq!(scale(Duration::MAX, 1.0), Duration::MAX);
        assert_eq!(scale(S(1), -3.0), Duration::ZERO);
    }
}
