//! A scripted HTTP server on 127.0.0.1 inside the test process (hyper 1), for the adapter
//! tests: each connection gets the next reply of the script, and every request is recorded
//! with the (paused) tokio clock's time of arrival, so that delays can be asserted exactly.
//!
//! The server disables keep-alive, so one connection carries one request and a connection
//! reset can be scripted like any reply. A request beyond the script gets a 599 and is
//! recorded, so a test that sends too much fails on its counts instead of hanging.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

/// What the server does with one connection.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Answer with this status, headers and body.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request and never answer.
    Hang,
    /// Read the request's head, then reset the connection (RST, via a zero linger).
    Reset,
    /// Answer 200 with a body that never ends.
    Endless,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub at: Instant,
}

pub struct Server {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
    /// Chunks the endless body has produced: bounded when the client stops reading.
    pub endless_chunks: Arc<AtomicUsize>,
}

/// The size of one chunk of the endless body.
pub const CHUNK: usize = 16 * 1024;

impl Server {
    pub async fn start(script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = Server {
            addr,
            seen: Arc::default(),
            script: Arc::new(Mutex::new(script.into())),
            endless_chunks: Arc::default(),
        };
        let (seen, script, chunks) = (
            server.seen.clone(),
            server.script.clone(),
            server.endless_chunks.clone(),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let reply = script.lock().unwrap().pop_front();
                tokio::spawn(connection(stream, reply, seen.clone(), chunks.clone()));
            }
        });
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The time between consecutive requests.
    pub fn gaps(&self) -> Vec<std::time::Duration> {
        let seen = self.seen();
        seen.windows(2).map(|w| w[1].at - w[0].at).collect()
    }

    pub fn unused(&self) -> usize {
        self.script.lock().unwrap().len()
    }
}

async fn connection(
    stream: TcpStream,
    reply: Option<Reply>,
    seen: Arc<Mutex<Vec<Seen>>>,
    chunks: Arc<AtomicUsize>,
) {
    if let Some(Reply::Reset) = reply {
        return reset(stream, seen).await;
    }
    let reply = reply.unwrap_or_else(|| Reply::Respond {
        status: 599,
        headers: vec![],
        body: b"the test script has no reply left".to_vec(),
    });
    let service = service_fn(move |req: hyper::Request<Incoming>| {
        let (reply, seen, chunks) = (reply.clone(), seen.clone(), chunks.clone());
        async move {
            seen.lock().unwrap().push(Seen {
                method: req.method().to_string(),
                path: req.uri().path().to_string(),
                authorization: req
                    .headers()
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
                at: Instant::now(),
            });
            // Read the request body so the client is never blocked writing it.
            let _ = req.into_body().collect().await;
            let response = match reply {
                Reply::Respond {
                    status,
                    headers,
                    body,
                } => {
                    let mut r = hyper::Response::builder().status(status);
                    for (k, v) in headers {
                        r = r.header(k, v);
                    }
                    r.body(Full::new(Bytes::from(body)).boxed()).unwrap()
                }
                Reply::Endless => hyper::Response::new(Endless(chunks).boxed()),
                Reply::Hang => std::future::pending().await,
                Reply::Reset => unreachable!("handled before hyper"),
            };
            Ok::<_, Infallible>(response)
        }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(false)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Reads the request head, records it, and resets the connection.
async fn reset(mut stream: TcpStream, seen: Arc<Mutex<Vec<Seen>>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    // Bounded: a request head is small, and the client sends it at once.
    while head.len() < 64 * 1024 && !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut words = text.split_whitespace();
    seen.lock().unwrap().push(Seen {
        method: words.next().unwrap_or_default().to_string(),
        path: words.next().unwrap_or_default().to_string(),
        authorization: None,
        at: Instant::now(),
    });
    stream.set_zero_linger().expect("SO_LINGER 0");
    drop(stream);
}

/// A body that never ends: `CHUNK`-byte frames of `x`, counted.
struct Endless(Arc<AtomicUsize>);

impl Body for Endless {
    type Data = Bytes;
    type Error = Infallible;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.fetch_add(1, Ordering::Relaxed);
        static DATA: [u8; CHUNK] = [b'x'; CHUNK];
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&DATA)))))
    }
}

/// A reqwest client for the tests: no proxy from the environment, no connection pool (so no
/// idle timer moves the paused clock), and no timeout unless a test sets one.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}
