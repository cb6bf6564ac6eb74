//! `doctrine replay`: re-evaluates recorded decisions (the output of `eval --format json`,
//! or a server's decision log) from their records, after checking that every file they read is unchanged, and says
//! whether the output comes out byte for byte the same.

use std::path::PathBuf;

use clap::Args;
use doctrine::source::SourceMap;

use super::bad_input;
use super::output::print_stdout;

/// Arguments of `doctrine replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// A decision, or an array of decisions, as `doctrine eval --format json` wrote it; or a
    /// decision log, as `doctrine serve --decision-log` wrote it.
    #[arg(value_name = "RECORD")]
    record: PathBuf,
    /// The folder the files the record names are read from and must stay inside (no `..`,
    /// absolute path or symbolic link out of it) [default: the record's folder]. The record
    /// names files as `eval` was given them: give the folder `eval` ran in.
    #[arg(long, value_name = "FOLDER")]
    root: Option<PathBuf>,
}

/// Runs `doctrine replay`: 0 the same bytes, 1 different bytes (the diff is printed), 2 a
/// file read has changed or the record cannot be replayed, or a decision log's lines were
/// logged without their facts (what was replayed is printed first).
pub fn run(args: &ReplayArgs) -> u8 {
    let mut sources = SourceMap::new();
    let name = args.record.display().to_string();
    let replayed =
        match doctrine::app::replay::replay(&args.record, args.root.as_deref(), &mut sources) {
            Ok(replayed) => replayed,
            Err(errors) => return bad_input(&errors, &sources),
        };
    let count = replayed.count;
    let incomplete = replayed.incomplete(&args.record);
    if replayed.before == replayed.after {
        print_stdout(&format!(
            "{name}: {count} decision(s) replayed: the same bytes\n"
        ));
        return match incomplete {
            Some(errors) => bad_input(&errors, &sources),
            None => 0,
        };
    }
    let diff = similar::TextDiff::from_lines(&replayed.before, &replayed.after);
    let unified = diff
        .unified_diff()
        .context_radius(3)
        .header(&name, "replay")
        .to_string();
    let which = replayed
        .differing_lines()
        .map(|lines| format!(" ({lines} of the log)"))
        .unwrap_or_default();
    print_stdout(&format!(
        "{unified}{name}: {count} decision(s) replayed: the output differs{which}\n"
    ));
    match incomplete {
        Some(errors) => bad_input(&errors, &sources),
        None => 1,
    }
}
