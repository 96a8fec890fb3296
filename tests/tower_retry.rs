//! The tower retry policy around a real client: a `tower::retry::Retry` whose inner service
//! sends `http::Request`s with reqwest to a scripted hyper server on 127.0.0.1, under
//! tokio's paused clock.
#![cfg(all(feature = "tower", feature = "reqwest"))]

#[path = "support/server.rs"]
mod server;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use errcat::adapters::tower::Policy;
use errcat::decide::{Jitter, RetryBudget, RetryPolicy};
use errcat::Vendor;
use server::{client, Reply, Server};
use tower::retry::RetryLayer;
use tower::{ServiceBuilder, ServiceExt};

const S: fn(u64) -> Duration = Duration::from_secs;

type Token = Arc<Mutex<String>>;

/// Sends one `http::Request` with reqwest, with the current token, and reads the whole body.
async fn upstream(
    client: reqwest::Client,
    token: Token,
    req: http::Request<Bytes>,
) -> Result<http::Response<Bytes>, reqwest::Error> {
    let mut req = reqwest::Request::try_from(req)?;
    let bearer = format!("Bearer {}", token.lock().unwrap());
    req.headers_mut()
        .insert("authorization", bearer.parse().expect("header value"));
    let response = client.execute(req).await?;
    let mut out = http::Response::builder().status(response.status());
    for (k, v) in response.headers() {
        out = out.header(k, v);
    }
    let body = response.bytes().await?;
    Ok(out.body(body).expect("response"))
}

async fn call(
    policy: Policy,
    client: &reqwest::Client,
    token: &Token,
    req: http::Request<Bytes>,
) -> Result<http::Response<Bytes>, reqwest::Error> {
    let (client, token) = (client.clone(), token.clone());
    let service = ServiceBuilder::new()
        .layer(RetryLayer::new(policy))
        .service_fn(move |req| upstream(client.clone(), token.clone(), req));
    service.oneshot(req).await
}

fn get(url: &str) -> http::Request<Bytes> {
    http::Request::get(url).body(Bytes::new()).unwrap()
}

fn policy(vendor: Vendor) -> Policy {
    Policy::new(vendor, RetryPolicy::new().with_jitter(Jitter::none()))
}

#[tokio::test(start_paused = true)]
async fn retries_with_backoff_and_retry_after_then_answers() {
    let server = Server::start(vec![
        Reply::json(503, ""),
        Reply::json(503, "").header("Retry-After", "3"),
        Reply::json(200, r#"{"data":[]}"#),
    ])
    .await;
    let token = Token::default();
    let response = call(
        policy(Vendor::IxonCloud),
        &client(),
        &token,
        get(&server.url("/agents")),
    )
    .await
    .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(server.gaps(), [S(1), S(3)]);
}

const IXON_429: &str = r#"{"type":"Error","data":[{"message":"Too many requests"}],"moreAfter":null,"status":"error"}"#;

#[tokio::test(start_paused = true)]
async fn ixon_documented_block_from_its_spec_unless_a_header_says_otherwise() {
    // No header: the spec's 10-minute block is longer than any in-request wait, so the
    // policy hands the 429 back at once instead of backing off into a blocked client.
    let server = Server::start(vec![Reply::json(429, IXON_429), Reply::json(200, "{}")]).await;
    let start = tokio::time::Instant::now();
    let response = call(
        policy(Vendor::IxonCloud),
        &client(),
        &Token::default(),
        get(&server.url("/agents")),
    )
    .await
    .expect("answered");
    assert_eq!(response.status(), 429);
    assert_eq!(server.seen().len(), 1);
    assert_eq!(start.elapsed(), Duration::ZERO);
    // The server's own Retry-After wins over the document.
    let server = Server::start(vec![
        Reply::json(429, IXON_429).header("Retry-After", "2"),
        Reply::json(200, "{}"),
    ])
    .await;
    let response = call(
        policy(Vendor::IxonCloud),
        &client(),
        &Token::default(),
        get(&server.url("/agents")),
    )
    .await
    .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(server.gaps(), [S(2)]);
}

#[tokio::test(start_paused = true)]
async fn a_post_gets_the_first_answer() {
    let server = Server::start(vec![Reply::json(503, ""), Reply::json(200, "{}")]).await;
    let req = http::Request::post(server.url("/"))
        .body(Bytes::from("{}"))
        .unwrap();
    let response = call(policy(Vendor::Adp), &client(), &Token::default(), req)
        .await
        .expect("answered");
    assert_eq!(response.status(), 503);
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_expired_token_is_refreshed_once_through_the_hook() {
    const EXPIRED: &str = r#"{"stat":"error","code":414,"error":"access_token_expired"}"#;
    let server = Server::start(vec![
        Reply::json(200, EXPIRED),
        Reply::json(200, EXPIRED),
        Reply::json(200, r#"{"stat":"ok"}"#),
    ])
    .await;
    let token: Token = Arc::new(Mutex::new("old".into()));
    let refreshes = Arc::new(AtomicUsize::new(0));
    let hook = {
        let (token, refreshes) = (token.clone(), refreshes.clone());
        move || {
            let (token, refreshes) = (token.clone(), refreshes.clone());
            async move {
                refreshes.fetch_add(1, Ordering::SeqCst);
                *token.lock().unwrap() = "new".into();
            }
        }
    };
    let policy = policy(Vendor::AkamaiIdentityCloud).with_token_refresh(hook);
    let response = call(policy, &client(), &token, get(&server.url("/entity")))
        .await
        .expect("answered");
    // The second "expired" after a fresh token is the answer: no second refresh, no resend.
    assert_eq!(&response.body()[..], EXPIRED.as_bytes());
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    let auth: Vec<_> = server
        .seen()
        .into_iter()
        .filter_map(|s| s.authorization)
        .collect();
    assert_eq!(auth, ["Bearer old", "Bearer new"]);
    assert_eq!(server.gaps(), [Duration::ZERO]);
}

#[tokio::test(start_paused = true)]
async fn a_timeout_is_retried_as_a_network_failure() {
    let server = Server::start(vec![Reply::Hang, Reply::json(200, "{}")]).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .timeout(S(4))
        .build()
        .unwrap();
    let start = tokio::time::Instant::now();
    let response = call(
        policy(Vendor::IrisHr),
        &client,
        &Token::default(),
        get(&server.url("/")),
    )
    .await
    .expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(start.elapsed(), S(4 + 1));
}

#[tokio::test(start_paused = true)]
async fn the_budget_is_shared_by_the_policy_clones() {
    let server = Server::start(vec![Reply::json(503, ""); 6]).await;
    let budget = RetryBudget::new(5);
    let shared = Policy::new(
        Vendor::Adp,
        RetryPolicy::new()
            .with_jitter(Jitter::none())
            .with_budget(budget.clone()),
    );
    let (client, token) = (client(), Token::default());
    for _ in 0..2 {
        let response = call(shared.clone(), &client, &token, get(&server.url("/")))
            .await
            .expect("answered");
        assert_eq!(response.status(), 503);
    }
    // The first request's one retry spent the budget; the second got none.
    assert_eq!(server.seen().len(), 3);
    assert_eq!(budget.available(Vendor::Adp), 0);
}
