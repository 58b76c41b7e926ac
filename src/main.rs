//! The `cordial` command line.

// A check is mostly small allocations (tokens, spans, findings): mimalloc serves them in 13 %
// fewer instructions than glibc's malloc (docs/performance.md, round 8). It is built without
// transparent huge pages (`no_thp`), which doubled its peak RSS.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use cordial::check::{self, CheckedFile, Options};
use cordial::cli::stream::Plan;
use cordial::cli::{self, OutputArgs};
use cordial::load::Limits;
use cordial::report::output::{Drawing, Files, Run};
use cordial::report::{self, human};
use cordial::{docs, rules, schema};

mod building;
mod interrupt;

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
    /// Summarise what changed between two versions of the playbooks: two git revisions (the
    /// working tree when HEAD is left out) or two paths.
    Diff {
        /// A git revision, or a playbook file or folder.
        base: String,
        /// A git revision, or a playbook file or folder; default: the working tree.
        head: Option<String>,
        /// Where the playbooks are, for revisions.
        #[arg(long = "path", default_value = "playbooks")]
        paths: Vec<PathBuf>,
        /// Markdown (for a pull-request comment) or JSON.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), generated from these command-line definitions.
    Man,
    /// Print the configuration in force for a playbook and where each setting came from.
    Config {
        /// The playbook file (it need not exist yet).
        file: PathBuf,
        #[command(flatten)]
        config: cli::ConfigArgs,
    },
    /// Write a first playbook that passes: asks (on a terminal) or takes flags for its locale,
    /// jurisdictions, sector and collector.
    Init(cordial::init::InitArgs),
    /// Run the language server on standard input and output, for editors (docs/editors.md).
    Lsp,
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
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    config: cli::ConfigArgs,
    /// Exit 0 even when there are error findings (2 still means the tool could not run).
    #[arg(long)]
    exit_zero: bool,
    /// The name to report a playbook read from standard input (`-`) under.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Report only findings not recorded in this baseline file (matched by code, file and node,
    /// never by line), and list its entries that no longer occur.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Report only the playbooks changed since this git revision (every playbook is still read,
    /// so duplicate ids across files are found).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Record the current findings in a baseline file (then report as if it applied).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Check again whenever a playbook or cordial.toml under the paths changes.
    #[arg(long, conflicts_with_all = ["write_baseline", "stdin_filename"])]
    watch: bool,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Report findings as if no exception existed (for audits).
    #[arg(long)]
    no_ignores: bool,
    #[command(flatten)]
    fixes: cli::fixing::FixArgs,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// Playbook files or folders.
    #[arg(default_value = "playbooks")]
    paths: Vec<PathBuf>,
    /// Where to write the site; replaced as a whole, atomically. Only a folder that is empty,
    /// missing, or written by an earlier build is ever replaced.
    #[arg(long, default_value = "site")]
    out: PathBuf,
    /// How findings are reported (to standard error, or to files with `FORMAT=FILE`).
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    config: cli::ConfigArgs,
    /// Publish even when some playbooks have error findings (their guides show the findings).
    #[arg(long)]
    allow_errors: bool,
    /// Publish a site with no guides when no playbook is found (otherwise the build refuses).
    #[arg(long)]
    allow_empty: bool,
    /// Report findings as if no exception existed.
    #[arg(long)]
    no_ignores: bool,
    #[command(flatten)]
    run: RunArgs,
}

/// What every checking command shares: the budgets and the shard.
#[derive(clap::Args)]
struct RunArgs {
    /// Largest playbook file accepted, in bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    max_file_size: u64,
    /// Most YAML nodes one file may have (aliases count what they expand to).
    #[arg(long, default_value_t = Limits::default().max_nodes)]
    max_nodes: usize,
    /// Most bytes of text one file may hold once aliases are expanded.
    #[arg(long, default_value_t = Limits::default().max_scalar_bytes)]
    max_text_bytes: usize,
    /// Check only the K-th of N stable parts of the playbooks (by path hash), e.g. `--shard 2/4`
    /// in the second of four CI jobs. Duplicate ids are then only found within one part.
    #[arg(long, value_name = "K/N")]
    shard: Option<check::Shard>,
}

impl RunArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size,
            max_nodes: self.max_nodes,
            max_scalar_bytes: self.max_text_bytes,
            ..Limits::default()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
    Svg,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Build(args) => building::run_build(args),
        Command::Graph { file, format } => run_graph(&file, format),
        Command::Init(args) => cordial::init::run(&args),
        Command::Lsp => match cordial::lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the language server stopped: {e}");
                ExitCode::from(2)
            }
        },
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
        Command::Diff {
            base,
            head,
            paths,
            format,
        } => match cli::diff(&base, head.as_deref(), &paths, format == DiffFormat::Json) {
            Ok(text) => print(&text),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cordial", &mut text);
            print(&String::from_utf8_lossy(&text))
        }
        Command::Man => {
            let mut text = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut text) {
                Ok(()) => print(&String::from_utf8_lossy(&text)),
                Err(e) => {
                    eprintln!("error: cannot render the manual page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Config { file, config } => match cli::describe_config(&file, config.choice()) {
            Ok(text) => print(&text),
            Err(e) => {
                eprint!("{e}");
                ExitCode::from(2)
            }
        },
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

/// Finds and checks the playbooks under `paths` (`-`: standard input); None (after saying why)
/// when the run cannot start.
/// The checked playbooks of a run; the note naming skipped files goes to standard error (so
/// machine formats on standard output stay as they are) unless `say_skipped` is false.
fn checked(
    paths: &[PathBuf],
    stdin_filename: Option<&std::path::Path>,
    config: cordial::config::Choice,
    run: &RunArgs,
    no_ignores: bool,
    say_skipped: bool,
) -> Option<cli::Checked> {
    let checked = cli::check_paths(paths, stdin_filename, config, &options(run, no_ignores))
        .map_err(|e| say_error(&e))
        .ok()?;
    if let Some(note) = checked.skipped_note.as_ref().filter(|_| say_skipped) {
        eprintln!("{note}");
    }
    Some(checked)
}

fn options(run: &RunArgs, no_ignores: bool) -> Options {
    Options {
        limits: run.limits(),
        no_ignores,
        shard: run.shard,
        keep_documents: false,
        configs: None,
    }
}

/// A configuration error comes drawn like a finding; anything else is one sentence.
fn say_error(e: &str) {
    if e.starts_with("error[") {
        eprint!("{e}");
    } else {
        eprintln!("error: {e}");
    }
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

/// How the terminal output is drawn: colour when it is a terminal, `COLUMNS` wide.
fn terminal_drawing() -> Drawing {
    Drawing {
        style: human::Style::detect(),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    if !args.watch {
        return check_once(&args);
    }
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!("error: --watch cannot watch standard input");
        return ExitCode::from(2);
    }
    match cli::watch(&args.paths, || {
        check_once(&args);
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn check_once(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    if let Err(e) = args.output.stdout_format() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    // Fixing comes first, on the whole parsed files: the baseline and the report then see what
    // is left, from a fresh streamed check of what was written.
    let mut fixed = None;
    if let Some(request) = args.fixes.request() {
        // The streamed check below says which files were skipped.
        let Some(cli::Checked { files, .. }) = checked(
            &args.paths,
            args.stdin_filename.as_deref(),
            args.config.choice(),
            &args.run,
            args.no_ignores,
            false,
        ) else {
            return ExitCode::from(2);
        };
        let run = cli::fixing::CheckRun {
            paths: &args.paths,
            stdin_filename: args.stdin_filename.as_deref(),
            changed_since: args.changed_since.as_deref(),
            config: args.config.choice(),
            options: options(&args.run, args.no_ignores),
        };
        match cli::fixing::run(&run, request, &files) {
            Err(e) => {
                say_error(&e);
                return ExitCode::from(2);
            }
            Ok(cli::fixing::Done::Diff {
                text,
                said,
                changed,
            }) => {
                eprintln!("{said}");
                let code = print(&text);
                return if changed && code == ExitCode::SUCCESS {
                    ExitCode::from(1)
                } else {
                    code
                };
            }
            Ok(cli::fixing::Done::Written { applied }) => fixed = Some(applied),
        }
    }
    let changed = match &args.changed_since {
        Some(rev) => match cli::changed_since(rev) {
            Ok(changed) => Some(changed),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let terminal = terminal_drawing();
    let plan = Plan {
        drawings: args.output.human_drawings(terminal),
        baseline: args.baseline.as_deref(),
        write_baseline: args.write_baseline.as_deref(),
        quiet: args.output.quiet,
        changed,
    };
    let reported = match cli::stream::check_paths(
        &args.paths,
        args.stdin_filename.as_deref(),
        args.config.choice(),
        &options(&args.run, args.no_ignores),
        plan,
    ) {
        Ok(reported) => reported,
        Err(e) => {
            say_error(&e);
            return ExitCode::from(2);
        }
    };
    eprint!("{}", reported.said);
    let summary = report::Summary {
        fixed,
        ..reported.summary
    };
    let run = Run {
        files: Files::Drawn {
            paths: &reported.paths,
            drawn: &reported.drawn,
        },
        diagnostics: &reported.diagnostics,
        summary,
        seconds: Some(started.elapsed().as_secs_f64()),
        quiet: args.output.quiet,
    };
    let text = match args.output.emit(&run, terminal) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let code = print(&text);
    if code != ExitCode::SUCCESS {
        return code;
    }
    if args.exit_zero {
        return ExitCode::SUCCESS;
    }
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_graph(file: &std::path::Path, format: GraphFormat) -> ExitCode {
    let run = RunArgs {
        max_file_size: Limits::default().max_file_bytes,
        max_nodes: Limits::default().max_nodes,
        max_text_bytes: Limits::default().max_scalar_bytes,
        shard: None,
    };
    let Some(cli::Checked { files, .. }) = checked(
        &[file.to_path_buf()],
        None,
        cordial::config::Choice::Isolated,
        &run,
        false,
        true,
    ) else {
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
