//! A problem found in content, with the place a content editor must look.

use std::fmt;

/// One thing wrong with the content: where it is, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the editor knows it (`content/lang/es.ron` or a path in their folder).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// The field or item, like `screens[3].illustration` or `screens."symptoms".body`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.col, self.field, self.message
        )
    }
}

impl Problem {
    /// A file that cannot be read at all.
    pub fn unreadable(file: String, why: impl fmt::Display) -> Self {
        Self {
            file,
            line: 1,
            col: 1,
            field: "(file)".into(),
            message: format!("cannot be read: {why}"),
        }
    }
}

/// Finds where things are in a file's text, so that problems found after parsing can still name a
/// line and column.
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    /// Wraps the text of one file.
    pub fn new(text: &'a str) -> Self {
        Self { text }
    }

    /// Line and column (1-based) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before.len(), |nl| before.len() - nl - 1)
            + 1;
        (line, col)
    }

    /// Offset of the `n`th (0-based) occurrence of `needle` at or after `from`.
    pub fn find_nth(&self, from: usize, needle: &str, n: usize) -> Option<usize> {
        let mut start = from.min(self.text.len());
        for _ in 0..n {
            start += self.text[start..].find(needle)? + needle.len();
        }
        self.text[start..].find(needle).map(|i| start + i)
    }

    /// Offset of `needle` at or after `from`.
    pub fn find(&self, from: usize, needle: &str) -> Option<usize> {
        self.find_nth(from, needle, 0)
    }

    /// Offset of the first of `path` found in sequence: each needle is looked for after the one
    /// before, and the search stops at the last one found. Empty path or nothing found gives 0.
    pub fn find_path(&self, path: &[&str]) -> usize {
        let mut at = 0;
        for needle in path {
            match self.find(at, needle) {
                Some(found) => at = found,
                None => break,
            }
        }
        at
    }
}

/// Collects problems for one file, turning offsets into positions.
#[derive(Debug)]
pub struct FileProblems<'a> {
    file: String,
    locator: Locator<'a>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> FileProblems<'a> {
    /// Problems about `file`, whose text is `text`, go into `problems`.
    pub fn new(file: String, text: &'a str, problems: &'a mut Vec<Problem>) -> Self {
        Self {
            file,
            locator: Locator::new(text),
            problems,
        }
    }

    /// The locator over this file's text.
    pub fn locator(&self) -> Locator<'a> {
        self.locator
    }

    /// Records a problem at a byte offset.
    pub fn at(&mut self, offset: usize, field: impl Into<String>, message: impl Into<String>) {
        let (line, col) = self.locator.position(offset);
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            col,
            field: field.into(),
            message: message.into(),
        });
    }

    /// Records a problem at the place `path` leads to (see [`Locator::find_path`]).
    pub fn at_path(&mut self, path: &[&str], field: impl Into<String>, message: impl Into<String>) {
        let offset = self.locator.find_path(path);
        self.at(offset, field, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let loc = Locator::new("ab\ncd\n  ef");
        assert_eq!(loc.position(0), (1, 1));
        assert_eq!(loc.position(4), (2, 2));
        assert_eq!(loc.position(8), (3, 3));
    }

    #[test]
    fn find_path_follows_needles_in_order() {
        let text = "id: \"a\", x: 1\nid: \"b\", x: 2";
        let loc = Locator::new(text);
        let at = loc.find_path(&["id: \"b\"", "x:"]);
        assert_eq!(loc.position(at), (2, 10));
        assert_eq!(loc.find_nth(0, "id:", 1), Some(14));
    }
}
