//! Splitting a source text into paragraphs, by the rule of the [coverage](super) module.

/// A non-blank line longer than this is not wrapped.
pub const UNWRAPPED_CHARS: usize = 160;

/// The longest heading, caption or attribution, in characters other than whitespace.
pub const LABEL_CHARS: usize = 80;

/// How many characters of an uncovered paragraph the report shows.
pub const OPENING_CHARS: usize = 80;

/// A paragraph of a source: its first and last lines (1-based) and its text, whitespace collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub first: u64,
    pub last: u64,
    pub text: String,
}

impl Paragraph {
    fn new(lines: &[(u64, &str)]) -> Self {
        let words: Vec<&str> = lines.iter().flat_map(|(_, line)| line.split_whitespace()).collect();
        Self {
            first: lines[0].0,
            last: lines[lines.len() - 1].0,
            text: words.join(" "),
        }
    }

    /// The first [`OPENING_CHARS`] characters, with an ellipsis when there is more.
    pub fn opening(&self) -> String {
        match self.text.char_indices().nth(OPENING_CHARS) {
            Some((at, _)) => format!("{}…", &self.text[..at]),
            None => self.text.clone(),
        }
    }
}

/// Splits a source text into paragraphs (see the module documentation for the rule).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines: Vec<(u64, &str)> = text.split('\n').zip(1..).map(|(line, n)| (n, line.trim())).collect();
    let filled = lines.iter().filter(|(_, line)| !line.is_empty()).count();
    let long = lines
        .iter()
        .filter(|(_, line)| line.chars().count() > UNWRAPPED_CHARS)
        .count();
    let unwrapped = filled > 0 && 2 * long >= filled;
    let mut blocks: Vec<Vec<(u64, &str)>> = Vec::new();
    let mut open = false;
    for &(n, line) in &lines {
        if line.is_empty() {
            open = false;
            continue;
        }
        match blocks.last_mut() {
            Some(block) if open && !unwrapped && !is_bullet(line) => block.push((n, line)),
            Some(block) if continues(block[block.len() - 1].1, line) => block.push((n, line)),
            _ => blocks.push(vec![(n, line)]),
        }
        open = true;
    }
    let mut paragraphs: Vec<Vec<(u64, &str)>> = Vec::new();
    let mut labels: Vec<Vec<(u64, &str)>> = Vec::new();
    for block in blocks {
        if is_label(&block) {
            labels.push(block);
            continue;
        }
        let heading = labels.pop();
        if !labels.is_empty() {
            paragraphs.push(labels.drain(..).flatten().collect());
        }
        paragraphs.push(heading.into_iter().flatten().chain(block).collect());
    }
    let rest = labels.into_iter().flatten();
    match paragraphs.last_mut() {
        Some(last) => last.extend(rest),
        None => paragraphs.extend(Some(rest.collect::<Vec<_>>()).filter(|lines| !lines.is_empty())),
    }
    paragraphs.iter().map(|lines| Paragraph::new(lines)).collect()
}

/// A bulleted line: a bullet sign, or a dash, star or the scans' `v` before a space.
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '●' | '▪' | '◦' | '■' | '❖' | '➢' | '\u{f0b7}') => true,
        Some('-' | '–' | '*' | 'v') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// Whether `line` ends a sentence: `.`, `!`, `?` or `…` right after a lower-case letter (or
/// after a digit in a line with lower-case words: not a form's `4.`), or a closing quotation mark.
fn ends_sentence(line: &str) -> bool {
    let mut chars = line.chars().rev();
    match chars.next() {
        Some('"' | '”' | '»' | '’' | '\'') => true,
        Some('.' | '!' | '?' | '…') => chars
            .next()
            .is_some_and(|c| c.is_lowercase() || (c.is_ascii_digit() && line.chars().any(char::is_lowercase))),
        _ => false,
    }
}

/// Whether a block starting with `line` runs on from the block whose last line is `before`.
fn continues(before: &str, line: &str) -> bool {
    if is_bullet(line) {
        return false;
    }
    let broken_word = before.ends_with('-') && before.chars().rev().nth(1).is_some_and(char::is_alphanumeric);
    let lower = line.chars().next().is_some_and(char::is_lowercase);
    before.ends_with(':') || broken_word || (lower && !ends_sentence(before))
}

/// A heading, caption or attribution: joined to the paragraph after it.
fn is_label(block: &[(u64, &str)]) -> bool {
    let chars: usize = block
        .iter()
        .map(|(_, line)| line.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    !is_bullet(block[0].1) && chars <= LABEL_CHARS && !ends_sentence(block[block.len() - 1].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(u64, u64)> {
        paragraphs(text).iter().map(|p| (p.first, p.last)).collect()
    }

    #[test]
    fn wrapped_paragraphs_end_at_blank_lines_and_take_their_headings() {
        let text = "S u m m a r y\n \nThe seminar was held\nin July.\n\nA second paragraph.\n";
        assert_eq!(spans(text), [(1, 4), (6, 6)]);
        assert_eq!(paragraphs(text)[0].text, "S u m m a r y The seminar was held in July.");
    }

    #[test]
    fn sentences_run_on_across_blank_lines_and_bullets_stand_alone() {
        let text = "• Budgets (comparison of\n\ncity methodologies),\n• Citizen participation.\nv “Make staff changes.”\n\nv “Implement a policy (50-\n\n50).”\n";
        assert_eq!(spans(text), [(1, 3), (4, 4), (5, 5), (7, 9)]);
    }

    #[test]
    fn a_colon_takes_the_list_after_it() {
        let text = "The indicators follow:\n\nI) Introduction of democratic practices\nII) Increased capacity.\n\nThen a new paragraph.";
        assert_eq!(spans(text), [(1, 4), (6, 6)]);
    }

    #[test]
    fn unwrapped_texts_hold_a_paragraph_per_line() {
        let long = format!("{}end.", "Word ".repeat(40));
        let text = format!("I. Introduction\n{long} as follows\nshort list item\n{long}\n{long}");
        assert_eq!(
            spans(&text),
            [(1, 3), (4, 4), (5, 5)],
            "a heading and a lower-case run-on join"
        );
    }

    #[test]
    fn a_label_at_the_end_joins_the_paragraph_before_it() {
        assert_eq!(spans("A whole sentence here.\n\nProgram delegate\n"), [(1, 3)]);
        assert_eq!(spans("\n \n"), []);
    }

    #[test]
    fn openings_are_cut_with_an_ellipsis() {
        let p = Paragraph::new(&[(1, &"x".repeat(100))]);
        assert_eq!(p.opening().chars().count(), OPENING_CHARS + 1);
        assert!(p.opening().ends_with('…'));
    }
}
