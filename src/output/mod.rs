//! The built graph as files, lowest layer first: [`ntriples`] encodes and cuts the lines (one
//! at a time or a chunk of them), [`terms`] stores each term once under an id, [`canonical`]
//! sorts the id triples in line order and hashes the canonical form, [`prefixes`] declares the
//! project's prefixes on serializers, [`jsonld`] and [`turtle`] write the sorted lines as JSON-LD
//! and Turtle, [`direct`] writes a file past the page cache, [`staged`] writes files under
//! temporary names and renames them when whole, [`void`] describes the graph from its lines, and
//! [`dist`] writes every file of `dist/`.
//! Each imports only the modules before it.

pub mod canonical;
pub mod direct;
pub mod dist;
pub(crate) mod jsonld;
pub mod ntriples;
pub mod prefixes;
pub mod staged;
pub(crate) mod terms;
pub(crate) mod turtle;
pub mod void;
