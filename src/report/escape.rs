//! Characters that act on a terminal instead of showing (controls, bidirectional overrides)
//! written as visible escapes (`\u{1b}`, `\r`, `\u{202e}`) wherever text is written for people.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: a C0 or C1 control other than a
/// line end or a tab (ESC starts sequences that clear the screen or set the window title, CR
/// and backspace overwrite what was written), DEL, or a bidirectional embedding, override or
/// isolate, which makes text read in another order than it is written.
pub fn is_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible form of one hazardous character: `\r`, `\u{1b}`, `\u{202e}`.
pub fn escaped(c: char) -> String {
    match c {
        '\r' => String::from("\\r"),
        '\n' => String::from("\\n"),
        _ => format!("\\u{{{:x}}}", u32::from(c)),
    }
}

/// A text with its hazardous characters escaped; line ends and tabs are kept (they are the
/// layout of what is written). Borrowed when there is nothing to escape, which is the rule.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_where(text, is_hazard)
}

/// A text meant to stay on one line (a name, a path): line ends are escaped (`\n`) too.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || is_hazard(c))
}

fn escape_where(text: &str, hazard: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hazard(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A report written for a terminal, with its own colours: every hazardous character is
/// escaped except the select-graphic-rendition sequences (`ESC [ digits m`) of the styles
/// the reports use, which only colour text (and which the output strips when it takes no
/// colour).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let style = if c == '\u{1b}' { sgr_len(rest) } else { 0 };
        if style > 0 {
            out.push_str(rest.get(..style).unwrap_or(""));
            rest = rest.get(style..).unwrap_or("");
            continue;
        }
        if is_hazard(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    Cow::Owned(out)
}

/// The length of a select-graphic-rendition sequence at the start of a text, else 0.
fn sgr_len(text: &str) -> usize {
    let Some(body) = text.strip_prefix("\u{1b}[") else {
        return 0;
    };
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let param = body.get(..digits).unwrap_or("");
    // Only the styles the reports use pass: a value that carries its own escape sequence
    // may at worst colour text as the reports do, never hide it (conceal, reverse, black)
    // or move the cursor.
    if OWN_STYLES.contains(&param) && body.as_bytes().get(digits) == Some(&b'm') {
        2 + digits + 1
    } else {
        0
    }
}

/// The select-graphic-rendition parameters the reports write: reset, bold, dim, and the
/// red, green, yellow and magenta of verdicts.
const OWN_STYLES: [&str; 7] = ["0", "1", "2", "31", "32", "33", "35"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_not_obeyed() {
        assert_eq!(
            visible("a\u{1b}]0;title\u{7}b\rc\u{8}\u{202e}d\te\nf\u{9b}"),
            "a\\u{1b}]0;title\\u{7}b\\rc\\u{8}\\u{202e}d\te\nf\\u{9b}"
        );
        assert_eq!(visible_line("a\nb\u{2066}"), "a\\nb\\u{2066}");
        assert!(matches!(visible("plain « text »"), Cow::Borrowed(_)));
    }

    #[test]
    fn styles_stay_other_sequences_do_not() {
        assert_eq!(
            terminal("\u{1b}[1mbold\u{1b}[0m \u{1b}[2J\u{1b}[32mok\u{1b}[0m"),
            "\u{1b}[1mbold\u{1b}[0m \\u{1b}[2J\u{1b}[32mok\u{1b}[0m"
        );
        // Conceal, reverse video and black text would hide what follows.
        assert_eq!(
            terminal("\u{1b}[8mhidden\u{1b}[7m\u{1b}[30m\u{1b}[1;32m"),
            "\\u{1b}[8mhidden\\u{1b}[7m\\u{1b}[30m\\u{1b}[1;32m"
        );
        // Each style the reports write passes.
        let styles = [
            anstyle::Style::new().bold(),
            anstyle::Style::new().dimmed(),
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Red.into())),
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Green.into())),
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into())),
            anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Magenta.into())),
            anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Green.into())),
        ];
        for style in styles {
            let text = format!("{style}x{style:#}");
            assert_eq!(terminal(&text), text, "{text:?}");
        }
        assert_eq!(terminal("x\u{1b}"), "x\\u{1b}");
    }
}
