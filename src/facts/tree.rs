//! The facts of a policy as a tree of groups, by their dotted paths, in declaration order.

use crate::language::program::{FactInfo, Program};

/// The facts under one dotted prefix, in declaration order.
#[derive(Default)]
pub struct Group<'p> {
    /// Each entry's name (one segment of the path) and what it holds.
    pub entries: Vec<(String, Entry<'p>)>,
}

/// A fact, or a group of facts.
pub enum Entry<'p> {
    /// A fact.
    Fact(&'p FactInfo),
    /// A group.
    Group(Group<'p>),
}

impl<'p> Group<'p> {
    /// Adds a fact under the rest of its path.
    pub fn insert(&mut self, path: &str, fact: &'p FactInfo) {
        let (head, rest) = match path.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (path, None),
        };
        let found = self.entries.iter_mut().find(|(name, _)| name == head);
        match (found, rest) {
            (Some((_, Entry::Group(group))), Some(rest)) => group.insert(rest, fact),
            // A fact and a group of the same name cannot both be written: the first wins.
            (Some(_), _) => {}
            (None, Some(rest)) => {
                let mut group = Group::default();
                group.insert(rest, fact);
                self.entries.push((head.to_string(), Entry::Group(group)));
            }
            (None, None) => self.entries.push((head.to_string(), Entry::Fact(fact))),
        }
    }
}

/// The tree of all of a program's facts.
pub fn tree(program: &Program) -> Group<'_> {
    let mut root = Group::default();
    for fact in &program.facts {
        root.insert(&fact.path, fact);
    }
    root
}
