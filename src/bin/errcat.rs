//! `errcat`: look up, list and classify the error codes of the catalog's vendors.
//!
//! Exit status: 0 done, 1 unknown code or unreadable input, 2 bad usage.

#![forbid(unsafe_code)]

// Its own file, so that `cargo xtask man` renders the man page from the same definition.
#[path = "errcat/cli.rs"]
mod cli;

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser as _};
use cli::{Cli, Command};
use errcat::{Action, Category, ErrorCode, MatchKind, Vendor};

/// Why a command failed: a message for people, a kind and near codes for `--json`.
struct Failure {
    /// `unknown_code`, `input`, `output` or `usage`.
    kind: &'static str,
    message: String,
    suggestions: Vec<String>,
}

impl Failure {
    fn new(kind: &'static str, message: String) -> Self {
        Failure {
            kind,
            message,
            suggestions: Vec::new(),
        }
    }

    /// On stderr: `errcat: <message>`, or with `--json` one JSON object on one line.
    fn report(&self, json: bool) {
        let text = if json {
            let mut v = serde_json::json!({ "error": self.message, "kind": self.kind });
            if !self.suggestions.is_empty() {
                v["suggestions"] = serde_json::json!(self.suggestions);
            }
            v.to_string()
        } else {
            format!("errcat: {}", self.message)
        };
        // Nothing is left to tell if stderr is gone too.
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Known before parsing, so that a usage error is JSON too.
    let json = args.iter().skip(1).any(|a| a == "--json");
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        // --help and --version: not errors, on stdout.
        Err(e) if !e.use_stderr() => {
            return finish(e.render().to_string(), Vec::new(), false);
        }
        Err(e) if json => {
            let message = e.render().to_string();
            let first = message.lines().next().unwrap_or("bad usage");
            Failure::new("usage", first.trim_start_matches("error: ").to_string()).report(true);
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let mut out = String::new();
    let failures = match cli.command {
        Command::Explain {
            codes,
            vendor,
            json,
        } => explain(&mut out, &codes, vendor, json),
        Command::List {
            vendor,
            category,
            action,
            json,
        } => list(
            &mut out,
            &Filter {
                vendor,
                category,
                action,
            },
            json,
        ),
        Command::Classify {
            vendor,
            status,
            headers,
            http,
            json,
            file,
        } => classify(
            &mut out,
            &Response {
                vendor,
                status,
                headers: &headers,
                http,
            },
            json,
            file.as_deref(),
        ),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "errcat", &mut script);
            out = String::from_utf8_lossy(&script).into_owned();
            Vec::new()
        }
    };
    finish(out, failures, json)
}

/// Writes `out` to stdout, reports `failures` on stderr, and gives the exit status: 1 when
/// anything failed, writing included, except a reader that closed the pipe (`| head`), which
/// wanted no more.
fn finish(out: String, failures: Vec<Failure>, json: bool) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    let mut failed = !failures.is_empty();
    for f in &failures {
        f.report(json);
    }
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            Failure::new("output", format!("cannot write the output: {e}")).report(json);
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What `explain` found: the entry, and how (exactly, or through a catch-all rule).
fn find(code: &str, vendor: Option<Vendor>) -> Result<(ErrorCode, MatchKind), Failure> {
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
                    return Err(Failure::new(
                        "usage",
                        format!(
                            "`{}` is an id of several vendors ({}); pass --vendor",
                            escape(code),
                            vendors.join(", ")
                        ),
                    ));
                }
                by_id.first().map(|&c| (c, MatchKind::Exact))
            }
        },
    };
    found.ok_or_else(|| {
        let mut message = format!("unknown code `{}`", escape(code));
        if let Some(v) = vendor {
            message.push_str(&format!(" for {}", v.name()));
        }
        let near = suggestions(code, vendor);
        if !near.is_empty() {
            message.push_str(&format!("; did you mean {}?", near.join(", ")));
        }
        Failure {
            kind: "unknown_code",
            message,
            suggestions: near,
        }
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

/// Every code in turn, as `rustc --explain` does one; the ones not found are failures, and the
/// others are still explained.
fn explain(out: &mut String, codes: &[String], vendor: Option<Vendor>, json: bool) -> Vec<Failure> {
    let mut failures = Vec::new();
    let mut found = Vec::new();
    for code in codes {
        match find(code, vendor) {
            Ok(hit) => found.push((code.as_str(), hit)),
            Err(f) => failures.push(f),
        }
    }
    if json {
        let entries: Vec<&errcat::Entry> = found.iter().map(|(_, (c, _))| c.entry()).collect();
        // One code prints its entry (the contract); several, an array.
        let rendered = match entries.as_slice() {
            [one] if codes.len() == 1 => to_json(one),
            _ if entries.is_empty() => return failures,
            _ => to_json(&entries),
        };
        match rendered {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
            }
            Err(f) => failures.push(f),
        }
        return failures;
    }
    for (n, (code, (found, how))) in found.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        explain_one(out, code, *found, *how);
    }
    failures
}

fn explain_one(out: &mut String, code: &str, found: ErrorCode, how: MatchKind) {
    let e = found.entry();
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
    // Where a reader can look the document up: its public page. The repository's copy is no
    // use to someone who installed the tool, so it is shown only when there is no URL.
    let catalog = e.catalog();
    match (catalog.url(), catalog.source()) {
        (Some(url), _) => rows.push(("document", url.to_string())),
        (None, Some(source)) => {
            rows.push(("document", format!("{source} (in the errcat sources)")))
        }
        (None, None) => {}
    }
    // Where the entry comes from: errcat's catalog, or a spec of the user's that extends it.
    rows.push(("origin", e.origin()));
    // One width for every entry, so that several explained codes line up: the longest label.
    let width = "how to handle".len();
    for (label, value) in rows {
        let mut lines = value.lines();
        let _ = writeln!(
            out,
            "  {label:<width$}  {}",
            lines.next().unwrap_or_default()
        );
        for line in lines {
            let _ = writeln!(out, "  {:<width$}  {line}", "");
        }
    }
}

/// `list`'s filters; `None` lets everything through.
struct Filter {
    vendor: Option<Vendor>,
    category: Option<Category>,
    action: Option<Action>,
}

impl Filter {
    fn keeps(&self, c: ErrorCode) -> bool {
        self.vendor.is_none_or(|v| c.vendor() == Some(v))
            && self.category.is_none_or(|k| c.category() == k)
            && self.action.is_none_or(|a| c.action() == a)
    }
}

fn list(out: &mut String, filter: &Filter, json: bool) -> Vec<Failure> {
    let codes: Vec<ErrorCode> = ErrorCode::all().filter(|&c| filter.keeps(c)).collect();
    if json {
        // The entries, as `explain --json` prints each; an ErrorCode alone is its compact key.
        let entries: Vec<&errcat::Entry> = codes.iter().map(|c| c.entry()).collect();
        return match to_json(&entries) {
            Ok(text) => {
                let _ = writeln!(out, "{text}");
                Vec::new()
            }
            Err(f) => vec![f],
        };
    }
    let rows: Vec<[&str; 5]> = codes
        .iter()
        .map(|c| {
            [
                c.catalog().id(),
                c.entry().label(),
                c.category().as_str(),
                c.action().as_str(),
                c.title(),
            ]
        })
        .collect();
    // Each column as wide as its widest cell, so that long codes do not push the rest out of
    // line; the last column (the title) is not padded.
    let mut widths = [0usize; 4];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            let _ = write!(line, "{cell:<w$}  ");
        }
        line.push_str(row[4]);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    Vec::new()
}

/// What `classify` is told about the response besides its body.
struct Response<'a> {
    vendor: Vendor,
    status: u16,
    headers: &'a [(String, String)],
    /// The input is a whole response (`curl -i`), whose status and headers count instead.
    http: bool,
}

fn classify(
    out: &mut String,
    response: &Response,
    json: bool,
    file: Option<&std::path::Path>,
) -> Vec<Failure> {
    match classify_body(out, response, json, file) {
        Ok(()) => Vec::new(),
        Err(f) => vec![f],
    }
}

fn classify_body(
    out: &mut String,
    response: &Response,
    json: bool,
    file: Option<&std::path::Path>,
) -> Result<(), Failure> {
    let vendor = response.vendor;
    use std::io::Read as _;
    let body = match file {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path).map_err(|e| {
            Failure::new(
                "input",
                format!("cannot read {}: {e}", escape(&path.display().to_string())),
            )
        })?,
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                // Waiting silently on a terminal looks like a hang.
                let _ = writeln!(
                    std::io::stderr(),
                    "errcat: reading the response body from the terminal; end it with Ctrl-D, \
                     or pass a FILE"
                );
            }
            let mut body = Vec::new();
            stdin
                .lock()
                .read_to_end(&mut body)
                .map_err(|e| Failure::new("input", format!("cannot read standard input: {e}")))?;
            body
        }
    };
    let (status, mut headers, body) = if response.http {
        http_response(&body).map_err(|m| Failure::new("input", m))?
    } else {
        (response.status, Vec::new(), &body[..])
    };
    headers.extend(
        response
            .headers
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

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new("output", format!("cannot render JSON: {e}")))
}

/// Untrusted text (vendor text, or the user's own input echoed back) for one terminal line.
fn escape(s: &str) -> String {
    errcat::escaped(s).to_string()
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
