//! The fast reader of JSON fact sets: serde drives the policy's fact index and writes each
//! value straight into its slot, with no tree in between. It only says whether a text fits;
//! when it does not, the spanned reader ([`super::parse`], [`super::bind`]) runs to say
//! where and why, so messages stay the same. Both readers agree on every text they accept.

use std::fmt;

use jiff::civil::Date;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::convert;
use super::index::{FactIndex, Node};
use super::{EVALUATED_ON, SCHEMA_KEY};
use crate::facts::FactSet;
use crate::language::types::Type;
use crate::language::value::Value;

/// Reads a JSON fact set into the slots of `index`'s program; `None` when the text is not
/// a fact set of the policy (bad JSON, unknown key, value of the wrong type, a key given
/// twice…): the spanned reader then says what is wrong.
pub fn read_json(index: &FactIndex, text: &str) -> Option<FactSet> {
    if text.starts_with('\u{feff}') {
        return None; // refused, with its place, by the spanned reader
    }
    let mut state = State {
        index,
        values: vec![None; index.len()],
        seen: vec![false; index.nodes.len()],
        evaluated_on: None,
        seen_schema: false,
        seen_evaluated_on: false,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let seed = MapSeed {
        state: &mut state,
        node: 0,
    };
    seed.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    let values = state
        .values
        .into_iter()
        .zip(&index.absent)
        .map(|(value, absent)| value.unwrap_or_else(|| absent.clone()))
        .collect::<Vec<_>>();
    if !index.within_ranges(&values) {
        return None;
    }
    Some(FactSet {
        values,
        evaluated_on: state.evaluated_on,
    })
}

/// What has been read so far.
struct State<'i> {
    index: &'i FactIndex,
    values: Vec<Option<Value>>,
    /// Nodes whose key was given: a second time is an error.
    seen: Vec<bool>,
    evaluated_on: Option<Date>,
    seen_schema: bool,
    seen_evaluated_on: bool,
}

fn fail<E: de::Error>() -> E {
    E::custom("not a fact set of the policy")
}

/// The entries of a group (node 0: the whole file).
struct MapSeed<'s, 'i> {
    state: &'s mut State<'i>,
    node: usize,
}

impl<'de> DeserializeSeed<'de> for MapSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MapSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map of facts")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.node == 0;
        while let Some(key) = map.next_key_seed(KeySeed {
            index: self.state.index,
            node: self.node,
            top,
        })? {
            match key {
                Key::Schema => {
                    if std::mem::replace(&mut self.state.seen_schema, true) {
                        return Err(fail());
                    }
                    map.next_value_seed(TextSeed)?;
                }
                Key::EvaluatedOn => {
                    if std::mem::replace(&mut self.state.seen_evaluated_on, true) {
                        return Err(fail());
                    }
                    let date = map.next_value_seed(Nullable(ValueSeed {
                        index: self.state.index,
                        ty: &Type::Date,
                    }))?;
                    if let Some(Value::Date(date)) = date {
                        self.state.evaluated_on = Some(date);
                    }
                }
                Key::Node(node) => {
                    match self.state.seen.get_mut(node) {
                        Some(seen) if !*seen => *seen = true,
                        _ => return Err(fail()),
                    }
                    let index = self.state.index;
                    match index.nodes.get(node) {
                        Some(Node::Fact { slot, ty }) => {
                            let value = map.next_value_seed(Nullable(ValueSeed { index, ty }))?;
                            if let (Some(value), Some(place)) =
                                (value, self.state.values.get_mut(*slot))
                            {
                                *place = Some(value);
                            }
                        }
                        Some(Node::Group(_)) => {
                            map.next_value_seed(Nullable(MapSeed {
                                state: &mut *self.state,
                                node,
                            }))?;
                        }
                        _ => return Err(fail()),
                    }
                }
            }
        }
        Ok(())
    }
}

/// What a key is.
enum Key {
    Schema,
    EvaluatedOn,
    Node(usize),
}

/// A key, resolved against the group it is written in.
struct KeySeed<'i> {
    index: &'i FactIndex,
    node: usize,
    top: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        // The spanned reader's order: the file's own keys first, then facts and groups.
        if self.top && key == SCHEMA_KEY {
            return Ok(Key::Schema);
        }
        if self.top && key == EVALUATED_ON {
            return Ok(Key::EvaluatedOn);
        }
        self.index
            .lookup(self.node, key)
            .map(Key::Node)
            .ok_or_else(fail)
    }
}

/// `null` (left out) or a value read by the inner seed.
struct Nullable<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Nullable<S> {
    type Value = Option<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Nullable<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// Any text (the `$schema` key).
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

/// One value of a type.
#[derive(Clone, Copy)]
struct ValueSeed<'i, 't> {
    index: &'i FactIndex,
    ty: &'t Type,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        match self.ty {
            Type::Bool => <bool as serde::Deserialize>::deserialize(deserializer).map(Value::Bool),
            Type::Integer | Type::Decimal => {
                // The number as written, read as the spanned reader reads it: exact, and
                // `-0` is a whole number while `0.0` is not.
                let raw = <&serde_json::value::RawValue as serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                let text = raw.get();
                if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    return Err(fail()); // not a number: a text, a list…
                }
                convert::number(self.ty, text).map_err(|_| fail())
            }
            Type::Set(_) => deserializer.deserialize_seq(self),
            _ => deserializer.deserialize_str(self),
        }
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value of the fact's type")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        match self.ty {
            Type::Integer => Ok(Value::Integer(v)),
            _ => Err(fail()),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        match (self.ty, i64::try_from(v)) {
            (Type::Integer, Ok(v)) => Ok(Value::Integer(v)),
            _ => Err(fail()),
        }
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        let index = self.index;
        convert::text(self.ty, s, |vocabulary, name| {
            index.member(vocabulary, name)
        })
        .map_err(|_| fail())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Type::Set(element) = self.ty else {
            return Err(fail());
        };
        let seed = ValueSeed {
            index: self.index,
            ty: element,
        };
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(seed)? {
            items.push(item);
        }
        let given = items.len();
        let set = Value::set_of(items);
        // A member given twice is refused: the spanned reader says where.
        match &set {
            Value::Set(members) if members.len() == given => Ok(set),
            _ => Err(fail()),
        }
    }
}
