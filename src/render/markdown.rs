//! The inline Markdown subset of prompts, tips, goals and summaries (see `docs/format.md`):
//! `*emphasis*` (or `_emphasis_`), `**strong**`, `` `code` `` and links to steps,
//! `[the disclosure](#disclose)`. Nothing else is markup: a line starting with `#`, `>`, `-`,
//! `1.` stays text, raw HTML is shown as text, and other links and images keep their source
//! text. The same parse gives the HTML of the guide page and the plain text of `guide.json`
//! (for bots and text-to-speech), so the two never disagree about what a `*` meant.
//! Placeholders such as `{customer_name}` are marked up so the page can show their example
//! values.

use indexmap::IndexMap;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::analysis::bidi::is_bidi_control;
use crate::analysis::fill::example_text;
use crate::model::Variable;
use crate::rules::refs::placeholders;
/// Escapes text for HTML element content and quoted attribute values. A bidirectional control
/// (`text/bidi-control`) is written as a visible `⟨U+202E⟩`, so the page shows the characters in
/// the order the file has them and no control can reorder the page's own words.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_bidi_control(c) => out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c))),
            _ => out.push(c),
        }
    }
}

/// The escaper of the HTML templates (`askama.toml`): [`escape_html`] for every value.
#[derive(Debug, Clone, Copy, Default)]
pub struct SafeHtml;

impl askama::filters::Escaper for SafeHtml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, string: &str) -> std::fmt::Result {
        let mut out = String::with_capacity(string.len());
        push_escaped(&mut out, string);
        dest.write_str(&out)
    }
}

/// Escaped text in which each declared placeholder shows its name, and its example value when
/// the reader asks for examples (see the page's "Show example values" switch).
pub fn highlight_placeholders(text: &str, variables: &IndexMap<String, Variable>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    for (name, range) in placeholders(text) {
        out.push_str(&escape_html(&text[last..range.start]));
        let example = variables.get(name).and_then(example_text);
        match example {
            Some(example) => {
                let example = escape_html(&example);
                out.push_str(&format!(
                    "<span class=\"ph\" title=\"{name}: {example}\"><span class=\"ph-name\">{{{name}}}</span><span class=\"ph-ex\">{example}</span></span>",
                    name = escape_html(name),
                ));
            }
            None => out.push_str(&format!(
                "<span class=\"ph\" title=\"{name}: no example\"><span class=\"ph-name\">{{{name}}}</span><span class=\"ph-ex\">{{{name}}}</span></span>",
                name = escape_html(name)
            )),
        }
        last = range.end;
    }
    out.push_str(&escape_html(&text[last..]));
    out
}

/// One piece of a parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Code(String),
    Open(&'static str),
    Close(&'static str),
    StepLink(String),
    EndLink,
    Break,
}

/// Escapes what CommonMark would read as block syntax at the start of a line, so only the
/// inline subset is ever parsed.
fn inline_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Leading spaces would make an indented code block.
        let line = line.trim_start();
        let first = line.chars().next();
        let second = line.chars().nth(1);
        let rule_line = line.len() >= 3
            && line
                .chars()
                .all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ' | '\t'));
        let fence =
            (line.starts_with("```") && !line[3..].contains('`')) || line.starts_with("~~~");
        let list =
            matches!(first, Some('-' | '+' | '*')) && matches!(second, Some(' ' | '\t') | None);
        let definition = line.starts_with('[') && line.find("]:").is_some();
        if rule_line || fence || list || definition || matches!(first, Some('#' | '>' | '=')) {
            out.push('\\');
            out.push_str(line);
            continue;
        }
        // `1.` or `1)` starts an ordered list.
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 9 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
            continue;
        }
        out.push_str(line);
    }
    out
}

/// Parses one text into the subset's pieces. `step_href` gives the page link of a step id,
/// None when no such step exists (the link then stays text).
fn pieces(text: &str, step_href: &dyn Fn(&str) -> Option<String>) -> Vec<Piece> {
    let source = inline_only(text);
    let mut out = Vec::new();
    // Depth of a link or image whose source text was emitted whole: skip what is inside it.
    let mut skipping = 0usize;
    let mut paragraphs = 0usize;
    for (event, range) in Parser::new(&source).into_offset_iter() {
        if skipping > 0 {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => skipping += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(t) => out.push(Piece::Text(t.into_string())),
            Event::Code(t) => out.push(Piece::Code(t.into_string())),
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                out.push(Piece::Text(t.into_string()));
            }
            Event::FootnoteReference(t) => out.push(Piece::Text(format!("[^{t}]"))),
            Event::TaskListMarker(done) => {
                out.push(Piece::Text(if done { "[x] " } else { "[ ] " }.into()));
            }
            Event::SoftBreak => out.push(Piece::Text(" ".into())),
            Event::HardBreak => out.push(Piece::Break),
            Event::Rule => out.push(Piece::Text(source[range].to_string())),
            Event::Start(Tag::Emphasis) => out.push(Piece::Open("em")),
            Event::End(TagEnd::Emphasis) => out.push(Piece::Close("em")),
            Event::Start(Tag::Strong) => out.push(Piece::Open("strong")),
            Event::End(TagEnd::Strong) => out.push(Piece::Close("strong")),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let target = dest_url.strip_prefix('#').and_then(step_href);
                match target {
                    Some(href) => out.push(Piece::StepLink(href)),
                    None => {
                        out.push(Piece::Text(source[range].to_string()));
                        skipping = 1;
                    }
                }
            }
            Event::End(TagEnd::Link) => out.push(Piece::EndLink),
            Event::Start(Tag::Image { .. }) => {
                out.push(Piece::Text(source[range].to_string()));
                skipping = 1;
            }
            Event::Start(Tag::Paragraph) => {
                if paragraphs > 0 {
                    out.push(Piece::Break);
                }
                paragraphs += 1;
            }
            // Block syntax is escaped before parsing; whatever block tags remain carry no markup.
            Event::Start(_) | Event::End(_) => {}
        }
    }
    out
}

/// Renders one prompt or tip to inline HTML (no block elements).
pub fn render_with_links(
    text: &str,
    variables: &IndexMap<String, Variable>,
    step_href: &dyn Fn(&str) -> Option<String>,
) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for piece in pieces(text, step_href) {
        match piece {
            Piece::Text(t) => html.push_str(&highlight_placeholders(&t, variables)),
            Piece::Code(t) => {
                html.push_str("<code>");
                html.push_str(&highlight_placeholders(&t, variables));
                html.push_str("</code>");
            }
            Piece::Open(tag) => html.push_str(&format!("<{tag}>")),
            Piece::Close(tag) => html.push_str(&format!("</{tag}>")),
            Piece::StepLink(href) => html.push_str(&format!("<a href=\"{}\">", escape_html(&href))),
            Piece::EndLink => html.push_str("</a>"),
            Piece::Break => html.push_str("<br>"),
        }
    }
    html
}

/// Renders a text in which no step can be linked (summaries, tests).
pub fn render(text: &str, variables: &IndexMap<String, Variable>) -> String {
    render_with_links(text, variables, &|_| None)
}

/// The text without its markup, as a person reads it aloud: what `guide.json` gives bots and
/// text-to-speech. Placeholders stay as written; `is_step` says which `#id` links resolve, as
/// on the page (a link to no step keeps its source text in both).
pub fn plain_text(text: &str, is_step: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in pieces(text, &|id| is_step(id).then(String::new)) {
        match piece {
            Piece::Text(t) | Piece::Code(t) => out.push_str(&t),
            Piece::Break => out.push('\n'),
            Piece::Open(_) | Piece::Close(_) | Piece::StepLink(_) | Piece::EndLink => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ScalarValue, VariableKind};

    fn vars() -> IndexMap<String, Variable> {
        let mut v = IndexMap::new();
        v.insert(
            "name".to_string(),
            Variable {
                kind: VariableKind::Text,
                example: Some(ScalarValue::Text("<b>Jo</b>".into())),
                description: None,
            },
        );
        v
    }

    fn html(text: &str) -> String {
        render_with_links(text, &IndexMap::new(), &|id| {
            (id == "disclose").then(|| "#step-disclose".to_string())
        })
    }

    fn plain(text: &str) -> String {
        plain_text(text, &|id| id == "disclose")
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn the_subset_renders() {
        assert_eq!(
            html("*kind*, _calm_ and **clear**: `code` then [the disclosure](#disclose)"),
            "<em>kind</em>, <em>calm</em> and <strong>clear</strong>: <code>code</code> then <a href=\"#step-disclose\">the disclosure</a>"
        );
        assert_eq!(
            plain("*kind*, _calm_ and **clear**: `code` then [the disclosure](#disclose)"),
            "kind, calm and clear: code then the disclosure"
        );
    }

    #[test]
    fn block_syntax_stays_text() {
        for text in [
            "# Not a heading",
            "## Two",
            "> not a quote",
            "- not a list",
            "* not a list",
            "+ not a list",
            "1. not a list",
            "2) not a list",
            "---",
            "***",
            "    not code",
            "```",
            "Line\n===",
            "[a]: https://example.org",
        ] {
            let out = html(text);
            assert!(!out.contains('<'), "{text:?} became {out:?}");
            assert_eq!(
                plain(text),
                text.trim_start().replace('\n', " "),
                "{text:?}"
            );
        }
    }

    #[test]
    fn literal_asterisks_stay() {
        assert_eq!(html("2 * 3 = 6 and 5*"), "2 * 3 = 6 and 5*");
        assert_eq!(plain("Press * then #"), "Press * then #");
        assert_eq!(html("**bold** first"), "<strong>bold</strong> first");
    }

    #[test]
    fn other_links_and_images_keep_their_source_text() {
        let text = "[a](javascript:alert(1)) [b](https://example.org) ![logo](https://t.example/p.gif) [c](#nowhere) <https://x.example>";
        let out = html(text);
        assert!(!out.contains("<a") && !out.contains("<img"), "{out}");
        assert!(
            out.contains("[b](https://example.org)") && out.contains("[c](#nowhere)"),
            "{out}"
        );
        assert_eq!(plain(text), text);
    }

    #[test]
    fn placeholders_show_escaped_examples() {
        let out = render("Hello {name}, {other}", &vars());
        assert!(out.contains("<span class=\"ph-name\">{name}</span><span class=\"ph-ex\">&lt;b&gt;Jo&lt;/b&gt;</span>"), "{out}");
        assert!(out.contains("{other}"), "{out}");
    }
}
