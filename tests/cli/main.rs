//! Integration tests: the real `kzlg` binary on real files.

mod analysis; // kzlg chain and kzlg analyse on a small system with hand-computed answers
mod bad_input; // every broken table gives its exact error, exit 2, and no output
mod build; // building the graph from the fixture tables
mod catalogue; // every catalogue query gives its expected result on the bundled data
mod civic; // kzlg export ftm and popolo: statuses at several dates, dates at their precision, provenance
mod coverage; // kzlg coverage: paragraphs cited, exempt and uncovered on a hand-worked source
mod data; // key facts of the bundled data, as the sources state them
mod evidence; // quotes are found in their sources
mod export; // kzlg export: views, formats, --query, parallel edges, atomic output
mod federation; // kzlg query --federate against a SPARQL endpoint on loopback
mod generate; // kzlg generate: man pages and completions cover every subcommand
mod link; // kzlg link suggest: precision and recall on extracts with known answers, accepting links
mod load_regressions; // a test per fixed bug of the loader
mod params; // kzlg query --param: entities in any spelling, dates, texts, every error at once
mod progress; // progress on a terminal's stderr for long work, never in a pipe or under --quiet
mod publish; // kzlg publish: refusals before anything is sent, an unreachable store (Virtuoso: make check-publish)
mod query; // SPARQL from files, the catalogue, -e and stdin, in every format
mod query_lint; // warnings for names the graph does not hold, hints on syntax errors
mod quickstatements; // kzlg export quickstatements: exact batches on a hand-worked fixture, the report, atomic output
mod regressions; // one test per fixed bug, each saying what it guards
mod search; // kzlg resolve and kzlg search: every name finds its entity first, ambiguous names, full text
mod serve; // kzlg serve: the SPARQL protocol, limits, bad HTTP input, search, reconciliation, pages
mod show; // kzlg show: the Zhambyl akim of 2002 with its sources, natural spellings, ties, both directions, the time fixture's pages
mod site; // kzlg site: every entity's three files, links that resolve, the search index in any script, same bytes, atomic
mod sparql_functions; // kzlg:holdsOn and the other date functions, on literals and statement nodes
mod store; // kzlg load --store: the same answers as the tables, a killed load, refusals; the error without the feature
mod support;
mod time; // the time model: --as-of, who-held, chains and centralities at three dates, built files
mod validate; // kzlg validate without the feature `shacl`: the error that says how to get it
mod void; // dist/void.ttl describes the built graph with counts that match it
