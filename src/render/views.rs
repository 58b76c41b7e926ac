//! Pieces of the guide page for the middle of a call: findings placed on the line they
//! concern, offer figures inside the step that presents them, and the page's security and
//! print headers.

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::guide::{FindingInfo, Guide, OfferInfo};
use super::guide_words::GuideWords;
use super::html::FlagView;
use super::labels::{Labels, Lang};
use crate::analysis::schedule::annual_effective_rate_pct;
use crate::source::unescape_pointer;

/// The call-mode script (progressive enhancement: the page works without it). It keeps the
/// trail of steps visited in this call and moves focus to the step's heading.
pub const CALL_SCRIPT: &str = include_str!("../../templates/call.js");

/// `'sha256-…'` of a script, as a Content-Security-Policy source.
pub fn csp_hash(script: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())))
}

/// The page's policy: nothing from the network, inline styles, and the call script only.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {}; base-uri 'none'; form-action 'none'",
        csp_hash(CALL_SCRIPT)
    )
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A CSS string literal: quotes, backslashes, line breaks and `<` escaped, so no text can end
/// the string or the `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() || crate::analysis::bidi::is_bidi_control(c) => {
                out.push_str(&format!("\\{:x} ", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Print margins that carry the playbook id, version and source hash on every page.
pub fn print_css(guide: &Guide, w: &GuideWords) -> String {
    let version = guide
        .playbook
        .version
        .as_deref()
        .map(|v| format!(" · v{v}"))
        .unwrap_or_default();
    let head = format!("{} {}{version}", w.playbook, guide.playbook.id);
    let hash = format!("SHA-256 {}", &guide.source.sha256);
    format!(
        "@media print{{@page{{@top-left{{content:{};font:8pt system-ui,sans-serif;color:#333}}@bottom-left{{content:{};font:7pt ui-monospace,monospace;color:#333}}@bottom-right{{content:counter(page) \" / \" counter(pages);font:8pt system-ui,sans-serif;color:#333}}}}}}",
        css_string(&head),
        css_string(&hash)
    )
}

/// A finding in the page's words.
pub fn flag(f: &FindingInfo, w: &GuideWords) -> FlagView {
    FlagView {
        tone: match f.severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "info",
        },
        severity: w.severity(&f.severity),
        code: f.code.clone(),
        message: match w.lang {
            // Portuguese pages say what the rule means; the English detail stays in guide.json.
            Lang::Pt => super::findings_pt::message_pt(&f.code)
                .map_or_else(|| f.message.clone(), capitalised),
            Lang::En => f.message.clone(),
        },
        line: format!("{} {}", w.line, f.line),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where a finding goes on the page: (step id, `say`/`tips`/`goal`/other, index).
pub fn place(f: &FindingInfo) -> Option<(String, String, Option<usize>)> {
    let pointer = f.pointer.as_deref()?;
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_pointer).collect();
    match tokens.as_slice() {
        [steps, id, field, index, ..] if steps == "steps" => {
            Some((id.clone(), field.clone(), index.parse().ok()))
        }
        [steps, id, field] if steps == "steps" => Some((id.clone(), field.clone(), None)),
        [steps, id] if steps == "steps" => Some((id.clone(), String::new(), None)),
        _ => None,
    }
}

fn decimal(text: &str) -> Option<Decimal> {
    text.parse().ok()
}

/// Sums a column of formatted rows back from the decimal strings of the guide, so the footer
/// is exactly the sum of what the rows show.
pub fn column_sum<'a>(values: impl Iterator<Item = &'a str>) -> Option<Decimal> {
    values
        .map(decimal)
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v?))
}

/// The figures shown inside a step: rates, fees, totals, last day to pay, discounted amount.
pub struct OfferFigures {
    pub totals: [String; 3],
    pub fees: Option<String>,
    pub total_with_fees: Option<String>,
    pub monthly_rate: Option<String>,
    pub annual_rate: Option<String>,
    pub last_day: Option<String>,
    pub discounted: Option<String>,
}

pub fn offer_figures(o: &OfferInfo, guide: &Guide, t: &Labels) -> OfferFigures {
    let currency = o.currency.clone().unwrap_or_default();
    let example = o.example.as_ref();
    let schedule = example.and_then(|e| e.schedule.as_ref());
    let money = |mut d: Decimal, places: u32| {
        d.rescale(places);
        t.money(&currency, &d.to_string())
    };
    let mut totals: [String; 3] = Default::default();
    if let Some(s) = schedule {
        let places = s
            .payment
            .split_once('.')
            .map_or(0, |(_, fraction)| fraction.len() as u32);
        let sums = [
            column_sum(s.rows.iter().map(|r| r.payment.amount.as_str())),
            column_sum(s.rows.iter().map(|r| r.interest.amount.as_str())),
            column_sum(s.rows.iter().map(|r| r.principal.amount.as_str())),
        ];
        for (slot, sum) in totals.iter_mut().zip(sums) {
            if let Some(sum) = sum {
                *slot = money(sum, places);
            }
        }
    }
    let fees_charged = example
        .and_then(|e| decimal(&e.fees_total))
        .filter(|f| !f.is_zero());
    let fees = fees_charged.and_then(|_| example.map(|e| t.money(&currency, &e.fees_total)));
    let total_with_fees = fees
        .as_ref()
        .and(schedule)
        .map(|s| t.money(&currency, &s.total_cost));
    let rate = schedule
        .and_then(|s| decimal(&s.monthly_interest_pct))
        .or_else(|| {
            o.monthly_interest_pct
                .and_then(crate::analysis::schedule::decimal_from_f64)
        });
    let pt = t.lang == Lang::Pt;
    let pct = |d: Decimal| format!("{}%", t.number(&d.normalize().to_string()));
    let monthly_rate = rate.map(pct);
    let requires_annual = guide.playbook.jurisdictions.iter().any(|j| j == "br");
    let annual_rate = rate
        .filter(|_| requires_annual)
        .and_then(annual_effective_rate_pct)
        .map(pct);
    let last_day = o.valid_days.map(|days| {
        if pt {
            format!("até o {days}º dia depois de apresentada")
        } else {
            format!("within {} of presenting it", t.days(i64::from(days)))
        }
    });
    let discounted = example
        .and_then(|e| e.discounted.as_ref())
        .map(|d| t.money(&currency, &d.pays));
    OfferFigures {
        totals,
        fees,
        total_with_fees,
        monthly_rate,
        annual_rate,
        last_day,
        discounted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(css_string("a\"b</style>"), "\"a\\22 b\\3c /style\\3e \"");
    }
}
