//! Which language a reader gets when the one asked for is missing, and the notes that say so.

use super::Lang;
use super::{serving, words};

/// The language a policy's texts are shown in for a reader of `lang`, among the languages
/// the policy writes (`written`, its default first): `lang`, else a text in the same
/// primary language (`fr` for `fr-CA`), else the default. None when the policy writes no
/// language (its texts serve every reader).
pub fn texts_shown(written: &[Lang], lang: Lang) -> Option<Lang> {
    let find = |wanted: &dyn Fn(Lang) -> bool| written.iter().copied().find(|l| wanted(*l));
    find(&|l| l == lang)
        .or_else(|| find(&|l| l == lang.primary()))
        .or_else(|| find(&|l| l.same_primary(lang)))
        .or_else(|| written.first().copied())
}

/// The notes for a reader who asked for `lang`: one when the policy's texts are shown in
/// another language, one when the tool's own words are; one for both when it is the same.
pub fn fallback_notes(written: &[Lang], lang: Lang) -> Vec<String> {
    let w = words(lang);
    let texts = texts_shown(written, lang).filter(|l| *l != lang);
    let interface = Some(serving(lang)).filter(|l| *l != lang);
    let note = |id: &str, shown: Lang| {
        let args = [
            ("requested", lang.code().into()),
            ("shown", shown.code().into()),
        ];
        w.format(id, &args)
    };
    match (texts, interface) {
        (Some(t), Some(i)) if t == i => vec![note("lang-fallback-both", t)],
        (t, i) => t
            .map(|t| note("lang-fallback-texts", t))
            .into_iter()
            .chain(i.map(|i| note("lang-fallback-words", i)))
            .collect(),
    }
}
