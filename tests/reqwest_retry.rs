//! The reqwest adapter against a real HTTP server on 127.0.0.1 in the test process, replaying
//! vendor responses in scripted sequences. tokio's clock is paused, so every delay is
//! asserted exactly and none takes real time.
#![cfg(feature = "reqwest")]

#[path = "support/server.rs"]
mod server;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, UNIX_EPOCH};

use errcat::adapters::reqwest::{read, ReadError, SendError, Sender};
use errcat::decide::{Jitter, RetryBudget, RetryPolicy, StopReason};
use errcat::{Action, Category, Vendor};
use server::{client, Reply, Server, CHUNK};
use tokio::time::Instant;

const S: fn(u64) -> Duration = Duration::from_secs;

const AKAMAI_EXPIRED: &str = r#"{"stat":"error","code":414,"error":"access_token_expired","error_description":"access token expired","request_token":"tok414expired000"}"#;
const AKAMAI_LIMIT: &str = r#"{"stat":"error","code":510,"error":"api_limit_error","error_description":"rate limit exceeded","request_token":"tok510limit00000"}"#;
const AKAMAI_OK: &str = r#"{"stat":"ok","result":{"uuid":"u-1"}}"#;

fn policy() -> RetryPolicy {
    RetryPolicy::new().with_jitter(Jitter::none())
}

#[tokio::test(start_paused = true)]
async fn akamai_token_refresh_then_retry_after_then_success() {
    let server = Server::start(vec![
        Reply::json(200, AKAMAI_EXPIRED),
        Reply::json(200, AKAMAI_LIMIT).header("Retry-After", "2"),
        Reply::json(200, AKAMAI_OK),
    ])
    .await;
    let (client, url) = (client(), server.url("/entity"));
    let refreshes = AtomicUsize::new(0);
    let start = Instant::now();
    let reply = Sender::new(Vendor::AkamaiIdentityCloud)
        .with_policy(policy())
        .send_with_refresh(
            |token: Option<&String>| {
                client
                    .get(&url)
                    .bearer_auth(token.map_or("old", |t| t.as_str()))
            },
            || async {
                refreshes.fetch_add(1, Ordering::SeqCst);
                Ok::<_, std::io::Error>("new".to_string())
            },
        )
        .await
        .expect("the third answer is a success");
    assert_eq!(reply.attempts, 3);
    assert_eq!(reply.status, 200);
    assert!(!reply.classification.is_error());
    assert_eq!(&reply.body[..], AKAMAI_OK.as_bytes());
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    let auth: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.authorization.clone().unwrap_or_default())
        .collect();
    assert_eq!(auth, ["Bearer old", "Bearer new", "Bearer new"]);
    // The refresh resends at once; the rate limit waits what Retry-After says.
    assert_eq!(server.gaps(), [Duration::ZERO, S(2)]);
    assert_eq!(start.elapsed(), S(2));
}

#[tokio::test(start_paused = true)]
async fn the_refresh_is_taken_once() {
    let server = Server::start(vec![
        Reply::json(200, AKAMAI_EXPIRED),
        Reply::json(200, AKAMAI_EXPIRED),
        Reply::json(200, AKAMAI_OK),
    ])
    .await;
    let (client, url) = (client(), server.url("/"));
    let refreshes = AtomicUsize::new(0);
    let err = Sender::new(Vendor::AkamaiIdentityCloud)
        .with_policy(policy())
        .send_with_refresh(
            |_: Option<&u32>| client.get(&url),
            || async {
                refreshes.fetch_add(1, Ordering::SeqCst);
                Ok::<_, std::io::Error>(7)
            },
        )
        .await
        .expect_err("a second expired token stops");
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    let SendError::Api {
        error,
        stop,
        attempts,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*attempts, 2);
    assert_eq!(stop.reason, StopReason::RefreshDidNotHelp);
    assert_eq!(stop.action, Some(Action::RefreshAccessToken));
    assert_eq!(error.trace_id(), Some("tok414expired000"));
    assert!(err.to_string().contains("refresh_did_not_help"), "{err}");
    assert_eq!(server.unused(), 1);
}

#[tokio::test(start_paused = true)]
async fn without_a_refresh_closure_an_expired_token_stops_with_its_action() {
    let server = Server::start(vec![Reply::json(200, AKAMAI_EXPIRED)]).await;
    let (client, url) = (client(), server.url("/"));
    let err = Sender::new(Vendor::AkamaiIdentityCloud)
        .send(|| client.get(&url))
        .await
        .expect_err("stops");
    let stop = err.stop().expect("a policy stop");
    assert_eq!(
        (stop.reason, stop.action),
        (StopReason::NotRetryable, Some(Action::RefreshAccessToken))
    );
}

#[tokio::test(start_paused = true)]
async fn exponential_backoff_then_attempts_run_out() {
    let server = Server::start(vec![Reply::json(503, ""); 4]).await;
    let (client, url) = (client(), server.url("/workers"));
    let start = Instant::now();
    let err = Sender::new(Vendor::Adp)
        .with_policy(policy())
        .send(|| client.get(&url))
        .await
        .expect_err("three 503s");
    assert_eq!(
        err.stop().map(|s| s.reason),
        Some(StopReason::AttemptsExhausted)
    );
    assert_eq!(server.seen().len(), 3);
    assert_eq!(server.gaps(), [S(1), S(2)]);
    assert_eq!(start.elapsed(), S(3));
}

#[tokio::test(start_paused = true)]
async fn seeded_jitter_gives_the_delays_its_twin_computes() {
    let server = Server::start(vec![Reply::json(503, ""); 4]).await;
    let (client, url) = (client(), server.url("/"));
    let twin = RetryPolicy::new().with_jitter(Jitter::seeded(2024));
    let expected = [twin.backoff(1), twin.backoff(2)];
    let _ = Sender::new(Vendor::Adp)
        .with_policy(RetryPolicy::new().with_jitter(Jitter::seeded(2024)))
        .send(|| client.get(&url))
        .await;
    // tokio's timer counts whole milliseconds and rounds a sleep up to the next one.
    let to_ms = |d: Duration| Duration::from_millis(d.as_nanos().div_ceil(1_000_000) as u64);
    assert_eq!(server.gaps(), expected.map(to_ms));
    assert!(expected[0] < S(1) && expected[1] < S(2), "{expected:?}");
    assert_ne!(expected[0], expected[1]);
}

#[tokio::test(start_paused = true)]
async fn a_post_is_not_retried_unless_it_carries_an_idempotency_key() {
    let server = Server::start(vec![Reply::json(503, ""); 3]).await;
    let (client, url) = (client(), server.url("/events"));
    let err = Sender::new(Vendor::Adp)
        .with_policy(policy())
        .send(|| client.post(&url).body("{}"))
        .await
        .expect_err("not retried");
    assert_eq!(
        err.stop().map(|s| s.reason),
        Some(StopReason::NotIdempotent)
    );
    assert_eq!(server.seen().len(), 1);
    let reply = Sender::new(Vendor::Adp)
        .with_policy(policy().with_max_attempts(2))
        .send(|| {
            client
                .post(&url)
                .header("Idempotency-Key", "k-1")
                .body("{}")
        })
        .await;
    assert!(reply.is_err());
    assert_eq!(server.seen().len(), 3);
    assert!(server.seen().iter().all(|s| s.method == "POST"));
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date() {
    // "Now" is fixed for the client, and the server's date is 7 s after it.
    let now = UNIX_EPOCH + S(1_767_225_600);
    let date = httpdate::fmt_http_date(now + S(7));
    let server = Server::start(vec![
        Reply::json(503, "").header("Retry-After", &date),
        Reply::json(200, "{}"),
    ])
    .await;
    let (client, url) = (client(), server.url("/"));
    let reply = Sender::new(Vendor::IxonCloud)
        .with_policy(policy())
        .with_clock(move || now)
        .send(|| client.get(&url))
        .await
        .expect("the retry succeeds");
    assert_eq!(reply.attempts, 2);
    assert_eq!(server.gaps(), [S(7)]);
}

#[tokio::test(start_paused = true)]
async fn the_budget_runs_out_under_a_burst() {
    // 10 requests fail at once; the vendor's budget of 20 tokens pays for 4 retries of 5.
    let server = Server::start(vec![Reply::json(503, ""); 40]).await;
    let client = client();
    let budget = RetryBudget::new(20);
    let sender = Sender::new(Vendor::IrisHr).with_policy(policy().with_budget(budget.clone()));
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (sender, client, url) = (sender.clone(), client.clone(), server.url("/"));
        tasks.push(tokio::spawn(async move {
            sender.send(|| client.get(&url)).await
        }));
    }
    let mut reasons = Vec::new();
    for t in tasks {
        let err = t.await.expect("task").expect_err("every request fails");
        reasons.push(err.stop().map(|s| s.reason));
    }
    assert_eq!(server.seen().len(), 14);
    assert_eq!(budget.available(Vendor::IrisHr), 0);
    let exhausted = reasons
        .iter()
        .filter(|r| **r == Some(StopReason::BudgetExhausted))
        .count();
    assert!(exhausted >= 8, "{reasons:?}");
    // Another vendor's budget is untouched.
    assert_eq!(budget.available(Vendor::Adp), 20);
}

#[tokio::test(start_paused = true)]
async fn an_oversized_body_is_cut_at_the_limit_with_a_clear_error() {
    let server = Server::start(vec![Reply::Endless, Reply::Endless]).await;
    let client = client();
    let limit = 64 * 1024 + 5;
    let err = Sender::new(Vendor::Adp)
        .with_body_limit(limit)
        .send(|| client.get(server.url("/export")))
        .await
        .expect_err("the body never ends");
    let SendError::TooLarge(ReadError::TooLarge {
        status,
        kept,
        limit: l,
        ..
    }) = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*status, *l, kept.len()), (200, limit, limit));
    assert!(kept.iter().all(|&b| b == b'x'));
    assert_eq!(
        err.to_string(),
        format!("ADP HTTP 200: the response body is larger than the {limit}-byte limit (its first {limit} bytes were read, the rest was not)")
    );
    // Not retried: the same request gives the same body.
    assert_eq!(server.seen().len(), 1);
    // The plain reader stops the same way.
    let response = client.get(server.url("/")).send().await.expect("response");
    let err = read(Vendor::Adp, response, 1000)
        .await
        .expect_err("too large");
    assert!(matches!(err, ReadError::TooLarge { ref kept, .. } if kept.len() == 1000));
    // The server was not read to the end (it cannot be): a bounded number of chunks left it.
    assert!(server.endless_chunks.load(Ordering::Relaxed) < 10_000 * CHUNK);
}

#[tokio::test(start_paused = true)]
async fn a_connection_reset_is_network_and_a_get_is_retried() {
    let server = Server::start(vec![Reply::Reset, Reply::json(200, "{}")]).await;
    let (client, url) = (client(), server.url("/"));
    let reply = Sender::new(Vendor::Adp)
        .with_policy(policy())
        .send(|| client.get(&url))
        .await
        .expect("the retry succeeds");
    assert_eq!(reply.attempts, 2);
    // The first retry after a network failure waits the first backoff.
    assert_eq!(server.gaps(), [S(1)]);

    let server = Server::start(vec![Reply::Reset]).await;
    let err = Sender::new(Vendor::Adp)
        .with_policy(policy())
        .send(|| client.post(server.url("/")).body("{}"))
        .await
        .expect_err("a POST is not resent");
    let SendError::Network {
        classification,
        stop,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(stop.reason, StopReason::NotIdempotent);
    let e = &classification.errors()[0];
    assert_eq!(e.category(), Category::Network);
    assert_eq!(e.title(), "Connection reset");
    assert_eq!(classification.status(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_timeout_is_network() {
    let server = Server::start(vec![Reply::Hang, Reply::Hang, Reply::json(200, "{}")]).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .timeout(S(5))
        .build()
        .unwrap();
    let url = server.url("/slow");
    let start = Instant::now();
    let err = Sender::new(Vendor::IxonCloud)
        .with_policy(policy())
        .send(|| client.put(&url))
        .await;
    // PUT is idempotent: two timeouts (5 s each, 1 s then 2 s of backoff), then the answer.
    let reply = err.expect("the third send answers");
    assert_eq!(reply.attempts, 3);
    assert_eq!(start.elapsed(), S(5 + 1 + 5 + 2));

    let server = Server::start(vec![Reply::Hang]).await;
    let start = Instant::now();
    let err = Sender::new(Vendor::IxonCloud)
        .send(|| client.post(server.url("/")))
        .await
        .expect_err("timed out");
    assert_eq!(start.elapsed(), S(5));
    let c = err.classification().expect("classified");
    assert_eq!(c.errors()[0].category(), Category::Network);
    assert_eq!(c.errors()[0].title(), "Timed out");
    assert!(c.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn a_long_documented_wait_stops_and_says_how_long() {
    // IXON's 10-minute block after a 429, from its spec (`rate_limit_wait_s: 600`): the
    // sender uses the catalog's own rules without being told.
    let server = Server::start(vec![Reply::json(429, "")]).await;
    let (client, url) = (client(), server.url("/"));
    let start = Instant::now();
    let err = Sender::new(Vendor::IxonCloud)
        .send(|| client.get(&url))
        .await
        .expect_err("stops");
    let stop = err.stop().expect("stop");
    assert_eq!(
        (stop.reason, stop.retry_after),
        (StopReason::DelayTooLong, Some(S(600)))
    );
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_trace_id_header_fills_in_for_a_body_without_one() {
    // ADP's spec declares `trace_headers: [ADP-CorrelationID]`; the sender applies it.
    let body = r#"{"error":"invalid_request","error_description":"proper client ssl certificate was not presented"}"#;
    let server = Server::start(vec![
        Reply::json(401, body).header("adp-correlationid", "1f3c-77"),
        Reply::json(403, r#"{"response":{"responseCode":403,"applicationCode":{"code":403,"typeCode":"error","message":"Invalid Scope"},"adp-correlationID":"from-body"}}"#)
            .header("ADP-CorrelationID", "from-header"),
    ])
    .await;
    let client = client();
    let sender = Sender::new(Vendor::Adp);
    let err = sender
        .send(|| client.get(server.url("/token")))
        .await
        .expect_err("401");
    assert_eq!(
        err.classification().and_then(|c| c.trace_id()),
        Some("1f3c-77")
    );
    let err = sender
        .send(|| client.get(server.url("/workers")))
        .await
        .expect_err("403");
    assert_eq!(
        err.classification().and_then(|c| c.trace_id()),
        Some("from-body")
    );
}

#[tokio::test(start_paused = true)]
async fn a_refresh_error_and_a_bad_url_are_reported_as_such() {
    let server = Server::start(vec![Reply::json(200, AKAMAI_EXPIRED)]).await;
    let (client, url) = (client(), server.url("/"));
    let err = Sender::new(Vendor::AkamaiIdentityCloud)
        .send_with_refresh(
            |_: Option<&String>| client.get(&url),
            || async { Err::<String, _>(std::io::Error::other("token endpoint down")) },
        )
        .await
        .expect_err("refresh failed");
    assert!(matches!(err, SendError::Refresh { .. }), "{err:?}");
    assert!(err.to_string().contains("token endpoint down"));
    let err = Sender::new(Vendor::Adp)
        .send(|| client.get("not a url"))
        .await
        .expect_err("no request");
    assert!(matches!(err, SendError::Build(_)), "{err:?}");
}
