//! A reqwest client that retries an Akamai Identity Cloud call correctly.
//!
//! Akamai's Registration API answers most errors with HTTP 200 and `"stat":"error"`, so a
//! client that looks only at the status retries nothing and reports success. Here errcat
//! reads the body: an expired access token (414) gets one token refresh, a rate limit (510)
//! waits what `Retry-After` says, and the call ends with the real success.
//!
//! It runs against a local stand-in for the API that it starts itself, so CI can run it:
//!
//! ```sh
//! cargo run --example akamai_retry --features reqwest
//! ```

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use errcat::adapters::reqwest::Sender;
use errcat::decide::RetryPolicy;
use errcat::Vendor;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = fake_akamai().await?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()?;
    let url = format!("http://{addr}/entity");

    let sender = Sender::new(Vendor::AkamaiIdentityCloud).with_policy(RetryPolicy::new());
    let refreshes = AtomicUsize::new(0);
    let started = Instant::now();
    let reply = sender
        .send_with_refresh(
            // Built again for every send: the refreshed token, once there is one.
            |token: Option<&String>| {
                client
                    .post(&url)
                    .bearer_auth(token.map_or("expired-token", String::as_str))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body("uuid=u-1")
                    // A POST is resent only when sending it twice is safe.
                    .header("Idempotency-Key", "entity-u-1")
            },
            // Taken at most once, when Akamai says the token expired (code 414).
            || async {
                refreshes.fetch_add(1, Ordering::SeqCst);
                println!("token expired: refreshing");
                Ok::<_, std::io::Error>("fresh-token".to_string())
            },
        )
        .await?;

    println!(
        "HTTP {} after {} attempts and {:.1} s: {}",
        reply.status,
        reply.attempts,
        started.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&reply.body)
    );
    assert!(!reply.classification.is_error());
    assert_eq!((reply.attempts, refreshes.load(Ordering::SeqCst)), (3, 1));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was honoured"
    );
    Ok(())
}

/// A stand-in for Akamai's Registration API: "token expired", then "rate limited, retry
/// after 1 s", then success, all with HTTP 200 as the real API sends them.
async fn fake_akamai() -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let calls = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let calls = calls.clone();
            let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let n = calls.fetch_add(1, Ordering::SeqCst);
                let auth = req.headers().get("authorization").cloned();
                async move {
                    let fresh = auth.is_some_and(|a| a == "Bearer fresh-token");
                    let (retry_after, body) = match n {
                        _ if !fresh => (
                            None,
                            r#"{"stat":"error","code":414,"error":"access_token_expired","error_description":"access token expired","request_token":"c4tqhg3wvxas9e2p"}"#,
                        ),
                        1 => (
                            Some("1"),
                            r#"{"stat":"error","code":510,"error":"api_limit_error","error_description":"too many registrations","request_token":"kd83nf02mq7c1zxa"}"#,
                        ),
                        _ => (None, r#"{"stat":"ok","uuid":"u-1"}"#),
                    };
                    let mut response = hyper::Response::builder()
                        .status(200)
                        .header("content-type", "application/json");
                    if let Some(seconds) = retry_after {
                        response = response.header("retry-after", seconds);
                    }
                    Ok::<_, Infallible>(response.body(Full::new(Bytes::from(body))).unwrap())
                }
            });
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service),
            );
        }
    });
    Ok(addr)
}
