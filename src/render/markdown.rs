//! The Markdown subset allowed in prompts and tips, rendered to HTML that cannot run anything.
//!
//! pulldown-cmark passes raw HTML through, so raw HTML events become text (escaped on output).
//! Only `http`, `https` and `mailto` links survive; other links keep their text and lose the
//! link. Images become their alt text: a guide page makes no network request. Placeholders
//! such as `{customer_name}` are marked up so that the page can show their example values.

use indexmap::IndexMap;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::analysis::fill::example_text;
use crate::model::Variable;
use crate::rules::refs::placeholders;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a link destination may stay a link.
pub fn is_safe_link(destination: &str) -> bool {
    let lowered = destination.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lowered.starts_with(scheme))
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

/// Renders one prompt or tip. A single paragraph loses its `<p>` so it can sit inline.
pub fn render(text: &str, variables: &IndexMap<String, Variable>) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH);
    let mut events: Vec<Event<'_>> = Vec::new();
    // Links and images whose start was dropped must lose their end too.
    let mut dropped: Vec<bool> = Vec::new();
    for event in parser {
        match event {
            Event::Code(t) => {
                events.push(Event::Html(CowStr::from(format!(
                    "<code>{}</code>",
                    highlight_placeholders(&t, variables)
                ))));
            }
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                events.push(Event::Html(CowStr::from(highlight_placeholders(
                    &t, variables,
                ))));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe = is_safe_link(&dest_url);
                dropped.push(!safe);
                if safe {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            // Images would load from the network: keep only their alt text (the nested text events).
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::FootnoteReference(t) => events.push(Event::Html(CowStr::from(escape_html(&t)))),
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
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

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(1)>",
            &IndexMap::new(),
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn only_safe_links_survive() {
        let html = render(
            "[a](javascript:alert(1)) [b](https://example.org) [c](mailto:x@y.z) [d](/local)",
            &IndexMap::new(),
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org\">b</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"mailto:x@y.z\">c</a>"), "{html}");
        assert!(!html.contains("/local"), "{html}");
        assert!(html.contains(" d"), "{html}");
    }

    #[test]
    fn images_become_their_alt_text() {
        let html = render("![logo](https://tracker.example/p.gif)", &IndexMap::new());
        assert_eq!(html, "logo");
    }

    #[test]
    fn emphasis_and_lists_render() {
        assert_eq!(
            render("*kind* and **clear**", &IndexMap::new()),
            "<em>kind</em> and <strong>clear</strong>"
        );
        assert!(render("- one\n- two", &IndexMap::new()).starts_with("<ul>"));
    }

    #[test]
    fn placeholders_show_escaped_examples() {
        let html = render("Hello {name}, {other}", &vars());
        assert!(html.contains("<span class=\"ph-name\">{name}</span><span class=\"ph-ex\">&lt;b&gt;Jo&lt;/b&gt;</span>"), "{html}");
        assert!(html.contains("{other}"), "{html}");
    }
}
