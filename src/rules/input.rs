//! Codes for files that cannot be read, parsed or validated. The loader and the schema layer
//! emit them; they have no check of their own.

use super::{Example, RuleMeta};
use crate::diagnostic::Severity;

pub static UNREADABLE: RuleMeta = RuleMeta {
    code: "input/unreadable",
    severity: Severity::Error,
    summary: "the file cannot be read as text: not UTF-8, empty, or over the size limit",
    packs: &["core"],
    rationale: "A playbook must be plain UTF-8 text of a reasonable size so that every tool, editor \
and reviewer sees the same words. cordial names the first byte that is not UTF-8, so an editor can \
jump to it; files over the size limit (5 MiB by default, `--max-file-size`) are refused before \
parsing, so one stray export cannot stall a CI run.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "# an empty file, or one saved as Latin-1: `cobran\\xe7a`\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "# yaml-language-server: $schema=../schema/playbook.schema.json\ncordial: 1\n",
        },
    ],
    suppressible: false,
};

pub static YAML_SYNTAX: RuleMeta = RuleMeta {
    code: "yaml/syntax",
    severity: Severity::Error,
    summary: "not valid YAML, a duplicate key, a merge key, or alias expansion or nesting beyond limits",
    packs: &["core"],
    rationale: "A playbook is read by several tools (cordial, editors, dialers). YAML features that \
different readers resolve differently are refused: a key written twice (one reader keeps the first, \
another the last), `<<` merge keys (a YAML 1.1 feature), custom tags. Anchors and aliases are allowed \
within budgets, and nesting is capped, so that no file can make the tool hang or exhaust memory.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "steps:\n  greet:\n    title: Hello\n    title: Hi\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  greet:\n    title: Hello\n",
        },
    ],
    suppressible: false,
};

pub static SCHEMA_INVALID: RuleMeta = RuleMeta {
    code: "schema/invalid",
    severity: Severity::Error,
    summary: "does not match the playbook schema: missing key, unknown key, wrong type, bad value",
    packs: &["core"],
    rationale: "The schema (`schema/playbook.schema.json`, printed by `cordial schema`) is the contract \
between process owners and every tool that reads a playbook. Each violation is reported at its own \
node: an unknown key at the key with the closest known key, a missing key at the mapping that lacks \
it, a wrong type or value at the value with what is allowed.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "steps:\n  greet:\n    titel: Hello\n    outcome: agreement\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  greet:\n    title: Hello\n    outcome: agreement\n",
        },
    ],
    suppressible: false,
};
