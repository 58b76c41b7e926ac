//! The `cordial` command line.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use cordial::check::{self, CheckedFile, Options};
use cordial::render::{BuildOptions, ExceptionInForce, FindingSummary, GuideInput};
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
    /// Check playbooks, then compile their HTML and JSON guides into a site.
    Build(BuildArgs),
    /// Print a playbook's step graph as Graphviz DOT, Mermaid or SVG.
    Graph {
        /// The playbook file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Print the JSON Schema of the playbook format (draft-07), for editors.
    Schema {
        /// Print the schema of `guide.json` instead.
        #[arg(long)]
        guide: bool,
    },
    /// List every rule code with its severity and a one-line summary.
    Rules {
        /// Print the rule reference as Markdown (the source of docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Write a first playbook that passes: asks (on a terminal) or takes flags for its locale,
    /// jurisdictions, sector and collector.
    Init(cordial::init::InitArgs),
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

#[derive(clap::Args)]
struct BuildArgs {
    /// Playbook files or folders.
    #[arg(default_value = "playbooks")]
    paths: Vec<PathBuf>,
    /// Where to write the site; replaced as a whole, atomically.
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// Publish even when some playbooks have error findings (their guides show the findings).
    #[arg(long)]
    allow_errors: bool,
    /// Report findings as if no exception existed.
    #[arg(long)]
    no_ignores: bool,
    /// Largest playbook file accepted, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    max_file_size: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
    Svg,
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
        Command::Build(args) => run_build(args),
        Command::Graph { file, format } => run_graph(&file, format),
        Command::Init(args) => cordial::init::run(&args),
        Command::Schema { guide } => {
            let schema = if guide {
                cordial::render::guide_schema()
            } else {
                schema::playbook_schema()
            };
            print(&(serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"))
        }
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

/// Finds and checks the playbooks under `paths`; None (after saying why) when the run cannot start.
fn checked(paths: &[PathBuf], max_file_size: u64, no_ignores: bool) -> Option<Vec<CheckedFile>> {
    let inputs = match check::discover(paths) {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    let options = Options {
        limits: cordial::load::Limits {
            max_file_bytes: max_file_size,
            ..Default::default()
        },
        no_ignores,
    };
    let files = check::check_inputs(&inputs, &options);
    // On standard error, so that machine formats on standard output stay as they are.
    if let Some(line) = check::skipped_line(&check::skipped(&inputs, &files)) {
        eprintln!("note: {line}");
    }
    Some(files)
}

/// The human report of a run, with its closing line.
fn human_report(
    files: &[CheckedFile],
    diagnostics: &[report::Diagnostic],
    seconds: Option<f64>,
) -> String {
    let sources: HashMap<String, std::sync::Arc<String>> = files
        .iter()
        .map(|f| (f.source.display_path(), f.source.text.clone()))
        .collect();
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let mut text = human::render(diagnostics, &sources, human::Style::detect(), width);
    text.push_str(&report::closing_line(&report::Summary::of(files), seconds));
    text.push('\n');
    text
}

fn run_check(args: CheckArgs) -> ExitCode {
    let started = Instant::now();
    let Some(files) = checked(&args.paths, args.max_file_size, args.no_ignores) else {
        return ExitCode::from(2);
    };
    let summary = report::Summary::of(&files);
    let diagnostics = report::diagnostics(&files);
    let text = match args.format {
        Format::Json => report::json::render(&diagnostics, &summary),
        Format::Sarif => report::sarif::render(&diagnostics),
        Format::Github => {
            report::github::render(&diagnostics) + &report::closing_line(&summary, None) + "\n"
        }
        Format::Human => human_report(&files, &diagnostics, Some(started.elapsed().as_secs_f64())),
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

fn run_build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let Some(files) = checked(&args.paths, args.max_file_size, args.no_ignores) else {
        return ExitCode::from(2);
    };
    let diagnostics = report::diagnostics(&files);
    let summary = report::Summary::of(&files);
    if !diagnostics.is_empty() {
        eprint!("{}", human_report(&files, &diagnostics, None));
    }
    let unpublishable: Vec<String> = files
        .iter()
        .filter(|f| {
            f.playbook.is_none()
                || f.findings
                    .iter()
                    .any(|d| d.severity == cordial::diagnostic::Severity::Error)
        })
        .map(|f| f.source.display_path())
        .collect();
    if !unpublishable.is_empty() && !args.allow_errors {
        eprintln!(
            "error: not publishing: {} with errors ({}); the site at {} is unchanged. Fix them, or build with --allow-errors.",
            if unpublishable.len() == 1 {
                "1 playbook".to_string()
            } else {
                format!("{} playbooks", unpublishable.len())
            },
            unpublishable.join(", "),
            args.out.display()
        );
        return ExitCode::from(1);
    }
    // Per file: its findings as the guide shows them, and the exceptions in force.
    let details: Vec<(Vec<FindingSummary>, Vec<ExceptionInForce>)> = files
        .iter()
        .map(|f| {
            let findings = f
                .findings
                .iter()
                .map(|finding| {
                    let d = report::Diagnostic::resolve(&f.source, finding);
                    FindingSummary {
                        code: d.code.to_string(),
                        severity: d.severity,
                        message: d.message,
                        line: d.primary.place.start.line,
                        column: d.primary.place.start.column,
                    }
                })
                .collect();
            let exceptions = if args.no_ignores {
                Vec::new()
            } else {
                cordial::rules::suppression::in_force(f.playbook.as_ref(), &f.source)
                    .into_iter()
                    .map(|e| ExceptionInForce {
                        rule: e.rule,
                        scope: e.scope,
                        reason: e.reason,
                    })
                    .collect()
            };
            (findings, exceptions)
        })
        .collect();
    let paths: Vec<String> = files.iter().map(|f| f.source.display_path()).collect();
    let inputs: Vec<GuideInput> = files
        .iter()
        .zip(&details)
        .zip(&paths)
        .filter_map(|((f, (findings, exceptions)), path)| {
            Some(GuideInput {
                source_path: path,
                source_text: &f.source.text,
                playbook: f.playbook.as_ref()?,
                findings,
                exceptions,
            })
        })
        .collect();
    match cordial::render::build_site(&inputs, &args.out, &BuildOptions::from_env()) {
        Ok(built) => {
            let text = format!(
                "{}; built {} in {} ({:.2} s)\n",
                report::closing_line(&summary, None),
                if built.guides.len() == 1 {
                    "1 guide".to_string()
                } else {
                    format!("{} guides", built.guides.len())
                },
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            print(&text)
        }
        Err(e) => {
            eprintln!("error: {e}; the previous site, if any, is unchanged");
            ExitCode::from(2)
        }
    }
}

fn run_graph(file: &std::path::Path, format: GraphFormat) -> ExitCode {
    let Some(files) = checked(&[file.to_path_buf()], 5 * 1024 * 1024, false) else {
        return ExitCode::from(2);
    };
    let Some(playbook) = files.first().and_then(|f| f.playbook.as_ref()) else {
        let diagnostics = report::diagnostics(&files);
        eprint!("{}", human_report(&files, &diagnostics, None));
        eprintln!(
            "error: {} could not be read as a playbook, so it has no graph to draw",
            file.display()
        );
        return ExitCode::from(1);
    };
    let text = match format {
        GraphFormat::Dot => cordial::render::graph_dot(playbook),
        GraphFormat::Mermaid => cordial::render::graph_mermaid(playbook),
        GraphFormat::Svg => cordial::render::graph_svg(playbook),
    };
    print(&text)
}
