//! Files as an attacker or a careless user leaves them: `fmt` never leaves a policy half
//! written; unreadable entries of policy and fact folders (dangling or looping symbolic
//! links) are errors, never skipped; FIFOs are refused, not read forever; `replay` reads
//! only inside the record's folder. Links and FIFOs are made at test time (they cannot be
//! committed portably); unix only.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_doctrine");
const POLICY: &str = "tests/cases/replay/changed-facts/policy.doctrine";
const FACTS: &str = "tests/cases/replay/changed-facts/facts.yaml";

/// A fresh folder for one test, inside the repository (under `target/`).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("doctrine-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], folder: Option<&Path>) -> (i32, String, String) {
    let mut command = Command::new(BIN);
    command.args(args).stdin(Stdio::null());
    if let Some(folder) = folder {
        command.current_dir(folder);
    }
    let out: Output = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A policy of about 22 KB, not formatted (trailing spaces on every line).
fn unformatted_policy() -> String {
    std::fs::read_to_string("policies/cloud-au-centre/circulaire-6282-SG.doctrine")
        .unwrap()
        .lines()
        .map(|l| format!("{l}   \n"))
        .collect()
}

/// A write cut short, as on a full disk (here a file size limit of a few KB, its signal
/// ignored so that the write fails): the policy is left byte for byte, with no temporary
/// file beside it. Rewriting in place left the first 2 KB of it.
fn a_failed_fmt_leaves_the_policy_whole() {
    let dir = scratch("fmt-cut");
    let file = dir.join("policy.doctrine");
    let text = unformatted_policy();
    std::fs::write(&file, &text).unwrap();
    let out = Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" fmt \"$1\""])
        .args([BIN, file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("write"), "{stderr}");
    assert!(stderr.contains("policy.doctrine"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(names(&dir), ["policy.doctrine"]);
}

/// `fmt` keeps a file's permissions; a hard link keeps the old text (the rename gives the
/// name a new file); a symbolic link stays a link to the formatted file.
fn fmt_keeps_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("fmt-mode");
    let file = dir.join("policy.doctrine");
    let text = unformatted_policy();
    std::fs::write(&file, &text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o604)).unwrap();
    std::fs::hard_link(&file, dir.join("hard.txt")).unwrap();
    std::os::unix::fs::symlink("policy.doctrine", dir.join("link.doctrine")).unwrap();
    let (code, _, stderr) = run(&["fmt", "link.doctrine"], Some(&dir));
    assert_eq!(code, 0, "{stderr}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o604);
    assert_ne!(std::fs::read_to_string(&file).unwrap(), text);
    assert_eq!(std::fs::read_to_string(dir.join("hard.txt")).unwrap(), text);
    let link = std::fs::symlink_metadata(dir.join("link.doctrine")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        names(&dir),
        ["hard.txt", "link.doctrine", "policy.doctrine"]
    );
}

/// A dangling and a looping link in a policy folder are errors naming them (exit 2): the
/// amendment they stand for is not dropped silently.
fn unreadable_links_in_a_policy_folder_are_errors() {
    let dir = scratch("policy-links");
    let policy = dir.join("policy");
    std::fs::create_dir(&policy).unwrap();
    std::fs::copy(POLICY, policy.join("a.doctrine")).unwrap();
    std::os::unix::fs::symlink("gone.doctrine", policy.join("amendment.doctrine")).unwrap();
    let facts = std::fs::canonicalize(FACTS).unwrap();
    let (code, stdout, stderr) = run(
        &["eval", policy.to_str().unwrap(), facts.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("amendment.doctrine"), "{stderr}");
    assert!(stderr.contains("symbolic"), "{stderr}");
    std::fs::remove_file(policy.join("amendment.doctrine")).unwrap();
    std::os::unix::fs::symlink("loop.doctrine", policy.join("loop.doctrine")).unwrap();
    let (code, _, stderr) = run(
        &["eval", policy.to_str().unwrap(), facts.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("loop.doctrine"), "{stderr}");
    let (code, _, stderr) = run(&["fmt", "--check", policy.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("loop.doctrine"), "{stderr}");
}

/// The same in a folder of fact files: the case is not dropped from the corpus.
fn unreadable_links_in_a_fact_folder_are_errors() {
    let dir = scratch("fact-links");
    let facts = dir.join("facts");
    std::fs::create_dir_all(facts.join("sub")).unwrap();
    std::fs::copy(FACTS, facts.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("../gone.yaml", facts.join("sub/b.yaml")).unwrap();
    std::os::unix::fs::symlink("c.json", facts.join("c.json")).unwrap();
    // A dangling link whose name is not a fact file's is not a fact file: left alone.
    std::os::unix::fs::symlink("gone", facts.join("notes.txt")).unwrap();
    let (code, stdout, stderr) = run(&["eval", POLICY, facts.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("c.json"), "{stderr}");
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    std::fs::remove_file(facts.join("c.json")).unwrap();
    let (code, _, stderr) = run(&["eval", POLICY, facts.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("b.yaml"), "{stderr}");
}

/// Runs `args` with a FIFO in them; a run still blocked after a while is unblocked by
/// writing to the FIFO, and fails the test (so a regression fails, not hangs).
fn run_with_fifo(args: &[&str], fifo: &Path, text: &str) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return (
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::fs::write(fifo, text).unwrap();
    let _ = child.wait();
    panic!("`doctrine {}` blocked on the FIFO", args.join(" "));
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// A FIFO named as a fact file or a policy file, or found in a fact folder, is refused at
/// once (exit 2), not read forever.
fn a_fifo_is_refused_not_read() {
    let dir = scratch("fifo");
    let fifo = dir.join("facts.yaml");
    mkfifo(&fifo);
    let name = fifo.to_str().unwrap();
    let facts = std::fs::read_to_string(FACTS).unwrap();
    let (code, stderr) = run_with_fifo(&["eval", POLICY, name], &fifo, &facts);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("regular"), "{stderr}");
    assert!(stderr.contains("facts.yaml"), "{stderr}");
    let folder = dir.to_str().unwrap();
    let (code, stderr) = run_with_fifo(&["eval", POLICY, folder], &fifo, &facts);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("regular"), "{stderr}");
    let policy = dir.join("policy.doctrine");
    mkfifo(&policy);
    let text = std::fs::read_to_string(POLICY).unwrap();
    let policy = policy.to_str().unwrap();
    let (code, stderr) = run_with_fifo(&["check", policy], Path::new(policy), &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("regular"), "{stderr}");
    let (code, stderr) = run_with_fifo(&["fmt", policy], Path::new(policy), &text);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("regular"), "{stderr}");
}

/// Writes a record of `eval policy.doctrine facts.yaml` run in `dir`, with paths relative
/// to `dir`, and returns its text.
fn record_in(dir: &Path) -> String {
    std::fs::copy(POLICY, dir.join("policy.doctrine")).unwrap();
    std::fs::copy(FACTS, dir.join("facts.yaml")).unwrap();
    let out = Command::new(BIN)
        .args(["eval", "policy.doctrine", "facts.yaml", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)));
    let text = String::from_utf8(out.stdout).unwrap();
    std::fs::write(dir.join("record.json"), &text).unwrap();
    text
}

/// A record's paths are read from its own folder: replayed from elsewhere, the same bytes.
fn replay_reads_from_the_records_folder() {
    let dir = scratch("replay-here");
    record_in(&dir);
    let (code, stdout, stderr) = run(&["replay", dir.join("record.json").to_str().unwrap()], None);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.ends_with("1 decision(s) replayed: the same bytes\n"),
        "{stdout}"
    );
}

/// A symbolic link inside the record's folder that leads out of it counts as outside: the
/// record names it, replay refuses it (exit 2) and shows nothing of the file. `--root`
/// widens the folder.
fn replay_refuses_links_that_lead_out() {
    let dir = scratch("replay-links");
    let inside = dir.join("records");
    std::fs::create_dir(&inside).unwrap();
    let text = record_in(&inside);
    let secret = dir.join("secret.doctrine");
    std::fs::write(&secret, "SECRET-LINE-ONE\nSECRET-LINE-TWO\n").unwrap();
    std::os::unix::fs::symlink("../secret.doctrine", inside.join("escape.doctrine")).unwrap();
    let crafted = text.replace("\"policy.doctrine\"", "\"escape.doctrine\"");
    let record = inside.join("crafted.json");
    std::fs::write(&record, crafted).unwrap();
    let (code, stdout, stderr) = run(&["replay", record.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("escape.doctrine"), "{stderr}");
    assert!(stderr.contains("outside"), "{stderr}");
    assert!(
        !format!("{stdout}{stderr}").contains("SECRET"),
        "{stdout}{stderr}"
    );
    // Allowed by `--root`, the file is read, but its hash is not the recorded one: it is
    // named as changed, with neither its content nor its hash.
    let root = dir.to_str().unwrap();
    let (code, stdout, stderr) = run(&["replay", record.to_str().unwrap(), "--root", root], None);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(!all.contains("SECRET"), "{all}");
    let hash = doctrine::app::load::file_sha256(&secret).unwrap();
    assert!(!all.contains(&hash), "{all}");
}

/// `doctrine ask --write target`, answering its two questions; its exit code and stdout.
fn ask_writing(target: &Path) -> (i32, String) {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args([
            "ask",
            "policies/cloud-au-centre",
            "examples/unknown-facts.yaml",
            "--lang",
            "en",
        ])
        .arg("--write")
        .arg(target)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"true\n3\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), all)
}

/// What is not a regular file is written in place, not replaced: a FIFO stays a FIFO and
/// its reader gets the facts; `/dev/stdout` prints them (its canonical path, a pipe's, is
/// no file to rename over); as root, a device node stays a device. The atomic writer made
/// each of them a regular file, or failed on `/dev/stdout`.
fn ask_writes_fifos_devices_and_stdout_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("write-in-place");
    let fifo = dir.join("answers.yaml");
    mkfifo(&fifo);
    let reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, all) = ask_writing(&fifo);
    let still = std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo();
    if !still {
        let mut reader = reader;
        let _ = reader.kill();
        let _ = reader.wait();
        panic!("the FIFO was replaced: {all}");
    }
    let read = reader.wait_with_output().unwrap();
    assert_eq!(code, 0, "{all}");
    let yaml = String::from_utf8(read.stdout).unwrap();
    assert!(yaml.contains("secnumcloud: true"), "{yaml}");

    let (code, all) = ask_writing(Path::new("/dev/stdout"));
    assert_eq!(code, 0, "{all}");
    assert!(all.contains("secnumcloud: true"), "{all}");

    let root = Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&root.stdout).trim() == "0" {
        let device = dir.join("null");
        let made = Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "3"])
            .status()
            .unwrap();
        // A container may refuse device nodes even to root: nothing to check then.
        if made.success() {
            let (code, all) = ask_writing(&device);
            assert_eq!(code, 0, "{all}");
            let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
            assert!(kind.is_char_device(), "{all}");
        }
    }
}

/// `fmt --check` lists a file whose name holds ESC with the character escaped, as every
/// name is shown: printed raw, it acted on the terminal.
fn fmt_check_escapes_file_names() {
    let dir = scratch("fmt-names");
    let file = dir.join("evil\u{1b}]0;title\u{7}.doctrine");
    std::fs::write(&file, unformatted_policy()).unwrap();
    let (code, stdout, stderr) = run(&["fmt", "--check", file.to_str().unwrap()], None);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(!stdout.contains('\u{7}'), "{stdout:?}");
    assert!(
        stdout.contains("evil\\u{1b}]0;title\\u{7}.doctrine"),
        "{stdout:?}"
    );
}

tests![
    fmt_check_escapes_file_names,
    ask_writes_fifos_devices_and_stdout_in_place,
    a_failed_fmt_leaves_the_policy_whole,
    fmt_keeps_permissions_and_links,
    unreadable_links_in_a_policy_folder_are_errors,
    unreadable_links_in_a_fact_folder_are_errors,
    a_fifo_is_refused_not_read,
    replay_reads_from_the_records_folder,
    replay_refuses_links_that_lead_out,
];
