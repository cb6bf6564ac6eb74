//! Unit tests of the explanation tree.
