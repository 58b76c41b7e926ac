use super::{is_contact, touch_ptr};
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::EscalationAction;
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "cadence/order",
    severity: Severity::Warning,
    summary: "touches out of day order, or an escalation before any friendly contact",
    packs: &["core"],
    rationale: "The contact plan is read top to bottom by the people who run it and by the guide, \
so it should be written in day order. More importantly, collection escalates step by step: a \
reminder and a friendly contact come before any escalation, and escalations follow their own \
ladder, credit-bureau report, then protest, then small claims or a legal referral, and a \
write-off last. A plan that reports the customer to a bureau before anyone has spoken to them, \
or that protests a debt before reporting it, is either a mistake or a practice no reviewer \
would sign.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "cadence:\n  - {day: 10, action: credit-bureau-report}\n  - {day: 15, channel: sms, template: reminder}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "cadence:\n  - {day: -3, channel: sms, template: reminder}\n  - {day: 5, channel: phone, step: greet}\n  - {day: 40, action: credit-bureau-report}\n",
        },
    ],
    suppressible: true,
};

/// Rung of an escalation on the usual ladder; a later touch should not climb down.
fn rung(action: EscalationAction) -> u8 {
    match action {
        EscalationAction::CreditBureauReport | EscalationAction::ServiceSuspension => 1,
        EscalationAction::Protest => 2,
        EscalationAction::SmallClaims | EscalationAction::LegalReferral => 3,
        EscalationAction::WriteOff => 4,
    }
}

pub struct Order;

impl Check for Order {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let cadence = &cx.playbook.cadence;
        let mut latest: Option<(usize, i32)> = None;
        for (k, touch) in cadence.iter().enumerate() {
            if let Some((i, day)) = latest.filter(|&(_, day)| touch.day < day) {
                out.push(
                    Finding::new(
                        META.code,
                        format!(
                            "the touch on day {} is written after a touch on day {day}",
                            touch.day
                        ),
                        Location::value(touch_ptr(k, Some("day"))),
                    )
                    .label("out of day order")
                    .related(
                        Location::value(touch_ptr(i, Some("day"))),
                        format!("day {day}"),
                    )
                    .help("list the touches in the order of their days"),
                );
            }
            if latest.is_none_or(|(_, day)| touch.day >= day) {
                latest = Some((k, touch.day));
            }
        }

        for (k, touch) in cadence.iter().enumerate() {
            let Some(action) = touch.action else { continue };
            let at = Location::value(touch_ptr(k, Some("action")));
            if !cadence.iter().any(|t| is_contact(t) && t.day < touch.day) {
                out.push(
                    Finding::new(META.code, format!("`{}` on day {} comes before any contact with the customer", action.as_str(), touch.day), at.clone())
                        .label("escalation with no earlier message or call")
                        .help("start the plan with a reminder and a friendly contact; escalate only after them"),
                );
            }
            let higher = cadence
                .iter()
                .enumerate()
                .filter_map(|(i, t)| Some((i, t.day, t.action?)))
                .find(|&(_, day, earlier)| day < touch.day && rung(earlier) > rung(action));
            if let Some((i, day, earlier)) = higher {
                out.push(
                    Finding::new(META.code, format!("`{}` on day {} comes after `{}` on day {day}", action.as_str(), touch.day, earlier.as_str()), at)
                        .label("lower step of the escalation ladder after a higher one")
                        .related(Location::value(touch_ptr(i, Some("action"))), format!("`{}` on day {day}", earlier.as_str()))
                        .help("order escalations as credit-bureau report, protest, small claims or legal referral, then write-off"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(cadence: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: s\nsteps:\n  s: {{outcome: callback}}\ncadence:\n{cadence}"
        )
    }

    #[test]
    fn ordered_plan_passes() {
        let cadence = "  - {day: -3, channel: sms, template: a}\n  - {day: 5, channel: phone, step: s}\n  - {day: 40, action: credit-bureau-report}\n  - {day: 60, action: protest}\n";
        assert!(run_check(&Order, &playbook(cadence)).is_empty());
    }

    #[test]
    fn out_of_order_days_and_early_escalations_warn() {
        let cadence = "  - {day: 10, action: credit-bureau-report}\n  - {day: 15, channel: sms, template: a}\n  - {day: 12, channel: phone, step: s}\n  - {day: 30, action: protest}\n  - {day: 40, action: credit-bureau-report}\n";
        let messages: Vec<String> = run_check(&Order, &playbook(cadence))
            .into_iter()
            .map(|f| f.message)
            .collect();
        assert_eq!(
            messages,
            [
                "the touch on day 12 is written after a touch on day 15",
                "`credit-bureau-report` on day 10 comes before any contact with the customer",
                "`credit-bureau-report` on day 40 comes after `protest` on day 30",
            ]
        );
    }
}
