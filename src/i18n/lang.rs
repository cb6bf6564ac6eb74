//! Language tags (BCP 47): `fr`, `de`, `fr-CA`, `zh-Hant-TW`, checked, canonical and `Copy`.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

/// The longest tag kept: room for a language, a script, a region and a variant or two.
const CAPACITY: usize = 23;

/// A language tag (BCP 47), well formed and in canonical case (`fr-CA`, `zh-Hant`), held
/// inline so that it is as cheap to pass around as a number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    len: u8,
    bytes: [u8; CAPACITY],
}

/// Why a text is not a language tag.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LangError {
    /// Not a well-formed tag.
    #[error("`{0}` is not a language tag (BCP 47), such as `fr`, `de` or `fr-CA`")]
    Malformed(String),
    /// Well formed, but longer than the tool keeps.
    #[error("the language tag `{0}` is longer than {CAPACITY} characters")]
    TooLong(String),
}

impl Lang {
    /// French.
    pub const FR: Lang = Lang::ascii(b"fr");
    /// English.
    pub const EN: Lang = Lang::ascii(b"en");
    /// German.
    pub const DE: Lang = Lang::ascii(b"de");

    /// A tag from canonical ASCII known to be well formed (the constants above, and
    /// [`Lang::parse`]'s result); what exceeds the capacity is cut.
    #[allow(
        clippy::indexing_slicing,
        reason = "a const fn cannot use iterators; `i` is below both lengths"
    )]
    const fn ascii(text: &[u8]) -> Lang {
        let mut bytes = [0; CAPACITY];
        let mut i = 0;
        while i < text.len() && i < CAPACITY {
            bytes[i] = text[i];
            i += 1;
        }
        Lang {
            len: i as u8,
            bytes,
        }
    }

    /// Parses and canonicalises a tag; `_` is taken for `-` (`fr_CA`, as locales write it).
    pub fn parse(text: &str) -> Result<Lang, LangError> {
        let id: LanguageIdentifier = text
            .replace('_', "-")
            .parse()
            .map_err(|_| LangError::Malformed(text.to_string()))?;
        if id.language.is_empty() {
            return Err(LangError::Malformed(text.to_string()));
        }
        let canonical = id.to_string();
        if canonical.len() > CAPACITY {
            return Err(LangError::TooLong(text.to_string()));
        }
        Ok(Lang::ascii(canonical.as_bytes()))
    }

    /// The tag as text: `fr`, `fr-CA`.
    pub fn code(&self) -> &str {
        let bytes = self.bytes.get(..self.len as usize).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The primary language alone: `fr` for `fr-CA`; the tag itself when it has no subtags.
    pub fn primary(self) -> Lang {
        match self.code().split_once('-') {
            Some((language, _)) => Lang::ascii(language.as_bytes()),
            None => self,
        }
    }

    /// Whether both tags name the same primary language (`fr` and `fr-CA`).
    pub fn same_primary(self, other: Lang) -> bool {
        self.primary() == other.primary()
    }

    /// The tag of a locale as the environment writes it (`fr_FR.UTF-8`, `de_DE@euro`);
    /// none for `C`, `POSIX` or what is not a tag.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let tag = locale.split(['.', '@']).next().unwrap_or_default();
        if tag.eq_ignore_ascii_case("C") || tag.eq_ignore_ascii_case("POSIX") {
            return None;
        }
        Lang::parse(tag).ok()
    }
}

impl FromStr for Lang {
    type Err = LangError;

    fn from_str(text: &str) -> Result<Lang, LangError> {
        Lang::parse(text)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;

    #[test]
    fn tags_are_canonical() {
        assert_eq!(Lang::parse("fr").unwrap(), Lang::FR);
        assert_eq!(Lang::parse("fr-ca").unwrap().code(), "fr-CA");
        assert_eq!(Lang::parse("fr_CA").unwrap().code(), "fr-CA");
        assert_eq!(Lang::parse("ZH-hant-tw").unwrap().code(), "zh-Hant-TW");
        assert_eq!(Lang::parse("fr-CA").unwrap().primary(), Lang::FR);
        assert!(Lang::parse("fr-CA").unwrap().same_primary(Lang::FR));
    }

    #[test]
    fn bad_tags_are_refused() {
        for bad in [
            "",
            "f",
            "français",
            "fr-",
            "12",
            "fr-CA-x-verylongprivateusetag",
        ] {
            assert!(Lang::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn locales_give_their_tag() {
        assert_eq!(Lang::from_locale("fr_FR.UTF-8").unwrap().code(), "fr-FR");
        assert_eq!(Lang::from_locale("de_DE@euro").unwrap().code(), "de-DE");
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("POSIX"), None);
    }
}
