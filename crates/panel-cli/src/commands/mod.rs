//! The subcommands, by group; each function takes the database option and the arguments
//! the person gave, and prints what it did.

pub(crate) mod data;
pub(crate) mod documents;
pub(crate) mod finance;
pub(crate) mod foresight;
pub(crate) mod partners;
pub(crate) mod safety;
pub(crate) mod spend;
