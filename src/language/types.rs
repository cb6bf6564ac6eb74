//! The types of the language.

use std::fmt;

/// A type of the language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// `bool`
    Bool,
    /// `integer`
    Integer,
    /// `decimal` (exact)
    Decimal,
    /// `text`
    Text,
    /// `date`
    Date,
    /// `duration` (calendar)
    Duration,
    /// A vocabulary, by index; the verdict scale is vocabulary 0.
    Enum(u32),
    /// `set of T`
    Set(Box<Type>),
    /// `T?`: may be left out.
    Optional(Box<Type>),
}

impl Type {
    /// The type without its optional mark.
    pub fn required(&self) -> &Type {
        match self {
            Type::Optional(inner) => inner,
            other => other,
        }
    }

    /// Whether the type is `T?`.
    pub fn is_optional(&self) -> bool {
        matches!(self, Type::Optional(_))
    }

    /// Whether values of `self` may be used where `expected` is wanted
    /// (an integer widens to a decimal; a value to its optional).
    pub fn fits(&self, expected: &Type) -> bool {
        match (self, expected) {
            (a, b) if a == b => true,
            (Type::Integer, Type::Decimal) => true,
            (Type::Set(a), Type::Set(b)) => a.fits(b),
            (Type::Optional(a), Type::Optional(b)) => a.fits(b),
            (a, Type::Optional(b)) => a.fits(b),
            _ => false,
        }
    }

    /// Whether the type is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Type::Integer | Type::Decimal)
    }

    /// Writes the type with vocabulary names.
    pub fn display<'a>(&'a self, vocabularies: &'a [String]) -> TypeDisplay<'a> {
        TypeDisplay {
            ty: self,
            vocabularies,
        }
    }
}

/// A type shown with its vocabulary names.
pub struct TypeDisplay<'a> {
    ty: &'a Type,
    vocabularies: &'a [String],
}

impl fmt::Display for TypeDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ty {
            Type::Bool => write!(f, "bool"),
            Type::Integer => write!(f, "integer"),
            Type::Decimal => write!(f, "decimal"),
            Type::Text => write!(f, "text"),
            Type::Date => write!(f, "date"),
            Type::Duration => write!(f, "duration"),
            Type::Enum(index) => write!(
                f,
                "{}",
                self.vocabularies
                    .get(*index as usize)
                    .map_or("?", String::as_str)
            ),
            Type::Set(inner) => write!(f, "set of {}", inner.display(self.vocabularies)),
            Type::Optional(inner) => write!(f, "{}?", inner.display(self.vocabularies)),
        }
    }
}
