use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::fold::fold;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Jurisdiction;
use crate::rules::jurisdiction::params;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "disclosure/opt-out",
    severity: Severity::Error,
    summary: "an SMS or e-mail template that does not say how to stop receiving messages",
    packs: &["us"],
    rationale: "Every electronic message a collector sends, text or e-mail, must carry a clear, \
simple way for the consumer to opt out of that channel, and the collector must honour it. A \
message that gives no way out turns the channel into one the consumer cannot close.\n\n\
cordial accepts the usual forms: \"Reply STOP\" (or `STOP` written as a word in capitals), \
\"text STOP to opt out\", \"opt out\", \"unsubscribe\" (including an `{unsubscribe_link}` \
placeholder), \"manage your preferences\", and their Portuguese equivalents (\"responda SAIR\", \
\"descadastrar\", \"para não receber mais\"). It checks every template whose channel the pack \
lists (SMS and e-mail).",
    citations: &[Citation {
        pack: "us",
        text: "12 CFR 1006.6(e): each electronic communication includes a clear and conspicuous statement of a reasonable and simple method to opt out",
    }],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "reminder:\n  channel: sms\n  text: \"ABC Recovery, a debt collector: please call us at 800-555-0100.\"\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "reminder:\n  channel: sms\n  text: \"ABC Recovery, a debt collector: please call us at 800-555-0100. Reply STOP to opt out.\"\n",
        },
    ],
    suppressible: true,
};

static OPT_OUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\b(?:reply|text|send|respond|responda|envie|digite)\s+(?:with\s+|com\s+)?["']?(?:stop|sair|parar|pare|cancelar)\b|\bstop\s+to\s+(?:opt[\s-]?out|unsubscribe|end|cancel|quit|stop)\b|\bopt[\s-]?out\b|\bunsubscrib|\bdescadastr|\bcancelar\s+(?:o\s+)?(?:recebimento|envio)\b|\bpara\s+nao\s+receber\s+mais\b|\b(?:manage|update)\s+(?:your\s+)?(?:email\s+|e-mail\s+|communication\s+|contact\s+)?preferences\b"#,
    )
    .expect("opt-out pattern")
});

static STOP_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bSTOP\b").expect("STOP pattern"));

/// Whether a text tells the reader how to stop the messages.
pub fn has_opt_out(text: &str) -> bool {
    STOP_WORD.is_match(text) || OPT_OUT.is_match(&fold(text).text)
}

/// The opt-out sentence of an SMS, as the help gives it and `--unsafe-fixes` adds it.
pub const SMS_OPT_OUT: &str = "Reply STOP to opt out.";

pub struct OptOut;

impl Check for OptOut {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.packs.has(Jurisdiction::Us) {
            return;
        }
        let channels = params(Jurisdiction::Us).opt_out_channels;
        for (id, template) in &cx.playbook.templates {
            if !channels.contains(&template.channel) {
                continue;
            }
            let in_subject = template.subject.as_deref().is_some_and(has_opt_out);
            if in_subject || has_opt_out(&template.text) {
                continue;
            }
            let channel = template.channel.as_str();
            let at = pointer(["templates", id, "text"]);
            // The pack's sentence for SMS, in English texts; an e-mail's way out is a link only
            // the sender knows.
            let fix = (channel == "sms" && cx.packs.language == "en")
                .then(|| crate::fix::edit::append_sentence(cx.source, &at, SMS_OPT_OUT))
                .flatten();
            let help = match channel {
                "sms" => "end the message with \"Reply STOP to opt out.\"",
                _ => {
                    "add a line such as \"To stop receiving these e-mails, unsubscribe here: {unsubscribe_link}\""
                }
            };
            out.push(
                Finding::new(
                    META.code,
                    format!("{channel} template `{id}` does not say how to opt out"),
                    Location::value(at),
                )
                .label("no opt-out instruction in this message")
                .help(help)
                .note(META.citations[0].text)
                .fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(text: &str, channel: &str, packs: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [{packs}]\nstart: s\nsteps:\n  s: {{outcome: callback}}\ntemplates:\n  m: {{channel: {channel}, text: \"{text}\"}}\n"
        )
    }

    #[test]
    fn recognises_common_opt_out_wording() {
        for text in [
            "Reply STOP to opt out.",
            "Text stop to end.",
            "Unsubscribe: {unsubscribe_link}",
            "Responda SAIR para não receber mais.",
            "Manage your preferences here.",
        ] {
            assert!(has_opt_out(text), "{text}");
        }
        for text in [
            "We will not stop until it is paid.",
            "Please call us today.",
        ] {
            assert!(!has_opt_out(text), "{text}");
        }
    }

    #[test]
    fn sms_without_opt_out_fails_only_under_us() {
        assert_eq!(
            run_check(&OptOut, &playbook("Please call us.", "sms", "us")).len(),
            1
        );
        assert_eq!(
            run_check(&OptOut, &playbook("Please call us.", "email", "us")).len(),
            1
        );
        assert!(run_check(&OptOut, &playbook("Please call us.", "letter", "us")).is_empty());
        assert!(run_check(&OptOut, &playbook("Please call us.", "sms", "br")).is_empty());
        assert!(
            run_check(
                &OptOut,
                &playbook("Please call us. Reply STOP to opt out.", "sms", "us")
            )
            .is_empty()
        );
    }
}
