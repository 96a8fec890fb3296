//! `errcat`: look up, list and classify the error codes of the catalog's vendors.
//!
//! Exit status: 0 done, 1 unknown code or unreadable input, 2 bad usage.

#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use errcat::{ErrorCode, MatchKind, Vendor};

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "What to do about an API error: IRIS HR, Lerian, Akamai Identity Cloud, IXON Cloud, ADP"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a code, alias or entry id: what it means and what to do.
    Explain {
        /// The vendor's code (401-001-0003, AUT-1005, 414) or an entry id.
        code: String,
        /// Look only in this vendor's catalog (needed for entry ids shared by vendors).
        #[arg(long, value_parser = parse_vendor)]
        vendor: Option<Vendor>,
        /// Print the entry as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Classify a response body: every error it holds, what to do, and the trace id.
    ///
    /// One line per error: how it matched (exact, template, catch_all, fallback), the code,
    /// the entry id, category and action, the title, the vendor's message and the trace id.
    Classify {
        /// The vendor that sent the response.
        #[arg(long, value_parser = parse_vendor)]
        vendor: Vendor,
        /// The response's HTTP status. Defaults to 200: then only a body that says it is an
        /// error (Akamai `"stat":"error"`, a vendor error envelope) gives errors. Pass the
        /// real status to get a fallback for bodies that name no documented error (HTML
        /// gateway pages, empty bodies, unknown codes).
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(100..=599), conflicts_with = "http")]
        status: u16,
        /// A response header, `Name: value` (repeatable): `Retry-After` and the rate-limit
        /// reset headers give `retry_after_s`, the vendor's trace-id headers (its spec's
        /// `trace_headers`, ADP's `ADP-CorrelationID`) give `trace_id` when the body has none.
        #[arg(long = "header", value_name = "NAME: VALUE", value_parser = parse_header)]
        headers: Vec<(String, String)>,
        /// The input is a whole HTTP/1.x response as `curl -i` prints it (status line,
        /// headers, blank line, body); the status and headers come from it.
        #[arg(long)]
        http: bool,
        /// Print the classification as JSON.
        #[arg(long)]
        json: bool,
        /// The body; `-` or nothing reads standard input.
        file: Option<std::path::PathBuf>,
    },
    /// List the catalog.
    List {
        /// Only this vendor.
        #[arg(long, value_parser = parse_vendor)]
        vendor: Option<Vendor>,
        /// Print a JSON array of entries.
        #[arg(long)]
        json: bool,
    },
}

fn parse_vendor(s: &str) -> Result<Vendor, String> {
    s.parse().map_err(|e: errcat::ParseNameError| e.to_string())
}

/// `Name: value`, the name an HTTP token (RFC 9110 §5.1), the value without surrounding
/// whitespace.
fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| format!("`{}` is not `Name: value`", escape(s)))?;
    let is_tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(is_tchar) {
        return Err(format!("`{}` is not a header name", escape(name)));
    }
    Ok((
        name.to_string(),
        value.trim_matches([' ', '\t']).to_string(),
    ))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = match cli.command {
        Command::Explain { code, vendor, json } => explain(&mut out, &code, vendor, json),
        Command::List { vendor, json } => list(&mut out, vendor, json),
        Command::Classify {
            vendor,
            status,
            headers,
            http,
            json,
            file,
        } => classify(
            &mut out,
            vendor,
            status,
            &headers,
            http,
            json,
            file.as_deref(),
        ),
    };
    // Written once, at the end: a reader that stops early (`| head`) is not an error.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("errcat: {message}");
            ExitCode::from(1)
        }
    }
}

/// What `explain` found: the entry, and how (exactly, or through a catch-all rule).
fn find(code: &str, vendor: Option<Vendor>) -> Result<(ErrorCode, MatchKind), String> {
    let found = match vendor {
        // An entry id, else a code with Akamai's catch-all rule.
        Some(v) => v
            .lookup(code)
            .map(|c| (c, MatchKind::Exact))
            .or_else(|| v.resolve(code)),
        None => match errcat::lookup(code) {
            Some(c) => Some((c, MatchKind::Exact)),
            None => {
                let by_id: Vec<ErrorCode> =
                    Vendor::ALL.iter().filter_map(|v| v.lookup(code)).collect();
                if by_id.len() > 1 {
                    let vendors: Vec<&str> = by_id.iter().map(|c| c.catalog().id()).collect();
                    return Err(format!(
                        "`{code}` is an id of several vendors ({}); pass --vendor",
                        vendors.join(", ")
                    ));
                }
                by_id.first().map(|&c| (c, MatchKind::Exact))
            }
        },
    };
    found.ok_or_else(|| {
        let mut msg = format!("unknown code `{}`", escape(code));
        if let Some(v) = vendor {
            msg.push_str(&format!(" for {}", v.name()));
        }
        let near = suggestions(code, vendor);
        if !near.is_empty() {
            msg.push_str(&format!("; did you mean {}?", near.join(", ")));
        }
        msg
    })
}

/// Up to three codes, aliases or ids close to `input`, nearest first.
fn suggestions(input: &str, vendor: Option<Vendor>) -> Vec<String> {
    let input_lower = input.to_ascii_lowercase();
    let mut scored: Vec<(usize, String)> = Vec::new();
    let codes = ErrorCode::all().filter(|c| vendor.is_none_or(|v| c.vendor() == Some(v)));
    for code in codes {
        let e = code.entry();
        for key in e
            .code()
            .into_iter()
            .chain(e.aliases().iter().copied())
            .chain([e.id()])
        {
            let d = strsim::levenshtein(&input_lower, &key.to_ascii_lowercase());
            // A third of the input's length, at least 1: "401-001-003" finds "401-001-0003",
            // but "401" does not list every code.
            if d <= (input.len() / 3).max(1) {
                scored.push((d, format!("{key} ({})", code.catalog().id())));
            }
        }
    }
    scored.sort();
    scored.dedup();
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}

fn explain(out: &mut String, code: &str, vendor: Option<Vendor>, json: bool) -> Result<(), String> {
    let (found, how) = find(code, vendor)?;
    let e = found.entry();
    if json {
        let _ = writeln!(out, "{}", to_json(&e)?);
        return Ok(());
    }
    let _ = writeln!(out, "{e}");
    if how == MatchKind::CatchAll {
        let _ = writeln!(
            out,
            "  (`{}` is not listed; {} documents `{}` as its catch-all)",
            escape(code),
            e.catalog().name(),
            e.label()
        );
    }
    let retry = if e.is_retryable() {
        "retryable"
    } else {
        "not retryable"
    };
    let mut rows = vec![("id", e.id().to_string())];
    rows.extend(e.http_status().map(|s| ("http status", s.to_string())));
    rows.extend(e.error().map(|s| ("error", s.to_string())));
    rows.extend(e.property().map(|s| ("property", s.to_string())));
    rows.push((
        "category",
        format!("{} - {}", e.category(), e.category().description()),
    ));
    rows.push((
        "action",
        format!("{} ({retry}) - {}", e.action(), e.action().description()),
    ));
    rows.extend(e.message().map(|m| ("message", m.text().to_string())));
    rows.extend(e.condition().map(|s| ("condition", s.to_string())));
    rows.extend(e.handling().map(|s| ("how to handle", s.to_string())));
    if !e.aliases().is_empty() {
        rows.push(("aliases", e.aliases().join(", ")));
    }
    rows.extend(e.notes().map(|s| ("notes", s.to_string())));
    rows.extend(e.catalog().source().map(|s| ("source", s.to_string())));
    rows.push(("origin", e.origin()));
    for (label, value) in rows {
        let mut lines = value.lines();
        let _ = writeln!(out, "  {label:<14} {}", lines.next().unwrap_or_default());
        for line in lines {
            let _ = writeln!(out, "  {:<14} {line}", "");
        }
    }
    Ok(())
}

fn list(out: &mut String, vendor: Option<Vendor>, json: bool) -> Result<(), String> {
    let codes: Vec<ErrorCode> = ErrorCode::all()
        .filter(|c| vendor.is_none_or(|v| c.vendor() == Some(v)))
        .collect();
    if json {
        let _ = writeln!(out, "{}", to_json(&codes)?);
        return Ok(());
    }
    for c in codes {
        let _ = writeln!(
            out,
            "{:<22} {:<14} {:<16} {:<25} {}",
            c.catalog().id(),
            c.entry().label(),
            c.category().as_str(),
            c.action().as_str(),
            c.title()
        );
    }
    Ok(())
}

fn classify(
    out: &mut String,
    vendor: Vendor,
    status: u16,
    extra_headers: &[(String, String)],
    http: bool,
    json: bool,
    file: Option<&std::path::Path>,
) -> Result<(), String> {
    use std::io::Read as _;
    let body = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path)
            .map_err(|e| format!("cannot read {}: {e}", escape(&path.display().to_string())))?,
        _ => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            body
        }
    };
    let (status, mut headers, body) = if http {
        http_response(&body)?
    } else {
        (status, Vec::new(), &body[..])
    };
    headers.extend(
        extra_headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_bytes().to_vec())),
    );
    let c = errcat::classify_response(vendor, status, &headers, body);
    if json {
        let _ = writeln!(out, "{}", to_json(&c)?);
        return Ok(());
    }
    if c.errors().is_empty() {
        let _ = writeln!(
            out,
            "not an error: {} HTTP {status}, body {}",
            vendor.name(),
            c.body_kind()
        );
        return Ok(());
    }
    for e in c.errors() {
        let retry = if e.is_retryable() {
            "retryable"
        } else {
            "not retryable"
        };
        let _ = write!(
            out,
            "{:<9} {} {} [{}] {}/{} ({retry}): {}",
            e.match_kind(),
            vendor.id(),
            e.label().map_or_else(|| "-".to_string(), escape),
            e.code().map_or("-", |c| c.id()),
            e.category(),
            e.action(),
            e.title()
        );
        if let Some(p) = e.property() {
            let _ = write!(out, " property={}", escape(p));
        }
        // How an inferred answer was reached: the rule's id (ours, not vendor text).
        if let Some(rule) = e.rule() {
            let _ = write!(out, " rule={rule}");
        }
        for (k, v) in e.params() {
            let _ = write!(out, " {k}={}", escape(v));
        }
        if let Some(d) = e.detail() {
            let _ = write!(out, " - {}", escape(d));
        }
        if let Some(t) = c.trace_id() {
            let _ = write!(out, " (trace {})", escape(t));
        }
        if let Some(d) = c.retry_after() {
            let _ = write!(out, " (retry after {}s)", d.as_secs_f64().ceil());
        }
        out.push('\n');
    }
    Ok(())
}

/// Headers as (name, value bytes).
type Headers = Vec<(String, Vec<u8>)>;

/// A whole HTTP/1.x response as `curl -i` prints it: the status, the headers and the body.
/// Interim responses before the final one (`HTTP/1.1 100 Continue`, `103 Early Hints`, a
/// proxy's `200 Connection established`) are skipped; lines may end in CRLF or LF, and
/// `HTTP/2` / `HTTP/3` status lines (curl prints those too) are read the same way.
fn http_response(input: &[u8]) -> Result<(u16, Headers, &[u8]), String> {
    let mut rest = input;
    // Each round consumes at least a status line, so this ends within the input's length.
    loop {
        let (line, after) = next_line(rest);
        let status = status_line(line)?;
        rest = after;
        let mut headers: Headers = Vec::new();
        loop {
            if rest.is_empty() {
                break;
            }
            let (line, after) = next_line(rest);
            rest = after;
            if line.is_empty() {
                break;
            }
            if matches!(line[0], b' ' | b'\t') {
                // An obsolete folded line continues the previous header's value.
                let last = headers
                    .last_mut()
                    .ok_or("the first header line starts with whitespace")?;
                last.1.push(b' ');
                last.1.extend_from_slice(line.trim_ascii());
                continue;
            }
            let colon = line.iter().position(|&b| b == b':').ok_or_else(|| {
                format!(
                    "not a header line: `{}`",
                    escape(&String::from_utf8_lossy(line))
                )
            })?;
            let name = String::from_utf8_lossy(&line[..colon]).trim().to_string();
            headers.push((name, line[colon + 1..].trim_ascii().to_vec()));
        }
        let interim = (100..200).contains(&status)
            || (status == 200
                && line
                    .to_ascii_lowercase()
                    .ends_with(b"connection established"));
        if interim && rest.starts_with(b"HTTP/") {
            continue;
        }
        return Ok((status, headers, rest));
    }
}

/// The line at the start of `s` without its CRLF or LF, and what follows it.
fn next_line(s: &[u8]) -> (&[u8], &[u8]) {
    match s.iter().position(|&b| b == b'\n') {
        Some(i) => (s[..i].strip_suffix(b"\r").unwrap_or(&s[..i]), &s[i + 1..]),
        None => (s.strip_suffix(b"\r").unwrap_or(s), &[]),
    }
}

/// `HTTP/1.1 429 Too Many Requests` → 429.
fn status_line(line: &[u8]) -> Result<u16, String> {
    let bad = || {
        format!(
            "not an HTTP status line: `{}` (--http reads a response as `curl -i` prints it)",
            escape(&String::from_utf8_lossy(&line[..line.len().min(80)]))
        )
    };
    let text = std::str::from_utf8(line).map_err(|_| bad())?;
    let mut words = text.split_ascii_whitespace();
    let version = words.next().ok_or_else(bad)?;
    if !version.starts_with("HTTP/") {
        return Err(bad());
    }
    let code = words.next().ok_or_else(bad)?;
    match code.parse::<u16>() {
        Ok(n) if code.len() == 3 && (100..=599).contains(&n) => Ok(n),
        _ => Err(bad()),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value).map_err(|e| format!("cannot render JSON: {e}"))
}

/// Untrusted text (vendor text, or the user's own input echoed back) for one terminal line.
fn escape(s: &str) -> String {
    errcat::escaped(s).to_string()
}
