//! Numbers as written, read exactly: the one grammar of numbers every fact format shares
//! (YAML, JSON, TOML), so that the same text gives the same value, or the same refusal.

use rust_decimal::Decimal;

use super::convert::Misfit;

/// The most digits a decimal holds (its mantissa is below 2^96, about 7.9e28).
const MAX_DIGITS: usize = 29;
/// The most digits after the point a decimal holds.
const MAX_SCALE: i64 = 28;

/// A number's text in parts: `-12.50e3` is negative, `12`, `50`, exponent 3.
struct Parts<'t> {
    negative: bool,
    whole: &'t str,
    fraction: &'t str,
    /// Whether a point or an exponent is written: the number is a decimal, not a whole one.
    decimal: bool,
    /// The exponent, saturated far beyond any decimal's range.
    exponent: i64,
}

/// Splits `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of the point);
/// `None` for any other text (`inf`, `.nan`, `0x1F`, `1_000`, a blank).
fn parts(text: &str) -> Option<Parts<'_>> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (rest.get(..at)?, Some(rest.get(at + 1..)?)),
        None => (rest, None),
    };
    let (whole, fraction, point) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, fraction, true),
        None => (mantissa, "", false),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    let exponent_value = match exponent {
        None => 0,
        Some(e) => {
            let (sign, magnitude) = match e.as_bytes().first()? {
                b'-' => (-1, e.get(1..)?),
                b'+' => (1, e.get(1..)?),
                _ => (1, e),
            };
            if magnitude.is_empty() || !digits(magnitude) {
                return None;
            }
            // Past a million the value is out of range whatever the digits: saturate there.
            let magnitude = magnitude.trim_start_matches('0');
            let value = if magnitude.is_empty() {
                0
            } else if magnitude.len() > 7 {
                1_000_000_000
            } else {
                magnitude.parse::<i64>().unwrap_or(1_000_000_000)
            };
            sign * value
        }
    };
    Some(Parts {
        negative,
        whole,
        fraction,
        decimal: point || exponent.is_some(),
        exponent: exponent_value,
    })
}

/// Whether a text is a number of the shared grammar written with a fraction part or an
/// exponent (`2.0`, `1e3`): a decimal, which a whole-number fact refuses.
/// A number written with digit-group underscores, as the policy language writes it
/// (`10_000_000`, `-1_000.50`), without them; `None` for any other text (no underscore, an
/// underscore not between two digits, an exponent). YAML 1.2 reads such a plain scalar as
/// text: a number fact takes it as the number it spells.
pub(crate) fn without_digit_groups(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'_') {
        return None;
    }
    let between_digits = bytes.iter().enumerate().all(|(at, b)| {
        *b != b'_'
            || (at > 0
                && bytes.get(at - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
    });
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    let unsigned = plain.strip_prefix(['-', '+']).unwrap_or(&plain);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (between_digits && digits(whole) && digits(fraction)).then_some(plain)
}

pub(crate) fn is_decimal_shaped(text: &str) -> bool {
    parts(text).is_some_and(|p| p.decimal)
}

/// A whole number as written (`-12`, `+7`): exact, or out of range for 64 bits. A number
/// written with a fraction part or an exponent is not a whole number, even `2.0`.
pub(crate) fn integer(text: &str) -> Result<i64, Misfit> {
    match parts(text) {
        Some(p) if !p.decimal => {
            let digits = format!("{}{}", if p.negative { "-" } else { "" }, p.whole);
            digits.parse::<i64>().map_err(|_| Misfit::OutOfRange)
        }
        _ => Err(Misfit::Kind),
    }
}

/// A decimal as written (`0.1`, `-1.5e-3`, `12`): exactly the value written, or refused when
/// a decimal cannot hold it (too large, or more than 28 digits after the point), never
/// rounded. A text that is no number of the grammar (`inf`, `.nan`) is not a number.
pub(crate) fn decimal(text: &str) -> Result<Decimal, Misfit> {
    let p = parts(text).ok_or(Misfit::NotANumber)?;
    let mut digits = format!("{}{}", p.whole, p.fraction);
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    let fraction_len = i64::try_from(p.fraction.len()).unwrap_or(i64::MAX);
    let mut scale = fraction_len.saturating_sub(p.exponent);
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // Zeros at the end that only a too large scale holds change nothing: drop them.
    while scale > MAX_SCALE && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale > MAX_SCALE {
        return Err(Misfit::TooPrecise);
    }
    if scale < 0 {
        let zeros = usize::try_from(-scale).unwrap_or(usize::MAX);
        if zeros > MAX_DIGITS || digits.len() + zeros > MAX_DIGITS {
            return Err(Misfit::OutOfRange);
        }
        digits.push_str(&"0".repeat(zeros));
        scale = 0;
    }
    if digits.len() > MAX_DIGITS {
        return Err(Misfit::OutOfRange);
    }
    let mantissa = digits.parse::<i128>().map_err(|_| Misfit::OutOfRange)?;
    let mantissa = if p.negative { -mantissa } else { mantissa };
    let scale = u32::try_from(scale).map_err(|_| Misfit::OutOfRange)?;
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Misfit::OutOfRange)
}

/// A YAML plain scalar the YAML reader took for a decimal, in the shared grammar: YAML
/// also writes `.5` and `1.` (JSON and TOML do not), so those gain their zero (`0.5`,
/// `1.0`); `+` goes. Any other text (`.inf`, `.NaN`) is kept as written, to be refused.
pub(crate) fn yaml_decimal(text: &str) -> String {
    let Some(p) = parts(text) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 2);
    if p.negative {
        out.push('-');
    }
    out.push_str(if p.whole.is_empty() { "0" } else { p.whole });
    if text.contains('.') {
        out.push('.');
        out.push_str(if p.fraction.is_empty() {
            "0"
        } else {
            p.fraction
        });
    }
    if let Some(at) = text.find(['e', 'E']) {
        out.push_str(text.get(at..).unwrap_or(""));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn decimals_are_exact_or_refused() {
        let exact = |t: &str| decimal(t).unwrap().normalize().to_string();
        assert_eq!(exact("999999.99999999999"), "999999.99999999999");
        assert_eq!(exact("1.5e3"), "1500");
        assert_eq!(exact("-1.5E-3"), "-0.0015");
        assert_eq!(exact("0e-400"), "0");
        assert_eq!(exact("1.000000000000000000000000000000000"), "1");
        assert_eq!(exact("12"), "12");
        assert_eq!(exact("5e0"), "5");
        assert_eq!(exact("5E+00"), "5");
        assert_eq!(exact("-25e-0"), "-25");
        assert_eq!(exact("1e-28"), "0.0000000000000000000000000001");
        assert_eq!(decimal("1.5e-28"), Err(Misfit::TooPrecise));
        assert_eq!(
            exact("79228162514264337593543950335"),
            "79228162514264337593543950335"
        );
        assert_eq!(
            decimal("79228162514264337593543950336"),
            Err(Misfit::OutOfRange)
        );
        assert_eq!(decimal("1e-400"), Err(Misfit::TooPrecise));
        assert_eq!(decimal("1e400"), Err(Misfit::OutOfRange));
        assert_eq!(decimal("1e99999999999999999999"), Err(Misfit::OutOfRange));
        // More digits than a decimal holds: refused, not rounded.
        assert_eq!(
            decimal("1.00000000000000000000000000001e0"),
            Err(Misfit::TooPrecise)
        );
        assert_eq!(
            decimal("123456789012345678901234567890.5"),
            Err(Misfit::OutOfRange)
        );
        assert_eq!(decimal("inf"), Err(Misfit::NotANumber));
        assert_eq!(decimal(".nan"), Err(Misfit::NotANumber));
    }

    #[test]
    fn digit_groups_are_read_between_digits_only() {
        assert_eq!(
            without_digit_groups("10_000_000").as_deref(),
            Some("10000000")
        );
        assert_eq!(
            without_digit_groups("-1_000.000_5").as_deref(),
            Some("-1000.0005")
        );
        for text in [
            "1000", "_1", "1_", "1__0", "1_.5", "1._5", "1_0e3", "a_1", "1_000.", "",
        ] {
            assert_eq!(without_digit_groups(text), None, "{text}");
        }
    }

    #[test]
    fn whole_numbers_are_written_whole() {
        assert_eq!(integer("-12"), Ok(-12));
        assert_eq!(integer("+7"), Ok(7));
        assert_eq!(integer("2.0"), Err(Misfit::Kind));
        assert_eq!(integer("1e3"), Err(Misfit::Kind));
        assert_eq!(integer("99999999999999999999"), Err(Misfit::OutOfRange));
    }

    #[test]
    fn yaml_spellings_gain_their_zeros() {
        assert_eq!(yaml_decimal(".5"), "0.5");
        assert_eq!(yaml_decimal("+1."), "1.0");
        assert_eq!(yaml_decimal("-1.5e+3"), "-1.5e+3");
        assert_eq!(yaml_decimal(".inf"), ".inf");
    }
}
