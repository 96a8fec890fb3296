//! A tower service with errcat's retry policy.
//!
//! The stack is `Retry<MapRequest<client>>`: the retry layer asks errcat what to do with
//! each response (or transport error), and the inner `map_request` puts the current token
//! on every send, so the policy's refresh hook only has to renew the token in the store.
//!
//! It runs against a local stand-in for an IXON Cloud endpoint that it starts itself:
//!
//! ```sh
//! cargo run --example tower_retry --features tower,reqwest
//! ```

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use errcat::adapters::tower::Policy;
use errcat::decide::RetryPolicy;
use errcat::Vendor;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tower::retry::RetryLayer;
use tower::{ServiceBuilder, ServiceExt};

type Token = Arc<Mutex<String>>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = fake_ixon().await?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()?;
    let token: Token = Arc::new(Mutex::new("stale".into()));

    let refreshes = Arc::new(AtomicUsize::new(0));
    let policy = Policy::new(Vendor::IxonCloud, RetryPolicy::new()).with_token_refresh({
        let (token, refreshes) = (token.clone(), refreshes.clone());
        move || {
            let (token, refreshes) = (token.clone(), refreshes.clone());
            async move {
                // A real client would call IXON's access-token endpoint here.
                refreshes.fetch_add(1, Ordering::SeqCst);
                *token.lock().unwrap() = "valid".into();
            }
        }
    });

    let service = ServiceBuilder::new()
        .layer(RetryLayer::new(policy))
        .map_request({
            let token = token.clone();
            move |mut req: http::Request<Bytes>| {
                let bearer = format!("Bearer {}", token.lock().unwrap());
                req.headers_mut()
                    .insert("authorization", bearer.parse().expect("ASCII token"));
                req
            }
        })
        .service_fn(move |req: http::Request<Bytes>| send(client.clone(), req));

    let request = http::Request::get(format!("http://{addr}/api/agents")).body(Bytes::new())?;
    let response = service.oneshot(request).await?;
    println!(
        "HTTP {} after {} refresh: {}",
        response.status(),
        refreshes.load(Ordering::SeqCst),
        String::from_utf8_lossy(response.body())
    );
    assert_eq!(response.status(), 200);
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    Ok(())
}

/// The inner service: one `http::Request` sent with reqwest, the body read whole (errcat
/// reads it to classify).
async fn send(
    client: reqwest::Client,
    req: http::Request<Bytes>,
) -> Result<http::Response<Bytes>, reqwest::Error> {
    let response = client.execute(reqwest::Request::try_from(req)?).await?;
    let mut out = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        out = out.header(name, value);
    }
    Ok(out.body(response.bytes().await?).expect("a valid response"))
}

/// IXON Cloud's answers: 401 "Invalid value" for the Authorization header until the token
/// is valid, then a 503 once, then the data.
async fn fake_ixon() -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let unavailable_once = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let unavailable_once = unavailable_once.clone();
            let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let valid = req
                    .headers()
                    .get("authorization")
                    .is_some_and(|a| a == "Bearer valid");
                let first_valid = valid && unavailable_once.fetch_add(1, Ordering::SeqCst) == 0;
                async move {
                    let (status, body) = if !valid {
                        (
                            401,
                            r#"{"type":"Error","data":[{"message":"Invalid value","propertyName":"Authorization"}],"moreAfter":null,"status":"error"}"#,
                        )
                    } else if first_valid {
                        (503, "")
                    } else {
                        (
                            200,
                            r#"{"type":"Agent","data":[],"moreAfter":null,"status":"success"}"#,
                        )
                    };
                    Ok::<_, Infallible>(
                        hyper::Response::builder()
                            .status(status)
                            .header("content-type", "application/json")
                            .body(Full::new(Bytes::from(body)))
                            .unwrap(),
                    )
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
