//! The `cordial` command line.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use cordial::check::{self, Options};
use cordial::report::{self, human};
use cordial::{docs, rules, schema};

/// Checks debt-collection playbooks for respectful wording, lawful structure and honest terms,
/// and compiles them into guides.
#[derive(Parser)]
#[command(name = "cordial", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check playbooks: schema, references, step graph, wording, terms, disclosures, cadence.
    Check(CheckArgs),
    /// Print the JSON Schema of the playbook format (draft-07), for editors.
    Schema,
    /// List every rule code with its severity and a one-line summary.
    Rules {
        /// Print the rule reference as Markdown (the source of docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Explain a rule: what it catches, why, the law, and a failing and a passing example.
    Explain {
        /// A rule code, such as `graph/dead-end`.
        code: String,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Playbook files or folders (folders are searched for .yaml/.yml playbooks, honouring .gitignore).
    #[arg(default_value = "playbooks")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Report findings as if no exception existed (for audits).
    #[arg(long)]
    no_ignores: bool,
    /// Largest playbook file accepted, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    max_file_size: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: source snippets with the problem underlined.
    Human,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions annotations.
    Github,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Schema => print(
            &(serde_json::to_string_pretty(&schema::playbook_schema()).unwrap_or_default() + "\n"),
        ),
        Command::Rules { markdown } => {
            if markdown {
                return print(&docs::rules_markdown());
            }
            let width = rules::all().iter().map(|m| m.code.len()).max().unwrap_or(0);
            let mut text = String::new();
            for m in rules::all() {
                text.push_str(&format!(
                    "{:width$}  {:7}  {}\n",
                    m.code,
                    m.severity.as_str(),
                    m.summary
                ));
            }
            print(&text)
        }
        Command::Explain { code } => match rules::meta(&code) {
            Some(meta) => print(&docs::explain(meta)),
            None => {
                let codes: Vec<&str> = rules::all().iter().map(|m| m.code).collect();
                let hint = rules::refs::did_you_mean(&code, codes.iter().copied())
                    .map(|c| format!(" Did you mean `{c}`?"))
                    .unwrap_or_default();
                eprintln!(
                    "error: `{code}` is not a rule code.{hint} `cordial rules` lists them all."
                );
                ExitCode::from(2)
            }
        },
    }
}

fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let inputs = match check::discover(&args.paths) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = Options {
        limits: cordial::load::Limits {
            max_file_bytes: args.max_file_size,
            ..Default::default()
        },
        no_ignores: args.no_ignores,
    };
    let files = check::check_inputs(&inputs, &options);
    let summary = report::Summary::of(&files);
    let diagnostics = report::diagnostics(&files);
    let text = match args.format {
        Format::Json => report::json::render(&diagnostics, &summary),
        Format::Sarif => report::sarif::render(&diagnostics),
        Format::Github => {
            report::github::render(&diagnostics) + &report::closing_line(&summary, None) + "\n"
        }
        Format::Human => {
            let sources: HashMap<String, std::sync::Arc<String>> = files
                .iter()
                .map(|f| (f.source.display_path(), f.source.text.clone()))
                .collect();
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            let mut text = human::render(&diagnostics, &sources, human::Style::detect(), width);
            text.push_str(&report::closing_line(
                &summary,
                Some(started.elapsed().as_secs_f64()),
            ));
            text.push('\n');
            text
        }
    };
    let code = print(&text);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
