use super::RuleText;
use crate::diagnostic::Severity;
use crate::model::{EscalationAction, Jurisdiction, Playbook};
use crate::rules::{Citation, Example, Packs, RuleMeta};
use crate::wording::LegalAction;

pub static META: RuleMeta = RuleMeta {
    code: "wording/legal-action",
    severity: Severity::Error,
    summary: "announces a lawsuit, garnishment, bureau report or protest that the playbook's cadence does not take",
    packs: &["en", "pt"],
    rationale: "Announcing a real next step is honest and often required; announcing one the company \
will not or cannot take is a false threat. cordial reads the announcement against the playbook's own \
`cadence`: a lawsuit, claim or \"legal action\" needs a `legal-referral` or `small-claims` action; \
garnishment, seizure, frozen accounts and bailiffs need a court path too (a judgment comes first); a \
protest needs a `protest` action; a credit-bureau report needs a `credit-bureau-report` action and, in \
the `br` and `us` packs, a touch that establishes `bureau-notice-sent` on an earlier day. When \
`debt.time_barred` is true, no lawsuit, garnishment, protest or bureau report may be announced at all.\n\n\
When the announcement is lawful but the cadence cannot show it (a first-party creditor with its own \
legal team), document it with a `compliance.allow` entry that names the approver.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692e(4), (5), (10); 12 CFR 1006.18(c)(1); 12 CFR 1006.26(b) (no suit or threat of suit on time-barred debt)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 71 (afirmações falsas) and art. 42; CDC art. 43 §2 (written notice before registration); STJ REsp 2.088.100/SP (prescribed debt)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.11.6R (no action that cannot legally be taken), 7.11.9R (no claim that action was taken), CONC 7.15 (statute-barred debts)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "Pay by Friday or we will take you to court.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "Your wages will be garnished starting next payday.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "We will not take any legal action while you are on a plan.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Se nao pagar hoje, seu nome vai ser negativado amanha.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Vamos penhorar seu salário.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Enquanto o acordo estiver em dia, não vamos negativar seu nome.",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "cadence:\n  - {day: 20, channel: letter, template: notice, establishes: [bureau-notice-sent]}\n  - {day: 35, action: credit-bureau-report}\ntemplates:\n  notice: {channel: letter, text: \"If the balance stays unpaid, the account may be reported to the credit bureaus after {report_date}.\"}\n",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "announces an escalation this playbook does not take",
    label: "not in the cadence: a false threat",
    help: "announce only what the cadence really does, or add the action to `cadence` (with the notice it needs)",
    help_pt: "anuncie só o que a régua de cobrança realmente faz, ou inclua a ação em `cadence` (com o aviso que ela exige)",
};

/// The escalations a playbook really takes, as its cadence and facts show.
#[derive(Debug, Clone, Default)]
pub struct Escalations {
    /// A `legal-referral` or `small-claims` action.
    pub court: bool,
    pub protest: bool,
    pub bureau_report: bool,
    /// A touch establishing `bureau-notice-sent` on a day before the first bureau report.
    pub bureau_notice_first: bool,
    /// The packs in force require that notice (`br`, `us`).
    pub notice_required: bool,
    pub time_barred: bool,
}

impl Escalations {
    pub fn from_playbook(playbook: &Playbook, packs: &Packs) -> Self {
        let has =
            |action: EscalationAction| playbook.cadence.iter().any(|t| t.action == Some(action));
        let first_report = playbook
            .cadence
            .iter()
            .filter(|t| t.action == Some(EscalationAction::CreditBureauReport))
            .map(|t| t.day)
            .min();
        let bureau_notice_first = first_report.is_some_and(|report| {
            playbook
                .cadence
                .iter()
                .any(|t| t.day < report && t.establishes.iter().any(|f| f == "bureau-notice-sent"))
        });
        Self {
            court: has(EscalationAction::LegalReferral) || has(EscalationAction::SmallClaims),
            protest: has(EscalationAction::Protest),
            bureau_report: first_report.is_some(),
            bureau_notice_first,
            notice_required: packs.has(Jurisdiction::Br) || packs.has(Jurisdiction::Us),
            time_barred: playbook.debt.time_barred,
        }
    }

    /// Why announcing `action` is a false threat here; None when it is lawful.
    pub fn refusal(&self, action: LegalAction) -> Option<String> {
        let what = action.describe();
        if self.time_barred {
            return Some(format!("{what}: the debts are time-barred"));
        }
        let missing = match action {
            LegalAction::Lawsuit | LegalAction::Garnishment if !self.court => {
                "no `legal-referral` or `small-claims` action in the cadence"
            }
            LegalAction::Protest if !self.protest => "no `protest` action in the cadence",
            LegalAction::BureauReport if !self.bureau_report => {
                "no `credit-bureau-report` action in the cadence"
            }
            LegalAction::BureauReport if self.notice_required && !self.bureau_notice_first => {
                "no touch establishes `bureau-notice-sent` before the `credit-bureau-report`"
            }
            _ => return None,
        };
        Some(format!("{what}: {missing}"))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{codes, run_check};
    use crate::rules::wording::Wording;

    const BASE: &str = "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: [br]\nstart: a\nsteps:\n  a:\n    say: [\"Caso não haja acordo, seu nome poderá ser negativado.\"]\n    outcome: paid\n";

    #[test]
    fn bureau_announcement_needs_the_report_and_an_earlier_notice() {
        assert_eq!(codes(&run_check(&Wording, BASE)), ["wording/legal-action"]);
        let report_only =
            format!("{BASE}cadence:\n  - {{day: 35, action: credit-bureau-report}}\n");
        let findings = run_check(&Wording, &report_only);
        assert!(
            findings[0].message.contains("bureau-notice-sent"),
            "{}",
            findings[0].message
        );
        let with_notice = format!(
            "{BASE}cadence:\n  - {{day: 20, channel: letter, establishes: [bureau-notice-sent]}}\n  - {{day: 35, action: credit-bureau-report}}\n"
        );
        assert!(run_check(&Wording, &with_notice).is_empty());
    }

    #[test]
    fn time_barred_debts_allow_no_announcement() {
        let yaml = format!(
            "{}debt: {{time_barred: true}}\ncadence:\n  - {{day: 20, channel: letter, establishes: [bureau-notice-sent]}}\n  - {{day: 35, action: credit-bureau-report}}\n",
            BASE
        );
        let findings = run_check(&Wording, &yaml);
        assert_eq!(codes(&findings), ["wording/legal-action"]);
        assert!(findings[0].message.contains("time-barred"));
    }
}
