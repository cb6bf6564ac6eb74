//! `doctrine completions` and `doctrine man`: generated from the command line's definition,
//! they name every command (their full text is clap's and is not pinned).

#![allow(clippy::unwrap_used, reason = "tests")]

use std::process::Command;

const COMMANDS: [&str; 9] = [
    "eval",
    "check",
    "diff",
    "params",
    "test",
    "schema",
    "init",
    "completions",
    "man",
];

fn doctrine(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn completions_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = doctrine(&["completions", shell]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell}: no `{command}`");
        }
        assert!(script.contains("error-format"), "{shell}: no global option");
        assert_eq!(
            script,
            doctrine(&["completions", shell]),
            "{shell}: not deterministic"
        );
    }
}

fn man_page_names_every_command() {
    let page = doctrine(&["man"]);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "not roff"
    );
    assert!(page.contains(".TH doctrine 1"));
    for command in COMMANDS {
        assert!(page.contains(command), "no `{command}`");
    }
}

tests![completions_name_every_command, man_page_names_every_command,];
