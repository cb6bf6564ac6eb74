//! A policy's fact declarations compiled once for reading many fact sets: keys to slots,
//! vocabulary names to members, and each slot's value when left out.

use crate::language::program::{Presence, Program};
use crate::language::range::Range;
use crate::language::types::Type;
use crate::language::value::Value;

/// Where a key of a fact file leads.
#[derive(Debug)]
pub(crate) enum Node {
    /// A group of facts: its keys and their nodes. A group holds a few keys: scanning them
    /// is faster than hashing the key.
    Group(Vec<(Box<str>, usize)>),
    /// A fact: its slot and type (the optional mark removed).
    Fact {
        /// The fact's slot.
        slot: usize,
        /// The type its values have.
        ty: Type,
    },
    /// A name that is both a fact and a group: left to the spanned reader, which says how
    /// it binds.
    Ambiguous,
}

/// The facts of a program as a tree of keys, compiled once for the fast reader
/// ([`super::read_json`]).
#[derive(Debug)]
pub struct FactIndex {
    /// The nodes; node 0 is the top level.
    pub(crate) nodes: Vec<Node>,
    /// Per vocabulary, its names in member order.
    pub(crate) members: Vec<Vec<Box<str>>>,
    /// Per slot, the value of a fact left out.
    pub(crate) absent: Vec<Value>,
    /// The slots whose fact declares a range, with it.
    pub(crate) ranges: Vec<(usize, Range)>,
}

impl FactIndex {
    /// Compiles the fact declarations of a program.
    pub fn new(program: &Program) -> FactIndex {
        let mut index = FactIndex {
            nodes: vec![Node::Group(Vec::new())],
            members: program
                .vocabularies
                .iter()
                .map(|v| v.members.iter().map(|m| m.name.as_str().into()).collect())
                .collect(),
            absent: Vec::new(),
            ranges: program
                .facts
                .iter()
                .enumerate()
                .filter_map(|(slot, f)| Some((slot, f.range.clone()?)))
                .collect(),
        };
        for (slot, fact) in program.facts.iter().enumerate() {
            index.insert(&fact.path, slot, fact.ty.required().clone());
            let slot_id = u32::try_from(slot).unwrap_or(u32::MAX);
            index.absent.push(match &fact.presence {
                Presence::Required => Value::Unknown(vec![slot_id].into()),
                Presence::Default(value) => value.clone(),
                Presence::Optional => Value::NotSet,
            });
        }
        index
    }

    /// Whether every value lies in its fact's range (the fast reader leaves a value out of
    /// range to the spanned reader, which says where).
    pub(crate) fn within_ranges(&self, values: &[Value]) -> bool {
        self.ranges
            .iter()
            .all(|(slot, range)| values.get(*slot).is_none_or(|v| range.contains(v)))
    }

    fn insert(&mut self, path: &str, slot: usize, ty: Type) {
        let mut at = 0;
        let mut segments = path.split('.').peekable();
        while let Some(segment) = segments.next() {
            let last = segments.peek().is_none();
            let next = self.nodes.len();
            let Some(Node::Group(children)) = self.nodes.get_mut(at) else {
                // A fact stands where a group should: the name is both.
                if let Some(node) = self.nodes.get_mut(at) {
                    *node = Node::Ambiguous;
                }
                return;
            };
            match child(children, segment) {
                Some(child) if last => {
                    if let Some(node) = self.nodes.get_mut(child) {
                        *node = Node::Ambiguous;
                    }
                    return;
                }
                Some(child) => at = child,
                None => {
                    children.push((segment.into(), next));
                    self.nodes.push(if last {
                        Node::Fact {
                            slot,
                            ty: ty.clone(),
                        }
                    } else {
                        Node::Group(Vec::new())
                    });
                    at = next;
                }
            }
        }
    }

    /// The node a key (maybe dotted: `a.b`) leads to from a group node.
    pub(crate) fn lookup(&self, from: usize, key: &str) -> Option<usize> {
        let mut at = from;
        for segment in key.split('.') {
            match self.nodes.get(at)? {
                Node::Group(children) => at = child(children, segment)?,
                _ => return None,
            }
        }
        Some(at)
    }

    /// The index of a vocabulary's name.
    pub(crate) fn member(&self, vocabulary: u32, name: &str) -> Option<u32> {
        let names = self.members.get(vocabulary as usize)?;
        let index = names.iter().position(|n| n.as_ref() == name)?;
        u32::try_from(index).ok()
    }

    /// The number of facts.
    pub fn len(&self) -> usize {
        self.absent.len()
    }

    /// Whether the policy reads no fact.
    pub fn is_empty(&self) -> bool {
        self.absent.is_empty()
    }
}

/// The node of a group's key.
fn child(children: &[(Box<str>, usize)], key: &str) -> Option<usize> {
    children
        .iter()
        .find(|(name, _)| name.as_ref() == key)
        .map(|(_, node)| *node)
}
