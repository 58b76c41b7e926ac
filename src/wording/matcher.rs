//! Phrase matching over normalised text: one Aho-Corasick automaton per language (over that
//! language's lists and the universal ones, each rule's matches selected leftmost-longest as if
//! it had its own), built once and shared by every thread, and a handful of regular
//! expressions for phrases with gaps. Both run in time linear in the text, whatever the number
//! of phrases.
//!
//! # List syntax
//! One entry per line; `#` starts a comment line; blank lines are ignored.
//! * `take you to court` — a phrase, matched on whole words;
//! * `arrest*` — a trailing `*` matches any continuation of the last word (`arrested`, `arresting`);
//! * `{preso|presa|presos}` — alternatives, expanded when the list is loaded; an empty
//!   alternative makes a word optional (`vai {ser |}preso`);
//! * `phrase => suggestion` — the respectful wording offered as help;
//! * `@action lawsuit` — (legal-action lists) the action the following entries threaten.
//!
//! Entries are written already normalised (lowercase, no accents, expanded shorthand, spaces
//! around punctuation); a unit test holds every list to that.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, Input, MatchKind};
use regex::Regex;

use super::{LegalAction, codes};

/// One expanded list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The normalised words, without the trailing `*`.
    pub text: String,
    /// A trailing `*`: the last word may continue.
    pub prefix: bool,
}

/// What a list entry means once matched.
#[derive(Debug, Clone, Copy)]
pub struct PhraseInfo {
    pub code: &'static str,
    pub suggestion: Option<&'static str>,
    pub action: Option<LegalAction>,
    /// The suggestion stands in for this variant word for word: the entry has one variant, or
    /// its alternatives are single words (`{devedor|devedora} => cliente`). Not when the
    /// alternatives carry other words the suggestion would not fit (`do inadimplente`).
    pub replaceable: bool,
}

/// Most phrases one entry expands to.
pub const MAX_VARIANTS: usize = 4_096;

/// Splits `phrase => suggestion` and expands alternatives and the trailing star.
pub fn parse_entry(line: &str) -> (Vec<Variant>, Option<&str>) {
    let (phrase, suggestion) = match line.split_once("=>") {
        Some((p, s)) => (p.trim(), Some(s.trim()).filter(|s| !s.is_empty())),
        None => (line.trim(), None),
    };
    let mut variants = vec![String::new()];
    let mut rest = phrase;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let literal = &rest[..open];
        let mut options: Vec<&str> = rest[open + 1..close].split('|').collect();
        // Each group multiplies the variants: past the budget, later groups keep their first
        // alternative only, so `{a|…|j}` twelve times is 4,096 phrases, not 10^12.
        if variants.len().saturating_mul(options.len()) > MAX_VARIANTS {
            options.truncate(1);
        }
        variants = variants
            .iter()
            .flat_map(|v| options.iter().map(move |o| format!("{v}{literal}{o}")))
            .collect();
        rest = &rest[close + 1..];
    }
    let variants = variants
        .into_iter()
        .map(|v| {
            let full = format!("{v}{rest}");
            let words = full.split_whitespace().collect::<Vec<_>>().join(" ");
            match words.strip_suffix('*') {
                Some(stem) => Variant {
                    text: stem.to_string(),
                    prefix: true,
                },
                None => Variant {
                    text: words,
                    prefix: false,
                },
            }
        })
        .filter(|v| !v.text.is_empty())
        .collect();
    (variants, suggestion)
}

/// The automaton over `texts` (phrases with their leading space), none for no texts.
pub(crate) fn automaton(
    texts: &[String],
    match_kind: MatchKind,
    kind: Option<aho_corasick::AhoCorasickKind>,
) -> Option<AhoCorasick> {
    if texts.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(match_kind)
        .kind(kind)
        .build(texts)
        .ok()
}

/// A set of phrases searched together; `M` is what a match of each phrase means.
pub struct PhraseSet<M> {
    automaton: Option<AhoCorasick>,
    patterns: Vec<(M, bool)>,
}

impl<M> PhraseSet<M> {
    /// Builds the set from `(variant, meaning)` pairs.
    pub fn new(entries: impl IntoIterator<Item = (Variant, M)>) -> Self {
        Self::build(entries, None)
    }

    /// A set built for a few phrases searched in a few texts (a playbook's own lists): a
    /// non-contiguous NFA costs a fraction of the DFA the default picks for small sets, and
    /// finds the same matches (the match kind, not the automaton, decides them).
    pub fn few(entries: impl IntoIterator<Item = (Variant, M)>) -> Self {
        Self::build(
            entries,
            Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA),
        )
    }

    fn build(
        entries: impl IntoIterator<Item = (Variant, M)>,
        kind: Option<aho_corasick::AhoCorasickKind>,
    ) -> Self {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for (variant, meaning) in entries {
            // The leading space anchors every phrase at the start of a word.
            texts.push(format!(" {}", variant.text));
            patterns.push((meaning, variant.prefix));
        }
        Self {
            automaton: automaton(&texts, MatchKind::LeftmostLongest, kind),
            patterns,
        }
    }

    /// Every whole-word match in a normalised text, as byte ranges of that text (without the
    /// separating spaces), leftmost-longest and non-overlapping.
    pub fn find<'s>(&'s self, normalized: &str) -> Vec<(&'s M, Range<usize>)> {
        self.find_marked(normalized)
            .into_iter()
            .map(|(m, r, _)| (m, r))
            .collect()
    }

    /// As [`PhraseSet::find`], saying for each match whether a trailing `*` continued it past
    /// the phrase as listed (`debtors` for `debtor*`).
    pub fn find_marked<'s>(&'s self, normalized: &str) -> Vec<(&'s M, Range<usize>, bool)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let bytes = normalized.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while from < bytes.len() {
            let Some(m) = automaton.find(Input::new(normalized).span(from..bytes.len())) else {
                break;
            };
            let Some((meaning, prefix)) = self.patterns.get(m.pattern().as_usize()) else {
                break;
            };
            let mut end = m.end();
            if *prefix {
                while end < bytes.len() && bytes[end] != b' ' {
                    end += 1;
                }
            } else if bytes.get(end).is_some_and(|&b| b != b' ') {
                // The longest phrase at this word ends inside a word ("registrar bo" in
                // "registrar boletim"): resume at the next word, where a phrase may start
                // that this one overlapped.
                from = m.start() + 1;
                continue;
            }
            out.push((meaning, m.start() + 1..end, end > m.end()));
            // The next phrase starts at the space that ends this one.
            from = end;
        }
        out
    }
}

/// The embedded lists: (language, code, text). `universal` lists apply to every language.
static LISTS: &[(&str, &str, &str)] = &[
    (
        "universal",
        codes::THREAT,
        include_str!("packs/universal/threat.txt"),
    ),
    (
        "universal",
        codes::ABUSE,
        include_str!("packs/universal/abuse.txt"),
    ),
    ("en", codes::THREAT, include_str!("packs/en/threat.txt")),
    ("en", codes::ABUSE, include_str!("packs/en/abuse.txt")),
    ("en", codes::SHAMING, include_str!("packs/en/shaming.txt")),
    ("en", codes::PRESSURE, include_str!("packs/en/pressure.txt")),
    (
        "en",
        codes::FALSE_AUTHORITY,
        include_str!("packs/en/false_authority.txt"),
    ),
    (
        "en",
        codes::FALSE_CONSEQUENCE,
        include_str!("packs/en/false_consequence.txt"),
    ),
    ("en", codes::PRETEXT, include_str!("packs/en/pretext.txt")),
    (
        "en",
        codes::LEGAL_ACTION,
        include_str!("packs/en/legal_action.txt"),
    ),
    ("en", codes::PREFER, include_str!("packs/en/prefer.txt")),
    ("pt", codes::THREAT, include_str!("packs/pt/threat.txt")),
    ("pt", codes::ABUSE, include_str!("packs/pt/abuse.txt")),
    ("pt", codes::SHAMING, include_str!("packs/pt/shaming.txt")),
    ("pt", codes::PRESSURE, include_str!("packs/pt/pressure.txt")),
    (
        "pt",
        codes::FALSE_AUTHORITY,
        include_str!("packs/pt/false_authority.txt"),
    ),
    (
        "pt",
        codes::FALSE_CONSEQUENCE,
        include_str!("packs/pt/false_consequence.txt"),
    ),
    ("pt", codes::PRETEXT, include_str!("packs/pt/pretext.txt")),
    (
        "pt",
        codes::LEGAL_ACTION,
        include_str!("packs/pt/legal_action.txt"),
    ),
    ("pt", codes::PREFER, include_str!("packs/pt/prefer.txt")),
];

/// Languages with their own lists.
pub const SUPPORTED_LANGUAGES: &[&str] = &["en", "pt"];

/// Every entry of the lists that apply to `language`, with its meaning.
pub fn entries(language: &str) -> Vec<(Variant, PhraseInfo)> {
    let mut out = Vec::new();
    for &(list_language, code, text) in LISTS {
        if list_language != "universal" && list_language != language {
            continue;
        }
        let mut action = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix("@action") {
                action = LegalAction::parse(name.trim());
                continue;
            }
            let (variants, suggestion) = parse_entry(line);
            let info = PhraseInfo {
                code,
                suggestion,
                action,
                replaceable: variants.len() == 1 || variants.iter().all(|v| !v.text.contains(' ')),
            };
            out.extend(variants.into_iter().map(|v| (v, info)));
        }
    }
    out
}

/// The raw list lines of every embedded list, for the normalisation test.
pub fn list_lines() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    LISTS.iter().flat_map(|&(language, code, text)| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('@'))
            .map(move |l| (language, code, l))
    })
}

/// One language's lists (with the universal ones) in a single automaton, read once per text.
///
/// Each rule's phrases must still be matched as if alone: a phrase of one rule never hides a
/// phrase of another that starts at the same word. So the automaton reports every match,
/// overlapping ones included, and each rule's leftmost-longest, non-overlapping selection is
/// made afterwards from those matches, which are few. One pass over the text instead of one
/// per rule.
pub struct LanguageSet {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its meaning, whether a trailing `*` continues it, and its rule's index.
    patterns: Vec<(PhraseInfo, bool, usize)>,
}

/// A match as the automaton reports it: (rule index, start, end, pattern).
type Candidate = (usize, usize, usize, usize);

impl LanguageSet {
    fn new(entries: Vec<(Variant, PhraseInfo)>) -> Self {
        let mut codes: Vec<&'static str> = Vec::new();
        let mut texts = Vec::with_capacity(entries.len());
        let mut patterns = Vec::with_capacity(entries.len());
        for (variant, info) in entries {
            let rule = codes
                .iter()
                .position(|c| *c == info.code)
                .unwrap_or_else(|| {
                    codes.push(info.code);
                    codes.len() - 1
                });
            // The leading space anchors every phrase at the start of a word.
            texts.push(format!(" {}", variant.text));
            patterns.push((info, variant.prefix, rule));
        }
        Self {
            automaton: automaton(&texts, MatchKind::Standard, None),
            patterns,
        }
    }

    /// Every rule's whole-word matches, rule by rule in list order, each rule's matches
    /// leftmost-longest and non-overlapping, as a separate automaton per rule would give them.
    fn find_marked(&self, normalized: &str) -> Vec<(PhraseInfo, Range<usize>, bool)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Candidate> = automaton
            .find_overlapping_iter(normalized)
            .map(|m| {
                let pattern = m.pattern().as_usize();
                let rule = self.patterns.get(pattern).map_or(usize::MAX, |p| p.2);
                (rule, m.start(), m.end(), pattern)
            })
            .collect();
        // Per rule, by start; at one start the longest first, then the earliest listed, which
        // is what a leftmost-longest automaton reports.
        candidates.sort_unstable_by_key(|&(rule, start, end, pattern)| {
            (rule, start, std::cmp::Reverse(end), pattern)
        });
        let bytes = normalized.as_bytes();
        let mut out = Vec::new();
        let mut next = 0;
        while next < candidates.len() {
            let rule = candidates[next].0;
            let group_end = candidates[next..]
                .iter()
                .position(|c| c.0 != rule)
                .map_or(candidates.len(), |k| next + k);
            let mut from = 0;
            let mut k = next;
            while k < group_end {
                let (_, start, end, pattern) = candidates[k];
                if start < from {
                    k += 1;
                    continue;
                }
                let Some(&(info, prefix, _)) = self.patterns.get(pattern) else {
                    k += 1;
                    continue;
                };
                let mut stop = end;
                if prefix {
                    while stop < bytes.len() && bytes[stop] != b' ' {
                        stop += 1;
                    }
                } else if bytes.get(stop).is_some_and(|&b| b != b' ') {
                    // The longest phrase at this word ends inside a word ("registrar bo" in
                    // "registrar boletim"): resume at the next word, where a phrase may start
                    // that this one overlapped.
                    from = start + 1;
                    k += 1;
                    continue;
                }
                out.push((info, start + 1..stop, stop > end));
                // The next phrase starts at the space that ends this one.
                from = stop;
                k += 1;
            }
            next = group_end;
        }
        out
    }
}

/// Builds each automaton and pattern set of the lists, one per function, for
/// [`crate::rules::warm_ups`].
pub fn warm_ups() -> Vec<fn()> {
    forcing_each![
        SETS[0].1,
        SETS[1].1,
        SETS[2].1,
        GAP_SETS[0].1,
        GAP_SETS[1].1
    ]
}

/// The phrase automata, built once and shared by every thread: one per language (and one for
/// languages without lists of their own, which get the universal lists). Each is its own lazy
/// value, so that the first files of a run can build them on several threads at once.
static SETS: [(&str, LazyLock<LanguageSet>); 3] = [
    ("en", LazyLock::new(|| LanguageSet::new(entries("en")))),
    ("pt", LazyLock::new(|| LanguageSet::new(entries("pt")))),
    ("", LazyLock::new(|| LanguageSet::new(entries("")))),
];

/// The phrase automaton of `language` (one of [`SETS`]' languages).
fn language_set(language: &str) -> Option<&'static LanguageSet> {
    SETS.iter()
        .find(|(l, _)| *l == language)
        .map(|(_, set)| LazyLock::force(set))
}

/// Phrases with gaps, which a fixed list cannot express, per language and code. Each may name
/// a group `hit`: the part reported (and read for negation), so that in "we will never call
/// your boss" the negation before the verb is seen. The `regex` crate runs them in linear time.
fn gap_sources() -> Vec<(&'static str, &'static str, Option<LegalAction>, String)> {
    let gap = r"(?: [a-z0-9]+){0,4}?";
    let en_subject = r"(?:we|i|going to|will|shall|should|might|may|can|could|have to|got to)";
    let en_verb = r"(?:give|giving|drop by|stop by|swing by|show up at|pay a visit to|loop in|cc|call|calling|contact|contacting|tell|telling|inform|informing|notify|notifying|let|letting|visit|visiting|email|text|message|write to|speak to|speak with|talk to|talk with|reach out to|reaching out to|reached out to|send(?: [a-z]+){0,4} to|ring|phone|alert|warn|mention(?: [a-z]+){0,3} to|(?:share|sharing|discuss|discussing|explain)(?: [a-z]+){0,5} with|(?:be|get|getting|got) in touch with)";
    let en_target = r"(?:emergency contacts?|employer|boss|manager|supervisor|coworkers?|co workers?|colleagues?|workplace|work|office|hr|human resources|family|family members|relatives|mother|mom|mum|father|dad|parents|wife|husband|spouse|partner|girlfriend|boyfriend|kids|children|son|daughter|brother|sister|neighbou?rs?|friends|references|church|pastor|landlord|school|job|in laws|cousins?|aunt|uncle|grand(?:mother|ma|father|pa|parents)|roommates?|flatmates?|neighbou?rhood|street|community|gym|club|team)";
    let pt_subject = r"(?:vamos|vou|iremos|irei|vai|vao|posso|podemos|devo|teremos que|seremos obrigados a|sera|serao)";
    let pt_verb = r"(?:ligar|ligo|falar|falo|avisar|aviso|contar|conto|comunicar|informar|informo|mandar|mando|enviar|envio|procurar|visitar|cobrar|notificar|acionar|expor)";
    let pt_target = r"(?:contatos? de referencia|chefe|patrao|patroa|empresa|trabalho|emprego|servico|rh|gerente|supervisor|colegas|familia|familiares|mae|pai|pais|esposa|esposo|marido|mulher|namorada|namorado|filhos?|filhas?|irmaos?|irmas?|vizinhos?|vizinhanca|parentes|amigos|referencias|igreja|pastor|condominio|sindico|porteiro|escola|sogr[oa]|cunhad[oa]s?|ti[oa]s|ti[oa]|prim[oa]s?|avos?|av[oa]|companheir[oa]|conjuge|empregador[a]?|firma|lider|encarregad[oa]|diretor[a]?|bairro|rua|cidade|academia|faculdade)";
    vec![
        ("en", codes::SHAMING, None, format!(r" {en_subject}{gap} (?P<hit>{en_verb}{gap} (?:(?:everyone|everybody|people|all) (?:at|in) )?your {en_target})\b")),
        ("pt", codes::SHAMING, None, format!(r" (?P<hit>(?:seus?|suas?|teus?|tuas?|a|o|os|as) {pt_target}(?: [a-z]+){{0,4}}? (?:vai|vao|sera|serao|ira|irao) (?:ser |ficar )?(?:avisad|informad|comunicad|notificad|procurad|contatad|sabendo|saber)[a-z]*)")),
        // "we know where your family lives", "sabemos onde tua família mora".
        ("en", codes::THREAT, None, r" (?P<hit>know(?: [a-z]+){0,2}? where (?:you|your|ur)(?: [a-z]+){0,2}? (?:live|lives|work|works|sleep|sleeps|go|goes|study|studies|are|is))\b".to_string()),
        ("pt", codes::THREAT, None, r" (?P<hit>sab(?:e|emos|o|em)(?: [a-z]+){0,2}? onde (?:voce|tu|o senhor|a senhora|sua|seu|seus|suas|tua|teu|teus|tuas)(?: [a-z]+){0,2}? (?:mora|moram|trabalha|trabalham|estuda|estudam|fica|ficam|vive|vivem|esta|estao))\b".to_string()),
        // Insults with an intensifier: "you're a complete …", "you lying little …".
        ("en", codes::ABUSE, None, r" (?P<hit>(?:you are|you|your) (?:a |an |such a |such an )?(?:complete|total|absolute|utter|lying|filthy|dirty|worthless|useless|miserable) (?:little )?[a-z]+)\b".to_string()),
        // Family members made liable: "your spouse is legally required to pay this".
        ("en", codes::FALSE_CONSEQUENCE, None, r" (?P<hit>(?:spouse|wife|husband|partner|family|children|kids|parents|relatives|heirs|son|daughter)(?: [a-z]+){0,3}? (?:legally |)(?:required|obligated|responsible|liable|forced|have to|has to|must) (?:to )?(?:pay|for))\b".to_string()),
        // Short windows: "ends in 30 minutes", "nos próximos 15 minutos". In Portuguese, hours
        // up to twelve: "entrar em contato em 48 horas" is an ordinary request for a reply
        // (round 5; English kept every number, see docs/wording-accuracy.md).
        ("en", codes::PRESSURE, None, r" (?P<hit>(?:in|within|for) (?:the )?(?:next )?(?:[0-9]+|one|two|three|five|ten|fifteen|thirty|a few|an|a) (?:minutes?|mins?|hours?|hrs?))\b".to_string()),
        ("pt", codes::PRESSURE, None, r" (?P<hit>(?:nos|nas|em|dentro de|daqui a) (?:proxim[oa]s )?(?:(?:[0-9]+|um|dois|tres|cinco|dez|quinze|trinta|poucos) (?:minutos?|min)|(?:[1-9]|1[0-2]|uma|duas|tres|cinco|dez|doze|poucas|meia) (?:horas?|h)))\b".to_string()),
        // Seized belongings: "seu carro vai ser apreendido".
        ("pt", codes::LEGAL_ACTION, Some(LegalAction::Garnishment), r" (?P<hit>(?:carro|moto|veiculo|casa|imovel|bens|salario|conta|apartamento|moveis)(?: [a-z]+){0,2}? (?:vai|vao|sera|serao|pode|podem) (?:ser )?(?:apreendid|tomad|leiload|penhorad|confiscad|bloquead|recolhid)[a-z]*)".to_string()),
        // More years than the law allows on a credit record (US 7, BR 5).
        ("en", codes::FALSE_CONSEQUENCE, None, r" (?P<hit>(?:for|during|up to|stay|stays|remain|remains)(?: [a-z]+){0,2}? (?:8|9|10|11|12|15|20|25|30|eight|nine|ten|fifteen|twenty|thirty) years)\b".to_string()),
        ("pt", codes::FALSE_CONSEQUENCE, None, r" (?P<hit>(?:por|durante|ate|fica|ficar|ficara)(?: [a-z]+){0,2}? (?:6|7|8|9|10|15|20|seis|sete|oito|nove|dez|quinze|vinte) anos)\b".to_string()),
        // Named third parties the collector will tell: "vamos avisar o síndico".
        ("pt", codes::SHAMING, None, format!(r" {pt_subject}{gap} (?P<hit>{pt_verb}(?: [a-z]+){{0,3}}? (?:o|a|os|as) (?:sindico|sindica|porteiro|portaria|zelador|vizinhos?|vizinhas?|patrao|patroa|chefe|rh))\b")),
        // The debt told to a third party, in guidance or in the passive: "leave a message with
        // the customer's employer explaining the debt", "your family has been informed".
        ("en", codes::SHAMING, None, format!(r" (?P<hit>{en_target}(?: [^ .!?;]+){{0,12}}? (?:mention|mentioning|explain|explaining|tell|telling|discuss|discussing|say|saying|about|of)(?: [a-z]+){{0,3}}? (?:debt|debts|unpaid|bill|arrears|balance|owes|owing|overdue))\b")),
        ("en", codes::SHAMING, None, format!(r" (?P<hit>{en_target}(?: [a-z]+){{0,2}}? (?:has been|have been|was|were|will be|is being|are being|gets|get) (?:informed|told|notified|contacted|called|made aware))\b")),
        ("en", codes::SHAMING, None, format!(r" (?P<hit>(?:(?:everyone|everybody|people|all) (?:at|in|from) )?your {en_target}(?: [a-z]+){{0,2}}? (?:should|will|would|is going to|are going to|going to|gonna|might|may|could|deserves? to|needs? to)(?: [a-z]+)?? (?:know|hear|find out|learn|see|be told|be informed))\b")),
        ("en", codes::SHAMING, None, r" (?P<hit>(?:message|voicemail|note|word|letter) (?:with|for|to) (?:the customer|their|his|her|your|the debtor)? ?(?:emergency contact|references?|employer|boss|family|neighbou?rs?|spouse|wife|husband|parents|landlord))\b".to_string()),
        ("pt", codes::SHAMING, None, format!(r" (?P<hit>{pt_target}(?: [^ .!?;]+){{0,12}}? (?:explicando|explique|explicar|comente|comentar|comentando|conte|contar|contando|fale|falar|falando|diga|dizer|dizendo|avise|avisar|sobre)(?: [a-z]+){{0,3}}? (?:divida|dividas|debito|debitos|devendo|deve|atraso|pendencia|calote))\b")),
        ("pt", codes::SHAMING, None, format!(r" (?P<hit>{pt_target}(?: [a-z]+){{0,2}}? (?:foi|foram|ja foi|ja foram|sera|serao|vai ser|vao ser) (?:informad|avisad|comunicad|notificad|contatad)[a-z]*)")),
        ("pt", codes::SHAMING, None, r" (?P<hit>(?:recado|mensagem|aviso|bilhete) (?:com|para|ao|a) (?:o |a |os |as )?(?:seus? |suas? )?(?:contato de referencia|contatos de referencia|referencias?|chefe|patrao|empregador|familia|vizinhos?|sindico|porteiro|esposa|marido|pais|mae|pai))\b".to_string()),
        // Guidance that tells the agent to impersonate: "introduce yourself as a legal officer".
        ("en", codes::FALSE_AUTHORITY, None, r" (?P<hit>(?:introduce yourself|present yourself|sign off|sign|identify yourself|say you are|tell them you are|tell them you work) (?:as|from|for|with)?(?: [a-z]+){0,4}? (?:legal|court|police|officer|lawyer|attorney|solicitor|bailiff|judge|government|enforcement|sheriff|marshal|bureau|agency|department of))\b".to_string()),
        ("pt", codes::FALSE_AUTHORITY, None, r" (?P<hit>(?:apresente se|se apresente|assine|assina|identifique se|se identifique|diga que e|diga que voce e|fale que e)(?: como)?(?: [a-z]+){0,4}? (?:oficial|juridico|advogad[oa]s?|juiz|juiza|forum|tribunal|policia|policial|delegad[oa]|cartorio|serasa|spc|governo|receita|promotor))\b".to_string()),
        // Masked profanity: an asterisk inside a word ("f***ing", "p*rra") is never innocent.
        ("en", codes::ABUSE, None, r" (?P<hit>[a-z]+\*+[a-z*]*)".to_string()),
        ("pt", codes::ABUSE, None, r" (?P<hit>[a-z]+\*+[a-z*]*)".to_string()),
        // Claiming an identity: "this is … the county court", "aqui é … do fórum".
        ("en", codes::FALSE_AUTHORITY, None, r" (?:this is|i am|we are|calling from|calling on behalf of|on behalf of|representing|we represent|i represent|i work for|we work for|i am with|we are with|i am from|we are from)(?: [a-z]+){0,5}? (?P<hit>(?:the |a |an |your )?(?:court|courthouse|county court|judge|police|police department|sheriff|sheriffs|marshal|marshals|irs|internal revenue|government|federal government|state of|department of justice|justice department|attorney general|district attorney|law enforcement|fbi|treasury|magistrate|tribunal|(?:state|county|district|federal|superior|civil|small claims|magistrates|high|supreme|municipal) court|credit bureau|credit bureaus|equifax|experian|transunion))\b".to_string()),
        ("en", codes::FALSE_AUTHORITY, None, r" (?:message|notice|letter|call|summons|order|communication)(?: (?:is|comes))? (?:from|of|issued by) (?P<hit>(?:the |a |an |your )?(?:court|courthouse|county court|judge|police|police department|sheriff|sheriffs|marshal|marshals|irs|internal revenue|government|federal government|state of|department of justice|justice department|attorney general|district attorney|law enforcement|fbi|treasury|magistrate|tribunal|(?:state|county|district|federal|superior|civil|small claims|magistrates|high|supreme|municipal) court|credit bureau|credit bureaus|equifax|experian|transunion))\b".to_string()),
        ("pt", codes::FALSE_AUTHORITY, None, r" (?:aqui e|aqui quem fala e|falo|falamos|sou|somos|ligo|ligamos|em nome|representando|trabalho|estou ligando)(?: [a-z]+){0,3}? (?P<hit>(?:do|da|de|dos|das|pelo|pela) (?:forum|tribunal|justica|vara|juizado|ministerio publico|promotoria|policia|delegacia|receita|governo|prefeitura|serasa|spc|boa vista|quod|banco central|bacen|inss|cartorio|procon|oficial de justica|juiz|juiza|judiciario))\b".to_string()),
        ("pt", codes::FALSE_AUTHORITY, None, r" (?:mensagem|comunicado|aviso|notificacao|intimacao|carta|oficio)(?: (?:oficial|urgente|importante|judicial))? (?P<hit>(?:do|da|de|dos|das|pelo|pela) (?:forum|tribunal|justica|vara|juizado|ministerio publico|promotoria|policia|delegacia|receita|governo|prefeitura|serasa|spc|boa vista|quod|banco central|bacen|inss|cartorio|procon|oficial de justica|juiz|juiza|judiciario))\b".to_string()),
        // Putting the debt on a credit file: "we'll report you to all three bureaus".
        ("en", codes::LEGAL_ACTION, Some(LegalAction::BureauReport), r" (?P<hit>(?:report (?:you|this|it|them|him|her|the account|your account|the debt|your debt|the balance|your balance|the arrears)|will report|may report|going to report|reported|reporting you|send|sent|submit|submitted|list|listed|record|recorded|register|registered|add|added|mark|marked|flag|flagged|note|noted|appear|show up|go on|goes on|put)(?: [a-z]+){0,5}? (?:credit bureaus?|bureaus|credit reference agenc[a-z]*|credit reporting agenc[a-z]*|credit file|credit report|credit record|credit history|equifax|experian|transunion))\b".to_string()),
        ("pt", codes::LEGAL_ACTION, Some(LegalAction::BureauReport), r" (?P<hit>(?:vai|vao|sera|serao|vai ser|vai entrar|vai parar|vai cair|esta|estara|vai estar|fica|ficara|vai ficar|entra|entrar|cai|cair|incluir|incluido|incluida|inclusao|colocar|colocado|colocada|colocamos|mandar|mandado|mandamos|enviar|enviado|enviamos|lancar|lancado|lancamos|registrar|registrado|registramos|negativar|apontar|apontado)(?: [a-z]+){0,4}? (?:spc|serasa|scpc|boa vista|quod|cadastros? de (?:inadimplentes|protecao|devedores|maus pagadores)|orgaos de protecao|biros? de credito|bureaus? de credito))\b".to_string()),
        ("en", codes::SHAMING, None, r" (?P<hit>(?:everyone|everybody|people)(?: [a-z]+){0,5}? will (?:know|find out|hear|learn))\b".to_string()),
        ("pt", codes::SHAMING, None, format!(r" {pt_subject}{gap} (?P<hit>{pt_verb}(?: [a-z]+){{0,6}}? (?:seus?|suas?|teus?|tuas?) {pt_target})\b")),
        ("pt", codes::SHAMING, None, r" (?P<hit>(?:todo mundo|todos|geral|a vizinhanca|a rua toda|a cidade toda)(?: [a-z]+){0,5}? (?:vai|vao|irao|vai ficar|vao ficar) (?:saber|sabendo))\b".to_string()),
        ("en", codes::SHAMING, None, r" (?P<hit>(?:post|posting|publish|publishing|share|sharing|put|putting|announce|list|expose|exposing)(?: [a-z0-9$]+){0,5}? (?:on|across|to|in) (?:social media|facebook|instagram|twitter|tiktok|the internet|online|our website|our site|our page|a public))\b".to_string()),
        ("en", codes::SHAMING, None, r" (?P<hit>name (?:will|goes|is going|gets|appears|added|ends up)(?: [a-z]+){0,3}? (?:list|page|website|site|wall|board|register))\b".to_string()),
        ("pt", codes::SHAMING, None, r" (?P<hit>(?:postar|postamos|postaremos|publicar|publicamos|publicaremos|divulgar|divulgamos|divulgaremos|expor|expomos|colocar|colocamos|botar|espalhar|espalhamos)(?: [a-z0-9$]+){0,5}? (?:na|nas|no|nos|pela|pelas|pelo|em) (?:internet|redes sociais|rede social|facebook|instagram|whatsapp|grupo|grupos|mural|site))\b".to_string()),
        ("pt", codes::SHAMING, None, r" (?P<hit>nome (?:vai|ira|sera|entra|esta|fica|vai ficar|vai estar|vai entrar|vai aparecer|aparece)(?: [a-z]+){0,3}? (?:lista|listas|mural|site|pagina|painel))\b".to_string()),
        // A demand for the whole sum at once; not an itemisation's label ("Total amount of the
        // debt now: $500", Model Form B-1).
        ("en", codes::PRESSURE, None, r" (?P<hit>(?:entire|full|whole|total) (?:amount|balance|payment|debt|sum)(?: [a-z0-9]+){0,5}? (?:today|now|immediately|tonight|right away|at once))(?: [^:]| ?$)".to_string()),
        ("pt", codes::PRESSURE, None, r" (?P<hit>(?:valor|divida|debito|saldo) (?:total|todo|toda|inteiro|inteira|cheio)(?: [a-z0-9]+){0,3}? (?:hoje|agora|ja|imediatamente|na hora))(?: [^:]| ?$)".to_string()),
        ("en", codes::PRESSURE, None, r" (?P<hit>pay(?: [a-z0-9$]+){0,5}? (?:today|now|tonight)(?: [a-z]+){0,2}? or (?:else|lose|you will lose|never))\b".to_string()),
        ("pt", codes::PRESSURE, None, r" (?P<hit>(?:paga|pague|quita|quite)(?: [a-z0-9$]+){0,5}? (?:hoje|agora)(?: ,)? (?:ou|senao) (?:perde|nunca|ja era))\b".to_string()),
    ]
}

/// A gap pattern: its language, code, announced action and source; its own regex (for the
/// positions of its matches) is compiled the first time a text matches it in the set.
struct GapPattern {
    language: &'static str,
    code: &'static str,
    action: Option<LegalAction>,
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl GapPattern {
    fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }
}

static GAPS: LazyLock<Vec<GapPattern>> = LazyLock::new(|| {
    gap_sources()
        .into_iter()
        .map(|(language, code, action, source)| GapPattern {
            language,
            code,
            action,
            // The normalised text's words are ASCII; an ASCII word boundary keeps the set's
            // lazy DFA from quitting at the first non-ASCII character (an emoji, a symbol).
            source: source.replace(r"\b", r"(?-u:\b)"),
            regex: OnceLock::new(),
        })
        .collect()
});

/// A language's gap patterns in one set, and their indices into `GAPS`.
type GapSet = (Option<regex::RegexSet>, Vec<usize>);

/// The lazy DFA cache of each language's gap set.
const GAP_SET_DFA_BYTES: usize = 32 << 20;

/// Per language, one automaton over all its gap patterns: most texts match none, and one pass
/// says which are worth running for their positions.
static GAP_SETS: [(&str, LazyLock<GapSet>); 2] = [
    ("en", LazyLock::new(|| gap_set("en"))),
    ("pt", LazyLock::new(|| gap_set("pt"))),
];

fn gap_set(language: &str) -> GapSet {
    let indices: Vec<usize> = (0..GAPS.len())
        .filter(|&i| GAPS[i].language == language)
        .collect();
    // A lazy DFA over the whole set, with room for its states: with the default cache it gave
    // up on most texts and the set ran in the (much slower) PikeVM.
    let set = regex::RegexSetBuilder::new(indices.iter().map(|&i| GAPS[i].source.as_str()))
        .dfa_size_limit(GAP_SET_DFA_BYTES)
        .build()
        .ok();
    (set, indices)
}

/// The gap patterns of a language that match somewhere in `normalized`.
fn matching_gaps<'a>(normalized: &str, language: &str) -> Vec<&'a GapPattern> {
    let Some((set, indices)) = GAP_SETS
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, set)| LazyLock::force(set))
    else {
        return Vec::new();
    };
    match set {
        Some(set) => set
            .matches(normalized)
            .into_iter()
            .filter_map(|k| indices.get(k))
            .map(|&i| &GAPS[i])
            .collect(),
        None => indices.iter().map(|&i| &GAPS[i]).collect(),
    }
}

/// One raw match on a normalised text, before context is considered.
#[derive(Debug, Clone)]
pub struct RawHit {
    pub info: PhraseInfo,
    pub range: Range<usize>,
    /// A trailing `*` continued the listed phrase (`debtors`).
    pub extended: bool,
}

/// Every list and gap-pattern match in a normalised text for `language`.
pub fn find(normalized: &str, language: &str) -> Vec<RawHit> {
    let set_language = if SUPPORTED_LANGUAGES.contains(&language) {
        language
    } else {
        ""
    };
    let mut hits: Vec<RawHit> = language_set(set_language)
        .into_iter()
        .flat_map(|set| set.find_marked(normalized))
        .map(|(info, range, extended)| RawHit {
            info,
            range,
            extended,
        })
        .collect();
    for gap in matching_gaps(normalized, set_language) {
        let Some(regex) = gap.regex() else { continue };
        for captures in regex.captures_iter(normalized) {
            let Some(m) = captures.name("hit").or_else(|| captures.get(0)) else {
                continue;
            };
            // "sua família não será contatada": a negation inside the gap denies the phrase.
            if m.as_str()
                .split(' ')
                .any(|w| super::context::is_negation_in(w, language))
            {
                continue;
            }
            let start =
                m.start() + usize::from(normalized.as_bytes().get(m.start()) == Some(&b' '));
            hits.push(RawHit {
                info: PhraseInfo {
                    code: gap.code,
                    suggestion: None,
                    action: gap.action,
                    replaceable: false,
                },
                range: start..m.end(),
                extended: false,
            });
        }
    }
    hits.sort_by_key(|h| (h.range.start, h.range.end));
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::normalize::normalize;

    #[test]
    fn entries_expand_alternatives_and_stems() {
        let (v, s) = parse_entry("vai {ser |}{preso|presa} => fale do próximo passo real");
        let texts: Vec<_> = v.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(
            texts,
            ["vai ser preso", "vai ser presa", "vai preso", "vai presa"]
        );
        assert_eq!(s, Some("fale do próximo passo real"));
        let (v, _) = parse_entry("arrest*");
        assert_eq!(
            v,
            [Variant {
                text: "arrest".into(),
                prefix: true
            }]
        );
    }

    #[test]
    fn matches_whole_words_and_stems_only() {
        let set = PhraseSet::new([
            (
                Variant {
                    text: "arrest".into(),
                    prefix: true,
                },
                1,
            ),
            (
                Variant {
                    text: "jail".into(),
                    prefix: false,
                },
                2,
            ),
        ]);
        let text = normalize("Arrested? jailbird, arrears, JAIL.", "en").text;
        let found: Vec<_> = set
            .find(&text)
            .into_iter()
            .map(|(m, r)| (*m, text[r].to_string()))
            .collect();
        assert_eq!(
            found,
            [(1, "arrested".to_string()), (2, "jail".to_string())]
        );
    }

    #[test]
    fn every_list_is_already_normalised() {
        let mut wrong = Vec::new();
        for (language, code, line) in list_lines() {
            let (variants, _) = parse_entry(line);
            if variants.is_empty() {
                wrong.push(format!("{language} {code}: empty entry `{line}`"));
            }
            let fold = if language == "universal" {
                ""
            } else {
                language
            };
            for v in variants {
                let normal = normalize(&v.text, fold).text;
                if normal.trim() != v.text {
                    wrong.push(format!(
                        "{language} {code}: `{}` should be written `{}`",
                        v.text,
                        normal.trim()
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "lists not normalised:\n{}",
            wrong.join("\n")
        );
    }

    /// The one automaton per language finds, rule by rule, what one automaton per rule found:
    /// checked on every sentence of the synthetic corpora.
    #[test]
    fn one_automaton_per_language_matches_one_per_rule() {
        for (language, corpus) in [
            ("en", include_str!("../../tests/corpus/en.tsv")),
            ("pt", include_str!("../../tests/corpus/pt.tsv")),
        ] {
            let mut by_code: Vec<(&str, Vec<(Variant, PhraseInfo)>)> = Vec::new();
            for (variant, info) in entries(language) {
                match by_code.iter_mut().find(|(code, _)| *code == info.code) {
                    Some((_, list)) => list.push((variant, info)),
                    None => by_code.push((info.code, vec![(variant, info)])),
                }
            }
            let per_rule: Vec<PhraseSet<PhraseInfo>> = by_code
                .into_iter()
                .map(|(_, list)| PhraseSet::new(list))
                .collect();
            let merged = LanguageSet::new(entries(language));
            let mut compared = 0;
            let lines = corpus.lines().filter(|l| !l.starts_with('#'));
            for sentence in lines.filter_map(|l| l.split('\t').nth(2)) {
                let text = normalize(sentence, language).text;
                let expected: Vec<(&str, Range<usize>, bool)> = per_rule
                    .iter()
                    .flat_map(|set| set.find_marked(&text))
                    .map(|(info, range, extended)| (info.code, range, extended))
                    .collect();
                let found: Vec<(&str, Range<usize>, bool)> = merged
                    .find_marked(&text)
                    .into_iter()
                    .map(|(info, range, extended)| (info.code, range, extended))
                    .collect();
                assert_eq!(found, expected, "{language}: {sentence}");
                compared += found.len();
            }
            assert!(
                compared > 200,
                "{language}: only {compared} matches compared"
            );
        }
    }

    #[test]
    fn gap_patterns_compile() {
        let set_languages: Vec<&str> = SETS.iter().map(|(l, _)| *l).collect();
        let mut expected = SUPPORTED_LANGUAGES.to_vec();
        expected.push("");
        assert_eq!(set_languages, expected);
        for (language, _, _, _) in gap_sources() {
            assert!(GAP_SETS.iter().any(|(l, _)| *l == language), "{language}");
        }
        assert_eq!(GAPS.len(), gap_sources().len());
        for gap in GAPS.iter() {
            assert!(gap.regex().is_some(), "{}", gap.source);
        }
    }
}
