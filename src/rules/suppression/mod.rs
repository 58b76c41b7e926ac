//! Exceptions with accountability: inline `# cordial: allow CODE -- reason` comments and
//! `compliance.allow` entries, applied after every check of a file.
//!
//! * An inline comment silences findings of the named codes whose primary location starts on the
//!   comment's own line or on the line after it. Several codes may be given, separated by commas
//!   or spaces: `# cordial: allow wording/pressure, wording/prefer -- approved by legal, 2025-03`.
//! * A `compliance.allow` entry silences findings of its `rule` under `/steps/<step>` or
//!   `/templates/<template>`, or anywhere in the file when it names neither.
//! * An exception without a reason is reported (`suppression/missing-reason`) and **does not
//!   apply**: an exception nobody can account for is not an exception.
//! * `wording/threat`, `wording/abuse` and `wording/shaming` can never be silenced: the attempt is
//!   reported (`suppression/forbidden`) and the finding stays.
//! * An exception that silences nothing is reported (`suppression/unused`), so stale exceptions
//!   do not pile up. Suppression findings themselves cannot be silenced.
//! * `--no-ignores` (audits): every finding is kept as if no exception existed; malformed and
//!   forbidden exceptions are still reported, unused ones are not (nothing was silenced).

use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Playbook;
use crate::rules::{Example, RuleMeta};
use crate::source::{SourceFile, escape_pointer, pointer};

pub static MISSING_REASON: RuleMeta = RuleMeta {
    code: "suppression/missing-reason",
    severity: Severity::Error,
    summary: "an inline or `compliance.allow` exception without a reason",
    packs: &["core"],
    rationale: "An exception silences a rule that exists for a legal reason. Whoever silences it must \
say why, and ideally who approved it, so that an auditor reading the playbook a year later can \
judge the decision. An exception without a reason is reported and does not take effect: the \
finding it meant to silence stays until a reason is written (`# cordial: allow CODE -- reason` or \
`reason:` in `compliance.allow`).",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "say:\n  - \"Offer ends Friday.\"  # cordial: allow wording/pressure\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "say:\n  - \"Offer ends Friday.\"  # cordial: allow wording/pressure -- campaign deadline is real, approved by legal (A. Lima)\n",
        },
    ],
    suppressible: false,
};

pub static UNUSED: RuleMeta = RuleMeta {
    code: "suppression/unused",
    severity: Severity::Warning,
    summary: "an exception that silences nothing",
    packs: &["core"],
    rationale: "Exceptions outlive the text they were written for: the sentence is rephrased, the step \
renamed, the rule code mistyped. An exception that silences nothing is noise at best and, at worst, \
silently covers the next problem someone writes on that line. Remove it, or fix the code or scope \
it names.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "compliance:\n  allow:\n    - {rule: wording/pressure, step: offer, reason: \"real campaign deadline\"}\nsteps:\n  offer: {say: [\"Take the time you need.\"], outcome: agreement}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "compliance:\n  allow:\n    - {rule: wording/pressure, step: offer, reason: \"real campaign deadline\"}\nsteps:\n  offer: {say: [\"This offer expires when we hang up.\"], outcome: agreement}\n",
        },
    ],
    suppressible: false,
};

pub static FORBIDDEN: RuleMeta = RuleMeta {
    code: "suppression/forbidden",
    severity: Severity::Error,
    summary: "an attempt to silence a rule that cannot be silenced: `wording/threat`, `wording/abuse`, `wording/shaming`",
    packs: &["core"],
    rationale: "Threats, abuse and shaming are never lawful collection practice, whatever the \
business reason: no approval can make \"you'll go to jail\" acceptable. These rules cannot be \
silenced; the attempt is reported and the finding stays. If the engine misread a sentence (a quoted \
example in training material belongs under the step's `avoid` list, which is never checked), \
rephrase it, or report the false positive.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "say:\n  # cordial: allow wording/threat -- the manager approved it\n  - \"Pay today or the police will be notified.\"\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "say:\n  - \"If we can't agree on a plan, the account may be referred for review.\"\n",
        },
    ],
    suppressible: false,
};

/// Where an exception applies.
enum Scope {
    /// An inline comment: the line it is on and the next one.
    Lines(usize),
    /// A `compliance.allow` entry: pointer prefixes it covers (empty: the whole file).
    Pointers(Vec<String>),
}

/// One parsed exception.
struct Exception {
    codes: Vec<String>,
    reason: Option<String>,
    scope: Scope,
    /// Where to report problems with the exception.
    at: Location,
    /// Where to report a forbidden code (the `rule` key of an allow entry, the comment itself).
    code_at: Location,
    used: Vec<bool>,
}

/// The reason an editor's "allow" action writes for the user to replace. Left as it is, it is
/// no reason: the exception does not apply and `suppression/missing-reason` says so, so that
/// accepting the action without thinking never silences anything.
pub const REASON_PLACEHOLDER: &str = "<why this is acceptable, and who approved it>";

/// Whether findings of `code` may be silenced by an exception (suppression findings and the
/// rules marked not suppressible may not).
pub fn may_be_silenced(code: &str) -> bool {
    is_suppressible(code) && !code.starts_with("suppression/")
}

/// Parses `cordial: allow CODE[, CODE…] [-- reason]` from a comment's text (after `#`).
fn parse_comment(text: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = text.trim().strip_prefix("cordial:")?.trim_start();
    let rest = rest.strip_prefix("allow")?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (codes, reason) = match rest
        .find("--")
        .or_else(|| rest.find('—'))
        .or_else(|| rest.find('–'))
    {
        Some(i) => {
            let separator = rest[i..]
                .chars()
                .next()
                .map_or(2, |c| if c == '-' { 2 } else { c.len_utf8() });
            (&rest[..i], Some(rest[i + separator..].trim()))
        }
        None => (rest, None),
    };
    let codes = codes
        .split([',', ' ', '\t'])
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    Some((
        codes,
        reason
            .filter(|r| !r.is_empty() && *r != REASON_PLACEHOLDER)
            .map(str::to_string),
    ))
}

fn collect(playbook: Option<&Playbook>, source: &SourceFile) -> Vec<Exception> {
    let mut out = Vec::new();
    for comment in &source.comments {
        let Some((codes, reason)) = parse_comment(&comment.text) else {
            continue;
        };
        let line = source.position(comment.span.start).line;
        let at = Location::Bytes(comment.span.clone());
        out.push(Exception {
            used: vec![false; codes.len()],
            codes,
            reason,
            scope: Scope::Lines(line),
            code_at: at.clone(),
            at,
        });
    }
    for (i, allow) in playbook
        .map(|p| p.compliance.allow.as_slice())
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let mut prefixes = Vec::new();
        if let Some(step) = &allow.step {
            prefixes.push(format!("/steps/{}", escape_pointer(step)));
        }
        if let Some(template) = &allow.template {
            prefixes.push(format!("/templates/{}", escape_pointer(template)));
        }
        let entry = pointer(["compliance", "allow", &i.to_string()]);
        out.push(Exception {
            codes: vec![allow.rule.clone()],
            used: vec![false],
            reason: allow
                .reason
                .as_ref()
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
            scope: Scope::Pointers(prefixes),
            code_at: Location::value(format!("{entry}/rule")),
            at: Location::value(entry),
        });
    }
    out
}

fn is_suppressible(code: &str) -> bool {
    crate::rules::meta(code).is_none_or(|m| m.suppressible)
}

impl Exception {
    fn covers(&self, source: &SourceFile, finding: &Finding) -> bool {
        match &self.scope {
            Scope::Lines(line) => {
                let start = source.resolve(&finding.primary.location).start;
                let at = source.position(start).line;
                at == *line || at == line + 1
            }
            Scope::Pointers(prefixes) => {
                prefixes.is_empty()
                    || finding.primary.location.pointer().is_some_and(|p| {
                        prefixes.iter().any(|prefix| {
                            p.strip_prefix(prefix.as_str())
                                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                        })
                    })
            }
        }
    }
}

/// Applies a file's exceptions to its findings; returns the findings that remain plus the
/// findings about the exceptions themselves.
pub fn apply(
    playbook: Option<&Playbook>,
    source: &SourceFile,
    findings: Vec<Finding>,
    no_ignores: bool,
) -> Vec<Finding> {
    let mut exceptions = collect(playbook, source);
    let mut about_exceptions = Vec::new();
    for exception in &exceptions {
        if exception.reason.is_none() {
            about_exceptions.push(
                Finding::new(MISSING_REASON.code, "this exception gives no reason, so it does not apply", exception.at.clone())
                    .label("no reason given")
                    .help("say why, and who approved it: `# cordial: allow CODE -- reason` or `reason:` in `compliance.allow`"),
            );
        }
        for code in exception.codes.iter().filter(|c| !is_suppressible(c)) {
            about_exceptions.push(
                Finding::new(FORBIDDEN.code, format!("`{code}` cannot be silenced"), exception.code_at.clone())
                    .label("this rule has no exceptions")
                    .help("rephrase the text instead; training examples of what not to say belong under the step's `avoid` list")
                    .note("threats, abuse and shaming are never lawful collection practice"),
            );
        }
    }
    if no_ignores {
        let mut out = findings;
        out.extend(about_exceptions);
        return out;
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let mut silenced = false;
        if may_be_silenced(finding.code) {
            for exception in exceptions.iter_mut().filter(|e| e.reason.is_some()) {
                let Some(k) = exception.codes.iter().position(|c| c == finding.code) else {
                    continue;
                };
                if exception.covers(source, &finding) {
                    exception.used[k] = true;
                    silenced = true;
                }
            }
        }
        if !silenced {
            kept.push(finding);
        }
    }
    for exception in exceptions.iter().filter(|e| e.reason.is_some()) {
        if exception.codes.is_empty() {
            about_exceptions.push(
                Finding::new(
                    UNUSED.code,
                    "this exception names no rule, so it silences nothing",
                    exception.at.clone(),
                )
                .label("no rule code")
                .help("name the code to silence: `# cordial: allow wording/pressure -- reason`"),
            );
        }
        for (code, _) in exception
            .codes
            .iter()
            .zip(&exception.used)
            .filter(|(c, used)| !**used && is_suppressible(c))
        {
            let known = crate::rules::meta(code).is_some();
            let message = if known {
                format!("this exception for `{code}` silences nothing")
            } else {
                format!("`{code}` is not a rule code, so this exception silences nothing")
            };
            let near = (!known)
                .then(|| {
                    crate::rules::refs::did_you_mean(
                        code,
                        crate::rules::all().iter().map(|m| m.code),
                    )
                })
                .flatten();
            let (label, help) = match near {
                Some(near) => (
                    format!("did you mean `{near}`?"),
                    format!("write `{near}`; `cordial rules` lists every code"),
                ),
                None => (
                    "silences nothing".to_string(),
                    "remove the exception, or correct the code or the step it names".to_string(),
                ),
            };
            about_exceptions.push(
                Finding::new(UNUSED.code, message, exception.at.clone())
                    .label(label)
                    .help(help),
            );
        }
    }
    kept.extend(about_exceptions);
    kept
}

#[cfg(test)]
mod tests;

/// A documented exception with a reason, as the guide's compliance appendix lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub rule: String,
    /// `line N` for an inline comment; `step X`, `template Y` or `playbook` for an allow entry.
    pub scope: String,
    pub reason: String,
}

/// The exceptions of a file that have a reason and name a rule that may be silenced.
pub fn in_force(playbook: Option<&Playbook>, source: &SourceFile) -> Vec<InForce> {
    let allows = playbook
        .map(|p| p.compliance.allow.as_slice())
        .unwrap_or_default();
    let mut allow_index = 0;
    let mut out = Vec::new();
    for exception in collect(playbook, source) {
        let scope = match &exception.scope {
            Scope::Lines(line) => format!("line {line}"),
            Scope::Pointers(_) => {
                let allow = allows.get(allow_index);
                allow_index += 1;
                match allow {
                    Some(a) => match (&a.step, &a.template) {
                        (Some(s), _) => format!("step {s}"),
                        (None, Some(t)) => format!("template {t}"),
                        (None, None) => "playbook".to_string(),
                    },
                    None => "playbook".to_string(),
                }
            }
        };
        let Some(reason) = exception.reason else {
            continue;
        };
        for code in exception
            .codes
            .iter()
            .filter(|c| is_suppressible(c) && crate::rules::meta(c).is_some())
        {
            out.push(InForce {
                rule: code.clone(),
                scope: scope.clone(),
                reason: reason.clone(),
            });
        }
    }
    out
}
