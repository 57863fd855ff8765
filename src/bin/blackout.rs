//! `blackout`: the command-line tool for CI and docs pipelines, a thin layer
//! over the core. Exit codes: 0 fine, 1 a single point of failure was found
//! (`check`), 2 bad input.

#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// Trunk builds every binary of the crate for wasm32; the tool has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use blackout::analysis::{cycles, simulate, single_points_of_failure};
    use blackout::model::{Document, Graph, NodeIndex};
    use blackout::{format, render, report};
    use clap::{Args, Parser, Subcommand};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(name = "blackout", version, about = "Which user-facing features go dark when something fails?")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Report single points of failure. Exit 1 when any feature has one.
        Check {
            file: PathBuf,
            /// Stable JSON output: {"features": N, "spofs": [{"id", "features", "users"}]}.
            #[arg(long)]
            json: bool,
        },
        /// Show what goes down after the given failures.
        Simulate {
            file: PathBuf,
            #[command(flatten)]
            failures: Failures,
            /// Stable JSON output: {"failed", "down", "features_down", "users_affected"}.
            #[arg(long)]
            json: bool,
        },
        /// Write a self-contained SVG snapshot of the risk map.
        Render {
            file: PathBuf,
            /// Where to write the SVG.
            #[arg(short, long)]
            output: PathBuf,
            /// Node ids to fail before rendering, comma-separated.
            #[arg(long, value_delimiter = ',')]
            fail: Vec<String>,
        },
        /// Write a synthetic layered architecture (for benchmarks and stress tests).
        Generate {
            /// How many nodes.
            #[arg(long)]
            nodes: usize,
            /// Dependencies per node (about).
            #[arg(long, default_value_t = 5)]
            dependencies: usize,
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Where to write the JSON file.
            #[arg(short, long)]
            output: PathBuf,
        },
    }

    #[derive(Args)]
    #[group(required = true, multiple = false)]
    struct Failures {
        /// Node ids to fail, comma-separated (repeatable).
        #[arg(long, value_delimiter = ',')]
        fail: Vec<String>,
        /// The name of a scenario stored in the file.
        #[arg(long)]
        scenario: Option<String>,
    }

    /// Bad input: the message is printed on stderr and the exit code is 2.
    struct BadInput(String);

    const EXIT_SPOF: u8 = 1;
    const EXIT_BAD_INPUT: u8 = 2;

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(error) => {
                let code = if error.use_stderr() { EXIT_BAD_INPUT } else { 0 };
                let _ = error.print();
                return ExitCode::from(code);
            }
        };
        match run(cli.command) {
            Ok(code) => code,
            Err(BadInput(message)) => {
                eprintln!("blackout: {message}");
                ExitCode::from(EXIT_BAD_INPUT)
            }
        }
    }

    /// The process ends right after: freeing a 100,000-node graph node by node
    /// would only add time, so it is left to the operating system.
    fn keep_until_exit<T>(value: T) {
        std::mem::forget(value);
    }

    fn run(command: Command) -> Result<ExitCode, BadInput> {
        match command {
            Command::Check { file, json } => {
                let (document, graph) = load(&file)?;
                let spofs = single_points_of_failure(&graph);
                if json {
                    println!("{}", to_json(&report::check_json(&graph, &spofs)));
                } else {
                    print!("{}", report::check_text(&document, &graph, &spofs, &cycles(&graph)));
                }
                let code = if spofs.spofs.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_SPOF) };
                keep_until_exit((document, graph, spofs));
                Ok(code)
            }
            Command::Simulate { file, failures, json } => {
                let (document, graph) = load(&file)?;
                let failed = match failures.scenario {
                    Some(name) => scenario(&document, &graph, &name)?,
                    None => resolve(&graph, &failures.fail)?,
                };
                let outcome = simulate(&graph, &failed);
                if json {
                    println!("{}", to_json(&report::simulate_json(&graph, &outcome)));
                } else {
                    print!("{}", report::simulate_text(&document, &graph, &outcome));
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Render { file, output, fail } => {
                let (document, graph) = load(&file)?;
                let failed = resolve(&graph, &fail)?;
                let svg = render::svg_snapshot(&document, &graph, &failed);
                write(&output, &svg)
            }
            Command::Generate { nodes, dependencies, seed, output } => {
                let document = blackout::generate::layered_graph(nodes, dependencies, seed);
                write(&output, &format::to_json(&document))
            }
        }
    }

    fn write(path: &Path, text: &str) -> Result<ExitCode, BadInput> {
        std::fs::write(path, text).map_err(|e| BadInput(format!("cannot write {}: {e}", path.display())))?;
        Ok(ExitCode::SUCCESS)
    }

    fn load(path: &Path) -> Result<(Document, Graph), BadInput> {
        let name = path.display();
        let metadata = std::fs::metadata(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
        if metadata.len() > format::MAX_FILE_BYTES as u64 {
            return Err(BadInput(format!(
                "{name}: the file is {} bytes; the limit is {} bytes",
                metadata.len(),
                format::MAX_FILE_BYTES
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
        format::parse_graph(&text).map_err(|e| BadInput(format!("{name}: {e}")))
    }

    fn resolve(graph: &Graph, ids: &[String]) -> Result<Vec<NodeIndex>, BadInput> {
        ids.iter()
            .filter(|id| !id.trim().is_empty())
            .map(|id| {
                graph
                    .index_of(&id.trim().into())
                    .ok_or_else(|| BadInput(format!("unknown node id \"{}\"", id.trim())))
            })
            .collect()
    }

    fn scenario(document: &Document, graph: &Graph, name: &str) -> Result<Vec<NodeIndex>, BadInput> {
        let Some(found) = document.scenarios.iter().find(|s| s.name == name) else {
            let known: Vec<String> = document.scenarios.iter().map(|s| format!("\"{}\"", s.name)).collect();
            return Err(BadInput(format!(
                "unknown scenario \"{name}\"; the file has {}",
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            )));
        };
        Ok(found.fail.iter().filter_map(|id| graph.index_of(id)).collect())
    }

    fn to_json(value: &impl serde::Serialize) -> String {
        serde_json::to_string_pretty(value).expect("reports serialise: string keys, integer values")
    }
}
