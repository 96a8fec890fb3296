//! Requests that got no response: category `network` (DESIGN.md's taxonomy), so that the
//! decision layer treats a timeout or a reset connection like any other classified failure.

use std::error::Error;
use std::io;

use crate::{Classification, Vendor};

/// Why no response arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NetworkFailure {
    /// The request or the response took longer than the client allowed.
    Timeout,
    /// The connection was reset, aborted or closed before the response was complete.
    ConnectionReset,
    /// No connection could be made (refused, unreachable, name not resolved, TLS handshake).
    Connect,
    /// Any other transport failure.
    Other,
}

impl NetworkFailure {
    /// Every kind.
    pub const ALL: &'static [NetworkFailure] = &[
        NetworkFailure::Timeout,
        NetworkFailure::ConnectionReset,
        NetworkFailure::Connect,
        NetworkFailure::Other,
    ];

    /// The snake_case name: `timeout`, `connection_reset`, `connect`, `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NetworkFailure::Timeout => "timeout",
            NetworkFailure::ConnectionReset => "connection_reset",
            NetworkFailure::Connect => "connect",
            NetworkFailure::Other => "other",
        }
    }

    /// The title the classification's one error carries.
    pub const fn title(self) -> &'static str {
        match self {
            NetworkFailure::Timeout => "Timed out",
            NetworkFailure::ConnectionReset => "Connection reset",
            NetworkFailure::Connect => "Connection failed",
            NetworkFailure::Other => "Network error",
        }
    }

    /// The kind of an error from a transport, by the first [`io::Error`] in its source chain
    /// (reqwest and hyper wrap the socket's error): timed out, reset / aborted / broken pipe /
    /// unexpected end, refused / unreachable; anything else is [`Other`](Self::Other).
    /// Clients that know better (`reqwest::Error::is_timeout`) should say so themselves.
    pub fn of_error(error: &(dyn Error + 'static)) -> NetworkFailure {
        let mut next = Some(error);
        // Source chains are short; the bound only guards against a cyclic `source()`.
        for _ in 0..32 {
            let Some(e) = next else { break };
            if let Some(io) = e.downcast_ref::<io::Error>() {
                return Self::of_io(io.kind());
            }
            next = e.source();
        }
        NetworkFailure::Other
    }

    /// The kind of an [`io::ErrorKind`].
    pub fn of_io(kind: io::ErrorKind) -> NetworkFailure {
        use io::ErrorKind as K;
        match kind {
            K::TimedOut | K::WouldBlock => NetworkFailure::Timeout,
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                NetworkFailure::ConnectionReset
            }
            K::ConnectionRefused | K::NotConnected | K::AddrNotAvailable => NetworkFailure::Connect,
            _ => NetworkFailure::Other,
        }
    }
}

crate::__named_enum!(NetworkFailure, "network failure", as_str);

/// The classification of a request that got no response: one error of category `network`,
/// action `retry_with_backoff`, titled by `failure`, with `detail` (the transport's message)
/// kept as the vendor message would be; status 0.
///
/// ```
/// use errcat::{network_failure, Action, Category, NetworkFailure, Vendor};
/// let c = network_failure(Vendor::Adp, NetworkFailure::Timeout, "operation timed out");
/// assert_eq!(c.status(), 0);
/// assert_eq!(c.errors()[0].category(), Category::Network);
/// assert_eq!(c.action(), Some(Action::RetryWithBackoff));
/// assert!(c.is_retryable());
/// ```
pub fn network_failure(vendor: Vendor, failure: NetworkFailure, detail: &str) -> Classification {
    vendor.catalog().network_failure(failure, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrapper(io::Error);
    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("request failed")
        }
    }
    impl Error for Wrapper {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn the_io_error_in_the_chain_decides() {
        let reset = Wrapper(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(
            NetworkFailure::of_error(&reset),
            NetworkFailure::ConnectionReset
        );
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(NetworkFailure::of_error(&refused), NetworkFailure::Connect);
        let fmt = std::fmt::Error;
        assert_eq!(NetworkFailure::of_error(&fmt), NetworkFailure::Other);
    }

    #[test]
    fn the_classification_is_a_network_error() {
        let c = network_failure(Vendor::IxonCloud, NetworkFailure::ConnectionReset, " \n");
        let e = &c.errors()[0];
        assert_eq!(e.title(), "Connection reset");
        assert_eq!(e.detail(), None);
        assert_eq!(e.code(), None);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["status"], 0);
        assert_eq!(json["errors"][0]["category"], "network");
        assert_eq!(json["errors"][0]["retryable"], true);
    }
}
