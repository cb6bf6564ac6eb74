//! The functions called by name (`min`, `max`, `abs`, `round`) and the rounding modes texts
//! name ("to the nearest euro, half up", "half even", "down").

use rust_decimal::{Decimal, RoundingStrategy};

use crate::language::ast::Expr;
use crate::source::Span;

/// A function called by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionName {
    /// `min(a, b, …)`: the least.
    Min,
    /// `max(a, b, …)`: the greatest.
    Max,
    /// `abs(x)`: the magnitude.
    Abs,
    /// `round(x, to STEP, MODE)`: to a multiple of the step.
    Round,
}

impl FunctionName {
    /// The functions by name, as written.
    pub const ALL: [FunctionName; 4] = [
        FunctionName::Min,
        FunctionName::Max,
        FunctionName::Abs,
        FunctionName::Round,
    ];

    /// The function's name as written.
    pub fn name(self) -> &'static str {
        match self {
            FunctionName::Min => "min",
            FunctionName::Max => "max",
            FunctionName::Abs => "abs",
            FunctionName::Round => "round",
        }
    }

    /// The function a name calls.
    pub fn from_name(name: &str) -> Option<FunctionName> {
        FunctionName::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Every name that calls something, for the error about one that does not: the functions
/// by name and those of the grammar's own words.
pub const CALLABLE: [&str; 7] = ["abs", "applies", "count", "max", "min", "round", "verdict"];

/// How a value between two multiples of the step is rounded. Every mode is symmetric about
/// zero: a negative amount is rounded as its opposite is, then negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundMode {
    /// To the nearest; a tie away from zero (2.5 → 3, -2.5 → -3): `half up`, the default.
    HalfUp,
    /// To the nearest; a tie towards zero (2.5 → 2): `half down`.
    HalfDown,
    /// To the nearest; a tie to the even multiple (2.5 → 2, 3.5 → 4): `half even`.
    HalfEven,
    /// Away from zero (2.1 → 3): `up`.
    Up,
    /// Towards zero (2.9 → 2): `down`.
    Down,
}

impl RoundMode {
    /// The mode as written.
    pub fn words(self) -> &'static str {
        match self {
            RoundMode::HalfUp => "half up",
            RoundMode::HalfDown => "half down",
            RoundMode::HalfEven => "half even",
            RoundMode::Up => "up",
            RoundMode::Down => "down",
        }
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundMode::Up => RoundingStrategy::AwayFromZero,
            RoundMode::Down => RoundingStrategy::ToZero,
        }
    }
}

/// A call by name as written: `max(a, b)`, `round(x, to 0.01, half even)`.
#[derive(Clone, Debug)]
pub struct Call {
    /// The function.
    pub function: FunctionName,
    /// Where its name is written.
    pub name_span: Span,
    /// Its arguments.
    pub args: Vec<Expr>,
    /// `to STEP` (`round` only).
    pub step: Option<Box<Expr>>,
    /// The rounding mode and where it is written (`round` only).
    pub mode: Option<(RoundMode, Span)>,
}

/// A checked function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// The least of its arguments.
    Min,
    /// The greatest of its arguments.
    Max,
    /// The magnitude of its argument.
    Abs,
    /// Its argument rounded to a multiple of `step` (positive).
    Round {
        /// The multiple rounded to (`1` by default).
        step: Decimal,
        /// How (half up by default).
        mode: RoundMode,
    },
}

/// Rounds `value` to a multiple of `step` (positive); `None` on overflow.
pub fn round(value: Decimal, step: Decimal, mode: RoundMode) -> Option<Decimal> {
    if step <= Decimal::ZERO {
        return None;
    }
    let multiples = value.checked_div(step)?;
    let whole = multiples.round_dp_with_strategy(0, mode.strategy());
    Some(whole.checked_mul(step)?.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn r(value: &str, step: &str, mode: RoundMode) -> String {
        let (value, step) = (
            Decimal::from_str(value).unwrap(),
            Decimal::from_str(step).unwrap(),
        );
        round(value, step, mode).unwrap().normalize().to_string()
    }

    #[test]
    fn half_up_rounds_ties_away_from_zero() {
        assert_eq!(r("2.5", "1", RoundMode::HalfUp), "3");
        assert_eq!(r("-2.5", "1", RoundMode::HalfUp), "-3");
        assert_eq!(r("2.45", "0.1", RoundMode::HalfUp), "2.5");
        assert_eq!(r("2.449", "0.1", RoundMode::HalfUp), "2.4");
        assert_eq!(r("1499.99", "1000", RoundMode::HalfUp), "1000");
        assert_eq!(r("1500", "1000", RoundMode::HalfUp), "2000");
    }

    #[test]
    fn half_down_rounds_ties_towards_zero() {
        assert_eq!(r("2.5", "1", RoundMode::HalfDown), "2");
        assert_eq!(r("-2.5", "1", RoundMode::HalfDown), "-2");
        assert_eq!(r("2.51", "1", RoundMode::HalfDown), "3");
        assert_eq!(r("2.45", "0.1", RoundMode::HalfDown), "2.4");
    }

    #[test]
    fn half_even_rounds_ties_to_the_even_multiple() {
        assert_eq!(r("2.5", "1", RoundMode::HalfEven), "2");
        assert_eq!(r("3.5", "1", RoundMode::HalfEven), "4");
        assert_eq!(r("-2.5", "1", RoundMode::HalfEven), "-2");
        assert_eq!(r("2.45", "0.1", RoundMode::HalfEven), "2.4");
        assert_eq!(r("2.55", "0.1", RoundMode::HalfEven), "2.6");
        assert_eq!(r("0.125", "0.01", RoundMode::HalfEven), "0.12");
    }

    #[test]
    fn up_and_down_go_away_from_and_towards_zero() {
        assert_eq!(r("2.1", "1", RoundMode::Up), "3");
        assert_eq!(r("-2.1", "1", RoundMode::Up), "-3");
        assert_eq!(r("2", "1", RoundMode::Up), "2");
        assert_eq!(r("2.9", "1", RoundMode::Down), "2");
        assert_eq!(r("-2.9", "1", RoundMode::Down), "-2");
        assert_eq!(r("1999", "1000", RoundMode::Down), "1000");
        assert_eq!(r("0.011", "0.01", RoundMode::Up), "0.02");
        assert_eq!(r("2.45", "0.1", RoundMode::Up), "2.5");
        assert_eq!(r("2.45", "0.1", RoundMode::Down), "2.4");
        assert_eq!(r("2.5", "1", RoundMode::Down), "2");
        assert_eq!(r("-2.5", "1", RoundMode::Up), "-3");
    }

    #[test]
    fn a_step_that_is_not_a_power_of_ten_counts_its_multiples() {
        assert_eq!(r("0.37", "0.05", RoundMode::HalfUp), "0.35");
        assert_eq!(r("0.375", "0.05", RoundMode::HalfUp), "0.4");
        assert_eq!(r("0.375", "0.05", RoundMode::HalfEven), "0.4");
        assert_eq!(r("0.325", "0.05", RoundMode::HalfEven), "0.3");
    }

    #[test]
    fn a_step_that_is_not_positive_gives_nothing() {
        assert_eq!(round(Decimal::ONE, Decimal::ZERO, RoundMode::HalfUp), None);
    }
}
