//! The Graphviz DOT language: a lexer and a recursive-descent parser into a
//! small syntax tree, and the quoting the exporter uses to write it back.
//!
//! It reads the whole grammar of the DOT reference (`strict`, `graph` /
//! `digraph`, node, edge and attribute statements, `ID = ID`, subgraphs as
//! statements and as edge ends, ports and compass points, edge chains), the
//! four kinds of ID (identifiers, numerals, double-quoted strings with `+`
//! concatenation and `\`-newline continuation, HTML strings `<…>`), and the
//! three kinds of comment (`//`, `/* */`, and `#` lines). Every token carries
//! its line, for errors. One graph per file. O(length of the text).
//!
//! Quoted strings. Graphviz's lexer only turns `\"` into `"`; its renderer
//! then reads `\n`, `\l`, `\r` as line breaks, `\\` as a backslash and HTML
//! entities (`&amp;`, `&#10;`) in labels. Blackout reads the same way:
//! IDs and values undo `\"` and `\\`; free text (labels, notes, titles) also
//! turns `\n`, `\l` and `\r` into a new line and decodes entities. The writer
//! ([`quote_id`], [`quote_text`]) escapes so that both Graphviz and this reader
//! get the exact text back.

use std::fmt::Write;

/// A DOT syntax error with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub message: String,
}

/// How an ID was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdStyle {
    /// An identifier or a numeral.
    Plain,
    /// A double-quoted string; `raw` keeps its backslashes.
    Quoted,
    /// An HTML string `<…>`; `raw` is what is between the outer brackets.
    Html,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Id {
    pub raw: String,
    pub style: IdStyle,
    pub line: usize,
}

impl Id {
    /// The ID as a name or value: `\"` and `\\` undone in quoted strings.
    pub fn text(&self) -> String {
        match self.style {
            IdStyle::Quoted => unescape(&self.raw, false),
            IdStyle::Plain | IdStyle::Html => self.raw.clone(),
        }
    }

    /// The ID as free text: as [`Id::text`], plus the line breaks `\n`,
    /// `\l`, `\r` and HTML entities.
    pub fn free_text(&self) -> String {
        match self.style {
            IdStyle::Quoted => decode_entities(&unescape(&self.raw, true)),
            IdStyle::Plain | IdStyle::Html => self.raw.clone(),
        }
    }

    fn is_keyword(&self, keyword: &str) -> bool {
        self.style == IdStyle::Plain && self.raw.eq_ignore_ascii_case(keyword)
    }
}

pub(crate) type Attributes = Vec<(Id, Id)>;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Statement {
    Node { id: Id, attributes: Attributes },
    /// `a -> b -> {c d}`: consecutive ends are linked.
    Edge { ends: Vec<Endpoint>, attributes: Attributes },
    /// `graph [...]`, `node [...]` or `edge [...]`.
    Defaults { target: DefaultsTarget, attributes: Attributes },
    /// `name = value`: a graph attribute.
    Assign { name: Id, value: Id },
    Subgraph(Vec<Statement>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DefaultsTarget {
    Graph,
    Node,
    Edge,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Endpoint {
    Node(Id),
    Subgraph(Vec<Statement>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DotGraph {
    pub directed: bool,
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Id(Id),
    Open,         // {
    Close,        // }
    OpenBracket,  // [
    CloseBracket, // ]
    Semicolon,
    Comma,
    Equals,
    Colon,
    Plus,
    Arrow,    // ->
    Undirected, // --
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Id(id) => format!("\"{}\"", id.text()),
            Token::Open => "'{'".to_owned(),
            Token::Close => "'}'".to_owned(),
            Token::OpenBracket => "'['".to_owned(),
            Token::CloseBracket => "']'".to_owned(),
            Token::Semicolon => "';'".to_owned(),
            Token::Comma => "','".to_owned(),
            Token::Equals => "'='".to_owned(),
            Token::Colon => "':'".to_owned(),
            Token::Plus => "'+'".to_owned(),
            Token::Arrow => "'->'".to_owned(),
            Token::Undirected => "'--'".to_owned(),
            Token::End => "the end of the file".to_owned(),
        }
    }
}

fn lex(text: &str) -> Result<Vec<(Token, usize)>, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut line = 1;
    // Whether only white space precedes `i` on its line (for `#` lines).
    let mut line_start = true;
    let error = |line, message: String| Err(SyntaxError { line, message });
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() || c == '\u{feff}' {
            i += 1;
            continue;
        }
        let at_line_start = std::mem::replace(&mut line_start, false);
        let next = chars.get(i + 1).copied();
        if (c == '#' && at_line_start) || (c == '/' && next == Some('/')) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let start = line;
            i += 2;
            loop {
                match chars.get(i) {
                    None => return error(start, "a /* comment is never closed".to_owned()),
                    Some('*') if chars.get(i + 1) == Some(&'/') => break,
                    Some('\n') => line += 1,
                    Some(_) => {}
                }
                i += 1;
            }
            i += 2;
            continue;
        }
        let start = line;
        let token = match c {
            '{' => Token::Open,
            '}' => Token::Close,
            '[' => Token::OpenBracket,
            ']' => Token::CloseBracket,
            ';' => Token::Semicolon,
            ',' => Token::Comma,
            '=' => Token::Equals,
            ':' => Token::Colon,
            '+' => Token::Plus,
            '-' if next == Some('>') => {
                i += 1;
                Token::Arrow
            }
            '-' if next == Some('-') => {
                i += 1;
                Token::Undirected
            }
            '"' => {
                let mut raw = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return error(start, "a quoted string is never closed".to_owned()),
                        Some('"') => break,
                        Some('\\') if i + 1 < chars.len() => {
                            raw.push('\\');
                            raw.push(chars[i + 1]);
                            line += usize::from(chars[i + 1] == '\n');
                            i += 1;
                        }
                        Some(&other) => {
                            line += usize::from(other == '\n');
                            raw.push(other);
                        }
                    }
                    i += 1;
                }
                Token::Id(Id { raw, style: IdStyle::Quoted, line: start })
            }
            '<' => {
                let mut raw = String::new();
                let mut depth = 1;
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return error(start, "an HTML string <...> is never closed".to_owned()),
                        Some('<') => depth += 1,
                        Some('>') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some('\n') => line += 1,
                        Some(_) => {}
                    }
                    raw.push(chars[i]);
                    i += 1;
                }
                Token::Id(Id { raw, style: IdStyle::Html, line: start })
            }
            c if c.is_alphabetic() || c == '_' || !c.is_ascii() => {
                let begin = i;
                while i + 1 < chars.len() && (chars[i + 1].is_alphanumeric() || chars[i + 1] == '_' || !chars[i + 1].is_ascii()) {
                    i += 1;
                }
                let raw: String = chars[begin..=i].iter().collect();
                Token::Id(Id { raw, style: IdStyle::Plain, line: start })
            }
            c if c.is_ascii_digit() || c == '.' || c == '-' => {
                let begin = i;
                let mut dots = usize::from(c == '.');
                while i + 1 < chars.len() && (chars[i + 1].is_ascii_digit() || (chars[i + 1] == '.' && dots == 0)) {
                    dots += usize::from(chars[i + 1] == '.');
                    i += 1;
                }
                let raw: String = chars[begin..=i].iter().collect();
                if !raw.chars().any(|c| c.is_ascii_digit()) {
                    return error(start, format!("\"{raw}\" is not a number"));
                }
                Token::Id(Id { raw, style: IdStyle::Plain, line: start })
            }
            other => return error(start, format!("unexpected character '{}'", other.escape_debug())),
        };
        tokens.push((token, start));
        i += 1;
    }
    tokens.push((Token::End, line));
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    directed: bool,
}

/// Parses one graph.
pub(crate) fn parse(text: &str) -> Result<DotGraph, SyntaxError> {
    let mut parser = Parser { tokens: lex(text)?, at: 0, directed: true };
    let graph = parser.graph()?;
    match parser.peek() {
        Token::End => Ok(graph),
        other => parser.fail(format!("expected the end of the file after the graph, found {}; one graph a file", other.describe())),
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.at].0
    }

    fn line(&self) -> usize {
        self.tokens[self.at].1
    }

    fn next(&mut self) -> Token {
        let token = self.tokens[self.at].0.clone();
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
        token
    }

    fn fail<T>(&self, message: String) -> Result<T, SyntaxError> {
        Err(SyntaxError { line: self.line(), message })
    }

    fn expect(&mut self, wanted: Token) -> Result<(), SyntaxError> {
        if *self.peek() == wanted {
            self.next();
            Ok(())
        } else {
            self.fail(format!("expected {} but found {}", wanted.describe(), self.peek().describe()))
        }
    }

    fn keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Token::Id(id) if id.is_keyword(keyword))
    }

    fn graph(&mut self) -> Result<DotGraph, SyntaxError> {
        if self.keyword("strict") {
            self.next();
        }
        if self.keyword("digraph") {
            self.directed = true;
        } else if self.keyword("graph") {
            self.directed = false;
        } else {
            return self.fail(format!("expected digraph or graph but found {}", self.peek().describe()));
        }
        self.next();
        let statements = self.named_block()?;
        Ok(DotGraph { directed: self.directed, statements })
    }

    /// `[name] { statements }`, the body of a graph or subgraph (the name is skipped).
    fn named_block(&mut self) -> Result<Vec<Statement>, SyntaxError> {
        if let Token::Id(_) = self.peek() {
            self.id()?;
        }
        self.expect(Token::Open)?;
        let statements = self.statements()?;
        self.expect(Token::Close)?;
        Ok(statements)
    }

    /// Statements up to (not including) the closing `}`.
    fn statements(&mut self) -> Result<Vec<Statement>, SyntaxError> {
        let mut statements = Vec::new();
        while !matches!(self.peek(), Token::Close | Token::End) {
            statements.push(self.statement()?);
            if *self.peek() == Token::Semicolon {
                self.next();
            }
        }
        Ok(statements)
    }

    fn statement(&mut self) -> Result<Statement, SyntaxError> {
        for (keyword, target) in [("graph", DefaultsTarget::Graph), ("node", DefaultsTarget::Node), ("edge", DefaultsTarget::Edge)] {
            if self.keyword(keyword) {
                self.next();
                let attributes = self.attribute_lists()?;
                return Ok(Statement::Defaults { target, attributes });
            }
        }
        let first = if self.keyword("subgraph") || *self.peek() == Token::Open {
            Endpoint::Subgraph(self.subgraph()?)
        } else {
            let id = self.id()?;
            if *self.peek() == Token::Equals {
                self.next();
                let value = self.id()?;
                return Ok(Statement::Assign { name: id, value });
            }
            self.port()?;
            Endpoint::Node(id)
        };
        if matches!(self.peek(), Token::Arrow | Token::Undirected) {
            let mut ends = vec![first];
            while matches!(self.peek(), Token::Arrow | Token::Undirected) {
                let directed_op = self.next() == Token::Arrow;
                if directed_op != self.directed {
                    let (op, graph) = if self.directed { ("--", "a digraph") } else { ("->", "an undirected graph") };
                    return Err(SyntaxError {
                        line: self.tokens[self.at - 1].1,
                        message: format!("'{op}' in {graph}; Blackout reads a -> b in a digraph as \"a depends on b\""),
                    });
                }
                ends.push(if self.keyword("subgraph") || *self.peek() == Token::Open {
                    Endpoint::Subgraph(self.subgraph()?)
                } else {
                    let id = self.id()?;
                    self.port()?;
                    Endpoint::Node(id)
                });
            }
            let attributes = self.optional_attribute_lists()?;
            return Ok(Statement::Edge { ends, attributes });
        }
        match first {
            Endpoint::Subgraph(statements) => Ok(Statement::Subgraph(statements)),
            Endpoint::Node(id) => {
                let attributes = self.optional_attribute_lists()?;
                Ok(Statement::Node { id, attributes })
            }
        }
    }

    fn subgraph(&mut self) -> Result<Vec<Statement>, SyntaxError> {
        if self.keyword("subgraph") {
            self.next();
        }
        self.named_block()
    }

    /// `:port` and `:port:compass`, which say where an edge meets a node; skipped.
    fn port(&mut self) -> Result<(), SyntaxError> {
        for _ in 0..2 {
            if *self.peek() != Token::Colon {
                break;
            }
            self.next();
            self.id()?;
        }
        Ok(())
    }

    fn optional_attribute_lists(&mut self) -> Result<Attributes, SyntaxError> {
        if *self.peek() == Token::OpenBracket {
            self.attribute_lists()
        } else {
            Ok(Vec::new())
        }
    }

    /// One or more `[name = value, …]`.
    fn attribute_lists(&mut self) -> Result<Attributes, SyntaxError> {
        let mut attributes = Vec::new();
        self.expect(Token::OpenBracket)?;
        loop {
            match self.peek() {
                Token::CloseBracket => {
                    self.next();
                    if *self.peek() != Token::OpenBracket {
                        return Ok(attributes);
                    }
                    self.next();
                }
                Token::Comma | Token::Semicolon => {
                    self.next();
                }
                _ => {
                    let name = self.id()?;
                    self.expect(Token::Equals)?;
                    let value = self.id()?;
                    attributes.push((name, value));
                }
            }
        }
    }

    /// An ID, with `"a" + "b"` concatenations joined.
    fn id(&mut self) -> Result<Id, SyntaxError> {
        let Token::Id(mut id) = self.peek().clone() else {
            return self.fail(format!("expected a name or a value but found {}", self.peek().describe()));
        };
        self.next();
        while id.style == IdStyle::Quoted && *self.peek() == Token::Plus {
            self.next();
            match self.next() {
                Token::Id(Id { raw, style: IdStyle::Quoted, .. }) => id.raw.push_str(&raw),
                other => return self.fail(format!("expected a quoted string after '+' but found {}", other.describe())),
            }
        }
        Ok(id)
    }
}

/// Undoes the escapes of a quoted string's raw text: `\"`, `\\`, and a
/// backslash before a line break (a continuation); with `free_text`, also
/// Graphviz's line breaks `\n`, `\l`, `\r`. Other backslashes stay.
fn unescape(raw: &str, free_text: bool) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some(quoted @ ('"' | '\\')) => {
                out.push(quoted);
                chars.next();
            }
            Some('\n') => {
                chars.next();
            }
            Some('\r') => {
                chars.next();
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            Some('n' | 'l' | 'r') if free_text => {
                out.push('\n');
                chars.next();
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xH;`;
/// any other `&` stays as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..].find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..1 + end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, end + 2))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A name or value as a quoted DOT string that reads back as `text`.
pub(crate) fn quote_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Free text (a label, notes, a title) as a quoted DOT string that Graphviz
/// shows as `text` and that reads back as `text`: quotes and backslashes
/// escaped, new lines as `\n`, `&` and control characters as entities (so the
/// file holds no control character and no raw line break).
pub(crate) fn quote_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn node_ids(statements: &[Statement]) -> Vec<String> {
        statements
            .iter()
            .filter_map(|s| match s {
                Statement::Node { id, .. } => Some(id.text()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_the_whole_grammar() {
        let graph = parse(
            "/* made by hand */\n# preprocessor line\nstrict digraph \"G\" {\n  graph [label=\"T\"] rankdir=LR;\n  node [kind=service]; edge [color=red]\n  a [label=<<b>A</b>>, users=3][notes=\"x\"]\n  b:p:n -> c -> {d e} [weight=2];\n  subgraph cluster_x { f; g }\n  \"h\" + \"i\" // trailing comment\n  -1.5\n}\n",
        )
        .unwrap();
        assert!(graph.directed);
        let s = &graph.statements;
        assert!(matches!(&s[0], Statement::Defaults { target: DefaultsTarget::Graph, attributes } if attributes[0].1.text() == "T"));
        assert!(matches!(&s[1], Statement::Assign { name, value } if name.text() == "rankdir" && value.text() == "LR"));
        match &s[4] {
            Statement::Node { id, attributes } => {
                assert_eq!(id.text(), "a");
                assert_eq!(id.line, 6);
                let values: Vec<String> = attributes.iter().map(|(_, v)| v.text()).collect();
                assert_eq!(values, ["<b>A</b>", "3", "x"]);
            }
            other => panic!("{other:?}"),
        }
        match &s[5] {
            Statement::Edge { ends, attributes } => {
                assert_eq!(ends.len(), 3);
                assert!(matches!(&ends[0], Endpoint::Node(id) if id.text() == "b"));
                assert!(matches!(&ends[2], Endpoint::Subgraph(inner) if node_ids(inner) == ["d", "e"]));
                assert_eq!(attributes.len(), 1);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&s[6], Statement::Subgraph(inner) if node_ids(inner) == ["f", "g"]));
        assert_eq!(node_ids(&s[7..]), ["hi", "-1.5"]);
    }

    #[test]
    fn errors_give_the_line() {
        let error = |text| parse(text).unwrap_err();
        assert_eq!(error("digraph {\n a -> \n}").message, "expected a name or a value but found '}'");
        assert_eq!(error("digraph {\n a -> \n}").line, 3);
        assert_eq!(error("digraph {\n a -- b\n}").message, "'--' in a digraph; Blackout reads a -> b in a digraph as \"a depends on b\"");
        assert_eq!(error("digraph {\n a -- b\n}").line, 2);
        assert_eq!(error("digraph { a [label=\"x] }").message, "a quoted string is never closed");
        assert_eq!(error("digraph {}\ndigraph {}").line, 2);
        assert_eq!(error("digraph { a [b] }").message, "expected '=' but found ']'");
        assert_eq!(error("digraph { a; $ }").message, "unexpected character '$'");
        assert_eq!(error("graph { a -> b }").line, 1);
        assert!(error("node { }").message.starts_with("expected digraph or graph"));
    }

    #[test]
    fn quoted_strings_follow_graphviz() {
        let value = |text: &str| match &parse(&format!("digraph {{ {text} }}")).unwrap().statements[0] {
            Statement::Node { id, .. } => (id.text(), id.free_text()),
            other => panic!("{other:?}"),
        };
        assert_eq!(value(r#""a\"b""#), ("a\"b".to_owned(), "a\"b".to_owned()));
        assert_eq!(value(r#""a\\b""#), ("a\\b".to_owned(), "a\\b".to_owned()));
        assert_eq!(value(r#""line\nbreak\lx""#), ("line\\nbreak\\lx".to_owned(), "line\nbreak\nx".to_owned()));
        assert_eq!(value("\"con\\\ntinued\""), ("continued".to_owned(), "continued".to_owned()));
        assert_eq!(value(r#""A&amp;B &#65;&#x42; &nope; &""#).1, "A&B AB &nope; &");
        assert_eq!(value(r#""C:\path""#).0, "C:\\path");
    }

    proptest! {
        /// Whatever the text, the writer's quoting reads back exactly.
        #[test]
        fn quoting_round_trips(text in "\\PC*|[\\\\\"&#;\n\r\t\u{0}-\u{1f}a]*") {
            let source = format!("digraph {{ {} [label={}] }}", quote_id(&text), quote_text(&text));
            let graph = parse(&source).unwrap();
            match &graph.statements[0] {
                Statement::Node { id, attributes } => {
                    prop_assert_eq!(id.text(), text.clone());
                    prop_assert_eq!(attributes[0].1.free_text(), text.clone());
                }
                other => prop_assert!(false, "{:?}", other),
            }
            let written = quote_text(&text);
            prop_assert!(!written.chars().any(char::is_control));
        }

        /// The parser never panics, whatever it is given.
        #[test]
        fn never_panics(text in "[a-z{}\\[\\];,=:+<>\"\\\\ \n/*#-]{0,60}") {
            let _ = parse(&text);
        }
    }
}
