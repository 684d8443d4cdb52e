//! Writers of the [`Network`](crate::network::Network) for graph tools, one small module per
//! format. Each writes nodes and edges in the network's order (sorted ids), so the same
//! tables give byte-identical files. The civic-tech formats (`ftm`, `popolo`) write the people,
//! posts, bodies and tenures that [`civic`] reads instead, sorted by id too.

pub mod civic;
pub mod csv;
pub mod dot;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod popolo;
pub mod quickstatements;

use std::borrow::Cow;

use crate::network::{Edge, Network};

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GraphML with typed keys, for Gephi, yEd, Cytoscape, networkx and igraph.
    #[value(name = "graphml")]
    GraphMl,
    /// GEXF 1.2 with time intervals, for Gephi's timeline.
    Gexf,
    /// Graphviz DOT, ranked by level, coloured by relation.
    Dot,
    /// `nodes.csv` and `edges.csv` as Gephi's spreadsheet import reads them.
    Csv,
    /// Wikidata QuickStatements (V1): position held (P39) with dates and references.
    #[value(name = "quickstatements")]
    QuickStatements,
    /// FollowTheMoney entities as JSON lines, for Aleph, OpenSanctions' tools and `ftm`.
    Ftm,
    /// Popolo JSON: persons, organizations, posts, memberships and areas.
    Popolo,
}

/// Text made safe for XML: characters XML 1.0 forbids are dropped, markup is escaped.
fn xml(text: &str) -> Cow<'_, str> {
    // Most text needs neither: no markup, no control character, and no character from U+F000
    // on (whose UTF-8 begins with 0xEF), among which are U+FFFE and U+FFFF.
    let untouched = |b: u8| {
        (b >= b' ' || matches!(b, b'\t' | b'\n' | b'\r')) && !matches!(b, b'<' | b'>' | b'&' | b'"' | b'\'' | 0xEF)
    };
    if text.bytes().all(untouched) {
        return Cow::Borrowed(text);
    }
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if text.chars().all(allowed) {
        quick_xml::escape::escape(text)
    } else {
        let clean: String = text.chars().filter(|&c| allowed(c)).collect();
        Cow::Owned(quick_xml::escape::escape(clean.as_str()).into_owned())
    }
}

/// Opens an XML `<edge>` of GraphML or GEXF, after `indent`: its id, source and target as name
/// tokens, the last attribute closed, the tag left open for what each format adds.
fn open_xml_edge(out: &mut dyn std::io::Write, indent: &str, network: &Network, edge: &Edge) -> std::io::Result<()> {
    out.write_all(indent.as_bytes())?;
    out.write_all(br#"<edge id=""#)?;
    out.write_all(nmtoken(&edge.id).as_bytes())?;
    out.write_all(br#"" source=""#)?;
    out.write_all(nmtoken(&network.node(edge.source).id).as_bytes())?;
    out.write_all(br#"" target=""#)?;
    out.write_all(nmtoken(&network.node(edge.target).id).as_bytes())?;
    out.write_all(b"\"")
}

/// An XML name token (what GraphML requires of ids): letters, digits, `.`, `-`, `_`, `:`, so
/// nothing XML escapes; other characters become `_` followed by their code point in hex.
fn nmtoken(id: &str) -> Cow<'_, str> {
    if id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
    {
        return Cow::Borrowed(id);
    }
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':');
    let mut token = String::with_capacity(id.len() + 8);
    for c in id.chars() {
        if plain(c) && c != '_' {
            token.push(c);
        } else {
            token.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    Cow::Owned(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(xml("bell\u{7}"), "bell");
        assert_eq!(xml("tab\tand 'quote'"), "tab\tand &apos;quote&apos;");
        assert_eq!(
            xml("\u{F000}\u{FFFE}\u{FFFF}ok"),
            "\u{F000}ok",
            "0xEF leads to the slow path"
        );
        assert!(matches!(xml("Қазақстан, 2001"), Cow::Borrowed(_)));
    }

    #[test]
    fn nmtokens_keep_slugs_and_encode_the_rest() {
        assert_eq!(nmtoken("akim-district"), "akim-district");
        assert_eq!(nmtoken("http://x.org/a b"), "http:_2f__2f_x.org_2f_a_20_b");
        assert_ne!(nmtoken("a_b"), nmtoken("a b"));
        // The writers put tokens in attributes unescaped.
        for id in ["a<b&\"c'>", "Қазақ\u{7}", "x\u{FFFE}y", "a_b"] {
            assert_eq!(xml(&nmtoken(id)), nmtoken(id), "{id}");
        }
    }
}
