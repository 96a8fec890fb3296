//! The command line of `errcat`: arguments only, no behaviour. `cargo xtask man` includes this
//! file too, so that the man page is rendered from the same definition the binary parses.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use errcat::{Action, Category, Vendor};

/// The command line.
#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "What to do about an API error: IRIS HR, Lerian, Akamai Identity Cloud, IXON Cloud, ADP",
    after_help = "Exit status: 0 done, 1 unknown code, unreadable input or failed output, 2 bad usage."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Explain codes, aliases or entry ids: what each means and what to do.
    Explain {
        /// The vendor's codes (401-001-0003, AUT-1005, 414) or entry ids, one or more.
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// Look only in this vendor's catalog (needed for entry ids shared by vendors).
        #[arg(long, value_parser = vendor_parser())]
        vendor: Option<Vendor>,
        /// Print the entry as JSON (an array of entries for several codes); errors are JSON
        /// on stderr.
        #[arg(long)]
        json: bool,
    },
    /// Classify a response body: every error it holds, what to do, and the trace id.
    ///
    /// One line per error: how it matched (exact, template, catch_all, fallback), the code,
    /// the entry id, category and action, the title, the vendor's message and the trace id.
    Classify {
        /// The vendor that sent the response.
        #[arg(long, value_parser = vendor_parser())]
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
        /// Print the classification as JSON; errors are JSON on stderr.
        #[arg(long)]
        json: bool,
        /// The body; `-` or nothing reads standard input.
        file: Option<std::path::PathBuf>,
    },
    /// List the catalog, one entry a line.
    List {
        /// Only this vendor.
        #[arg(long, value_parser = vendor_parser())]
        vendor: Option<Vendor>,
        /// Only entries of this category.
        #[arg(long, value_parser = name_parser::<Category>(Category::ALL, Category::as_str))]
        category: Option<Category>,
        /// Only entries with this action.
        #[arg(long, value_parser = name_parser::<Action>(Action::ALL, Action::as_str))]
        action: Option<Action>,
        /// Print a JSON array of entries; errors are JSON on stderr.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script: `errcat completions bash > /etc/bash_completion.d/errcat`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `--vendor`: its possible values (the vendor ids) listed in `--help` and in errors, the way
/// a `ValueEnum` lists its variants.
fn vendor_parser() -> impl TypedValueParser<Value = Vendor> {
    name_parser(Vendor::ALL, Vendor::id)
}

/// A parser for one of errcat's name enums: `values` by `name`, shown as possible values.
fn name_parser<T>(
    values: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + std::str::FromStr<Err = errcat::ParseNameError> + 'static,
{
    PossibleValuesParser::new(values.iter().map(|&v| name(v))).try_map(|s| s.parse::<T>())
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

/// Untrusted text (the user's own input echoed back) for one terminal line.
fn escape(s: &str) -> String {
    errcat::escaped(s).to_string()
}
