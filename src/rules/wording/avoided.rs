use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Context, Example, RuleMeta};
use crate::source::pointer;
use crate::wording::{self, codes};

pub static META: RuleMeta = RuleMeta {
    code: "wording/avoided",
    severity: Severity::Error,
    summary: "`say` contains a phrase the same step lists under `avoid`",
    packs: &["core"],
    rationale: "A step's `avoid` list holds the \"don't say\" examples trainers show agents; cordial \
never checks those lines themselves. When the step's own `say` lines contain one of them, the \
script contradicts its own training: the agent reads aloud what they were taught to avoid. The \
comparison folds case, accents and spelling, on whole words, ignoring the example's surrounding \
punctuation.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "listen:\n  say: [\"Well, you should have planned better.\"]\n  avoid: [\"You should have planned better\"]\n  next: plan\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "listen:\n  say: [\"Thank you for telling me. Let's look at options.\"]\n  avoid: [\"You should have planned better\"]\n  next: plan\n",
        },
    ],
    suppressible: true,
};

/// Whether the text at `pointer` is a `say` line, which this rule reads.
pub fn reads(pointer: &str) -> bool {
    let mut parts = pointer.split('/').skip(1);
    parts.next() == Some("steps") && parts.nth(1) == Some("say")
}

/// Reports `say` lines that contain one of the same step's `avoid` examples. One phrase set per
/// distinct `avoid` list (steps often repeat the same warning) and one normalisation per line,
/// whatever the number of examples.
/// `said` holds the `say` lines already normalised with the playbook's language, by pointer
/// (any line missing from it is normalised here).
pub fn check(
    cx: &Context<'_>,
    said: &std::collections::HashMap<&str, wording::Normalized>,
    out: &mut Vec<Finding>,
) {
    let language = cx.packs.language.as_str();
    let mut sets: std::collections::HashMap<Vec<&str>, wording::matcher::PhraseSet<usize>> =
        std::collections::HashMap::new();
    for (id, step) in &cx.playbook.steps {
        let phrases: Vec<(usize, &str)> = step
            .avoid
            .iter()
            .enumerate()
            .map(|(a, avoid)| {
                (
                    a,
                    avoid.trim_matches(|c: char| !c.is_alphanumeric() && c != '*'),
                )
            })
            .filter(|(_, phrase)| !phrase.is_empty())
            .collect();
        if phrases.is_empty() || step.say.is_empty() {
            continue;
        }
        let list: Vec<&str> = phrases.iter().map(|(_, p)| *p).collect();
        let set = sets
            .entry(list)
            .or_insert_with_key(|list| wording::phrase_set(list.iter().copied(), language));
        // (example, line) → the first place the example occurs in the line.
        let mut hits: std::collections::BTreeMap<(usize, usize), std::ops::Range<usize>> =
            std::collections::BTreeMap::new();
        for (i, line) in step.say.iter().enumerate() {
            let at = pointer(["steps", id, "say", &i.to_string()]);
            let own;
            let normalized = match said.get(at.as_str()) {
                Some(normalized) => normalized,
                None => {
                    own = wording::normalize(line, language);
                    &own
                }
            };
            for (&index, range) in set.find(&normalized.text) {
                let a = phrases[index].0;
                let range = normalized.original_range(range);
                hits.entry((a, i))
                    .and_modify(|r| {
                        if range.start < r.start {
                            *r = range.clone();
                        }
                    })
                    .or_insert(range);
            }
        }
        for ((a, i), range) in hits {
            out.push(
                Finding::new(
                    codes::AVOIDED,
                    format!("step `{id}` says what its own `avoid` list warns against"),
                    Location::text(pointer(["steps", id, "say", &i.to_string()]), range),
                )
                .label("listed under `avoid` in this step")
                .help(if language == "pt" {
                    "reescreva esta fala, ou tire o exemplo de `avoid` se ele agora é aceitável"
                } else {
                    "rephrase this line, or remove the example from `avoid` if it is now acceptable"
                })
                .related(
                    Location::value(pointer(["steps", id, "avoid", &a.to_string()])),
                    "the example to avoid",
                ),
            );
        }
    }
}
